import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { isOpenToTheInternet } from "../../lib/dtsFacts";
import { withMetadata } from "../../lib/metadata";
import { configSchemaOf, readConfig } from "../../lib/policyConfig";
import { profileOfSchedulerProps } from "../../lib/profile";
import { enforcementLevelsSchema, levelledReport } from "../../lib/profileLevels";
import type { SchedulerInputs } from "../../lib/resourceTypes";
import { SCHEDULER_TYPE, validateResourceOfToken } from "../../lib/resourceTypes";

export const schedulerOpenIpRangeConfig = z.object({
  enforcementLevels: enforcementLevelsSchema({
    dev: "disabled",
    test: "advisory",
    prod: "mandatory",
  }),
});

const DESCRIPTION =
  "Schedulers do not allow 0.0.0.0/0 or ::/0 in ipAllowlist (mandatory in prod, advisory in test by default).";

/**
 * A range with prefix length 0 admits every address of its family, which makes the allowlist moot.
 *
 * @severity high
 * @link https://learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-private-endpoints
 */
export const schedulerOpenIpRange = withMetadata<ResourceValidationPolicy>(
  {
    name: "azurenative-durabletask-scheduler-disallow-open-ip-range",
    description: DESCRIPTION,
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(schedulerOpenIpRangeConfig),
    validateResource: validateResourceOfToken<SchedulerInputs>(
      SCHEDULER_TYPE,
      (props, args, reportViolation) => {
        const { enforcementLevels } = readConfig(schedulerOpenIpRangeConfig, args);
        const open = (props.properties?.ipAllowlist ?? []).filter(isOpenToTheInternet);
        if (open.length === 0) return;
        const profile = profileOfSchedulerProps(props);
        levelledReport(DESCRIPTION, reportViolation)(
          enforcementLevels[profile],
          `Scheduler "${props.schedulerName ?? args.name}" in the ${profile} profile allows ${open.map((o) => `"${o}"`).join(", ")} in ipAllowlist, which admits the whole internet; replace it with the CIDR ranges your workers and clients use.`,
        );
      },
    ),
  },
  {
    vendors: ["azure"],
    services: ["durabletask"],
    severity: "high",
    topics: ["network", "security"],
    frameworks: ["pcidss", "iso27001"],
  },
);
