import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { ZONE_REDUNDANT_CAPACITY } from "../../lib/dtsFacts";
import { withMetadata } from "../../lib/metadata";
import { configSchemaOf, readConfig } from "../../lib/policyConfig";
import { profileOfSchedulerProps } from "../../lib/profile";
import { enforcementLevelsSchema, levelledReport } from "../../lib/profileLevels";
import type { SchedulerInputs } from "../../lib/resourceTypes";
import { SCHEDULER_TYPE, validateResourceOfToken } from "../../lib/resourceTypes";

export const schedulerZoneRedundantConfig = z.object({
  enforcementLevels: enforcementLevelsSchema({
    dev: "disabled",
    test: "disabled",
    prod: "mandatory",
  }),
});

const DESCRIPTION =
  "Schedulers are zone redundant: the Dedicated SKU with 3 capacity units (mandatory in prod by default).";

/**
 * Only a Dedicated scheduler with three capacity units is zone redundant (docs/reference/arm.md "SKU and
 * capacity rules").
 *
 * @severity high
 * @link https://learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-billing
 */
export const schedulerZoneRedundant = withMetadata<ResourceValidationPolicy>(
  {
    name: "azurenative-durabletask-scheduler-zone-redundant",
    description: DESCRIPTION,
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(schedulerZoneRedundantConfig),
    validateResource: validateResourceOfToken<SchedulerInputs>(
      SCHEDULER_TYPE,
      (props, args, reportViolation) => {
        const { enforcementLevels } = readConfig(schedulerZoneRedundantConfig, args);
        const report = levelledReport(DESCRIPTION, reportViolation);
        const profile = profileOfSchedulerProps(props);
        const skuName = props.properties?.sku?.name;
        const capacity = props.properties?.sku?.capacity;
        if (skuName === "Dedicated" && capacity === ZONE_REDUNDANT_CAPACITY) return;
        report(
          enforcementLevels[profile],
          `Scheduler "${props.schedulerName ?? args.name}" in the ${profile} profile is ${skuName ?? "(no SKU)"}${capacity === undefined ? "" : ` with capacity ${capacity}`}; ${profile} requires zone redundancy: set sku.name "Dedicated" and sku.capacity 3.`,
        );
      },
    ),
  },
  {
    vendors: ["azure"],
    services: ["durabletask"],
    severity: "high",
    topics: ["availability", "resilience"],
    frameworks: [],
  },
);
