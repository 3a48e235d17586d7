// ARM resource ids and scopes (docs/reference/arm.md, docs/reference/identity.md):
// /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.DurableTask/schedulers/{s}[/taskHubs/{th}]
// ARM treats every segment case-insensitively, so the matching does too.
const SUBSCRIPTION = /^\/subscriptions\/([^/]+)(\/|$)/i;
const DTS_SCOPE =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.DurableTask\/schedulers\/([^/]+)(?:\/taskHubs\/([^/]+))?\/?$/i;

export function subscriptionOfId(id: string): string | undefined {
  return SUBSCRIPTION.exec(id)?.[1];
}

export interface DtsScope {
  subscriptionId: string;
  resourceGroupName: string;
  schedulerName: string;
  /** Set for task hub scope; undefined for scheduler scope. */
  taskHubName: string | undefined;
}

/** The scheduler (and task hub) a scope points at, or undefined when it is not a Durable Task scope. */
export function parseDtsScope(scope: string): DtsScope | undefined {
  const match = DTS_SCOPE.exec(scope);
  if (!match) return undefined;
  const [, subscriptionId = "", resourceGroupName = "", schedulerName = "", taskHubName] = match;
  return { subscriptionId, resourceGroupName, schedulerName, taskHubName };
}

/** Loose test for "points into Microsoft.DurableTask" (e.g. a nested resource the strict parser does not model). */
export function isDtsScope(scope: string): boolean {
  return /\/providers\/Microsoft\.DurableTask\//i.test(scope);
}
