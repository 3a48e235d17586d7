// The three Durable Task built-in data-plane roles (dts-service.md §3.1; the same GUIDs the components assign).
export const DTS_ROLES = {
  contributor: {
    id: "0ad04412-c4d5-4796-b79c-f76d14c8d402",
    displayName: "Durable Task Data Contributor",
  },
  worker: { id: "80d0d6b0-f522-40a4-8886-a5a11720c375", displayName: "Durable Task Worker" },
  reader: { id: "d6a5505f-6ebb-45a4-896e-ac8274cfc0ac", displayName: "Durable Task Data Reader" },
} as const;

export type DtsRole = keyof typeof DTS_ROLES;

/** The role GUID of a roleDefinitionId, whether a full ARM id (`…/roleDefinitions/<guid>`) or a bare GUID. */
export function roleGuidOf(roleDefinitionId: string): string {
  const segments = roleDefinitionId.split("/").filter((segment) => segment !== "");
  return (segments[segments.length - 1] ?? "").toLowerCase();
}

export function dtsRoleOf(roleDefinitionId: string): DtsRole | undefined {
  const guid = roleGuidOf(roleDefinitionId);
  return (Object.keys(DTS_ROLES) as DtsRole[]).find((role) => DTS_ROLES[role].id === guid);
}

export function describeDtsRoles(): string {
  return Object.values(DTS_ROLES)
    .map((role) => `${role.displayName} (${role.id})`)
    .join(", ");
}
