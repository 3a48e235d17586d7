// ARM request semantics over HTTP (fastify inject): JSON merge patch, read-only properties ignored, the service's
// default capacity, case-insensitive paths, the envelope on every refusal, the checks ARM makes itself.
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

let f: ArmFixture;
beforeEach(async () => {
  f = await startArmFixture();
});
afterEach(async () => {
  await f.close();
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- response bodies

async function send(
  method: "GET" | "PUT" | "PATCH" | "DELETE" | "POST",
  url: string,
  payload?: unknown,
) {
  const response = await f.app.inject({
    method,
    url,
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  return {
    status: response.statusCode,
    body: (response.body === "" ? undefined : response.json()) as Json,
    headers: response.headers,
  };
}

const at = (path: string, query = V) => `${path}?${query}`;

async function createScheduler(name = "dts-a", overrides: Record<string, unknown> = {}) {
  const created = await send("PUT", at(schedulerPath(name)), schedulerBody(overrides));
  expect(created.status).toBe(201);
  return created.body;
}

describe("PATCH scheduler is a JSON merge patch", () => {
  it("merges tags, removes a tag sent as null and keeps what the patch does not name", async () => {
    await createScheduler("dts-a", { tags: { team: "a", cost: "1" } });
    const patched = await send("PATCH", at(schedulerPath("dts-a")), {
      tags: { hello: "world", cost: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.tags).toEqual({ team: "a", hello: "world" });
    expect(patched.body.properties.ipAllowlist).toEqual(["0.0.0.0/0"]);
    expect(patched.body.properties.sku).toEqual({
      name: "Dedicated",
      capacity: 1,
      redundancyState: "None",
    });
    const read = await send("GET", at(schedulerPath("dts-a")));
    expect(read.body.tags).toEqual({ team: "a", hello: "world" });
  });

  it("removes every tag with tags: null and replaces arrays whole", async () => {
    await createScheduler("dts-a", { tags: { team: "a" } });
    const patched = await send("PATCH", at(schedulerPath("dts-a")), {
      tags: null,
      properties: { ipAllowlist: ["10.0.0.0/8", "192.168.0.1"] },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.tags).toEqual({});
    expect(patched.body.properties.ipAllowlist).toEqual(["10.0.0.0/8", "192.168.0.1"]);
  });

  it("merges sku: capacity alone changes capacity, null publicNetworkAccess returns to the default", async () => {
    await createScheduler("dts-a", {
      properties: {
        ipAllowlist: [],
        sku: { name: "Dedicated", capacity: 1 },
        publicNetworkAccess: "Disabled",
      },
    });
    const patched = await send("PATCH", at(schedulerPath("dts-a")), {
      properties: { sku: { capacity: 3 }, publicNetworkAccess: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.properties.sku).toEqual({
      name: "Dedicated",
      capacity: 3,
      redundancyState: "Zone",
    });
    expect(patched.body.properties.publicNetworkAccess).toBe("Enabled");
  });

  it("refuses removing a required property, naming it", async () => {
    await createScheduler();
    const patched = await send("PATCH", at(schedulerPath("dts-a")), {
      properties: { ipAllowlist: null },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.error.code).toBe("ValidationError");
    expect(patched.body.error.message).toContain(
      "properties.ipAllowlist: required property is missing",
    );
  });

  it("ignores read-only properties echoed from a GET", async () => {
    const created = await createScheduler();
    const patched = await send("PATCH", at(schedulerPath("dts-a")), {
      id: created.id,
      systemData: created.systemData,
      properties: {
        provisioningState: "Failed",
        endpoint: "https://elsewhere.example",
        sku: { capacity: 2, redundancyState: "Zone" },
        privateEndpointConnections: [{ bogus: true }],
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.properties).toMatchObject({
      provisioningState: "Succeeded",
      endpoint: "http://localhost:8080",
      sku: { name: "Dedicated", capacity: 2, redundancyState: "None" },
      privateEndpointConnections: [],
    });
  });
});

describe("PATCH retention policy is a JSON merge patch", () => {
  const policy = () => `${schedulerPath("dts-a")}/retentionPolicies/default`;

  it("keeps the stored entries when the patch does not name them and replaces them when it does", async () => {
    await createScheduler();
    const entries = [
      { retentionPeriodInDays: 30 },
      { retentionPeriodInDays: 10, orchestrationState: "Failed" },
    ];
    expect(
      (await send("PUT", at(policy()), { properties: { retentionPolicies: entries } })).status,
    ).toBe(201);
    const untouched = await send("PATCH", at(policy()), {
      properties: { provisioningState: "Failed" },
    });
    expect(untouched.status).toBe(200);
    expect(untouched.body.properties).toEqual({
      provisioningState: "Succeeded",
      retentionPolicies: entries,
    });
    const replaced = await send("PATCH", at(policy()), {
      properties: { retentionPolicies: [{ retentionPeriodInDays: 5 }] },
    });
    expect(replaced.body.properties.retentionPolicies).toEqual([{ retentionPeriodInDays: 5 }]);
    const emptied = await send("PATCH", at(policy()), { properties: { retentionPolicies: null } });
    expect(emptied.body.properties.retentionPolicies).toEqual([]);
  });
});

describe("PUT scheduler", () => {
  it("ignores read-only properties without validating them", async () => {
    const created = await send("PUT", at(schedulerPath("dts-a")), {
      id: 42,
      name: ["x"],
      type: null,
      systemData: "yesterday",
      location: "westeurope",
      properties: {
        provisioningState: 7,
        endpoint: { url: "x" },
        ipAllowlist: ["10.0.0.0/8"],
        sku: { name: "Consumption", redundancyState: "Sideways" },
        privateEndpointConnections: "none",
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "dts-a",
      type: "Microsoft.DurableTask/schedulers",
      properties: {
        provisioningState: "Succeeded",
        endpoint: "http://localhost:8080",
        sku: { name: "Consumption", redundancyState: "None" },
        privateEndpointConnections: [],
      },
    });
  });

  it("gives Dedicated without capacity the service default of 3 (zone redundant), as the spec's example shows", async () => {
    const created = await send("PUT", at(schedulerPath("dts-a")), {
      location: "northcentralus",
      properties: { ipAllowlist: ["10.0.0.0/8"], sku: { name: "Dedicated" } },
    });
    expect(created.body.properties.sku).toEqual({
      name: "Dedicated",
      capacity: 3,
      redundancyState: "Zone",
    });
  });

  it("in 2025-11-01 does not reset the publicNetworkAccess set through 2026-02-01", async () => {
    await createScheduler("dts-a", {
      properties: {
        ipAllowlist: [],
        sku: { name: "Consumption" },
        publicNetworkAccess: "Disabled",
      },
    });
    const older = await send("PUT", at(schedulerPath("dts-a"), "api-version=2025-11-01"), {
      location: "westeurope",
      properties: { ipAllowlist: ["10.0.0.0/8"], sku: { name: "Consumption" } },
    });
    expect(older.status).toBe(200);
    expect(older.body.properties.publicNetworkAccess).toBeUndefined();
    const patchedOlder = await send("PATCH", at(schedulerPath("dts-a"), "api-version=2025-11-01"), {
      tags: { a: "b" },
    });
    expect(patchedOlder.status).toBe(200);
    const newer = await send("GET", at(schedulerPath("dts-a")));
    expect(newer.body.properties).toMatchObject({
      ipAllowlist: ["10.0.0.0/8"],
      publicNetworkAccess: "Disabled",
    });
  });
});

describe("paths", () => {
  it("matches provider, resource type and fixed segments case-insensitively", async () => {
    await createScheduler("dts-a");
    const upper = `/subscriptions/${SUB}/RESOURCEGROUPS/${RG}/providers/MICROSOFT.DURABLETASK/Schedulers/dts-a`;
    const read = await send("GET", at(upper));
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(schedulerPath("dts-a"));
    const hub = await send("PUT", at(`${upper}/TASKHUBS/orders`), { properties: {} });
    expect(hub.status).toBe(201);
    const list = await send(
      "GET",
      at(`/subscriptions/${SUB}/providers/microsoft.durabletask/SCHEDULERS`),
    );
    expect(list.body.value).toHaveLength(1);
  });

  it("answers an unknown resource type with 404 in the ARM envelope", async () => {
    const response = await send("GET", at(`${schedulerPath("dts-a")}/widgets/w1`));
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("InvalidResourceType");
    expect(response.body.error.message).toContain("/widgets/w1");
  });

  it("answers an unsupported method with 405, Allow and the ARM envelope", async () => {
    const response = await send("POST", at(schedulerPath("dts-a")), {});
    expect(response.status).toBe(405);
    expect(response.headers["allow"]).toBe("PUT, PATCH, GET, DELETE");
    expect(response.body.error).toEqual({
      code: "MethodNotAllowed",
      message: `The HTTP method 'POST' is not supported on the resource '${schedulerPath("dts-a")}'. Supported methods: PUT, PATCH, GET, DELETE.`,
    });
  });

  it("refuses a subscription id that is not a GUID", async () => {
    const response = await send("PUT", at(schedulerPath("dts-a", "my-sub")), schedulerBody());
    expect(response.status).toBe(400);
    expect(response.body.error).toEqual({
      code: "InvalidSubscriptionId",
      message: "The provided subscription identifier 'my-sub' is malformed or invalid.",
    });
  });

  it("serves Operations_List", async () => {
    const response = await send("GET", at("/providers/Microsoft.DurableTask/operations"));
    expect(response.status).toBe(200);
    const names = (response.body.value as Json[]).map((op) => op["name"] as string);
    expect(names).toContain("Microsoft.DurableTask/schedulers/write");
    expect(names).toContain("Microsoft.DurableTask/schedulers/delete");
    expect(response.body.value[0]).toMatchObject({
      isDataAction: false,
      display: { provider: "Durable Task Scheduler" },
    });
  });
});

describe("bodies", () => {
  it("refuses a non-JSON media type with 415 naming it", async () => {
    const response = await f.app.inject({
      method: "PUT",
      url: at(schedulerPath("dts-a")),
      headers: { "content-type": "text/plain" },
      payload: "location=westeurope",
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toEqual({
      error: {
        code: "UnsupportedMediaType",
        message:
          "The content media type 'text/plain' is not supported. Only 'application/json' is supported.",
      },
    });
  });

  it("accepts a DELETE sent with Content-Type: application/json and no body", async () => {
    await createScheduler();
    const response = await f.app.inject({
      method: "DELETE",
      url: at(schedulerPath("dts-a")),
      headers: { "content-type": "application/json" },
    });
    expect(response.statusCode).toBe(202);
    const gone = await f.app.inject({
      method: "DELETE",
      url: at(schedulerPath("dts-a")),
      headers: { "content-type": "application/json; charset=utf-8" },
      payload: "",
    });
    expect(gone.statusCode).toBe(204);
  });

  it("still refuses an empty PUT body", async () => {
    const response = await f.app.inject({
      method: "PUT",
      url: at(schedulerPath("dts-a")),
      headers: { "content-type": "application/json" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe("InvalidRequestContent");
  });

  it("refuses a deeply nested body with 400 naming the limit", async () => {
    const depth = 100_000;
    const response = await f.app.inject({
      method: "PUT",
      url: at(schedulerPath("dts-a")),
      headers: { "content-type": "application/json" },
      payload: `{"location":"westeurope","tags":${"[".repeat(depth)}${"]".repeat(depth)}}`,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: "InvalidRequestContent" });
    expect(response.json().error.message).toContain("nested more than 64 levels");
  });

  it("drops __proto__ keys instead of letting them reach the object prototype", async () => {
    const response = await f.app.inject({
      method: "PUT",
      url: at(schedulerPath("dts-a")),
      headers: { "content-type": "application/json" },
      payload:
        '{"location":"westeurope","__proto__":{"polluted":true},"properties":{"ipAllowlist":[],"sku":{"name":"Consumption"}}}',
    });
    expect(response.statusCode).toBe(201);
    expect(({} as Json)["polluted"]).toBeUndefined();
  });
});
