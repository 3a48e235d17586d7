// azure-native:durabletask:TaskHub → Microsoft.DurableTask/schedulers/taskHubs (docs/reference/arm.md).
import {
  durableTaskOutputs,
  randomSuffix,
  schedulerPath,
  stringInput,
  type ResourceKind,
} from "./kind";

const API_VERSION = "2026-02-01";

export const taskHubKind: ResourceKind = {
  type: "azure-native:durabletask:TaskHub",
  apiVersion: API_VERSION,
  required: ["resourceGroupName", "schedulerName"],
  nameProperty: "taskHubName",
  autoName: (resourceName) => `${resourceName}${randomSuffix()}`,
  // A task hub has no settable properties: every input is part of its path.
  replaceOnChanges: ["resourceGroupName", "schedulerName", "taskHubName"],
  path: (inputs, subscriptionId) =>
    `${schedulerPath(inputs, subscriptionId)}/taskHubs/${stringInput(inputs, "taskHubName")}`,
  body: () => ({ properties: {} }),
  outputs: durableTaskOutputs(API_VERSION),
};
