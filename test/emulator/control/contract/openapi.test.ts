// Unit tests of the contract suite's own checkers: the OpenAPI schema validator (openapi.ts) on the transcribed
// spec definitions, and the example-body matcher (match.ts).
import { describe, expect, it } from "vitest";
import { bodyMismatches } from "./match";
import { validateSchema } from "./openapi";
import { DEFINITIONS } from "./specSchemas";

const scheduler = (properties: Record<string, unknown>) => ({
  id: "/subscriptions/s/resourceGroups/r/providers/Microsoft.DurableTask/schedulers/x",
  name: "x",
  type: "Microsoft.DurableTask/schedulers",
  location: "westus",
  tags: { a: "b" },
  systemData: { createdAt: "2024-04-17T15:34:17.365Z", createdByType: "User" },
  properties: {
    provisioningState: "Succeeded",
    ipAllowlist: ["10.0.0.0/8"],
    sku: { name: "Dedicated", capacity: 3, redundancyState: "Zone" },
    ...properties,
  },
});
const SCHEDULER = { $ref: "#/definitions/Scheduler" };

describe("validateSchema on the spec definitions", () => {
  it("accepts a scheduler of each version's shape", () => {
    expect(validateSchema(scheduler({}), SCHEDULER, DEFINITIONS["2025-11-01"])).toEqual([]);
    expect(
      validateSchema(
        scheduler({ publicNetworkAccess: "Disabled", privateEndpointConnections: [] }),
        SCHEDULER,
        DEFINITIONS["2026-02-01"],
      ),
    ).toEqual([]);
  });

  it("refuses a property the version does not define (publicNetworkAccess in 2025-11-01)", () => {
    expect(
      validateSchema(
        scheduler({ publicNetworkAccess: "Enabled" }),
        SCHEDULER,
        DEFINITIONS["2025-11-01"],
      ),
    ).toEqual([
      '$.properties.publicNetworkAccess: property is not defined in the schema (value "Enabled")',
    ]);
  });

  it("names the path of a missing required member, a bad enum, a bad type and a bad format", () => {
    const body = scheduler({ sku: { capacity: "3" } });
    (body.systemData as Record<string, unknown>)["createdAt"] = "yesterday";
    delete (body as Record<string, unknown>)["location"];
    body.properties.provisioningState = "Done";
    expect(validateSchema(body, SCHEDULER, DEFINITIONS["2026-02-01"])).toEqual([
      "$.location: required property is missing",
      '$.systemData.createdAt: expected an RFC 3339 date-time, got "yesterday"',
      '$.properties.provisioningState: expected one of "Succeeded" | "Failed" | "Canceled" | "Provisioning" | "Updating" | "Deleting" | "Accepted", got "Done"',
      "$.properties.sku.name: required property is missing",
      '$.properties.sku.capacity: expected an integer, got "3"',
    ]);
  });

  it("validates the ARM error envelope, nested details included", () => {
    const schema = { $ref: "#/definitions/ErrorResponse" };
    expect(
      validateSchema(
        { error: { code: "X", message: "m", details: [{ code: "Y", message: "n" }] } },
        schema,
        DEFINITIONS["2025-11-01"],
      ),
    ).toEqual([]);
    expect(
      validateSchema({ message: "Not Found", statusCode: 404 }, schema, DEFINITIONS["2025-11-01"]),
    ).toEqual([
      '$.message: property is not defined in the schema (value "Not Found")',
      "$.statusCode: property is not defined in the schema (value 404)",
    ]);
  });
});

describe("bodyMismatches", () => {
  it("requires every example member with the same value", () => {
    expect(
      bodyMismatches({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [1, 2] }, extra: true }),
    ).toEqual([]);
    expect(bodyMismatches({ a: 1, b: { c: [1, 2] } }, { a: 2, b: { c: [1] } })).toEqual([
      "$.a: expected 1, got 2",
      "$.b.c: expected 2 items, got 1: [1]",
    ]);
    expect(bodyMismatches({ tags: { x: "1" } }, {})).toEqual([
      '$.tags: missing (example has {"x":"1"})',
    ]);
  });

  it("takes service-assigned values as present and well-formed, ids case-insensitively", () => {
    expect(
      bodyMismatches(
        {
          id: "/subscriptions/ABC/x",
          systemData: { createdBy: "someone" },
          properties: {
            endpoint: "https://a.example",
            dashboardUrl: "https://d.example/taskhubs/h",
          },
        },
        {
          id: "/subscriptions/abc/x",
          systemData: { createdBy: "dtsx-emulator" },
          properties: {
            endpoint: "http://localhost:1",
            dashboardUrl: "http://localhost:2/taskhubs/h",
          },
        },
      ),
    ).toEqual([]);
    expect(
      bodyMismatches(
        {
          systemData: { createdBy: "x" },
          properties: { endpoint: "https://a", dashboardUrl: "https://d/taskhubs/h" },
        },
        {
          systemData: {},
          properties: { endpoint: "nope", dashboardUrl: "http://l/taskhubs/other" },
        },
      ),
    ).toEqual([
      "$.systemData.createdBy: missing (service-assigned, any value)",
      '$.properties.endpoint: expected an absolute URL, got "nope"',
      '$.properties.dashboardUrl: expected a URL ending in /taskhubs/h, got "http://l/taskhubs/other"',
    ]);
  });

  it("matches a list's items in any order, ignores nextLink and reports an item nothing matches", () => {
    expect(
      bodyMismatches({ value: [{ n: 2 }], nextLink: "https://x" }, { value: [{ n: 1 }, { n: 2 }] }),
    ).toEqual([]);
    expect(bodyMismatches({ value: [{ n: 3 }] }, { value: [{ n: 1 }] })).toEqual([
      '$.value[0]: no item of the response matches {"n":3}',
    ]);
  });
});
