// The response schemas of Microsoft.DurableTask, transcribed (descriptions and x-ms-* annotations left out) from
// `Azure/azure-rest-api-specs`:
//   specification/durabletask/resource-manager/Microsoft.DurableTask/DurableTask/stable/2025-11-01/durabletask.json
//   specification/durabletask/resource-manager/Microsoft.DurableTask/DurableTask/stable/2026-02-01/durabletask.json
// and the ARM common types they reference, `specification/common-types/resource-management/v6/types.json`
// (Resource, TrackedResource, ProxyResource, systemData, ErrorResponse, OperationListResult,
// OperationStatusResult) and `v6/privatelinks.json` (PrivateEndpointConnection).
import type { Definitions, Schema } from "./openapi";

export const CONTRACT_API_VERSIONS = ["2025-11-01", "2026-02-01"] as const;
export type ContractApiVersion = (typeof CONTRACT_API_VERSIONS)[number];

const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });
const str: Schema = { type: "string" };
const readOnlyString: Schema = { type: "string", readOnly: true };

const commonTypes: Definitions = {
  Resource: {
    type: "object",
    properties: {
      id: { type: "string", format: "arm-id", readOnly: true },
      name: readOnlyString,
      type: readOnlyString,
      systemData: { ...ref("systemData"), readOnly: true },
    },
  },
  TrackedResource: {
    type: "object",
    properties: {
      tags: { type: "object", additionalProperties: str },
      location: str,
    },
    required: ["location"],
    allOf: [ref("Resource")],
  },
  ProxyResource: { type: "object", allOf: [ref("Resource")] },
  systemData: {
    type: "object",
    properties: {
      createdBy: str,
      createdByType: ref("createdByType"),
      createdAt: { type: "string", format: "date-time" },
      lastModifiedBy: str,
      lastModifiedByType: ref("createdByType"),
      lastModifiedAt: { type: "string", format: "date-time" },
    },
  },
  createdByType: { type: "string", enum: ["User", "Application", "ManagedIdentity", "Key"] },
  ErrorResponse: { type: "object", properties: { error: ref("ErrorDetail") } },
  ErrorDetail: {
    type: "object",
    properties: {
      code: readOnlyString,
      message: readOnlyString,
      target: readOnlyString,
      details: { type: "array", items: ref("ErrorDetail"), readOnly: true },
      additionalInfo: { type: "array", items: ref("ErrorAdditionalInfo"), readOnly: true },
    },
  },
  ErrorAdditionalInfo: {
    type: "object",
    properties: { type: readOnlyString, info: { type: "object", additionalProperties: true } },
  },
  OperationListResult: {
    type: "object",
    properties: {
      value: { type: "array", items: ref("Operation"), readOnly: true },
      nextLink: { type: "string", format: "uri", readOnly: true },
    },
  },
  Operation: {
    type: "object",
    properties: {
      name: readOnlyString,
      isDataAction: { type: "boolean", readOnly: true },
      display: ref("OperationDisplay"),
      origin: { type: "string", enum: ["user", "system", "user,system"], readOnly: true },
      actionType: { type: "string", enum: ["Internal"], readOnly: true },
    },
  },
  OperationDisplay: {
    type: "object",
    properties: {
      provider: readOnlyString,
      resource: readOnlyString,
      operation: readOnlyString,
      description: readOnlyString,
    },
  },
  OperationStatusResult: {
    type: "object",
    properties: {
      id: { type: "string", format: "arm-id" },
      resourceId: { type: "string", format: "arm-id", readOnly: true },
      name: str,
      status: str,
      percentComplete: { type: "number" },
      startTime: { type: "string", format: "date-time" },
      endTime: { type: "string", format: "date-time" },
      operations: { type: "array", items: ref("OperationStatusResult") },
      error: ref("ErrorDetail"),
    },
    required: ["status"],
  },
  PrivateEndpointConnection: {
    type: "object",
    properties: { properties: ref("PrivateEndpointConnectionProperties") },
    allOf: [ref("Resource")],
  },
  PrivateEndpointConnectionProperties: {
    type: "object",
    properties: {
      groupIds: { type: "array", items: str, readOnly: true },
      privateEndpoint: ref("PrivateEndpoint"),
      privateLinkServiceConnectionState: ref("PrivateLinkServiceConnectionState"),
      provisioningState: {
        type: "string",
        enum: ["Succeeded", "Creating", "Deleting", "Failed"],
        readOnly: true,
      },
    },
    required: ["privateLinkServiceConnectionState"],
  },
  PrivateEndpoint: {
    type: "object",
    properties: { id: { type: "string", format: "arm-id", readOnly: true } },
  },
  PrivateLinkServiceConnectionState: {
    type: "object",
    properties: {
      status: { type: "string", enum: ["Pending", "Approved", "Rejected"] },
      description: str,
      actionsRequired: str,
    },
  },
};

/** Definitions both versions share (`stable/2025-11-01/durabletask.json` definitions). */
const durableTaskDefinitions: Definitions = {
  ProvisioningState: {
    type: "string",
    enum: ["Succeeded", "Failed", "Canceled", "Provisioning", "Updating", "Deleting", "Accepted"],
    readOnly: true,
  },
  PurgeableOrchestrationState: {
    type: "string",
    enum: ["Completed", "Failed", "Terminated", "Canceled"],
  },
  RedundancyState: { type: "string", enum: ["None", "Zone"] },
  RetentionPolicy: {
    type: "object",
    properties: { properties: ref("RetentionPolicyProperties") },
    allOf: [ref("ProxyResource")],
  },
  RetentionPolicyDetails: {
    type: "object",
    properties: {
      retentionPeriodInDays: { type: "integer", format: "int32" },
      orchestrationState: ref("PurgeableOrchestrationState"),
    },
    required: ["retentionPeriodInDays"],
  },
  RetentionPolicyListResult: {
    type: "object",
    properties: {
      value: { type: "array", items: ref("RetentionPolicy") },
      nextLink: { type: "string", format: "uri" },
    },
    required: ["value"],
  },
  RetentionPolicyProperties: {
    type: "object",
    properties: {
      provisioningState: ref("ProvisioningState"),
      retentionPolicies: { type: "array", items: ref("RetentionPolicyDetails") },
    },
  },
  Scheduler: {
    type: "object",
    properties: { properties: ref("SchedulerProperties") },
    allOf: [ref("TrackedResource")],
  },
  SchedulerListResult: {
    type: "object",
    properties: {
      value: { type: "array", items: ref("Scheduler") },
      nextLink: { type: "string", format: "uri" },
    },
    required: ["value"],
  },
  SchedulerProperties: {
    type: "object",
    properties: {
      provisioningState: ref("ProvisioningState"),
      endpoint: readOnlyString,
      ipAllowlist: { type: "array", items: str },
      sku: ref("SchedulerSku"),
    },
    required: ["ipAllowlist", "sku"],
  },
  SchedulerSku: {
    type: "object",
    properties: {
      name: ref("SchedulerSkuName"),
      capacity: { type: "integer", format: "int32" },
      redundancyState: { ...ref("RedundancyState"), readOnly: true },
    },
    required: ["name"],
  },
  SchedulerSkuName: { type: "string", enum: ["Dedicated", "Consumption"] },
  TaskHub: {
    type: "object",
    properties: { properties: ref("TaskHubProperties") },
    allOf: [ref("ProxyResource")],
  },
  TaskHubListResult: {
    type: "object",
    properties: {
      value: { type: "array", items: ref("TaskHub") },
      nextLink: { type: "string", format: "uri" },
    },
    required: ["value"],
  },
  TaskHubProperties: {
    type: "object",
    properties: {
      provisioningState: ref("ProvisioningState"),
      dashboardUrl: { type: "string", format: "uri", readOnly: true },
    },
  },
};

/** 2026-02-01 adds `publicNetworkAccess` and read-only `privateEndpointConnections` to SchedulerProperties. */
const definitions2026: Definitions = {
  ...durableTaskDefinitions,
  SchedulerProperties: {
    type: "object",
    properties: {
      provisioningState: ref("ProvisioningState"),
      endpoint: readOnlyString,
      ipAllowlist: { type: "array", items: str },
      sku: ref("SchedulerSku"),
      publicNetworkAccess: ref("PublicNetworkAccess"),
      privateEndpointConnections: {
        type: "array",
        items: ref("PrivateEndpointConnection"),
        readOnly: true,
      },
    },
    required: ["ipAllowlist", "sku"],
  },
  PublicNetworkAccess: { type: "string", enum: ["Enabled", "Disabled"] },
};

export const DEFINITIONS: Record<ContractApiVersion, Definitions> = {
  "2025-11-01": { ...commonTypes, ...durableTaskDefinitions },
  "2026-02-01": { ...commonTypes, ...definitions2026 },
};

export type OperationId =
  | "Operations_List"
  | "Schedulers_ListBySubscription"
  | "Schedulers_ListByResourceGroup"
  | "Schedulers_Get"
  | "Schedulers_CreateOrUpdate"
  | "Schedulers_Update"
  | "Schedulers_Delete"
  | "RetentionPolicies_ListByScheduler"
  | "RetentionPolicies_Get"
  | "RetentionPolicies_CreateOrReplace"
  | "RetentionPolicies_Update"
  | "RetentionPolicies_Delete"
  | "TaskHubs_ListByScheduler"
  | "TaskHubs_Get"
  | "TaskHubs_CreateOrUpdate"
  | "TaskHubs_Delete";

/**
 * The `responses` of each operation (identical in both versions): the body definition per status, `null` for a
 * status without a body. Any other status is the operation's `default`, the common-types ErrorResponse.
 */
export const RESPONSES: Record<OperationId, Readonly<Record<number, string | null>>> = {
  Operations_List: { 200: "OperationListResult" },
  Schedulers_ListBySubscription: { 200: "SchedulerListResult" },
  Schedulers_ListByResourceGroup: { 200: "SchedulerListResult" },
  Schedulers_Get: { 200: "Scheduler" },
  Schedulers_CreateOrUpdate: { 200: "Scheduler", 201: "Scheduler" },
  Schedulers_Update: { 200: "Scheduler", 202: null },
  Schedulers_Delete: { 202: null, 204: null },
  RetentionPolicies_ListByScheduler: { 200: "RetentionPolicyListResult" },
  RetentionPolicies_Get: { 200: "RetentionPolicy" },
  RetentionPolicies_CreateOrReplace: { 200: "RetentionPolicy", 201: "RetentionPolicy" },
  RetentionPolicies_Update: { 200: "RetentionPolicy", 202: null },
  RetentionPolicies_Delete: { 202: null, 204: null },
  TaskHubs_ListByScheduler: { 200: "TaskHubListResult" },
  TaskHubs_Get: { 200: "TaskHub" },
  TaskHubs_CreateOrUpdate: { 200: "TaskHub", 201: "TaskHub" },
  TaskHubs_Delete: { 202: null, 204: null },
};

/** `x-ms-long-running-operation` operations and their `final-state-via`. */
export const LONG_RUNNING: Partial<Record<OperationId, "azure-async-operation" | "location">> = {
  Schedulers_CreateOrUpdate: "azure-async-operation",
  Schedulers_Update: "location",
  Schedulers_Delete: "location",
  RetentionPolicies_CreateOrReplace: "azure-async-operation",
  RetentionPolicies_Update: "location",
  RetentionPolicies_Delete: "location",
  TaskHubs_CreateOrUpdate: "azure-async-operation",
  TaskHubs_Delete: "location",
};
