import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { withMetadata } from "../../lib/metadata";
import { configSchemaOf, readConfig } from "../../lib/policyConfig";
import { normaliseRegion } from "../../lib/regions";
import type { SchedulerInputs } from "../../lib/resourceTypes";
import {
  SCHEDULER_TYPE,
  remediateResourceOfToken,
  validateResourceOfToken,
} from "../../lib/resourceTypes";

export const schedulerAllowedRegionsConfig = z.object({
  allowedRegions: z
    .array(z.string().min(1))
    .default([])
    .describe(
      'Regions schedulers may be created in, in any spelling ("West Europe" = "westeurope"); empty allows any region.',
    ),
});

/**
 * The remediation (enforcementLevel "remediate") rewrites a display-name spelling ("West Europe", "WestEurope") to
 * the programmatic name ("westeurope"): ARM treats both as one region, so the fix changes no deployment, and one
 * spelling keeps per-region counts and diffs stable.
 *
 * @severity medium
 * @link https://learn.microsoft.com/cli/azure/account#az-account-list-locations
 */
export const schedulerAllowedRegions = withMetadata<ResourceValidationPolicy>(
  {
    name: "azurenative-durabletask-scheduler-allowed-regions",
    description:
      "Schedulers are created only in the allowed regions (policy config; empty = any region).",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(schedulerAllowedRegionsConfig),
    remediateResource: remediateResourceOfToken<SchedulerInputs>(SCHEDULER_TYPE, (props) => {
      const location = props.location;
      if (typeof location !== "string") return undefined;
      const normalised = normaliseRegion(location);
      return normalised === location ? undefined : { ...props, location: normalised };
    }),
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
  },
  {
    vendors: ["azure"],
    services: ["durabletask"],
    severity: "medium",
    topics: ["location", "compliance"],
    frameworks: [],
  },
);
