// ARM task hubs over HTTP: one source of truth with the hub directory, uniqueness, quota, delete.
/* eslint-disable @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access -- ARM bodies are untyped JSON (inject's json()); the assertions pin their shape. */
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

let f: ArmFixture;
beforeEach(async () => {
  f = await startArmFixture({ maxTaskHubsPerScheduler: 3 });
  await f.app.inject({
    method: "PUT",
    url: `${schedulerPath("dts-orders")}?${V}`,
    payload: schedulerBody(),
  });
});
afterEach(async () => {
  await f.close();
});

const hubUrl = (hub: string, scheduler = "dts-orders") =>
  `${schedulerPath(scheduler)}/taskHubs/${hub}?${V}`;
const errorOf = (r: { json(): unknown }) =>
  (r.json() as { error: { code: string; message: string } }).error;

describe("task hubs", () => {
  it("PUT creates the hub in the core with 201 + Azure-AsyncOperation; a second PUT answers 200", async () => {
    const created = await f.app.inject({
      method: "PUT",
      url: hubUrl("orders"),
      payload: { properties: {} },
    });
    expect(created.statusCode).toBe(201);
    expect(created.headers["azure-asyncoperation"]).toMatch(/operationStatuses\//);
    expect(created.json()).toMatchObject({
      id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.DurableTask/schedulers/dts-orders/taskHubs/orders`,
      name: "orders",
      type: "Microsoft.DurableTask/schedulers/taskHubs",
      properties: {
        provisioningState: "Succeeded",
        dashboardUrl: "http://localhost:8082/taskhubs/orders",
      },
    });
    expect(f.hubs.getHub("orders")).toMatchObject({ name: "orders", scheduler: "dts-orders" });
    const again = await f.app.inject({ method: "PUT", url: hubUrl("orders"), payload: {} });
    expect(again.statusCode).toBe(200);
  });

  it("accepts the lower-case `taskhubs` path ARM clients also use", async () => {
    const response = await f.app.inject({
      method: "PUT",
      url: `${schedulerPath("dts-orders")}/taskhubs/orders?${V}`,
      payload: {},
    });
    expect(response.statusCode).toBe(201);
  });

  it("GET and list read the hubs the core holds", async () => {
    await f.app.inject({ method: "PUT", url: hubUrl("orders"), payload: {} });
    await f.app.inject({ method: "PUT", url: hubUrl("billing"), payload: {} });
    const get = await f.app.inject({ method: "GET", url: hubUrl("billing") });
    expect(get.json().name).toBe("billing");
    const list = await f.app.inject({
      method: "GET",
      url: `${schedulerPath("dts-orders")}/taskHubs?${V}`,
    });
    expect(
      list
        .json()
        .value.map((h: { name: string }) => h.name)
        .sort(),
    ).toEqual(["billing", "orders"]);
  });

  it("GET of a missing hub is ResourceNotFound; under a missing scheduler ParentResourceNotFound", async () => {
    const missing = await f.app.inject({ method: "GET", url: hubUrl("nope") });
    expect(missing.statusCode).toBe(404);
    expect(errorOf(missing).code).toBe("ResourceNotFound");
    const orphan = await f.app.inject({
      method: "PUT",
      url: hubUrl("orders", "dts-missing"),
      payload: {},
    });
    expect(orphan.statusCode).toBe(404);
    expect(errorOf(orphan)).toEqual({
      code: "ParentResourceNotFound",
      message:
        "Can not perform requested operation on nested resource. Parent resource 'Microsoft.DurableTask/schedulers/dts-missing' not found.",
    });
    expect(f.hubs.getHub("orders")).toBeUndefined();
  });

  it("refuses an invalid name and unknown body fields", async () => {
    const badName = await f.app.inject({ method: "PUT", url: hubUrl("a_b"), payload: {} });
    expect(badName.statusCode).toBe(400);
    expect(errorOf(badName).code).toBe("InvalidResourceName");
    expect(errorOf(badName).message).toContain("task hub name 'a_b'");
    const unknown = await f.app.inject({
      method: "PUT",
      url: hubUrl("orders"),
      payload: { properties: { capabilities: ["x"] } },
    });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).message).toContain("properties.capabilities: unknown property");
    expect(f.hubs.hubs.size).toBe(0);
  });

  it("refuses a name taken under another scheduler with 409 (hub names are unique in the emulator)", async () => {
    await f.app.inject({
      method: "PUT",
      url: `${schedulerPath("dts-billing")}?${V}`,
      payload: schedulerBody(),
    });
    await f.app.inject({ method: "PUT", url: hubUrl("orders"), payload: {} });
    const taken = await f.app.inject({
      method: "PUT",
      url: hubUrl("orders", "dts-billing"),
      payload: {},
    });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken).code).toBe("TaskHubNameNotAvailable");
    expect(errorOf(taken).message).toContain("already in use by scheduler 'dts-orders'");
    // and it is not visible under the other scheduler
    expect(
      (await f.app.inject({ method: "GET", url: hubUrl("orders", "dts-billing") })).statusCode,
    ).toBe(404);
  });

  it("enforces the per-scheduler hub quota, creating nothing over it", async () => {
    for (const hub of ["hub-1", "hub-2", "hub-3"]) {
      expect(
        (await f.app.inject({ method: "PUT", url: hubUrl(hub), payload: {} })).statusCode,
      ).toBe(201);
    }
    const fourth = await f.app.inject({ method: "PUT", url: hubUrl("hub-4"), payload: {} });
    expect(fourth.statusCode).toBe(409);
    expect(errorOf(fourth)).toEqual({
      code: "TaskHubQuotaExceeded",
      message:
        "Task hub quota exceeded: scheduler 'dts-orders' already has 3 task hubs and the limit is 3 task hubs per scheduler (--max-task-hubs-per-scheduler). Delete a task hub or raise the limit.",
    });
    expect(f.hubs.getHub("hub-4")).toBeUndefined();
  });

  it("DELETE removes the hub from the core (202), then 204 when it no longer exists", async () => {
    await f.app.inject({ method: "PUT", url: hubUrl("orders"), payload: {} });
    const deleted = await f.app.inject({ method: "DELETE", url: hubUrl("orders") });
    expect(deleted.statusCode).toBe(202);
    expect(deleted.headers.location).toMatch(/operationResults\//);
    expect(f.hubs.deleted).toEqual(["orders"]);
    expect((await f.app.inject({ method: "DELETE", url: hubUrl("orders") })).statusCode).toBe(204);
  });

  it("has no PATCH (as in the spec)", async () => {
    const response = await f.app.inject({ method: "PATCH", url: hubUrl("orders"), payload: {} });
    expect(response.statusCode).toBe(405);
    expect(response.headers["allow"]).toBe("PUT, GET, DELETE");
    expect(response.json()).toMatchObject({ error: { code: "MethodNotAllowed" } });
  });
});
