// Retention policy resolution (docs/reference/retention.md), pure: which number of days applies to a terminal state.
// Per-state entries override the default entry (the one without orchestrationState); a state with neither — or a
// scheduler with no policy at all — keeps the service default of 30 days, as Azure does.
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import { DEFAULT_RETENTION_DAYS, PURGEABLE_STATES, type PurgeableState } from "../../dts";

export const DAY_MS = 24 * 60 * 60 * 1000;

/** One entry of a scheduler's retention policy, as ARM's `retentionPolicies[]` carries it. */
export interface RetentionEntry {
  retentionPeriodInDays: number;
  orchestrationState?: PurgeableState;
}

const Status = pb.OrchestrationStatus;

/** The proto runtime status of each purgeable state (Running, Pending, Suspended are never purged). */
export const STATE_STATUS: Readonly<Record<PurgeableState, number>> = {
  Completed: Status.ORCHESTRATION_STATUS_COMPLETED,
  Failed: Status.ORCHESTRATION_STATUS_FAILED,
  Terminated: Status.ORCHESTRATION_STATUS_TERMINATED,
  Canceled: Status.ORCHESTRATION_STATUS_CANCELED,
};

export function retentionDays(
  entries: readonly RetentionEntry[] | undefined,
  state: PurgeableState,
): number {
  const specific = entries?.find((entry) => entry.orchestrationState === state);
  if (specific !== undefined) return specific.retentionPeriodInDays;
  const fallback = entries?.find((entry) => entry.orchestrationState === undefined);
  return fallback?.retentionPeriodInDays ?? DEFAULT_RETENTION_DAYS;
}

export interface PurgeBatch {
  /** Proto statuses purged with the same cut-off. */
  statuses: number[];
  /** Instances that became terminal before this epoch-ms instant are purged. */
  completedBefore: number;
  days: number;
}

/** Groups the four states by their retention days: one purge call per distinct cut-off. */
export function purgeBatches(
  entries: readonly RetentionEntry[] | undefined,
  now: number,
): PurgeBatch[] {
  const byDays = new Map<number, number[]>();
  for (const state of PURGEABLE_STATES) {
    const days = retentionDays(entries, state);
    byDays.set(days, [...(byDays.get(days) ?? []), STATE_STATUS[state]]);
  }
  return [...byDays.entries()]
    .sort(([a], [b]) => a - b)
    .map(([days, statuses]) => ({ statuses, days, completedBefore: now - days * DAY_MS }));
}
