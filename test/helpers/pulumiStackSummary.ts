// Compact, comparable views of an evaluated stack for the per-stack tests.
import { roleAssignmentName } from "../../dts/guid";
import { DTS_ROLES } from "../../components/access/roles";
import type { PlannedResource } from "../../cli/plan/types";

type Inputs = Record<string, unknown>;

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    current =
      typeof current === "object" && current !== null ? (current as Inputs)[key] : undefined;
  }
  return current;
}

/** `[scopeAfterProviders, roleShortName, principalId, principalType]` per role assignment. */
export function roleAssignmentRows(resources: readonly PlannedResource[]): string[][] {
  return resources
    .filter((resource) => resource.type === "azure-native:authorization:RoleAssignment")
    .map((resource) => {
      const scope = String(field(resource.inputs, "scope"));
      const guid = String(field(resource.inputs, "roleDefinitionId")).split("/").pop();
      const role = Object.entries(DTS_ROLES).find(([, r]) => r.roleDefinitionGuid === guid)?.[0];
      return [
        scope.split("/providers/Microsoft.DurableTask/")[1] ?? scope,
        role ?? `unknown role ${guid}`,
        String(field(resource.inputs, "principalId")),
        String(field(resource.inputs, "principalType")),
      ];
    });
}

/** Every role assignment's name is guid(scope, principalId, roleDefinitionId), and its id sits under its scope. */
export function roleAssignmentNamesAreDeterministic(
  resources: readonly PlannedResource[],
): boolean {
  return resources
    .filter((resource) => resource.type === "azure-native:authorization:RoleAssignment")
    .every((resource) => {
      const scope = String(field(resource.inputs, "scope"));
      const expected = roleAssignmentName(
        scope,
        String(field(resource.inputs, "principalId")),
        String(field(resource.inputs, "roleDefinitionId")),
      );
      return (
        field(resource.inputs, "roleAssignmentName") === expected &&
        resource.id === `${scope}/providers/Microsoft.Authorization/roleAssignments/${expected}`
      );
    });
}

export { field };
