// azure-native:authorization:RoleAssignment → {scope}/providers/Microsoft.Authorization/roleAssignments/{name}.
// azure-native flattens `properties` into top-level inputs and outputs; ARM refuses to change principal, role
// definition or scope of an existing assignment (RoleAssignmentUpdateNotPermitted), so those replace.
import { randomUUID } from "node:crypto";
import { compact, stringInput, type ResourceKind } from "./kind";

const API_VERSION = "2022-04-01";

const PROPERTY_INPUTS = [
  "roleDefinitionId",
  "principalId",
  "principalType",
  "description",
  "condition",
  "conditionVersion",
  "delegatedManagedIdentityResourceId",
] as const;

export const roleAssignmentKind: ResourceKind = {
  type: "azure-native:authorization:RoleAssignment",
  apiVersion: API_VERSION,
  required: ["scope", "principalId", "roleDefinitionId"],
  nameProperty: "roleAssignmentName",
  autoName: () => randomUUID(),
  replaceOnChanges: ["scope", "roleAssignmentName", "principalId", "roleDefinitionId"],
  path: (inputs) => {
    const scope = stringInput(inputs, "scope");
    const normalized = scope.startsWith("/") ? scope : `/${scope}`;
    return `${normalized.replace(/\/+$/, "")}/providers/Microsoft.Authorization/roleAssignments/${stringInput(inputs, "roleAssignmentName")}`;
  },
  body: (inputs) => ({
    properties: compact(Object.fromEntries(PROPERTY_INPUTS.map((name) => [name, inputs[name]]))),
  }),
  outputs: (resource) => {
    const properties = (resource["properties"] ?? {}) as Record<string, unknown>;
    return compact({
      azureApiVersion: API_VERSION,
      name: resource["name"],
      type: resource["type"],
      systemData: resource["systemData"],
      ...Object.fromEntries(PROPERTY_INPUTS.map((name) => [name, properties[name]])),
      scope: properties["scope"],
      createdOn: properties["createdOn"],
      updatedOn: properties["updatedOn"],
      createdBy: properties["createdBy"],
      updatedBy: properties["updatedBy"],
    });
  },
};
