import type { StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { optionalString, record } from "../../lib/known";
import { configSchemaOf, readConfig } from "../../lib/policyConfig";
import { withMetadata } from "../../lib/metadata";
import { SCHEDULER_TYPE, TASK_HUB_TYPE } from "../../lib/resourceTypes";
import { displayNameOf, schedulerOf } from "../../lib/topology";

export const schedulerTaskHubLimitConfig = z.object({
  maxTaskHubsPerScheduler: z
    .object({
      Dedicated: z.number().int().min(0).default(25),
      Consumption: z.number().int().min(0).default(5),
    })
    .default({ Dedicated: 25, Consumption: 5 })
    .describe(
      "Task hubs allowed per scheduler, by SKU (25 Dedicated, 5 Consumption; docs/reference/limits.md).",
    ),
});

/**
 * Whether the documented task hub limit is per scheduler or per region and subscription is unconfirmed
 * (docs/reference/limits.md "Scheduler and task hub quotas"); this policy checks a configurable per-scheduler
 * limit.
 *
 * @severity medium
 * @link https://learn.microsoft.com/azure/durable-task/common/durable-task-hubs
 */
export const schedulerTaskHubLimit = withMetadata<StackValidationPolicy>(
  {
    name: "azurenative-durabletask-scheduler-task-hub-limit",
    description:
      "A scheduler has at most the configured number of task hubs (default 25 Dedicated, 5 Consumption).",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(schedulerTaskHubLimitConfig),
    validateStack: (args, reportViolation) => {
      const { maxTaskHubsPerScheduler } = readConfig(schedulerTaskHubLimitConfig, args);
      const hubs = args.resources.filter((r) => r.type === TASK_HUB_TYPE);
      for (const scheduler of args.resources.filter((r) => r.type === SCHEDULER_TYPE)) {
        const own = hubs.filter((hub) => schedulerOf(hub, args.resources) === scheduler);
        const sku = optionalString(record(record(scheduler.props.properties).sku).name);
        // An unrecognised SKU is azurenative-durabletask-scheduler-valid-sku's finding; here it gets the stricter limit.
        const skuKey = sku === "Dedicated" ? "Dedicated" : "Consumption";
        const limit = maxTaskHubsPerScheduler[skuKey];
        if (own.length > limit) {
          reportViolation(
            `Scheduler "${displayNameOf(scheduler)}" (${sku ?? "unknown SKU"}) has ${own.length} task hubs, more than the ${skuKey} limit of ${limit} (maxTaskHubsPerScheduler.${skuKey}); remove ${own.length - limit} or spread them over another scheduler.`,
            scheduler.urn,
          );
        }
      }
    },
  },
  {
    vendors: ["azure"],
    services: ["durabletask"],
    severity: "medium",
    topics: ["quota", "capacity"],
    frameworks: [],
  },
);
