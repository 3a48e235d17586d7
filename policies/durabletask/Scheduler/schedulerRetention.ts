import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { MAX_RETENTION_DAYS } from "../../lib/dtsFacts";
import { optionalString, record, show } from "../../lib/known";
import { configSchemaOf, profileList, readConfig } from "../../lib/policyConfig";
import { profileOfSchedulerProps } from "../../lib/profile";
import { RETENTION_POLICY_TYPE, SCHEDULER_TYPE } from "../../lib/resourceTypes";
import { displayNameOf, schedulerOf } from "../../lib/topology";

export const schedulerRetentionConfig = z.object({
  maxDays: z
    .object({
      Dedicated: z.number().int().min(0).default(MAX_RETENTION_DAYS.Dedicated),
      Consumption: z.number().int().min(0).default(MAX_RETENTION_DAYS.Consumption),
    })
    .default({ ...MAX_RETENTION_DAYS })
    .describe(
      "Longest retention per SKU in days (up to 90 Dedicated, 30 Consumption; docs/reference/limits.md).",
    ),
  minFailedDays: z
    .number()
    .int()
    .min(0)
    .default(7)
    .describe(
      "Fewest days failed orchestrations are kept in the profiles listed in minFailedDaysProfiles.",
    ),
  minFailedDaysProfiles: profileList(
    ["prod"],
    "Profiles that must keep failed orchestrations at least minFailedDays.",
  ),
});

interface RetentionEntry {
  state: string | undefined;
  days: unknown;
}

function entriesOf(retention: PolicyResource): RetentionEntry[] {
  const policies = record(retention.props.properties).retentionPolicies;
  if (!Array.isArray(policies)) return [];
  return policies.map((entry: unknown) => ({
    state: optionalString(record(entry).orchestrationState),
    days: record(entry).retentionPeriodInDays,
  }));
}

/** Failed orchestrations follow the `Failed` entry, else the default (state-less) entry, else are never purged. */
function failedDaysOf(entries: RetentionEntry[]): unknown {
  const failed = entries.find((entry) => entry.state?.toLowerCase() === "failed");
  return (failed ?? entries.find((entry) => entry.state === undefined))?.days;
}

const describeState = (state: string | undefined) =>
  state === undefined ? "the default entry" : `the ${state} entry`;

/**
 * Retention is the autopurge singleton `default` (docs/reference/arm.md "Retention policy properties";
 * docs/reference/retention.md): without it terminal orchestrations are kept until the scheduler's storage runs out;
 * with too short a window in prod, failures vanish before anyone looks.
 *
 * @severity high
 * @link ../../../docs/policies.md#dtsx-scheduler-retention
 */
export const schedulerRetention: StackValidationPolicy = {
  name: "dtsx-scheduler-retention",
  description:
    "Every scheduler has a retention policy with 0-90 days (0-30 on Consumption); prod keeps failed orchestrations at least 7 days.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: configSchemaOf(schedulerRetentionConfig),
  validateStack: (args, reportViolation) => {
    const config = readConfig(schedulerRetentionConfig, args);
    const retentions = args.resources.filter((r) => r.type === RETENTION_POLICY_TYPE);
    for (const scheduler of args.resources.filter((r) => r.type === SCHEDULER_TYPE)) {
      const name = displayNameOf(scheduler);
      const own = retentions.filter((r) => schedulerOf(r, args.resources) === scheduler);
      if (own.length === 0) {
        reportViolation(
          `Scheduler "${name}" has no retention policy; add a RetentionPolicy (the singleton "default") so terminal orchestrations are purged.`,
          scheduler.urn,
        );
        continue;
      }
      const sku = optionalString(record(record(scheduler.props.properties).sku).name);
      const skuKey = sku === "Dedicated" ? "Dedicated" : "Consumption";
      const maxDays = config.maxDays[skuKey];
      const profile = profileOfSchedulerProps(scheduler.props);
      for (const retention of own) {
        const entries = entriesOf(retention);
        for (const entry of entries) {
          const days = entry.days;
          if (typeof days !== "number" || !Number.isInteger(days) || days < 0 || days > maxDays) {
            reportViolation(
              `Retention policy of scheduler "${name}" (${skuKey}) keeps ${describeState(entry.state)} ${show(days)} days; use a whole number of days from 0 to ${maxDays} (maxDays.${skuKey}).`,
              retention.urn,
            );
          }
        }
        if (!config.minFailedDaysProfiles.includes(profile)) continue;
        const failedDays = failedDaysOf(entries);
        if (typeof failedDays === "number" && failedDays < config.minFailedDays) {
          reportViolation(
            `Retention policy of scheduler "${name}" in the ${profile} profile keeps failed orchestrations ${failedDays} days; keep them at least ${config.minFailedDays} days (set retentionPeriodInDays >= ${config.minFailedDays} for orchestrationState "Failed").`,
            retention.urn,
          );
        }
      }
    }
  },
};
