// The official examples of every schedulers, task hubs, retention policies and Operations_List operation of
// api-versions 2025-11-01 and 2026-02-01, written out as replayable fixtures. Each example carries `source`: the
// example file of `Azure/azure-rest-api-specs` it was written from, under
// specification/durabletask/resource-manager/Microsoft.DurableTask/DurableTask/. The examples of one operation
// carry the same data in every version; where the stored spec copy of a version's example was not available the
// fixture was written from the same operation's example of a neighbouring version and put in the version's shape
// (`adaptedFrom`: 2025-11-01 has no publicNetworkAccess/privateEndpointConnections; neither version has the
// 2026-05-01-preview `identity`). The facts (names, values, statuses, headers) are the examples'.
import type { ContractApiVersion, OperationId } from "./specSchemas";

export interface ExampleResponse {
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ContractExample {
  title: string;
  operationId: OperationId;
  apiVersion: ContractApiVersion;
  /** The example file this fixture was written from. */
  source: string;
  /** Why the fixture differs from `source` (another version's copy put in this version's shape), if it does. */
  adaptedFrom?: string;
  method: "GET" | "PUT" | "PATCH" | "DELETE";
  path: string;
  body?: unknown;
  /** The example's responses by status. */
  responses: Partial<Record<number, ExampleResponse>>;
  /** What the example presupposes, created through ARM before the request (PUT path → body). */
  given: ReadonlyArray<{ path: string; body: unknown }>;
}

// ------------------------------------------------------------------ the examples' data

const SCHEDULER_SUB = "EE9BD735-67CE-4A90-89C4-439D3F6A4C93";
const SCHEDULER_RG = "rgopenapi";
const RETENTION_SUB = "194D3C1E-462F-4738-9025-092A628C06EB";
const RETENTION_RG = "rgdurabletask";

const schedulerId = (sub: string, rg: string, name: string) =>
  `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.DurableTask/schedulers/${name}`;
const TEST_SCHEDULER = schedulerId(SCHEDULER_SUB, SCHEDULER_RG, "testscheduler");

const SYSTEM_DATA = {
  createdBy: "tenmbevaunjzikxowqexrsx",
  createdByType: "User",
  createdAt: "2024-04-17T15:34:17.365Z",
  lastModifiedBy: "xfvdcegtj",
  lastModifiedByType: "User",
  lastModifiedAt: "2024-04-17T15:34:17.366Z",
};
const RETENTION_SYSTEM_DATA = {
  createdBy: "zshkmc",
  createdByType: "User",
  createdAt: "2025-03-31T23:34:09.612Z",
  lastModifiedBy: "ivqrae",
  lastModifiedByType: "User",
  lastModifiedAt: "2025-03-31T23:34:09.612Z",
};

const TAGS = { department: "research", development: "true" };

/** The body of Schedulers_CreateOrUpdate's request (both versions). */
const SCHEDULER_REQUEST = {
  location: "northcentralus",
  properties: { ipAllowlist: ["10.0.0.0/8"], sku: { name: "Dedicated" } },
  tags: TAGS,
};

function schedulerResource(version: ContractApiVersion, overrides: { tags?: object } = {}) {
  const properties: Record<string, unknown> = {
    provisioningState: "Succeeded",
    endpoint: "https://test.northcentralus.1.durabletask.io",
    ipAllowlist: ["10.0.0.0/8"],
    sku: { name: "Dedicated", capacity: 3, redundancyState: "Zone" },
  };
  if (version === "2026-02-01") {
    properties["publicNetworkAccess"] = "Enabled";
    properties["privateEndpointConnections"] = [];
  }
  return {
    location: "northcentralus",
    properties,
    tags: overrides.tags ?? TAGS,
    id: TEST_SCHEDULER,
    name: "testscheduler",
    type: "Microsoft.DurableTask/schedulers",
    systemData: SYSTEM_DATA,
  };
}

const TASK_HUB = {
  properties: {
    provisioningState: "Succeeded",
    dashboardUrl: "https://test-db.northcentralus.1.durabletask.io/taskhubs/testtaskhub",
  },
  id: `${TEST_SCHEDULER}/taskHubs/testtaskhub`,
  name: "testtaskhub",
  type: "Microsoft.DurableTask/schedulers/taskHubs",
  systemData: SYSTEM_DATA,
};

const RETENTION_ENTRIES = [
  { retentionPeriodInDays: 30 },
  { retentionPeriodInDays: 10, orchestrationState: "Failed" },
];

function retentionResource(scheduler: string, entries: unknown[], withState = true) {
  return {
    properties: withState
      ? { provisioningState: "Succeeded", retentionPolicies: entries }
      : { retentionPolicies: entries },
    id: `${schedulerId(RETENTION_SUB, RETENTION_RG, scheduler)}/retentionPolicies/default`,
    name: "default",
    type: "Microsoft.DurableTask/schedulers/retentionPolicies",
    systemData: RETENTION_SYSTEM_DATA,
  };
}

const ASYNC = { "Azure-AsyncOperation": "https://contoso.com/operationstatus" };
const LOCATION = { location: "https://contoso.com/operationstatus" };

// ------------------------------------------------------------------ per version

const at = (version: ContractApiVersion, file: string) =>
  version === "2025-11-01"
    ? `stable/2025-11-01/examples/${file}`
    : `stable/2026-02-01/examples/${file}`;

/** The example files the index holds for each version; the others are adapted (see the file comment). */
const READ: Record<ContractApiVersion, Readonly<Record<string, string>>> = {
  "2025-11-01": {
    Operations_List: "examples/2025-11-01/Operations_List.json",
    Schedulers_ListBySubscription: "examples/2025-11-01/Schedulers_ListBySubscription.json",
    Schedulers_ListByResourceGroup:
      "stable/2025-11-01/examples/Schedulers_ListByResourceGroup.json",
    Schedulers_Delete: "examples/2025-11-01/Schedulers_Delete.json",
    RetentionPolicies_Get: "examples/2025-11-01/RetentionPolicies_Get_MaximumSet_Gen.json",
    RetentionPolicies_Update:
      "stable/2025-11-01/examples/RetentionPolicies_Update_MaximumSet_Gen.json",
    RetentionPolicies_Delete:
      "stable/2025-11-01/examples/RetentionPolicies_Delete_MaximumSet_Gen.json",
  },
  "2026-02-01": {
    Schedulers_CreateOrUpdate: "stable/2026-02-01/examples/Schedulers_CreateOrUpdate.json",
    Schedulers_Get: "stable/2026-02-01/examples/Schedulers_Get.json",
    Schedulers_ListByResourceGroup:
      "stable/2026-02-01/examples/Schedulers_ListByResourceGroup.json",
    TaskHubs_CreateOrUpdate: "stable/2026-02-01/examples/TaskHubs_CreateOrUpdate.json",
    RetentionPolicies_Get: "stable/2026-02-01/examples/RetentionPolicies_Get_MaximumSet_Gen.json",
    RetentionPolicies_CreateOrReplace:
      "examples/2026-02-01/RetentionPolicies_CreateOrReplace_MaximumSet_Gen.json",
  },
};

/** Where the fixture of an example this version's copy was not read for comes from. */
const NEIGHBOUR: Readonly<Record<OperationId, string>> = {
  Operations_List: "examples/2025-11-01/Operations_List.json",
  Schedulers_ListBySubscription: "examples/2025-11-01/Schedulers_ListBySubscription.json",
  Schedulers_ListByResourceGroup: "stable/2026-02-01/examples/Schedulers_ListByResourceGroup.json",
  Schedulers_Get: "stable/2026-02-01/examples/Schedulers_Get.json",
  Schedulers_CreateOrUpdate: "stable/2026-02-01/examples/Schedulers_CreateOrUpdate.json",
  Schedulers_Update: "stable/2026-06-01/examples/Schedulers_Update.json",
  Schedulers_Delete: "examples/2025-11-01/Schedulers_Delete.json",
  RetentionPolicies_ListByScheduler:
    "stable/2026-06-01/examples/RetentionPolicies_ListByScheduler_MaximumSet_Gen.json",
  RetentionPolicies_Get: "examples/2025-11-01/RetentionPolicies_Get_MaximumSet_Gen.json",
  RetentionPolicies_CreateOrReplace:
    "examples/2026-02-01/RetentionPolicies_CreateOrReplace_MaximumSet_Gen.json",
  RetentionPolicies_Update:
    "stable/2025-11-01/examples/RetentionPolicies_Update_MaximumSet_Gen.json",
  RetentionPolicies_Delete:
    "stable/2025-11-01/examples/RetentionPolicies_Delete_MaximumSet_Gen.json",
  TaskHubs_ListByScheduler: "stable/2026-06-01/examples/TaskHubs_ListByScheduler.json",
  TaskHubs_Get: "stable/2026-06-01/examples/TaskHubs_Get.json",
  TaskHubs_CreateOrUpdate: "stable/2026-02-01/examples/TaskHubs_CreateOrUpdate.json",
  TaskHubs_Delete: "stable/2026-07-01/examples/TaskHubs_Delete.json",
};

function provenance(version: ContractApiVersion, operationId: OperationId, file: string) {
  const read = READ[version][operationId];
  return read !== undefined
    ? { source: read }
    : {
        source: at(version, file),
        adaptedFrom: `${NEIGHBOUR[operationId]}, put in the ${version} shape`,
      };
}

export function contractExamples(version: ContractApiVersion): ContractExample[] {
  const rg = `/subscriptions/${SCHEDULER_SUB}/resourceGroups/${SCHEDULER_RG}/providers/Microsoft.DurableTask`;
  const scheduler = { path: TEST_SCHEDULER, body: SCHEDULER_REQUEST };
  const hub = { path: `${TEST_SCHEDULER}/taskHubs/testtaskhub`, body: { properties: {} } };
  const retentionScheduler = (name: string) => ({
    path: schedulerId(RETENTION_SUB, RETENTION_RG, name),
    body: SCHEDULER_REQUEST,
  });
  const policyPath = (name: string) =>
    `${schedulerId(RETENTION_SUB, RETENTION_RG, name)}/retentionPolicies/default`;
  const policy = (name: string) => ({
    path: policyPath(name),
    body: { properties: { retentionPolicies: RETENTION_ENTRIES } },
  });
  const example = (
    operationId: OperationId,
    file: string,
    rest: Omit<ContractExample, "operationId" | "apiVersion" | "source" | "title">,
    title: string = operationId,
  ): ContractExample => ({
    title,
    operationId,
    apiVersion: version,
    ...provenance(version, operationId, file),
    ...rest,
  });

  return [
    example("Operations_List", "Operations_List.json", {
      method: "GET",
      path: "/providers/Microsoft.DurableTask/operations",
      given: [],
      responses: {
        200: {
          body: {
            value: [
              {
                display: {
                  description: "Create or Update Durable Task Scheduler",
                  operation: "Create or Update Durable Task Scheduler",
                  provider: "Durable Task Scheduler",
                  resource: "Scheduler",
                },
                isDataAction: false,
                name: "Microsoft.DurableTask/schedulers/write",
              },
              {
                display: {
                  description: "Delete Durable Task Scheduler",
                  operation: "Delete Durable Task Scheduler",
                  provider: "Durable Task Scheduler",
                  resource: "Scheduler",
                },
                isDataAction: false,
                name: "Microsoft.DurableTask/schedulers/delete",
              },
            ],
            nextLink: "https://microsoft.com/akpblld",
          },
        },
      },
    }),
    example("Schedulers_ListBySubscription", "Schedulers_ListBySubscription.json", {
      method: "GET",
      path: `/subscriptions/${SCHEDULER_SUB}/providers/Microsoft.DurableTask/schedulers`,
      given: [scheduler],
      responses: {
        200: { body: { value: [schedulerResource(version)], nextLink: "https://microsoft.com/a" } },
      },
    }),
    example("Schedulers_ListByResourceGroup", "Schedulers_ListByResourceGroup.json", {
      method: "GET",
      path: `${rg}/schedulers`,
      given: [scheduler],
      responses: {
        200: { body: { value: [schedulerResource(version)], nextLink: "https://microsoft.com/a" } },
      },
    }),
    example("Schedulers_Get", "Schedulers_Get.json", {
      method: "GET",
      path: TEST_SCHEDULER,
      given: [scheduler],
      responses: { 200: { body: schedulerResource(version) } },
    }),
    example("Schedulers_CreateOrUpdate", "Schedulers_CreateOrUpdate.json", {
      method: "PUT",
      path: TEST_SCHEDULER,
      body: SCHEDULER_REQUEST,
      given: [],
      // The example's responses have no publicNetworkAccess/privateEndpointConnections even in 2026-02-01; the
      // 2026-02-01 Get example has them, so they are expected here too.
      responses: {
        200: { body: schedulerResource(version) },
        201: { headers: ASYNC, body: schedulerResource(version) },
      },
    }),
    example("Schedulers_Update", "Schedulers_Update.json", {
      method: "PATCH",
      path: TEST_SCHEDULER,
      body: {
        tags: { hello: "world" },
        properties: { ipAllowlist: ["10.0.0.0/8"], sku: { name: "Dedicated", capacity: 3 } },
      },
      given: [scheduler],
      responses: {
        200: { body: schedulerResource(version, { tags: { ...TAGS, hello: "world" } }) },
        202: { headers: LOCATION },
      },
    }),
    example("Schedulers_Delete", "Schedulers_Delete.json", {
      method: "DELETE",
      path: TEST_SCHEDULER,
      given: [scheduler],
      responses: { 202: { headers: LOCATION }, 204: {} },
    }),
    example(
      "RetentionPolicies_ListByScheduler",
      "RetentionPolicies_ListByScheduler_MaximumSet_Gen.json",
      {
        // The example lists under scheduler 'myscheduler' an item whose id names 'testscheduler'; the fixture
        // uses 'testscheduler' for both, so the listed item is the one the request's scheduler has.
        method: "GET",
        path: `${schedulerId(RETENTION_SUB, RETENTION_RG, "testscheduler")}/retentionPolicies`,
        given: [retentionScheduler("testscheduler"), policy("testscheduler")],
        responses: {
          200: {
            body: {
              value: [retentionResource("testscheduler", RETENTION_ENTRIES)],
              nextLink: "https://microsoft.com/ai",
            },
          },
        },
      },
      "RetentionPolicies_ListByScheduler_MaximumSet",
    ),
    example(
      "RetentionPolicies_Get",
      "RetentionPolicies_Get_MaximumSet_Gen.json",
      {
        method: "GET",
        path: policyPath("testscheduler"),
        given: [retentionScheduler("testscheduler"), policy("testscheduler")],
        responses: { 200: { body: retentionResource("testscheduler", RETENTION_ENTRIES) } },
      },
      "RetentionPolicies_Get_MaximumSet",
    ),
    example(
      "RetentionPolicies_CreateOrReplace",
      "RetentionPolicies_CreateOrReplace_MaximumSet_Gen.json",
      {
        method: "PUT",
        path: policyPath("testscheduler"),
        body: { properties: { retentionPolicies: RETENTION_ENTRIES } },
        given: [retentionScheduler("testscheduler")],
        responses: {
          200: { body: retentionResource("testscheduler", RETENTION_ENTRIES) },
          201: { headers: ASYNC, body: retentionResource("testscheduler", RETENTION_ENTRIES) },
        },
      },
      "RetentionPolicies_CreateOrReplace_MaximumSet",
    ),
    (() => {
      const entries = [
        ...RETENTION_ENTRIES,
        { retentionPeriodInDays: 24, orchestrationState: "Completed" },
      ];
      return example(
        "RetentionPolicies_Update",
        "RetentionPolicies_Update_MaximumSet_Gen.json",
        {
          method: "PATCH",
          path: policyPath("testscheduler"),
          body: { properties: { retentionPolicies: entries } },
          given: [retentionScheduler("testscheduler"), policy("testscheduler")],
          responses: {
            200: { body: retentionResource("testscheduler", entries, false) },
            202: { headers: LOCATION },
          },
        },
        "RetentionPolicies_Update_MaximumSet",
      );
    })(),
    example(
      "RetentionPolicies_Delete",
      "RetentionPolicies_Delete_MaximumSet_Gen.json",
      {
        method: "DELETE",
        path: policyPath("testcheduler"),
        given: [retentionScheduler("testcheduler"), policy("testcheduler")],
        responses: { 202: { headers: LOCATION }, 204: {} },
      },
      "RetentionPolicies_Delete_MaximumSet",
    ),
    example("TaskHubs_ListByScheduler", "TaskHubs_ListByScheduler.json", {
      method: "GET",
      path: `${TEST_SCHEDULER}/taskHubs`,
      given: [scheduler, hub],
      responses: { 200: { body: { value: [TASK_HUB], nextLink: "https://microsoft.com/a" } } },
    }),
    example("TaskHubs_Get", "TaskHubs_Get.json", {
      method: "GET",
      path: `${TEST_SCHEDULER}/taskHubs/testtaskhub`,
      given: [scheduler, hub],
      responses: { 200: { body: TASK_HUB } },
    }),
    example("TaskHubs_CreateOrUpdate", "TaskHubs_CreateOrUpdate.json", {
      method: "PUT",
      path: `${TEST_SCHEDULER}/taskHubs/testtaskhub`,
      body: { properties: {} },
      given: [scheduler],
      responses: { 200: { body: TASK_HUB }, 201: { body: TASK_HUB } },
    }),
    example("TaskHubs_Delete", "TaskHubs_Delete.json", {
      method: "DELETE",
      path: `${TEST_SCHEDULER}/taskHubs/testtaskhub`,
      given: [scheduler, hub],
      responses: { 202: { headers: LOCATION }, 204: {} },
    }),
  ];
}
