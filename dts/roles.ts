// The three Durable Task built-in data-plane roles (docs/reference/identity.md "Built-in data-plane roles") and the ARM
// role assignment facts around them (Microsoft.Authorization 2022-04-01). The short names match the Azure CLI's
// `--role-type {contributor, reader, worker}`.

export const DTS_ROLES = {
  /** "Role for all data access operations… a superset of all other roles": schedules AND runs orchestrations. */
  contributor: {
    displayName: "Durable Task Data Contributor",
    roleDefinitionGuid: "0ad04412-c4d5-4796-b79c-f76d14c8d402",
  },
  /** For apps that "only" process orchestrations, activities and entities. */
  worker: {
    displayName: "Durable Task Worker",
    roleDefinitionGuid: "80d0d6b0-f522-40a4-8886-a5a11720c375",
  },
  /** Lists orchestrations and reads payloads: on-call, dashboards. */
  reader: {
    displayName: "Durable Task Data Reader",
    roleDefinitionGuid: "d6a5505f-6ebb-45a4-896e-ac8274cfc0ac",
  },
} as const;

export type DtsRole = keyof typeof DTS_ROLES;

/** The short role names, as a tuple for schema enums. */
export const DTS_ROLE_NAMES = [
  "contributor",
  "worker",
  "reader",
] as const satisfies readonly DtsRole[];

export function isDtsRole(value: string): value is DtsRole {
  return Object.hasOwn(DTS_ROLES, value);
}

/** The DTS role whose role definition GUID this is (GUIDs compare case-insensitively), if any. */
export function dtsRoleOfGuid(guid: string): DtsRole | undefined {
  const lower = guid.toLowerCase();
  return DTS_ROLE_NAMES.find((role) => DTS_ROLES[role].roleDefinitionGuid === lower);
}

/**
 * The full role definition id ARM expects in `roleDefinitionId` and shows on a role assignment:
 * `/subscriptions/<sub>/providers/Microsoft.Authorization/roleDefinitions/<guid>`.
 */
export function roleDefinitionArmId(subscriptionId: string, role: DtsRole): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${DTS_ROLES[role].roleDefinitionGuid}`;
}

/** ARM `PrincipalType` values accepted by Microsoft.Authorization role assignments (API 2022-04-01). */
export const PRINCIPAL_TYPES = [
  "User",
  "Group",
  "ServicePrincipal",
  "ForeignGroup",
  "Device",
] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

export function isPrincipalType(value: string): value is PrincipalType {
  return (PRINCIPAL_TYPES as readonly string[]).includes(value);
}
