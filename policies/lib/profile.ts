// The environment profile (dev | test | prod) selects how strict the guardrails are. The stack program tags every
// scheduler with `environment: <dtsx:environment>` (stacks/index.ts), so policies read it from the scheduler's
// `tags.environment`. Other DTS resources (task hubs, retention policies, role assignments) take the profile of
// the scheduler they belong to, found through lib/topology.ts; when that link is missing, the profile every
// scheduler of the stack agrees on. A missing or unrecognised tag fails closed: the resource is judged as `prod`
// (and azurenative-durabletask-scheduler-required-tags reports the missing tag).
import type { PolicyResource } from "@pulumi/policy";
import { optionalString, record } from "./known";
import { SCHEDULER_TYPE } from "./resourceTypes";
import { schedulerOf } from "./topology";

export const PROFILES = ["dev", "test", "prod"] as const;
export type Profile = (typeof PROFILES)[number];
export const PROFILE_TAG = "environment";

/** The profile named by a scheduler's tags (props are inputs or outputs; both carry `tags`). */
export function profileOfSchedulerProps(props: { readonly tags?: unknown }): Profile {
  const value = optionalString(record(props.tags)[PROFILE_TAG]);
  return (PROFILES as readonly string[]).includes(value ?? "") ? (value as Profile) : "prod";
}

/** The profile of any resource in a stack: its own tag (schedulers), its scheduler's, or the stack's. */
export function profileOfResource(
  resource: PolicyResource,
  resources: readonly PolicyResource[],
): Profile {
  if (resource.type === SCHEDULER_TYPE) return profileOfSchedulerProps(resource.props);
  const scheduler = schedulerOf(resource, resources);
  if (scheduler) return profileOfSchedulerProps(scheduler.props);
  const profiles = new Set(
    resources.filter((r) => r.type === SCHEDULER_TYPE).map((r) => profileOfSchedulerProps(r.props)),
  );
  const [only] = profiles;
  return profiles.size === 1 && only ? only : "prod";
}
