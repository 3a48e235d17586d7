import type { ResourceValidationPolicy } from "@pulumi/policy";
import { validateResourceOfType } from "@pulumi/policy";
import { z } from "zod";
import { hardeningFindings } from "../../lib/network";
import { configSchemaOf, profileList, readConfig } from "../../lib/policyConfig";
import { profileOfSchedulerProps } from "../../lib/profile";
import { Scheduler } from "../../lib/resourceTypes";

export const schedulerNetworkConfig = z.object({
  hardenedProfiles: profileList(
    ["prod"],
    "Profiles where a /0 range in ipAllowlist and publicNetworkAccess other than Disabled are violations.",
  ),
});

/**
 * An empty ipAllowlist denies all traffic (dts-service.md §1.10), so it is a mistake in every profile; the
 * hardening rules apply in hardened profiles. dtsx-scheduler-network-advisory gives the same advice in `test`.
 *
 * @severity high
 * @link ../../../docs/policies.md#dtsx-scheduler-network
 */
export const schedulerNetwork: ResourceValidationPolicy = {
  name: "dtsx-scheduler-network",
  description:
    "Schedulers have a non-empty ipAllowlist; in hardened profiles (prod) no 0.0.0.0/0 or ::/0 and publicNetworkAccess Disabled.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: configSchemaOf(schedulerNetworkConfig),
  validateResource: validateResourceOfType(Scheduler, (props, args, reportViolation) => {
    const config = readConfig(schedulerNetworkConfig, args);
    const name = props.schedulerName ?? args.name;
    const ipAllowlist = props.properties?.ipAllowlist ?? [];
    if (ipAllowlist.length === 0) {
      reportViolation(
        `Scheduler "${name}" has an empty ipAllowlist, which denies all traffic; list the CIDR ranges your workers and clients connect from.`,
      );
    }
    const profile = profileOfSchedulerProps(props);
    if (!config.hardenedProfiles.includes(profile)) return;
    const network = {
      name,
      ipAllowlist,
      publicNetworkAccess: props.properties?.publicNetworkAccess,
    };
    for (const finding of hardeningFindings(network, profile)) reportViolation(finding);
  }),
};
