// Reading a RetentionPolicy's entries (azure-native durabletask.RetentionPolicy `properties.retentionPolicies`):
// one entry per orchestration state, plus an optional state-less default entry (docs/reference/retention.md).
import type { PolicyResource } from "@pulumi/policy";
import { optionalString, record } from "./known";

export interface RetentionEntry {
  state: string | undefined;
  days: unknown;
}

export function entriesOf(retention: PolicyResource): RetentionEntry[] {
  const policies = record(retention.props.properties).retentionPolicies;
  if (!Array.isArray(policies)) return [];
  return policies.map((entry: unknown) => ({
    state: optionalString(record(entry).orchestrationState),
    days: record(entry).retentionPeriodInDays,
  }));
}

/** Failed orchestrations follow the `Failed` entry, else the default (state-less) entry, else are never purged. */
export function failedDaysOf(entries: RetentionEntry[]): unknown {
  const failed = entries.find((entry) => entry.state?.toLowerCase() === "failed");
  return (failed ?? entries.find((entry) => entry.state === undefined))?.days;
}
