// The data-plane authorization decision, pure: a principal may call an RPC on a task hub when a role
// assignment for it at the hub's scope or its scheduler's scope (docs/reference/identity.md "Scopes") grants that RPC.
import { ROLE_DISPLAY_NAMES, roleGrants, rolesGranting, type DataRole } from "./roles";

export interface AssignmentFact {
  role: DataRole;
  principalId: string;
  scope: string;
}

export interface RbacRequest {
  principalId: string;
  clientId?: string;
  rpc: string;
  hub: string;
  hubScope: string;
  schedulerScope: string;
  assignments: readonly AssignmentFact[];
}

export type RbacDecision =
  { allowed: true; role: DataRole; scope: string } | { allowed: false; message: string };

function sameScope(a: string, b: string): boolean {
  return a.replace(/\/+$/, "").toLowerCase() === b.replace(/\/+$/, "").toLowerCase();
}

function describePrincipal(principalId: string, clientId?: string): string {
  return clientId === undefined
    ? `principal '${principalId}'`
    : `principal '${principalId}' (client id '${clientId}')`;
}

export function decide(request: RbacRequest): RbacDecision {
  const principal = request.principalId.toLowerCase();
  const relevant = request.assignments.filter(
    (a) =>
      a.principalId.toLowerCase() === principal &&
      (sameScope(a.scope, request.hubScope) || sameScope(a.scope, request.schedulerScope)),
  );
  const granting = relevant.find((a) => roleGrants(a.role, request.rpc));
  if (granting !== undefined) return { allowed: true, role: granting.role, scope: granting.scope };

  const needed = rolesGranting(request.rpc)
    .map((role) => ROLE_DISPLAY_NAMES[role])
    .join(" or ");
  const held =
    relevant.length === 0
      ? "it has no Durable Task role on this task hub or its scheduler"
      : `it has only ${relevant.map((a) => `${ROLE_DISPLAY_NAMES[a.role]} at '${a.scope}'`).join(", ")}`;
  return {
    allowed: false,
    message: `${describePrincipal(request.principalId, request.clientId)} is not allowed to call ${request.rpc} on task hub '${request.hub}': it needs the role ${needed} at scope '${request.hubScope}' or '${request.schedulerScope}'; ${held}.`,
  };
}
