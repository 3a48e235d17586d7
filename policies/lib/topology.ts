// Stack policies see every resource of the stack (docs/reference/pulumi.md "Policy packs: API") and link DTS resources
// to their scheduler. During `dtsx plan` every property is known and the props carry the ARM names; during a real
// preview `schedulerName` or `scope` may be unknown, so the links fall back to the engine's dependency graph and the
// component tree (the DurableTaskScheduler component parents a scheduler's task hubs, retention policy and role
// assignments).
import type { PolicyResource } from "@pulumi/policy";
import { parseDtsScope } from "./armIds";
import { optionalString, tryKnown } from "./known";
import { SCHEDULER_TYPE, TASK_HUB_TYPE } from "./resourceTypes";

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function schedulersIn(resources: readonly PolicyResource[]): PolicyResource[] {
  return resources.filter((resource) => resource.type === SCHEDULER_TYPE);
}

/** The ARM name of a scheduler or task hub when known (input `schedulerName`/`taskHubName`, or output `name`). */
export function armNameOf(resource: PolicyResource): string | undefined {
  const nameKey = resource.type === TASK_HUB_TYPE ? "taskHubName" : "schedulerName";
  const name = tryKnown(
    () => optionalString(resource.props[nameKey]) ?? optionalString(resource.props.name),
  );
  return name.known ? name.value : undefined;
}

/** How messages name a resource: its ARM name when known, else its Pulumi name. */
export function displayNameOf(resource: PolicyResource): string {
  return armNameOf(resource) ?? resource.name;
}

function dependenciesOf(resource: PolicyResource, property?: string): PolicyResource[] {
  const byProperty = property ? (resource.propertyDependencies[property] ?? []) : [];
  return byProperty.length > 0 ? byProperty : resource.dependencies;
}

/** The scheduler a task hub, retention policy or role assignment belongs to, if it is in this stack. */
export function schedulerOf(
  resource: PolicyResource,
  resources: readonly PolicyResource[],
): PolicyResource | undefined {
  const schedulers = schedulersIn(resources);
  const named = tryKnown(() => optionalString(resource.props.schedulerName));
  if (named.known && named.value !== undefined) {
    const schedulerName = named.value;
    // A known name that matches no scheduler here means a scheduler owned by another stack.
    return schedulers.find((scheduler) => {
      const name = armNameOf(scheduler);
      return name !== undefined && sameName(name, schedulerName);
    });
  }
  const dependency = dependenciesOf(resource, "schedulerName").find(
    (d) => d.type === SCHEDULER_TYPE,
  );
  if (dependency) return dependency;
  for (let ancestor = resource.parent; ancestor; ancestor = ancestor.parent) {
    if (ancestor.type === SCHEDULER_TYPE) return ancestor;
    const siblings = schedulers.filter((scheduler) => scheduler.parent === ancestor);
    if (siblings.length === 1) return siblings[0];
  }
  return schedulers.length === 1 ? schedulers[0] : undefined;
}

export type ScopeTarget =
  | { kind: "scheduler"; scope: string | undefined; scheduler: PolicyResource | undefined }
  | {
      kind: "taskHub";
      scope: string | undefined;
      scheduler: PolicyResource | undefined;
      taskHubName: string | undefined;
    }
  | { kind: "other"; scope: string };

/**
 * What a role assignment's `scope` points at. A known scope is parsed; an unknown one (a new scheduler's id during
 * preview) is resolved through the assignment's dependencies on `scope`. When neither tells, the UnknownValueError
 * propagates and the engine reports that the policy could not run.
 */
export function scopeTargetOf(
  assignment: PolicyResource,
  resources: readonly PolicyResource[],
): ScopeTarget {
  const scope = tryKnown(() => optionalString(assignment.props.scope));
  if (scope.known) {
    const value = scope.value ?? "";
    const parsed = parseDtsScope(value);
    if (!parsed) return { kind: "other", scope: value };
    const scheduler = schedulersIn(resources).find((candidate) => {
      const name = armNameOf(candidate);
      return name !== undefined && sameName(name, parsed.schedulerName);
    });
    return parsed.taskHubName === undefined
      ? { kind: "scheduler", scope: value, scheduler }
      : { kind: "taskHub", scope: value, scheduler, taskHubName: parsed.taskHubName };
  }
  const dependencies = dependenciesOf(assignment, "scope");
  const taskHub = dependencies.find((d) => d.type === TASK_HUB_TYPE);
  if (taskHub) {
    return {
      kind: "taskHub",
      scope: undefined,
      scheduler: schedulerOf(taskHub, resources),
      taskHubName: armNameOf(taskHub),
    };
  }
  const scheduler = dependencies.find((d) => d.type === SCHEDULER_TYPE);
  if (scheduler) return { kind: "scheduler", scope: undefined, scheduler };
  throw scope.error;
}
