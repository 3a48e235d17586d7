import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { configSchemaOf, readConfig } from "../../lib/policyConfig";
import { normaliseRegion } from "../../lib/regions";
import type { SchedulerInputs } from "../../lib/resourceTypes";
import { SCHEDULER_TYPE, validateResourceOfToken } from "../../lib/resourceTypes";

export const schedulerAllowedRegionsConfig = z.object({
  allowedRegions: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Regions schedulers may be created in, in any spelling ("West Europe" = "westeurope"); empty allows any region.',
    ),
});

/**
 * @severity medium
 * @link ../../../docs/policies.md#dtsx-scheduler-allowed-regions
 */
export const schedulerAllowedRegions: ResourceValidationPolicy = {
  name: "dtsx-scheduler-allowed-regions",
  description:
    "Schedulers are created only in the allowed regions (policy config; empty = any region).",
  enforcementLevel: "mandatory",
  severity: "medium",
  configSchema: configSchemaOf(schedulerAllowedRegionsConfig),
  validateResource: validateResourceOfToken<SchedulerInputs>(
    SCHEDULER_TYPE,
    (props, args, reportViolation) => {
      const { allowedRegions } = readConfig(schedulerAllowedRegionsConfig, args);
      if (allowedRegions.length === 0) return;
      const name = props.schedulerName ?? args.name;
      const location = props.location;
      if (location === undefined) {
        reportViolation(
          `Scheduler "${name}" sets no location; set location to one of the allowed regions: ${allowedRegions.join(", ")}.`,
        );
        return;
      }
      const allowed = new Set(allowedRegions.map(normaliseRegion));
      if (!allowed.has(normaliseRegion(location))) {
        reportViolation(
          `Scheduler "${name}" is in region "${location}", which is not allowed; move it to one of: ${allowedRegions.join(", ")}.`,
        );
      }
    },
  ),
};
