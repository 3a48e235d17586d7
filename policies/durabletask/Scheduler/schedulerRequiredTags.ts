import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { configSchemaOf, readConfig } from "../../lib/policyConfig";
import type { SchedulerInputs } from "../../lib/resourceTypes";
import { SCHEDULER_TYPE, validateResourceOfToken } from "../../lib/resourceTypes";

export const schedulerRequiredTagsConfig = z.object({
  requiredTags: z
    .array(z.string().min(1))
    .default(["environment", "owner"])
    .describe("Tag keys every scheduler must carry with a non-empty value."),
});

/**
 * `environment` is also how every other policy learns the profile (policies/lib/profile.ts).
 *
 * @severity medium
 * @link ../../../docs/policies.md#dtsx-scheduler-required-tags
 */
export const schedulerRequiredTags: ResourceValidationPolicy = {
  name: "dtsx-scheduler-required-tags",
  description:
    "Schedulers carry the required tags (default: environment, owner) with non-empty values.",
  enforcementLevel: "mandatory",
  severity: "medium",
  configSchema: configSchemaOf(schedulerRequiredTagsConfig),
  validateResource: validateResourceOfToken<SchedulerInputs>(
    SCHEDULER_TYPE,
    (props, args, reportViolation) => {
      const { requiredTags } = readConfig(schedulerRequiredTagsConfig, args);
      const tags = props.tags ?? {};
      const missing = requiredTags.filter((key) => (tags[key] ?? "").trim() === "");
      if (missing.length > 0) {
        reportViolation(
          `Scheduler "${props.schedulerName ?? args.name}" is missing required tag(s) ${missing.join(", ")}; add them under tags with non-empty values.`,
        );
      }
    },
  ),
};
