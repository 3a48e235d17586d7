import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { configSchemaOf } from "../../lib/policyConfig";
import { withMetadata } from "../../lib/metadata";
import { TASK_HUB_TYPE } from "../../lib/resourceTypes";
import { armNameOf, displayNameOf, schedulerOf } from "../../lib/topology";

export const taskHubUniqueNameConfig = z.object({});

/**
 * ARM names are case-insensitive, so "Orders" and "orders" are the same task hub of a scheduler.
 *
 * @severity high
 * @link https://learn.microsoft.com/azure/durable-task/common/durable-task-hubs
 */
export const taskHubUniqueName = withMetadata<StackValidationPolicy>(
  {
    name: "azurenative-durabletask-taskhub-unique-name",
    description: "Task hub names are unique within a scheduler (case-insensitive, like ARM).",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(taskHubUniqueNameConfig),
    validateStack: (args, reportViolation) => {
      const byName = new Map<
        string,
        { scheduler: PolicyResource; name: string; hubs: PolicyResource[] }
      >();
      for (const hub of args.resources.filter((r) => r.type === TASK_HUB_TYPE)) {
        const scheduler = schedulerOf(hub, args.resources);
        const name = armNameOf(hub) ?? hub.name;
        if (!scheduler) continue; // a hub of a scheduler another stack owns: that stack's uniqueness
        const key = `${scheduler.urn}|${name.toLowerCase()}`;
        const entry = byName.get(key) ?? { scheduler, name, hubs: [] };
        entry.hubs.push(hub);
        byName.set(key, entry);
      }
      for (const { scheduler, name, hubs } of byName.values()) {
        if (hubs.length < 2) continue;
        const [, ...duplicates] = hubs;
        for (const duplicate of duplicates) {
          reportViolation(
            `Task hub name "${name}" is declared ${hubs.length} times in scheduler "${displayNameOf(scheduler)}" (resources ${hubs.map((h) => h.name).join(", ")}); rename or remove the duplicates.`,
            duplicate.urn,
          );
        }
      }
    },
  },
  {
    vendors: ["azure"],
    services: ["durabletask"],
    severity: "high",
    topics: ["naming"],
    frameworks: [],
  },
);
