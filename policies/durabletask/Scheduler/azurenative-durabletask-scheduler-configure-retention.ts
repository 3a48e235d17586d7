import type { StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { MAX_RETENTION_DAYS } from "../../lib/dtsFacts";
import { optionalString, record, show } from "../../lib/known";
import { withMetadata } from "../../lib/metadata";
import { configSchemaOf, readConfig } from "../../lib/policyConfig";
import { entriesOf } from "../../lib/retention";
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
      "Longest retention per SKU in days (the service allows up to 90 on Dedicated, 30 on Consumption).",
    ),
});

const describeState = (state: string | undefined) =>
  state === undefined ? "the default entry" : `the ${state} entry`;

/**
 * Retention is the autopurge singleton `default` (docs/reference/arm.md "Retention policy properties";
 * docs/reference/retention.md): without it terminal orchestrations are kept until the scheduler's
 * storage runs out. How long failed orchestrations stay is
 * azurenative-durabletask-retentionpolicy-keep-failed-orchestrations' rule.
 *
 * @severity high
 * @link https://learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-auto-purge
 */
export const schedulerRetention = withMetadata<StackValidationPolicy>(
  {
    name: "azurenative-durabletask-scheduler-configure-retention",
    description:
      "Every scheduler has a retention policy whose entries keep 0-90 days (0-30 on Consumption).",
    enforcementLevel: "mandatory",
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
        for (const retention of own) {
          for (const entry of entriesOf(retention)) {
            const days = entry.days;
            if (typeof days !== "number" || !Number.isInteger(days) || days < 0 || days > maxDays) {
              reportViolation(
                `Retention policy of scheduler "${name}" (${skuKey}) keeps ${describeState(entry.state)} ${show(days)} days; use a whole number of days from 0 to ${maxDays} (maxDays.${skuKey}).`,
                retention.urn,
              );
            }
          }
        }
      }
    },
  },
  {
    vendors: ["azure"],
    services: ["durabletask"],
    severity: "high",
    topics: ["storage", "retention"],
    frameworks: [],
  },
);
