// azure-native:durabletask:Scheduler → Microsoft.DurableTask/schedulers (docs/reference/arm.md).
import {
  compact,
  durableTaskOutputs,
  randomSuffix,
  schedulerPath,
  type ResourceKind,
} from "./kind";

const API_VERSION = "2026-02-01";

export const schedulerKind: ResourceKind = {
  type: "azure-native:durabletask:Scheduler",
  apiVersion: API_VERSION,
  required: ["resourceGroupName", "properties"],
  nameProperty: "schedulerName",
  autoName: (resourceName) => `${resourceName}${randomSuffix()}`,
  // ARM cannot move a scheduler to another region or rename it (InvalidResourceLocation on a PUT).
  replaceOnChanges: ["resourceGroupName", "schedulerName", "location"],
  path: schedulerPath,
  body: (inputs) =>
    compact({
      location: inputs["location"],
      tags: inputs["tags"],
      properties: inputs["properties"],
    }),
  outputs: durableTaskOutputs(API_VERSION),
};
