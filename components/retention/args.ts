// Autopurge retention for one scheduler: a default number of days plus per-terminal-state overrides, mapped to the
// singleton `retentionPolicies/default` (docs/reference/retention.md). Pure: used by the scheduler component.
import type * as pulumi from "@pulumi/pulumi";
import { DEFAULT_RETENTION_DAYS, type PurgeableState } from "../../dts";
import type { Problem } from "../problems";
import { retentionDaysProblem, type SkuName } from "../rules";

export { DEFAULT_RETENTION_DAYS } from "../../dts";

/** Days a terminal orchestration is kept before autopurge; 0 purges as soon as possible. */
export interface RetentionDays {
  /** Days for every terminal state without its own entry. @default 30 (the service's own default) */
  readonly default?: pulumi.Input<number>;
  /** Days for completed orchestrations. */
  readonly completed?: pulumi.Input<number>;
  /** Days for failed orchestrations. */
  readonly failed?: pulumi.Input<number>;
  /** Days for terminated orchestrations. */
  readonly terminated?: pulumi.Input<number>;
  /** Days for canceled orchestrations. */
  readonly canceled?: pulumi.Input<number>;
}

/** RetentionDays once every value is known. */
export interface RetentionValues {
  readonly default?: number;
  readonly completed?: number;
  readonly failed?: number;
  readonly terminated?: number;
  readonly canceled?: number;
}

/** Per-state keys in the order their entries are emitted, with the ARM `orchestrationState` each maps to. */
export const RETENTION_STATES = [
  ["completed", "Completed"],
  ["failed", "Failed"],
  ["terminated", "Terminated"],
  ["canceled", "Canceled"],
] as const satisfies readonly (readonly [string, PurgeableState])[];

export type RetentionWithDefaults = RetentionValues & { readonly default: number };

export function retentionWithDefaults(args: RetentionValues | undefined): RetentionWithDefaults {
  return { ...args, default: args?.default ?? DEFAULT_RETENTION_DAYS };
}

/** Every day count within 0–90 (0–30 on Consumption). Paths are relative to the retention object. */
export function validateRetention(args: RetentionValues, sku: SkuName): Problem[] {
  const problems: Problem[] = [];
  for (const key of ["default", ...RETENTION_STATES.map(([state]) => state)] as const) {
    const days = args[key];
    if (days === undefined) continue;
    const problem = retentionDaysProblem(sku, days);
    if (problem) problems.push({ path: [key], message: problem });
  }
  return problems;
}

/** One ARM retention entry (`RetentionPolicyDetails`). */
export interface RetentionPolicyEntry {
  readonly retentionPeriodInDays: number;
  readonly orchestrationState?: PurgeableState;
}

/** The `properties.retentionPolicies` array: the default entry (no state) first, then each override. */
export function retentionPolicyEntries(args: RetentionWithDefaults): RetentionPolicyEntry[] {
  const entries: RetentionPolicyEntry[] = [{ retentionPeriodInDays: args.default }];
  for (const [key, orchestrationState] of RETENTION_STATES) {
    const days = args[key];
    if (days !== undefined) entries.push({ retentionPeriodInDays: days, orchestrationState });
  }
  return entries;
}
