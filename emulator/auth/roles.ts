// The three Durable Task data-plane roles (dts-service.md §3.1) and which gRPC RPCs each one grants (issue 5 §6).
// The Worker role's data actions are not published (§3.1 UNCONFIRMED); the RPC sets below follow issue 5 §6.

export type DataRole = "contributor" | "worker" | "reader";

export const ROLE_DEFINITION_IDS: Readonly<Record<DataRole, string>> = {
  contributor: "0ad04412-c4d5-4796-b79c-f76d14c8d402",
  worker: "80d0d6b0-f522-40a4-8886-a5a11720c375",
  reader: "d6a5505f-6ebb-45a4-896e-ac8274cfc0ac",
};

export const ROLE_DISPLAY_NAMES: Readonly<Record<DataRole, string>> = {
  contributor: "Durable Task Data Contributor",
  worker: "Durable Task Worker",
  reader: "Durable Task Data Reader",
};

export const DATA_ROLES: readonly DataRole[] = ["contributor", "worker", "reader"];

/** Maps a role definition id (a bare GUID or an ARM `…/roleDefinitions/{guid}` id) to a data role. */
export function roleFromDefinitionId(roleDefinitionId: string): DataRole | undefined {
  const guid = roleDefinitionId.split("/").pop()?.toLowerCase() ?? "";
  return DATA_ROLES.find((role) => ROLE_DEFINITION_IDS[role] === guid);
}

/** The ARM id of a role definition, as Azure shows it on a role assignment. */
export function roleDefinitionArmId(subscriptionId: string, role: DataRole): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${ROLE_DEFINITION_IDS[role]}`;
}

/** The worker RPCs: what a worker process needs to receive and complete work items (issue 5 §6). */
const WORKER_RPCS: ReadonlySet<string> = new Set([
  "Hello",
  "GetWorkItems",
  "CompleteActivityTask",
  "CompleteOrchestratorTask",
  "CompleteEntityTask",
  "AbandonTaskActivityWorkItem",
  "AbandonTaskOrchestratorWorkItem",
  "AbandonTaskEntityWorkItem",
  "StreamInstanceHistory",
]);

/** The read-only client RPCs (issue 5 §6); Hello is a harmless ping, so readers may call it too. */
const READER_RPCS: ReadonlySet<string> = new Set([
  "Hello",
  "GetInstance",
  "QueryInstances",
  "ListInstanceIds",
  "StreamInstanceHistory",
  "GetEntity",
  "QueryEntities",
  "WaitForInstanceStart",
  "WaitForInstanceCompletion",
]);

/** Does `role` grant `rpc`? Contributor is a superset of every other role (DOC-IDENTITY). */
export function roleGrants(role: DataRole, rpc: string): boolean {
  switch (role) {
    case "contributor":
      return true;
    case "worker":
      return WORKER_RPCS.has(rpc);
    case "reader":
      return READER_RPCS.has(rpc);
    default: {
      const unreachable: never = role;
      return unreachable;
    }
  }
}

/** The roles that would grant `rpc`, least privileged first (for the PERMISSION_DENIED message). */
export function rolesGranting(rpc: string): DataRole[] {
  return (["reader", "worker", "contributor"] as const).filter((role) => roleGrants(role, rpc));
}
