// azure-native:durabletask:RetentionPolicy → Microsoft.DurableTask/schedulers/retentionPolicies/default, the
// scheduler's singleton (docs/reference/arm.md; docs/reference/retention.md).
import { compact, durableTaskOutputs, schedulerPath, type ResourceKind } from "./kind";

const API_VERSION = "2026-02-01";

export const retentionPolicyKind: ResourceKind = {
  type: "azure-native:durabletask:RetentionPolicy",
  apiVersion: API_VERSION,
  required: ["resourceGroupName", "schedulerName"],
  // The policy has no name input of its own: ARM knows only `default`.
  nameProperty: "",
  autoName: () => "default",
  replaceOnChanges: ["resourceGroupName", "schedulerName"],
  path: (inputs, subscriptionId) =>
    `${schedulerPath(inputs, subscriptionId)}/retentionPolicies/default`,
  body: (inputs) => compact({ properties: inputs["properties"] ?? {} }),
  outputs: durableTaskOutputs(API_VERSION),
};
