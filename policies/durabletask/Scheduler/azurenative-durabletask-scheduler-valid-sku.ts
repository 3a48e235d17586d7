import type { ResourceValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { isDedicatedCapacity } from "../../lib/dtsFacts";
import { show } from "../../lib/known";
import { withMetadata } from "../../lib/metadata";
import { configSchemaOf } from "../../lib/policyConfig";
import type { SchedulerInputs } from "../../lib/resourceTypes";
import { SCHEDULER_TYPE, validateResourceOfToken } from "../../lib/resourceTypes";

export const schedulerSkuConfig = z.object({});

/**
 * Consumption has no capacity units; Dedicated takes one to three (docs/reference/arm.md "SKU and capacity
 * rules"). Zone redundancy is
 * azurenative-durabletask-scheduler-zone-redundant's rule.
 *
 * @severity high
 * @link https://learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-billing
 */
export const schedulerSku = withMetadata<ResourceValidationPolicy>(
  {
    name: "azurenative-durabletask-scheduler-valid-sku",
    description:
      "Schedulers use the Consumption SKU without capacity or the Dedicated SKU with 1-3 capacity units.",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(schedulerSkuConfig),
    validateResource: validateResourceOfToken<SchedulerInputs>(
      SCHEDULER_TYPE,
      (props, args, reportViolation) => {
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
        }
      },
    ),
  },
  {
    vendors: ["azure"],
    services: ["durabletask"],
    severity: "high",
    topics: ["capacity"],
    frameworks: [],
  },
);
