import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { nameRuleViolation } from "../../lib/names";
import { configSchemaOf } from "../../lib/policyConfig";
import { withMetadata } from "../../lib/metadata";
import type { SchedulerInputs } from "../../lib/resourceTypes";
import { SCHEDULER_TYPE, validateResourceOfToken } from "../../lib/resourceTypes";

export const schedulerNameConfig = z.object({});

/**
 * Scheduler names follow the ARM path pattern and do not start or end with a hyphen.
 *
 * @severity medium
 * @link https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
 */
export const schedulerName = withMetadata<ResourceValidationPolicy>(
  {
    name: "azurenative-durabletask-scheduler-valid-name",
    description:
      "Scheduler names are 3-64 letters, digits and hyphens and do not start or end with a hyphen (ARM path pattern).",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(schedulerNameConfig),
    validateResource: validateResourceOfToken<SchedulerInputs>(
      SCHEDULER_TYPE,
      (props, args, reportViolation) => {
        // Without schedulerName, azure-native auto-names from the Pulumi name (plus a suffix).
        const name = props.schedulerName ?? args.name;
        const rule = nameRuleViolation(name);
        if (rule) {
          reportViolation(
            `Scheduler name "${name}" ${rule}; rename the scheduler (schedulerName).`,
          );
        }
      },
    ),
  },
  {
    vendors: ["azure"],
    services: ["durabletask"],
    severity: "medium",
    topics: ["naming"],
    frameworks: [],
  },
);
