import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { hardeningFindings } from "../../lib/network";
import { configSchemaOf, profileList, readConfig } from "../../lib/policyConfig";
import { profileOfSchedulerProps } from "../../lib/profile";
import type { SchedulerInputs } from "../../lib/resourceTypes";
import { SCHEDULER_TYPE, validateResourceOfToken } from "../../lib/resourceTypes";

export const schedulerNetworkAdvisoryConfig = z.object({
  profiles: profileList(["test"], "Profiles that get the prod network hardening as advice."),
});

/**
 * A CrossGuard policy has one enforcement level, so "mandatory in prod, advisory in test, off in dev" is
 * two policies over one rule (policies/lib/network.ts).
 *
 * @severity medium
 * @link ../../../docs/policies.md#dtsx-scheduler-network-advisory
 */
export const schedulerNetworkAdvisory: ResourceValidationPolicy = {
  name: "dtsx-scheduler-network-advisory",
  description:
    "Advice in pre-production profiles (test): prepare for prod's network rules — no 0.0.0.0/0 or ::/0 in ipAllowlist, publicNetworkAccess Disabled.",
  enforcementLevel: "advisory",
  severity: "medium",
  configSchema: configSchemaOf(schedulerNetworkAdvisoryConfig),
  validateResource: validateResourceOfToken<SchedulerInputs>(
    SCHEDULER_TYPE,
    (props, args, reportViolation) => {
      const config = readConfig(schedulerNetworkAdvisoryConfig, args);
      const profile = profileOfSchedulerProps(props);
      if (!config.profiles.includes(profile)) return;
      const network = {
        name: props.schedulerName ?? args.name,
        ipAllowlist: props.properties?.ipAllowlist ?? [],
        publicNetworkAccess: props.properties?.publicNetworkAccess,
      };
      for (const finding of hardeningFindings(network, profile)) reportViolation(finding);
    },
  ),
};
