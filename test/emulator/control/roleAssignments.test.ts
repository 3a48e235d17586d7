// ARM role assignments (Microsoft.Authorization 2022-04-01) at scheduler and task hub scope.
/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access -- ARM bodies are untyped JSON (inject's json()); the assertions pin their shape. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  RG,
  SUB,
  V,
  schedulerBody,
  schedulerPath,
  startArmFixture,
  type ArmFixture,
} from "./armFixture";

const WORKER = "80d0d6b0-f522-40a4-8886-a5a11720c375";
const READER = "d6a5505f-6ebb-45a4-896e-ac8274cfc0ac";
const PRINCIPAL = "7c3e5a1f-9d2b-4f6e-8a4c-1b3d5f7a9e02";
const NAME = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const RA = "api-version=2022-04-01";

let f: ArmFixture;
beforeEach(async () => {
  f = await startArmFixture();
  await f.app.inject({
    method: "PUT",
    url: `${schedulerPath("dts-orders")}?${V}`,
    payload: schedulerBody(),
  });
  await f.app.inject({
    method: "PUT",
    url: `${schedulerPath("dts-orders")}/taskHubs/orders?${V}`,
    payload: {},
  });
});
afterEach(async () => {
  await f.close();
});

const hubScope = `${schedulerPath("dts-orders")}/taskHubs/orders`;
const assignmentUrl = (scope: string, name = NAME, version = RA) =>
  `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}?${version}`;
const body = (role = WORKER, principalId = PRINCIPAL, extra: Record<string, unknown> = {}) => ({
  properties: {
    roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${role}`,
    principalId,
    principalType: "ServicePrincipal",
    ...extra,
  },
});
const errorOf = (r: { json(): unknown }) =>
  (r.json() as { error: { code: string; message: string } }).error;

describe("role assignments", () => {
  it("PUT creates at task hub scope (201), GET reads it, an identical PUT answers 200", async () => {
    const created = await f.app.inject({
      method: "PUT",
      url: assignmentUrl(hubScope),
      payload: body(),
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      id: `${hubScope}/providers/Microsoft.Authorization/roleAssignments/${NAME}`,
      name: NAME,
      type: "Microsoft.Authorization/roleAssignments",
      properties: expect.objectContaining({
        roleDefinitionId: `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${WORKER}`,
        principalId: PRINCIPAL,
        principalType: "ServicePrincipal",
        scope: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.DurableTask/schedulers/dts-orders/taskHubs/orders`,
      }),
    });
    expect((await f.app.inject({ method: "GET", url: assignmentUrl(hubScope) })).json().name).toBe(
      NAME,
    );
    expect(
      (await f.app.inject({ method: "PUT", url: assignmentUrl(hubScope), payload: body() }))
        .statusCode,
    ).toBe(200);
  });

  it("accepts a bare role GUID as roleDefinitionId", async () => {
    const response = await f.app.inject({
      method: "PUT",
      url: assignmentUrl(schedulerPath("dts-orders")),
      payload: { properties: { roleDefinitionId: READER, principalId: PRINCIPAL } },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().properties.principalType).toBe("User");
  });

  it("lists at a scope: hub scope includes its scheduler's; scheduler scope includes its hubs' unless atScope()", async () => {
    await f.app.inject({ method: "PUT", url: assignmentUrl(hubScope), payload: body() });
    const other = "0d9d5e0e-1111-4a4a-8b8b-222222222222";
    await f.app.inject({
      method: "PUT",
      url: assignmentUrl(schedulerPath("dts-orders"), other),
      payload: body(READER),
    });
    const listUrl = (scope: string, filter = "") =>
      `${scope}/providers/Microsoft.Authorization/roleAssignments?${RA}${filter}`;
    const names = async (url: string) =>
      ((await f.app.inject({ method: "GET", url })).json().value as { name: string }[])
        .map((a) => a.name)
        .sort();
    expect(await names(listUrl(hubScope))).toEqual([other, NAME].sort());
    expect(await names(listUrl(schedulerPath("dts-orders")))).toEqual([other, NAME].sort());
    expect(await names(listUrl(schedulerPath("dts-orders"), "&$filter=atScope()"))).toEqual([
      other,
    ]);
  });

  it("DELETE answers 200 with the assignment, then 204", async () => {
    await f.app.inject({ method: "PUT", url: assignmentUrl(hubScope), payload: body() });
    const deleted = await f.app.inject({ method: "DELETE", url: assignmentUrl(hubScope) });
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json().name).toBe(NAME);
    expect(
      (await f.app.inject({ method: "DELETE", url: assignmentUrl(hubScope) })).statusCode,
    ).toBe(204);
    const get = await f.app.inject({ method: "GET", url: assignmentUrl(hubScope) });
    expect(get.statusCode).toBe(404);
    expect(errorOf(get).code).toBe("RoleAssignmentNotFound");
  });

  it("requires api-version 2022-04-01", async () => {
    const response = await f.app.inject({
      method: "PUT",
      url: assignmentUrl(hubScope, NAME, V),
      payload: body(),
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toEqual({
      code: "NoRegisteredProviderFound",
      message:
        "No registered resource provider found for location '*' and API version '2026-02-01' for type 'roleAssignments'. The supported api-versions are '2022-04-01'.",
    });
  });

  it.each([
    [
      "a non-GUID name",
      assignmentUrl(hubScope, "not-a-guid"),
      body(),
      400,
      "InvalidRoleAssignmentId",
    ],
    [
      "a non-DTS role",
      assignmentUrl(hubScope),
      body("8e3af657-a8ff-443c-a75c-2fe8c4bcb635"),
      400,
      "RoleDefinitionDoesNotExist",
    ],
    [
      "a non-GUID principal",
      assignmentUrl(hubScope),
      body(WORKER, "orders-app"),
      400,
      "ValidationError",
    ],
    [
      "an unknown principalType",
      assignmentUrl(hubScope),
      body(WORKER, PRINCIPAL, { principalType: "Robot" }),
      400,
      "ValidationError",
    ],
    [
      "a condition (unsupported field)",
      assignmentUrl(hubScope),
      body(WORKER, PRINCIPAL, { condition: "x" }),
      400,
      "ValidationError",
    ],
    [
      "a missing hub",
      assignmentUrl(`${schedulerPath("dts-orders")}/taskHubs/nope`),
      body(),
      404,
      "ResourceNotFound",
    ],
    [
      "a missing scheduler",
      assignmentUrl(schedulerPath("dts-nope")),
      body(),
      404,
      "ResourceNotFound",
    ],
  ])("refuses %s", async (_label, url, payload, statusCode, code) => {
    const response = await f.app.inject({ method: "PUT", url, payload });
    expect(response.statusCode).toBe(statusCode);
    expect(errorOf(response).code).toBe(code);
  });

  it("refuses changing an assignment and duplicating one under another name", async () => {
    await f.app.inject({ method: "PUT", url: assignmentUrl(hubScope), payload: body() });
    const changed = await f.app.inject({
      method: "PUT",
      url: assignmentUrl(hubScope),
      payload: body(READER),
    });
    expect(changed.statusCode).toBe(409);
    expect(errorOf(changed).code).toBe("RoleAssignmentUpdateNotPermitted");
    const duplicate = await f.app.inject({
      method: "PUT",
      url: assignmentUrl(hubScope, "0d9d5e0e-1111-4a4a-8b8b-333333333333"),
      payload: body(),
    });
    expect(duplicate.statusCode).toBe(409);
    expect(errorOf(duplicate)).toEqual({
      code: "RoleAssignmentExists",
      message: `The role assignment already exists. The ID of the existing role assignment is ${NAME}.`,
    });
  });

  it("deleting a hub removes the assignments at its scope", async () => {
    await f.app.inject({ method: "PUT", url: assignmentUrl(hubScope), payload: body() });
    await f.app.inject({ method: "DELETE", url: `${hubScope}?${V}` });
    await f.app.inject({ method: "PUT", url: `${hubScope}?${V}`, payload: {} });
    const list = await f.app.inject({
      method: "GET",
      url: `${hubScope}/providers/Microsoft.Authorization/roleAssignments?${RA}`,
    });
    expect(list.json().value).toEqual([]);
  });
});
