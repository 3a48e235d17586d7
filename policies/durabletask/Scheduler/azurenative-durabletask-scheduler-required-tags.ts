import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { withMetadata } from "../../lib/metadata";
import { configSchemaOf, readConfig } from "../../lib/policyConfig";
import type { SchedulerInputs } from "../../lib/resourceTypes";
import {
  SCHEDULER_TYPE,
  remediateResourceOfToken,
  validateResourceOfToken,
} from "../../lib/resourceTypes";

export const schedulerRequiredTagsConfig = z.object({
  requiredTags: z
    .array(z.string().min(1))
    .default(["environment", "owner"])
    .describe("Tag keys every scheduler must carry with a non-empty value."),
  defaultTagValues: z
    .record(z.string(), z.string().min(1))
    .default({})
    .describe(
      'Values the remediation (enforcementLevel "remediate") fills in for missing required tags, e.g. {"owner": "platform"}; a tag without one is only reported.',
    ),
});

const missingTags = (requiredTags: readonly string[], tags: Record<string, string>) =>
  requiredTags.filter((key) => (tags[key] ?? "").trim() === "");

/**
 * `environment` is also how every other policy learns the profile (policies/lib/profile.ts), so the remediation
 * fills it only when the policy config names a value: a guessed profile would loosen or tighten every other rule.
 *
 * @severity medium
 * @link https://learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-tags
 */
export const schedulerRequiredTags = withMetadata<ResourceValidationPolicy>(
  {
    name: "azurenative-durabletask-scheduler-required-tags",
    description:
      "Schedulers carry the required tags (default: environment, owner) with non-empty values.",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(schedulerRequiredTagsConfig),
    remediateResource: remediateResourceOfToken<SchedulerInputs>(SCHEDULER_TYPE, (props, args) => {
      const { requiredTags, defaultTagValues } = readConfig(schedulerRequiredTagsConfig, args);
      const tags = props.tags ?? {};
      const fill = missingTags(requiredTags, tags).filter((key) => key in defaultTagValues);
      if (fill.length === 0) return undefined;
      const added = Object.fromEntries(fill.map((key) => [key, defaultTagValues[key] ?? ""]));
      return { ...props, tags: { ...tags, ...added } };
    }),
    validateResource: validateResourceOfToken<SchedulerInputs>(
      SCHEDULER_TYPE,
      (props, args, reportViolation) => {
        const { requiredTags } = readConfig(schedulerRequiredTagsConfig, args);
        const missing = missingTags(requiredTags, props.tags ?? {});
        if (missing.length > 0) {
          reportViolation(
            `Scheduler "${props.schedulerName ?? args.name}" is missing required tag(s) ${missing.join(", ")}; add them under tags with non-empty values.`,
          );
        }
      },
    ),
  },
  {
    vendors: ["azure"],
    services: ["durabletask"],
    severity: "medium",
    topics: ["tagging", "cost"],
    frameworks: [],
  },
);
