import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { nameRuleViolation } from "../../lib/names";
import { configSchemaOf } from "../../lib/policyConfig";
import type { SchedulerInputs } from "../../lib/resourceTypes";
import { SCHEDULER_TYPE, validateResourceOfToken } from "../../lib/resourceTypes";

export const schedulerNameConfig = z.object({});

/**
 * @severity medium
 * @link ../../../docs/policies.md#dtsx-scheduler-name
 */
export const schedulerName: ResourceValidationPolicy = {
  name: "dtsx-scheduler-name",
  description:
    "Scheduler names are 3-64 letters, digits and hyphens and do not start or end with a hyphen (ARM path pattern).",
  enforcementLevel: "mandatory",
  severity: "medium",
  configSchema: configSchemaOf(schedulerNameConfig),
  validateResource: validateResourceOfToken<SchedulerInputs>(
    SCHEDULER_TYPE,
    (props, args, reportViolation) => {
      // Without schedulerName, azure-native auto-names from the Pulumi name (plus a suffix).
      const name = props.schedulerName ?? args.name;
      const rule = nameRuleViolation(name);
      if (rule) {
        reportViolation(`Scheduler name "${name}" ${rule}; rename the scheduler (schedulerName).`);
      }
    },
  ),
};
