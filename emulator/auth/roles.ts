// The three Durable Task data-plane roles (docs/reference/identity.md "Built-in data-plane roles") and which gRPC RPCs
// each one grants. The Worker role's data actions are not published (unconfirmed); the RPC sets below are this
// emulator's reading of the role descriptions. The role
// facts (names, GUIDs, display names, ARM id form) live in ../../dts/roles.ts.
import { DTS_ROLE_NAMES, DTS_ROLES, dtsRoleOfGuid, type DtsRole } from "../../dts";

export { roleDefinitionArmId } from "../../dts";

export type DataRole = DtsRole;

export const ROLE_DEFINITION_IDS: Readonly<Record<DataRole, string>> = {
  contributor: DTS_ROLES.contributor.roleDefinitionGuid,
  worker: DTS_ROLES.worker.roleDefinitionGuid,
  reader: DTS_ROLES.reader.roleDefinitionGuid,
};

export const ROLE_DISPLAY_NAMES: Readonly<Record<DataRole, string>> = {
  contributor: DTS_ROLES.contributor.displayName,
  worker: DTS_ROLES.worker.displayName,
  reader: DTS_ROLES.reader.displayName,
};

export const DATA_ROLES: readonly DataRole[] = DTS_ROLE_NAMES;

/** Maps a role definition id (a bare GUID or an ARM `…/roleDefinitions/{guid}` id) to a data role. */
export function roleFromDefinitionId(roleDefinitionId: string): DataRole | undefined {
  return dtsRoleOfGuid(roleDefinitionId.split("/").pop() ?? "");
}

/** The worker RPCs: what a worker process needs to receive and complete work items. */
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

/** The read-only client RPCs; Hello is a harmless ping, so readers may call it too. */
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

/** Does `role` grant `rpc`? Contributor is a superset of every other role (docs/reference/identity.md). */
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
