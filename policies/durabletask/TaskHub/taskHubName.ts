import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { nameRuleViolation } from "../../lib/names";
import { configSchemaOf } from "../../lib/policyConfig";
import type { TaskHubInputs } from "../../lib/resourceTypes";
import { TASK_HUB_TYPE, validateResourceOfToken } from "../../lib/resourceTypes";

export const taskHubNameConfig = z.object({});

/**
 * @severity medium
 * @link ../../../docs/policies.md#dtsx-taskhub-name
 */
export const taskHubName: ResourceValidationPolicy = {
  name: "dtsx-taskhub-name",
  description:
    "Task hub names are 3-64 letters, digits and hyphens and do not start or end with a hyphen (ARM path pattern).",
  enforcementLevel: "mandatory",
  severity: "medium",
  configSchema: configSchemaOf(taskHubNameConfig),
  validateResource: validateResourceOfToken<TaskHubInputs>(
    TASK_HUB_TYPE,
    (props, args, reportViolation) => {
      const name = props.taskHubName ?? args.name;
      const rule = nameRuleViolation(name);
      if (rule) {
        reportViolation(`Task hub name "${name}" ${rule}; rename the task hub (taskHubName).`);
      }
    },
  ),
};
