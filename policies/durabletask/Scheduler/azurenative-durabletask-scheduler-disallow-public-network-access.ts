import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { show } from "../../lib/known";
import { withMetadata } from "../../lib/metadata";
import { configSchemaOf, readConfig } from "../../lib/policyConfig";
import { profileOfSchedulerProps } from "../../lib/profile";
import { enforcementLevelsSchema, levelledReport } from "../../lib/profileLevels";
import type { SchedulerInputs } from "../../lib/resourceTypes";
import { SCHEDULER_TYPE, validateResourceOfToken } from "../../lib/resourceTypes";

export const schedulerPublicNetworkAccessConfig = z.object({
  enforcementLevels: enforcementLevelsSchema({
    dev: "disabled",
    test: "advisory",
    prod: "mandatory",
  }),
});

const DESCRIPTION =
  "Schedulers set publicNetworkAccess Disabled and are reached through a private endpoint (mandatory in prod, advisory in test by default).";

/**
 * Not remediated: disabling public access cuts off every client that has no private endpoint yet.
 *
 * @severity high
 * @link https://learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-private-endpoints
 */
export const schedulerPublicNetworkAccess = withMetadata<ResourceValidationPolicy>(
  {
    name: "azurenative-durabletask-scheduler-disallow-public-network-access",
    description: DESCRIPTION,
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(schedulerPublicNetworkAccessConfig),
    validateResource: validateResourceOfToken<SchedulerInputs>(
      SCHEDULER_TYPE,
      (props, args, reportViolation) => {
        const { enforcementLevels } = readConfig(schedulerPublicNetworkAccessConfig, args);
        const access = props.properties?.publicNetworkAccess;
        if ((access ?? "").toLowerCase() === "disabled") return;
        const profile = profileOfSchedulerProps(props);
        levelledReport(DESCRIPTION, reportViolation)(
          enforcementLevels[profile],
          `Scheduler "${props.schedulerName ?? args.name}" in the ${profile} profile has publicNetworkAccess ${show(access)}; set publicNetworkAccess to "Disabled" and reach it through a private endpoint.`,
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
