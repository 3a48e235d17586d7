import type { StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { withMetadata } from "../../lib/metadata";
import { configSchemaOf, readConfig } from "../../lib/policyConfig";
import { profileOfSchedulerProps } from "../../lib/profile";
import { enforcementLevelsSchema, levelledReport } from "../../lib/profileLevels";
import { entriesOf, failedDaysOf } from "../../lib/retention";
import { RETENTION_POLICY_TYPE } from "../../lib/resourceTypes";
import { displayNameOf, schedulerOf } from "../../lib/topology";

export const retentionKeepFailedConfig = z.object({
  minFailedDays: z
    .number()
    .int()
    .min(0)
    .default(7)
    .describe("Fewest days failed orchestrations are kept before autopurge deletes them."),
  enforcementLevels: enforcementLevelsSchema({
    dev: "disabled",
    test: "disabled",
    prod: "mandatory",
  }),
});

const DESCRIPTION =
  "Retention policies keep failed orchestrations at least 7 days (mandatory in prod by default).";

/**
 * With too short a window, failures vanish before anyone looks at them. A stack policy: the profile is the
 * scheduler's, which a retention policy reaches through lib/topology.ts.
 *
 * @severity medium
 * @link https://learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-auto-purge
 */
export const retentionKeepFailed = withMetadata<StackValidationPolicy>(
  {
    name: "azurenative-durabletask-retentionpolicy-keep-failed-orchestrations",
    description: DESCRIPTION,
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(retentionKeepFailedConfig),
    validateStack: (args, reportViolation) => {
      const config = readConfig(retentionKeepFailedConfig, args);
      const report = levelledReport(DESCRIPTION, reportViolation);
      for (const retention of args.resources.filter((r) => r.type === RETENTION_POLICY_TYPE)) {
        const scheduler = schedulerOf(retention, args.resources);
        if (!scheduler) continue;
        const profile = profileOfSchedulerProps(scheduler.props);
        const failedDays = failedDaysOf(entriesOf(retention));
        if (typeof failedDays === "number" && failedDays < config.minFailedDays) {
          report(
            config.enforcementLevels[profile],
            `Retention policy of scheduler "${displayNameOf(scheduler)}" in the ${profile} profile keeps failed orchestrations ${failedDays} days; keep them at least ${config.minFailedDays} days (set retentionPeriodInDays >= ${config.minFailedDays} for orchestrationState "Failed").`,
            retention.urn,
          );
        }
      }
    },
  },
  {
    vendors: ["azure"],
    services: ["durabletask"],
    severity: "medium",
    topics: ["retention", "operations"],
    frameworks: [],
  },
);
