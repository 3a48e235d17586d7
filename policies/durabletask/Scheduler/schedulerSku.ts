import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { ZONE_REDUNDANT_CAPACITY, isDedicatedCapacity } from "../../lib/dtsFacts";
import { show } from "../../lib/known";
import { configSchemaOf, profileList, readConfig } from "../../lib/policyConfig";
import { profileOfSchedulerProps } from "../../lib/profile";
import type { SchedulerInputs } from "../../lib/resourceTypes";
import { SCHEDULER_TYPE, validateResourceOfToken } from "../../lib/resourceTypes";

export const schedulerSkuConfig = z.object({
  zoneRedundantProfiles: profileList(
    ["prod"],
    "Profiles that require a zone-redundant scheduler: Dedicated with capacity 3.",
  ),
});

/**
 * SKU rules from docs/reference/arm.md "SKU and capacity rules": Consumption has no capacity units; Dedicated takes
 * 1-3, and only 3 gives zone redundancy (what the `prod` profile requires).
 *
 * @severity high
 * @link ../../../docs/policies.md#dtsx-scheduler-sku
 */
export const schedulerSku: ResourceValidationPolicy = {
  name: "dtsx-scheduler-sku",
  description:
    "Consumption schedulers set no capacity, Dedicated ones 1-3 capacity units; zone-redundant profiles (prod) require Dedicated with capacity 3.",
  enforcementLevel: "mandatory",
  severity: "high",
  configSchema: configSchemaOf(schedulerSkuConfig),
  validateResource: validateResourceOfToken<SchedulerInputs>(
    SCHEDULER_TYPE,
    (props, args, reportViolation) => {
      const config = readConfig(schedulerSkuConfig, args);
      const name = props.schedulerName ?? args.name;
      const sku = props.properties?.sku;
      const skuName = sku?.name;
      const capacity = sku?.capacity;
      if (skuName === "Consumption") {
        if (capacity !== undefined) {
          reportViolation(
            `Scheduler "${name}" is Consumption but sets sku.capacity ${show(capacity)}; remove capacity (Consumption has no capacity units).`,
          );
        }
      } else if (skuName === "Dedicated") {
        if (capacity === undefined || !isDedicatedCapacity(capacity)) {
          reportViolation(
            `Scheduler "${name}" is Dedicated with sku.capacity ${show(capacity)}; set sku.capacity to 1, 2 or 3.`,
          );
        }
      } else {
        reportViolation(
          `Scheduler "${name}" has sku.name ${show(skuName)}; use "Consumption" or "Dedicated".`,
        );
        return;
      }
      const profile = profileOfSchedulerProps(props);
      if (
        config.zoneRedundantProfiles.includes(profile) &&
        (skuName !== "Dedicated" || capacity !== ZONE_REDUNDANT_CAPACITY)
      ) {
        reportViolation(
          `Scheduler "${name}" in the ${profile} profile is ${skuName}${capacity === undefined ? "" : ` with capacity ${capacity}`}; ${profile} requires zone redundancy: set sku.name "Dedicated" and sku.capacity 3.`,
        );
      }
    },
  ),
};
