// The three Durable Task built-in data-plane roles (docs/reference/identity.md "Built-in data-plane roles"; facts in
// ../../dts/roles.ts, the same the components assign), keyed as the policies read them: `id` is the role definition
// GUID.
import {
  DTS_ROLE_NAMES,
  DTS_ROLES as SERVICE_ROLES,
  dtsRoleOfGuid,
  type DtsRole,
} from "./dtsFacts";

export type { DtsRole } from "./dtsFacts";

export const DTS_ROLES: Readonly<Record<DtsRole, { id: string; displayName: string }>> =
  Object.fromEntries(
    DTS_ROLE_NAMES.map((role) => [
      role,
      { id: SERVICE_ROLES[role].roleDefinitionGuid, displayName: SERVICE_ROLES[role].displayName },
    ]),
  ) as Record<DtsRole, { id: string; displayName: string }>;

/** The role GUID of a roleDefinitionId, whether a full ARM id (`…/roleDefinitions/<guid>`) or a bare GUID. */
export function roleGuidOf(roleDefinitionId: string): string {
  const segments = roleDefinitionId.split("/").filter((segment) => segment !== "");
  return (segments[segments.length - 1] ?? "").toLowerCase();
}

export function dtsRoleOf(roleDefinitionId: string): DtsRole | undefined {
  return dtsRoleOfGuid(roleGuidOf(roleDefinitionId));
}

export function describeDtsRoles(): string {
  return Object.values(DTS_ROLES)
    .map((role) => `${role.displayName} (${role.id})`)
    .join(", ");
}
