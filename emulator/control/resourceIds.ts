// ARM resource ids of the local control plane (docs/reference/arm.md "Resource types and paths"), built and parsed in
// one place.

export const PROVIDER = "Microsoft.DurableTask";
export const SCHEDULER_TYPE = "Microsoft.DurableTask/schedulers";
export const TASK_HUB_TYPE = "Microsoft.DurableTask/schedulers/taskHubs";
export const RETENTION_POLICY_TYPE = "Microsoft.DurableTask/schedulers/retentionPolicies";
export const ROLE_ASSIGNMENT_TYPE = "Microsoft.Authorization/roleAssignments";

export interface SchedulerRef {
  subscriptionId: string;
  resourceGroup: string;
  scheduler: string;
}

export function schedulerId(ref: SchedulerRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/${PROVIDER}/schedulers/${ref.scheduler}`;
}

export function taskHubId(ref: SchedulerRef, taskHub: string): string {
  return `${schedulerId(ref)}/taskHubs/${taskHub}`;
}

export function retentionPolicyId(ref: SchedulerRef): string {
  return `${schedulerId(ref)}/retentionPolicies/default`;
}

export function roleAssignmentId(scope: string, name: string): string {
  return `${scope}/providers/Microsoft.Authorization/roleAssignments/${name}`;
}

export type ParsedScope =
  | { kind: "scheduler"; ref: SchedulerRef }
  | { kind: "taskHub"; ref: SchedulerRef; taskHub: string };

const SCOPE_PATTERN =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DurableTask\/schedulers\/([^/]+)(?:\/taskHubs\/([^/]+))?\/?$/i;

/** Parses a role-assignment scope: a scheduler or task hub id (docs/reference/identity.md "Scopes"). */
export function parseScope(scope: string): ParsedScope | undefined {
  const match = SCOPE_PATTERN.exec(scope);
  if (match === null) return undefined;
  const [, subscriptionId = "", resourceGroup = "", scheduler = "", taskHub] = match;
  const ref = { subscriptionId, resourceGroup, scheduler };
  return taskHub === undefined ? { kind: "scheduler", ref } : { kind: "taskHub", ref, taskHub };
}
