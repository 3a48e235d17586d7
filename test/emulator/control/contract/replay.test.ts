// The contract suite: every official example of the schedulers, task hubs, retention policies and
// Operations_List operations of api-versions 2025-11-01 and 2026-02-01 (examples.ts) replayed against a real
// emulator over HTTP, checking the status, the long-running-operation headers and polling, the body against the
// example's, and every response — setup, polls and errors included — against the operation's OpenAPI schema
// (specSchemas.ts).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../../helpers/emulator";
import { contractExamples, type ContractExample } from "./examples";
import { bodyMismatches } from "./match";
import { validateSchema } from "./openapi";
import {
  CONTRACT_API_VERSIONS,
  DEFINITIONS,
  LONG_RUNNING,
  RESPONSES,
  type ContractApiVersion,
  type OperationId,
} from "./specSchemas";

interface Exchange {
  status: number;
  headers: Headers;
  body: unknown;
}

let emulator: TestEmulator;
let base: string;
beforeEach(async () => {
  emulator = await startTestEmulator();
  base = `http://127.0.0.1:${emulator.handle.httpPort}`;
});
afterEach(async () => {
  await emulator.close();
});

async function call(method: string, url: string, body?: unknown): Promise<Exchange> {
  const response = await fetch(new URL(url, base), {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? undefined : (JSON.parse(text) as unknown),
  };
}

const withVersion = (path: string, version: string) =>
  `${path}${path.includes("?") ? "&" : "?"}api-version=${version}`;

/** Validates a response of `operationId` against its schema: the status's definition, or `default`. */
function schemaIssues(
  version: ContractApiVersion,
  operationId: OperationId | "OperationStatus",
  exchange: Exchange,
): string[] {
  const definitions = DEFINITIONS[version];
  if (operationId === "OperationStatus") {
    return validateSchema(
      exchange.body,
      { $ref: "#/definitions/OperationStatusResult" },
      definitions,
    );
  }
  const responses = RESPONSES[operationId];
  const definition = exchange.status in responses ? responses[exchange.status] : "ErrorResponse";
  if (definition === null) {
    return exchange.body === undefined
      ? []
      : [`status ${exchange.status} has no body in the spec, got ${JSON.stringify(exchange.body)}`];
  }
  if (definition === undefined)
    return [`status ${exchange.status} is not a response of ${operationId}`];
  return validateSchema(exchange.body, { $ref: `#/definitions/${definition}` }, definitions);
}

function expectSchema(
  version: ContractApiVersion,
  operationId: OperationId | "OperationStatus",
  exchange: Exchange,
  what: string,
): void {
  expect(schemaIssues(version, operationId, exchange), `${what}: schema`).toEqual([]);
}

const OPERATION_OF_PUT: Record<string, OperationId> = {
  schedulers: "Schedulers_CreateOrUpdate",
  taskHubs: "TaskHubs_CreateOrUpdate",
  retentionPolicies: "RetentionPolicies_CreateOrReplace",
};

async function provision(example: ContractExample): Promise<void> {
  for (const { path, body } of example.given) {
    const type = path.split("/").at(-2) ?? "";
    const response = await call("PUT", withVersion(path, example.apiVersion), body);
    expect(response.status, `given ${path}: ${JSON.stringify(response.body)}`).toBe(201);
    expectSchema(
      example.apiVersion,
      OPERATION_OF_PUT[type] ?? "Schedulers_CreateOrUpdate",
      response,
      `given ${path}`,
    );
  }
}

/** 201 → Azure-AsyncOperation to a Succeeded status; 202 → Location answering 204 once done. */
async function followOperation(example: ContractExample, response: Exchange): Promise<void> {
  const version = example.apiVersion;
  const retryAfter = response.headers.get("retry-after");
  if (response.status === 201) {
    const monitor = response.headers.get("azure-asyncoperation");
    expect(monitor, "201 carries Azure-AsyncOperation").toBeTruthy();
    expect(Number.isInteger(Number(retryAfter)), "Retry-After is an integer").toBe(true);
    const status = await call("GET", monitor ?? "");
    expect(status.status).toBe(200);
    expectSchema(version, "OperationStatus", status, "Azure-AsyncOperation status");
    expect(status.body).toMatchObject({ status: "Succeeded" });
    expect(new URL(monitor ?? "").searchParams.get("api-version")).toBe(version);
  }
  if (response.status === 202) {
    const location = response.headers.get("location");
    expect(location, "202 carries Location").toBeTruthy();
    expect(Number.isInteger(Number(retryAfter)), "Retry-After is an integer").toBe(true);
    const result = await call("GET", location ?? "");
    expect(result.status, "Location answers 204 once the operation is done").toBe(204);
  }
}

function expectExampleBody(example: ContractExample, status: number, body: unknown): void {
  const expected = example.responses[status];
  expect(
    expected,
    `status ${status} is one of the example's (${Object.keys(example.responses).join(", ")})`,
  ).toBeDefined();
  if (expected?.body !== undefined) {
    expect(bodyMismatches(expected.body, body), `body of ${status} matches the example`).toEqual(
      [],
    );
  } else {
    expect(body, `status ${status} has no body in the example`).toBeUndefined();
  }
  for (const header of Object.keys(expected?.headers ?? {})) {
    // The example's header value is synthetic (contoso.com); its presence is the contract.
    expect(status === 201 || status === 202, `${header} only on 201/202`).toBe(true);
  }
}

async function replay(example: ContractExample): Promise<void> {
  await provision(example);
  const version = example.apiVersion;
  const url = withVersion(example.path, version);
  const first = await call(example.method, url, example.body);
  expectSchema(version, example.operationId, first, `${example.method} ${example.path}`);
  switch (example.method) {
    case "PUT": {
      // First the create (201 + Azure-AsyncOperation), then the same request as an update (200).
      expect(first.status).toBe(201);
      expectExampleBody(example, 201, first.body);
      await followOperation(example, first);
      const again = await call(example.method, url, example.body);
      expectSchema(version, example.operationId, again, "repeated PUT");
      expect(again.status).toBe(200);
      expectExampleBody(example, 200, again.body);
      return;
    }
    case "DELETE": {
      expect(first.status).toBe(202);
      expectExampleBody(example, 202, first.body);
      await followOperation(example, first);
      const again = await call(example.method, url);
      expectSchema(version, example.operationId, again, "repeated DELETE");
      expect(again.status, "deleting what does not exist").toBe(204);
      return;
    }
    case "PATCH":
    case "GET":
      expect(first.status).toBe(200);
      expectExampleBody(example, 200, first.body);
      if (LONG_RUNNING[example.operationId] !== undefined) await followOperation(example, first);
      return;
    default: {
      const unreachable: never = example.method;
      throw new Error(`unexpected method ${String(unreachable)}`);
    }
  }
}

for (const version of CONTRACT_API_VERSIONS) {
  describe(`official examples, api-version ${version}`, () => {
    for (const example of contractExamples(version)) {
      it(`${example.title} (${example.source})`, async () => {
        await replay(example);
      });
    }
  });

  describe(`error responses validate as ErrorResponse, api-version ${version}`, () => {
    const sub = "EE9BD735-67CE-4A90-89C4-439D3F6A4C93";
    const rg = `/subscriptions/${sub}/resourceGroups/rgopenapi/providers/Microsoft.DurableTask`;
    const missing = `${rg}/schedulers/nosuchscheduler`;
    const cases: ReadonlyArray<[OperationId, string, string, unknown, number]> = [
      [
        "Operations_List",
        "GET",
        "/providers/Microsoft.DurableTask/operations?api-version=2020-01-01",
        undefined,
        400,
      ],
      [
        "Schedulers_ListBySubscription",
        "GET",
        withVersion(
          "/subscriptions/not-a-guid/providers/Microsoft.DurableTask/schedulers",
          version,
        ),
        undefined,
        400,
      ],
      ["Schedulers_ListByResourceGroup", "GET", `${rg}/schedulers`, undefined, 400],
      ["Schedulers_Get", "GET", withVersion(missing, version), undefined, 404],
      [
        "Schedulers_CreateOrUpdate",
        "PUT",
        withVersion(missing, version),
        { location: "westus", properties: { sku: { name: "Dedicated" } } },
        400,
      ],
      ["Schedulers_Update", "PATCH", withVersion(missing, version), { tags: {} }, 404],
      ["Schedulers_Delete", "DELETE", `${missing}?api-version=latest`, undefined, 400],
      [
        "RetentionPolicies_ListByScheduler",
        "GET",
        withVersion(`${missing}/retentionPolicies`, version),
        undefined,
        404,
      ],
      [
        "RetentionPolicies_Get",
        "GET",
        withVersion(`${missing}/retentionPolicies/default`, version),
        undefined,
        404,
      ],
      [
        "RetentionPolicies_CreateOrReplace",
        "PUT",
        withVersion(`${missing}/retentionPolicies/default`, version),
        { properties: {} },
        404,
      ],
      [
        "RetentionPolicies_Update",
        "PATCH",
        withVersion(`${missing}/retentionPolicies/default`, version),
        { properties: {} },
        404,
      ],
      [
        "RetentionPolicies_Delete",
        "DELETE",
        withVersion(`${missing}/retentionPolicies/other`, version),
        undefined,
        400,
      ],
      [
        "TaskHubs_ListByScheduler",
        "GET",
        withVersion(`${missing}/taskHubs`, version),
        undefined,
        404,
      ],
      [
        "TaskHubs_Get",
        "GET",
        withVersion(`${missing}/taskHubs/testtaskhub`, version),
        undefined,
        404,
      ],
      [
        "TaskHubs_CreateOrUpdate",
        "PUT",
        withVersion(`${missing}/taskHubs/testtaskhub`, version),
        { properties: {} },
        404,
      ],
      [
        "TaskHubs_Delete",
        "DELETE",
        withVersion(`${missing}/taskHubs/testtaskhub`, version),
        undefined,
        404,
      ],
    ];
    it.each(cases)("%s %s %s", async (operationId, method, url, body, status) => {
      const response = await call(method, url, body);
      expect(response.status).toBe(status);
      expectSchema(version, operationId, response, `${method} ${url}`);
      const { error } = response.body as { error: { code: unknown; message: unknown } };
      expect(typeof error.code).toBe("string");
      expect(typeof error.message).toBe("string");
    });
  });
}
