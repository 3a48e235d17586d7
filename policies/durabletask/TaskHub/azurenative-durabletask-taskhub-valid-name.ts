import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { nameRuleViolation } from "../../lib/names";
import { configSchemaOf } from "../../lib/policyConfig";
import { withMetadata } from "../../lib/metadata";
import type { TaskHubInputs } from "../../lib/resourceTypes";
import { TASK_HUB_TYPE, validateResourceOfToken } from "../../lib/resourceTypes";

export const taskHubNameConfig = z.object({});

/**
 * Task hub names follow the ARM path pattern and do not start or end with a hyphen.
 *
 * @severity medium
 * @link https://learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules
 */
export const taskHubName = withMetadata<ResourceValidationPolicy>(
  {
    name: "azurenative-durabletask-taskhub-valid-name",
    description:
      "Task hub names are 3-64 letters, digits and hyphens and do not start or end with a hyphen (ARM path pattern).",
    enforcementLevel: "mandatory",
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
  },
  {
    vendors: ["azure"],
    services: ["durabletask"],
    severity: "medium",
    topics: ["naming"],
    frameworks: [],
  },
);
