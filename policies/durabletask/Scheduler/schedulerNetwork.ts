import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { isIpRange } from "../../lib/dtsFacts";
import { hardeningFindings } from "../../lib/network";
import { configSchemaOf, profileList, readConfig } from "../../lib/policyConfig";
import { profileOfSchedulerProps } from "../../lib/profile";
import type { SchedulerInputs } from "../../lib/resourceTypes";
import { SCHEDULER_TYPE, validateResourceOfToken } from "../../lib/resourceTypes";

export const schedulerNetworkConfig = z.object({
  hardenedProfiles: profileList(
    ["prod"],
    "Profiles where a /0 range in ipAllowlist and publicNetworkAccess other than Disabled are violations.",
  ),
});

/**
 * An empty ipAllowlist denies all traffic (docs/reference/networking.md "IP allowlist"), so it is a mistake in every
 * profile; the hardening rules apply in hardened profiles. dtsx-scheduler-network-advisory gives the same advice in
 * `test`.
 *
 * @severity high
 * @link ../../../docs/policies.md#dtsx-scheduler-network
 */
export const schedulerNetwork: ResourceValidationPolicy = {
  name: "dtsx-scheduler-network",
  description:
    "Schedulers have a non-empty ipAllowlist of valid entries; in hardened profiles (prod) no 0.0.0.0/0 or ::/0 and publicNetworkAccess Disabled.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: configSchemaOf(schedulerNetworkConfig),
  validateResource: validateResourceOfToken<SchedulerInputs>(
    SCHEDULER_TYPE,
    (props, args, reportViolation) => {
      const config = readConfig(schedulerNetworkConfig, args);
      const name = props.schedulerName ?? args.name;
      const ipAllowlist = props.properties?.ipAllowlist ?? [];
      if (ipAllowlist.length === 0) {
        reportViolation(
          `Scheduler "${name}" has an empty ipAllowlist, which denies all traffic; list the CIDR ranges your workers and clients connect from.`,
        );
      }
      // The same entry rule as the components and the emulator (docs/reference/networking.md): a legacy IPv4 form
      // ("10.0.0", "0177.0.0.1", "2130706433") is refused everywhere, so it is a violation in every profile.
      ipAllowlist.forEach((entry, index) => {
        if (!isIpRange(entry)) {
          reportViolation(
            `Scheduler "${name}" has ipAllowlist[${index}] "${entry}", which is not an IPv4 address in four-part dotted decimal, an IPv6 address or a CIDR range of either; write it as e.g. "10.0.0.1" or "10.0.0.0/16".`,
          );
        }
      });
      const profile = profileOfSchedulerProps(props);
      if (!config.hardenedProfiles.includes(profile)) return;
      const network = {
        name,
        ipAllowlist,
        publicNetworkAccess: props.properties?.publicNetworkAccess,
      };
      for (const finding of hardeningFindings(network, profile)) reportViolation(finding);
    },
  ),
};
