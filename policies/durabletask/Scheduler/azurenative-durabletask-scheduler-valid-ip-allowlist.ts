import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { isIpRange } from "../../lib/dtsFacts";
import { withMetadata } from "../../lib/metadata";
import { configSchemaOf } from "../../lib/policyConfig";
import type { SchedulerInputs } from "../../lib/resourceTypes";
import { SCHEDULER_TYPE, validateResourceOfToken } from "../../lib/resourceTypes";

export const schedulerNetworkConfig = z.object({});

/**
 * An empty ipAllowlist denies all traffic (docs/reference/networking.md "IP allowlist"), so it is a mistake in every profile. Entries follow one rule shared with
 * the components and the emulator (docs/reference/networking.md): a legacy IPv4 form ("10.0.0", "0177.0.0.1",
 * "2130706433") is refused everywhere.
 *
 * @severity high
 * @link https://learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-private-endpoints
 */
export const schedulerNetwork = withMetadata<ResourceValidationPolicy>(
  {
    name: "azurenative-durabletask-scheduler-valid-ip-allowlist",
    description:
      "Schedulers have a non-empty ipAllowlist of IPv4 or IPv6 addresses and CIDR ranges.",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(schedulerNetworkConfig),
    validateResource: validateResourceOfToken<SchedulerInputs>(
      SCHEDULER_TYPE,
      (props, args, reportViolation) => {
        const name = props.schedulerName ?? args.name;
        const ipAllowlist = props.properties?.ipAllowlist ?? [];
        if (ipAllowlist.length === 0) {
          reportViolation(
            `Scheduler "${name}" has an empty ipAllowlist, which denies all traffic; list the CIDR ranges your workers and clients connect from.`,
          );
        }
        ipAllowlist.forEach((entry, index) => {
          if (!isIpRange(entry)) {
            reportViolation(
              `Scheduler "${name}" has ipAllowlist[${index}] "${entry}", which is not an IPv4 address in four-part dotted decimal, an IPv6 address or a CIDR range of either; write it as e.g. "10.0.0.1" or "10.0.0.0/16".`,
            );
          }
        });
      },
    ),
  },
  {
    vendors: ["azure"],
    services: ["durabletask"],
    severity: "high",
    topics: ["network"],
    frameworks: [],
  },
);
