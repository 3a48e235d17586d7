// ARM schedulers over HTTP (fastify inject): shapes, LRO headers, every validation rule, quota, delete ordering.
/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access -- ARM bodies are untyped JSON (inject's json()); the assertions pin their shape. */
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

const put = (name: string, body: unknown, query = V, sub = SUB, rg = RG) =>
  f.app.inject({
    method: "PUT",
    url: `${schedulerPath(name, sub, rg)}?${query}`,
    payload: body as object,
  });

function errorOf(response: { json(): unknown }): { code: string; message: string } {
  return (response.json() as { error: { code: string; message: string } }).error;
}

describe("PUT scheduler", () => {
  it("creates with 201, Azure-AsyncOperation pointing at a Succeeded operation, and the ARM shape", async () => {
    const response = await put("dts-orders", schedulerBody({ tags: { team: "a" } }));
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      id: `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.DurableTask/schedulers/dts-orders`,
      name: "dts-orders",
      type: "Microsoft.DurableTask/schedulers",
      location: "westeurope",
      tags: { team: "a" },
      systemData: { createdByType: "Application", lastModifiedByType: "Application" },
      properties: {
        provisioningState: "Succeeded",
        endpoint: "http://localhost:8080",
        ipAllowlist: ["0.0.0.0/0"],
        sku: { name: "Dedicated", capacity: 1, redundancyState: "None" },
        publicNetworkAccess: "Enabled",
        privateEndpointConnections: [],
      },
    });
    expect(typeof body.systemData.createdAt).toBe("string");
    const operationUrl = new URL(response.headers["azure-asyncoperation"] as string);
    expect(operationUrl.pathname).toMatch(
      new RegExp(
        `^/subscriptions/${SUB}/providers/Microsoft.DurableTask/locations/westeurope/operationStatuses/[0-9a-f-]{36}$`,
      ),
    );
    expect(operationUrl.searchParams.get("api-version")).toBe("2026-02-01");
    const status = await f.app.inject({
      method: "GET",
      url: `${operationUrl.pathname}${operationUrl.search}`,
    });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ status: "Succeeded", resourceId: body.id });
  });

  it("answers 200 on update and keeps createdAt", async () => {
    const first = (await put("dts-orders", schedulerBody())).json();
    f.clock.advance(60_000);
    const second = await put(
      "dts-orders",
      schedulerBody({
        properties: { ipAllowlist: ["10.0.0.0/8"], sku: { name: "Dedicated", capacity: 3 } },
      }),
    );
    expect(second.statusCode).toBe(200);
    expect(second.headers["azure-asyncoperation"]).toBeUndefined();
    expect(second.json().properties.sku).toEqual({
      name: "Dedicated",
      capacity: 3,
      redundancyState: "Zone",
    });
    expect(second.json().systemData.createdAt).toBe(first.systemData.createdAt);
    expect(second.json().systemData.lastModifiedAt).not.toBe(first.systemData.lastModifiedAt);
  });

  it("omits capacity for Consumption and 2026-02-01-only properties on 2025-11-01", async () => {
    const response = await put(
      "dts-consumption",
      schedulerBody({ properties: { ipAllowlist: ["1.2.3.4"], sku: { name: "Consumption" } } }),
      "api-version=2025-11-01",
    );
    expect(response.statusCode).toBe(201);
    expect(response.json().properties.sku).toEqual({
      name: "Consumption",
      redundancyState: "None",
    });
    expect(response.json().properties).not.toHaveProperty("publicNetworkAccess");
    expect(response.json().properties).not.toHaveProperty("privateEndpointConnections");
  });

  it.each([
    ["ab", "too short"],
    ["-leading", "leading hyphen"],
    ["trailing-", "trailing hyphen"],
    ["under_score", "underscore"],
    ["x".repeat(65), "too long"],
  ])("refuses the name %s (%s) with InvalidResourceName", async (name) => {
    const response = await put(name, schedulerBody());
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("InvalidResourceName");
    expect(errorOf(response).message).toContain(`'${name}'`);
    expect(errorOf(response).message).toContain("^[a-zA-Z0-9-]{3,64}$");
  });

  const invalid: [string, unknown, string, string][] = [
    [
      "capacity on Consumption",
      schedulerBody({ properties: { ipAllowlist: [], sku: { name: "Consumption", capacity: 1 } } }),
      "InvalidSkuCapacity",
      "properties.sku.capacity: must not be set when properties.sku.name is 'Consumption' (got 1)",
    ],
    [
      "capacity 4",
      schedulerBody({ properties: { ipAllowlist: [], sku: { name: "Dedicated", capacity: 4 } } }),
      "InvalidSkuCapacity",
      "properties.sku.capacity: must be 1, 2 or 3 capacity units for the Dedicated SKU, got 4.",
    ],
    [
      "capacity 0",
      schedulerBody({ properties: { ipAllowlist: [], sku: { name: "Dedicated", capacity: 0 } } }),
      "InvalidSkuCapacity",
      "got 0.",
    ],
    [
      "missing ipAllowlist",
      schedulerBody({ properties: { sku: { name: "Dedicated" } } }),
      "ValidationError",
      "properties.ipAllowlist: required property is missing (expected array)",
    ],
    [
      "missing sku",
      schedulerBody({ properties: { ipAllowlist: [] } }),
      "ValidationError",
      "properties.sku: required property is missing (expected object)",
    ],
    [
      "missing location",
      { properties: { ipAllowlist: [], sku: { name: "Dedicated" } } },
      "ValidationError",
      "location: required property is missing (expected string)",
    ],
    [
      "unknown SKU",
      schedulerBody({ properties: { ipAllowlist: [], sku: { name: "Premium" } } }),
      "ValidationError",
      'properties.sku.name: expected "Dedicated" | "Consumption", got "Premium"',
    ],
    [
      "wrong type",
      schedulerBody({ properties: { ipAllowlist: "10.0.0.0/8", sku: { name: "Dedicated" } } }),
      "ValidationError",
      'properties.ipAllowlist: expected array, got "10.0.0.0/8"',
    ],
    [
      "fractional capacity",
      schedulerBody({ properties: { ipAllowlist: [], sku: { name: "Dedicated", capacity: 1.5 } } }),
      "ValidationError",
      "properties.sku.capacity: expected int, got 1.5",
    ],
    ["unknown field", schedulerBody({ extra: true }), "ValidationError", "extra: unknown property"],
    [
      "unknown nested field",
      schedulerBody({ properties: { ipAllowlist: [], sku: { name: "Dedicated" }, zones: 3 } }),
      "ValidationError",
      "properties.zones: unknown property",
    ],
    [
      "bad allowlist entry",
      schedulerBody({
        properties: { ipAllowlist: ["10.0.0.0/8", "10.0.0.300"], sku: { name: "Dedicated" } },
      }),
      "ValidationError",
      "properties.ipAllowlist[1]: '10.0.0.300' is not an IPv4 address, IPv6 address or CIDR range: expected four-part dotted decimal IPv4",
    ],
    [
      "bad publicNetworkAccess",
      schedulerBody({
        properties: { ipAllowlist: [], sku: { name: "Dedicated" }, publicNetworkAccess: "On" },
      }),
      "ValidationError",
      'properties.publicNetworkAccess: expected "Enabled" | "Disabled", got "On"',
    ],
    ["body is an array", [], "ValidationError", "(body): expected object, got []"],
  ];
  it.each(invalid)(
    "refuses %s with a 400 naming the field and creates nothing",
    async (_label, body, code, message) => {
      const response = await put("dts-invalid", body);
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe(code);
      expect(errorOf(response).message).toContain(message);
      const get = await f.app.inject({
        method: "GET",
        url: `${schedulerPath("dts-invalid")}?${V}`,
      });
      expect(get.statusCode).toBe(404);
    },
  );

  it("refuses publicNetworkAccess on 2025-11-01 as an unknown property", async () => {
    const response = await put(
      "dts-old",
      schedulerBody({
        properties: { ipAllowlist: [], sku: { name: "Dedicated" }, publicNetworkAccess: "Enabled" },
      }),
      "api-version=2025-11-01",
    );
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).message).toContain("properties.publicNetworkAccess: unknown property");
  });

  it("answers malformed JSON with InvalidRequestContent", async () => {
    const response = await f.app.inject({
      method: "PUT",
      url: `${schedulerPath("dts-json")}?${V}`,
      headers: { "content-type": "application/json" },
      payload: '{"location": "westeurope",',
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("InvalidRequestContent");
  });

  it("answers an empty JSON body with InvalidRequestContent", async () => {
    const response = await f.app.inject({
      method: "PUT",
      url: `${schedulerPath("dts-json")}?${V}`,
      headers: { "content-type": "application/json" },
      payload: "",
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toEqual({
      code: "InvalidRequestContent",
      message:
        "The request content was invalid and could not be deserialized: the request body is empty.",
    });
  });

  it("refuses a location change with InvalidResourceLocation", async () => {
    await put("dts-orders", schedulerBody());
    const response = await put("dts-orders", schedulerBody({ location: "northeurope" }));
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).code).toBe("InvalidResourceLocation");
    expect(errorOf(response).message).toContain("already exists in location 'westeurope'");
  });

  it("treats location names case- and space-insensitively", async () => {
    await put("dts-orders", schedulerBody({ location: "westeurope" }));
    expect((await put("dts-orders", schedulerBody({ location: "West Europe" }))).statusCode).toBe(
      200,
    );
  });

  it("refuses a name already used in another resource group with 409 SchedulerNameNotAvailable", async () => {
    await put("dts-orders", schedulerBody());
    const response = await put("dts-orders", schedulerBody(), V, SUB, "rg-other");
    expect(response.statusCode).toBe(409);
    expect(errorOf(response).code).toBe("SchedulerNameNotAvailable");
  });
});

describe("api-version", () => {
  it("is required", async () => {
    const response = await f.app.inject({ method: "GET", url: schedulerPath("dts-orders") });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toEqual({
      code: "MissingApiVersionParameter",
      message: "The api-version query parameter (?api-version=) is required for all requests.",
    });
  });

  it.each(["2024-10-01-preview", "2025-04-01-preview", "2026-05-01-preview", "2022-04-01"])(
    "refuses the well-formed %s with NoRegisteredProviderFound listing the supported versions",
    async (version) => {
      const response = await put("dts-orders", schedulerBody(), `api-version=${version}`);
      expect(response.statusCode).toBe(400);
      expect(errorOf(response)).toEqual({
        code: "NoRegisteredProviderFound",
        message: `No registered resource provider found for location 'westeurope' and API version '${version}' for type 'schedulers'. The supported api-versions are '2025-11-01, 2026-02-01'.`,
      });
    },
  );

  it("refuses a malformed api-version with InvalidApiVersionParameter", async () => {
    const response = await put("dts-orders", schedulerBody(), "api-version=latest");
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toEqual({
      code: "InvalidApiVersionParameter",
      message:
        "The api-version 'latest' is invalid. The supported versions are '2025-11-01, 2026-02-01'.",
    });
  });

  it("names the stored scheduler's location on a GET with an unsupported version", async () => {
    await put("dts-orders", schedulerBody());
    const response = await f.app.inject({
      method: "GET",
      url: `${schedulerPath("dts-orders")}?api-version=2020-01-01`,
    });
    expect(errorOf(response).message).toContain("for location 'westeurope'");
  });

  it("refuses api-version given twice", async () => {
    const response = await put(
      "dts-orders",
      schedulerBody(),
      "api-version=2026-02-01&api-version=2025-11-01",
    );
    expect(response.statusCode).toBe(400);
    expect(errorOf(response)).toEqual({
      code: "InvalidApiVersionParameter",
      message:
        "The api-version query parameter was given 2 times ('2026-02-01', '2025-11-01'); give it exactly once.",
    });
  });

  it("accepts both supported versions", async () => {
    expect((await put("dts-a", schedulerBody(), "api-version=2025-11-01")).statusCode).toBe(201);
    expect((await put("dts-b", schedulerBody(), "api-version=2026-02-01")).statusCode).toBe(201);
  });
});

describe("PATCH, GET, list", () => {
  it("patches tags and sku, validating the merged result", async () => {
    await put("dts-orders", schedulerBody());
    const patched = await f.app.inject({
      method: "PATCH",
      url: `${schedulerPath("dts-orders")}?${V}`,
      payload: { tags: { cost: "1" }, properties: { sku: { capacity: 2 } } },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      tags: { cost: "1" },
      properties: { sku: { name: "Dedicated", capacity: 2 }, ipAllowlist: ["0.0.0.0/0"] },
    });
    const toConsumption = await f.app.inject({
      method: "PATCH",
      url: `${schedulerPath("dts-orders")}?${V}`,
      payload: { properties: { sku: { name: "Consumption" } } },
    });
    expect(toConsumption.statusCode).toBe(200);
    expect(toConsumption.json().properties.sku).toEqual({
      name: "Consumption",
      redundancyState: "None",
    });
    const bad = await f.app.inject({
      method: "PATCH",
      url: `${schedulerPath("dts-orders")}?${V}`,
      payload: { properties: { sku: { capacity: 2 } } },
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).code).toBe("InvalidSkuCapacity");
    const unknown = await f.app.inject({
      method: "PATCH",
      url: `${schedulerPath("dts-orders")}?${V}`,
      payload: { location: "northeurope" },
    });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).message).toContain("location: unknown property");
  });

  it("PATCH of a missing scheduler is ResourceNotFound", async () => {
    const response = await f.app.inject({
      method: "PATCH",
      url: `${schedulerPath("dts-missing")}?${V}`,
      payload: { tags: {} },
    });
    expect(response.statusCode).toBe(404);
  });

  it("GET of a missing scheduler is ResourceNotFound with Azure's wording", async () => {
    const response = await f.app.inject({
      method: "GET",
      url: `${schedulerPath("dts-missing")}?${V}`,
    });
    expect(response.statusCode).toBe(404);
    expect(errorOf(response)).toEqual({
      code: "ResourceNotFound",
      message: `The Resource 'Microsoft.DurableTask/schedulers/dts-missing' under resource group '${RG}' was not found.`,
    });
  });

  it("lists by resource group and by subscription", async () => {
    await put("dts-one", schedulerBody());
    await put("dts-two", schedulerBody(), V, SUB, "rg-two");
    await put("dts-three", schedulerBody(), V, "22222222-2222-2222-2222-222222222222", "rg-two");
    const byRg = await f.app.inject({
      method: "GET",
      url: `/subscriptions/${SUB}/resourceGroups/rg-two/providers/Microsoft.DurableTask/schedulers?${V}`,
    });
    expect(byRg.json().value.map((s: { name: string }) => s.name)).toEqual(["dts-two"]);
    const bySub = await f.app.inject({
      method: "GET",
      url: `/subscriptions/${SUB}/providers/Microsoft.DurableTask/schedulers?${V}`,
    });
    expect(bySub.json().value.map((s: { name: string }) => s.name)).toEqual(["dts-one", "dts-two"]);
  });
});

describe("quota", () => {
  it("allows five schedulers per region per subscription and refuses the sixth, creating nothing", async () => {
    for (let i = 1; i <= 5; i++) {
      expect(
        (await put(`dts-q${i}`, schedulerBody({ location: i % 2 ? "westeurope" : "West Europe" })))
          .statusCode,
      ).toBe(201);
    }
    const sixth = await put("dts-q6", schedulerBody());
    expect(sixth.statusCode).toBe(409);
    expect(errorOf(sixth)).toEqual({
      code: "SchedulerQuotaExceeded",
      message: `Scheduler quota exceeded: subscription '${SUB}' already has 5 schedulers in region 'westeurope' and the limit is 5 schedulers per region per subscription (--max-schedulers-per-region). Delete a scheduler in 'westeurope' or raise the limit.`,
    });
    expect(
      (await f.app.inject({ method: "GET", url: `${schedulerPath("dts-q6")}?${V}` })).statusCode,
    ).toBe(404);
    // Other regions and other subscriptions have their own quota; updates of existing schedulers are not counted.
    expect((await put("dts-q7", schedulerBody({ location: "northeurope" }))).statusCode).toBe(201);
    expect(
      (await put("dts-q8", schedulerBody(), V, "22222222-2222-2222-2222-222222222222")).statusCode,
    ).toBe(201);
    expect((await put("dts-q1", schedulerBody())).statusCode).toBe(200);
  });

  it("honours a configured limit", async () => {
    await f.close();
    f = await startArmFixture({ maxSchedulersPerRegion: 1 });
    expect((await put("dts-one", schedulerBody())).statusCode).toBe(201);
    const second = await put("dts-two", schedulerBody());
    expect(second.statusCode).toBe(409);
    expect(errorOf(second).message).toContain("limit is 1 schedulers");
  });
});

describe("DELETE scheduler", () => {
  it("is refused while task hubs exist (Azure's exact message), then succeeds with 202 once they are gone", async () => {
    await put("dts-orders", schedulerBody());
    await f.app.inject({
      method: "PUT",
      url: `${schedulerPath("dts-orders")}/taskHubs/orders?${V}`,
      payload: {},
    });
    const refused = await f.app.inject({
      method: "DELETE",
      url: `${schedulerPath("dts-orders")}?${V}`,
    });
    expect(refused.statusCode).toBe(409);
    expect(errorOf(refused)).toEqual({
      code: "CannotDeleteResource",
      message:
        "Cannot delete resource while nested resources exist. Some existing nested resource IDs include: 'Microsoft.DurableTask/schedulers/dts-orders/taskhubs/orders'. Please delete all nested resources before deleting this resource.",
    });
    const hubDelete = await f.app.inject({
      method: "DELETE",
      url: `${schedulerPath("dts-orders")}/taskHubs/orders?${V}`,
    });
    expect(hubDelete.statusCode).toBe(202);
    const deleted = await f.app.inject({
      method: "DELETE",
      url: `${schedulerPath("dts-orders")}?${V}`,
    });
    expect(deleted.statusCode).toBe(202);
    const location = new URL(deleted.headers.location as string);
    const result = await f.app.inject({
      method: "GET",
      url: `${location.pathname}${location.search}`,
    });
    expect(result.statusCode).toBe(204);
    expect(
      (await f.app.inject({ method: "GET", url: `${schedulerPath("dts-orders")}?${V}` }))
        .statusCode,
    ).toBe(404);
    const again = await f.app.inject({
      method: "DELETE",
      url: `${schedulerPath("dts-orders")}?${V}`,
    });
    expect(again.statusCode).toBe(204);
  });
});

describe("never a crash", () => {
  it("answers a non-JSON body with 415 UnsupportedMediaType in the ARM envelope", async () => {
    const response = await f.app.inject({
      method: "PUT",
      url: `${schedulerPath("dts-xml")}?${V}`,
      headers: { "content-type": "application/xml" },
      payload: "<scheduler/>",
    });
    expect(response.statusCode).toBe(415);
    expect(errorOf(response).code).toBe("UnsupportedMediaType");
  });

  it("answers an unknown operation id with ResourceNotFound", async () => {
    const response = await f.app.inject({
      method: "GET",
      url: `/subscriptions/${SUB}/providers/Microsoft.DurableTask/locations/westeurope/operationStatuses/00000000-0000-0000-0000-000000000000?${V}`,
    });
    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe("ResourceNotFound");
  });

  it("keeps serving after a burst of bad requests", async () => {
    const bodies = ['{"a":', "null", "[1,2]", '"text"', "{}", '{"location":5}'];
    for (const payload of bodies) {
      const response = await f.app.inject({
        method: "PUT",
        url: `${schedulerPath("dts-burst")}?${V}`,
        headers: { "content-type": "application/json" },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toMatch(/^(InvalidRequestContent|ValidationError)$/);
    }
    expect((await put("dts-burst", schedulerBody())).statusCode).toBe(201);
  });
});
