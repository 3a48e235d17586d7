import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { z } from "zod";
import { subscriptionOfId } from "../../lib/armIds";
import { optionalString, record, tryKnown } from "../../lib/known";
import { configSchemaOf, readConfig } from "../../lib/policyConfig";
import { withMetadata } from "../../lib/metadata";
import type { UnknownValueError } from "../../lib/proxy";
import { couldNotRunError } from "../../lib/proxy";
import { normaliseRegion } from "../../lib/regions";
import { SCHEDULER_TYPE } from "../../lib/resourceTypes";
import { displayNameOf } from "../../lib/topology";

const SKUS = ["Consumption", "Dedicated"] as const;

export const schedulerQuotaPerRegionConfig = z.object({
  maxSchedulersPerRegion: z
    .number()
    .int()
    .min(0)
    .default(5)
    .describe(
      "Schedulers allowed per region per subscription, all SKUs together (the service's five; Azure's 2026 documents list 25 Dedicated / 10 Consumption).",
    ),
  maxSchedulersPerRegionBySku: z
    .object({
      Consumption: z.number().int().min(0).optional(),
      Dedicated: z.number().int().min(0).optional(),
    })
    .default({})
    .describe(
      "Optional per-SKU limits per region per subscription, checked in addition to the total.",
    ),
  inventory: z
    .array(
      z.object({
        subscriptionId: z.string().min(1),
        location: z.string().min(1),
        name: z.string().min(1),
        sku: z.enum(SKUS).optional(),
      }),
    )
    .default([])
    .describe(
      "Schedulers that already exist outside this stack; an entry named like a scheduler of this stack is that scheduler and is not counted twice.",
    ),
  subscriptionId: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The subscription this stack deploys to, for schedulers whose resource id is not known yet (a first preview).",
    ),
});

type QuotaConfig = z.output<typeof schedulerQuotaPerRegionConfig>;

interface Counted {
  name: string;
  sku: string | undefined;
  source: "stack" | "inventory";
}

interface RegionGroup {
  subscriptionId: string | undefined;
  region: string;
  spellings: Set<string>;
  members: Counted[];
}

/**
 * The subscription a planned scheduler deploys to: from its ARM id when known (dtsx plan mocks realistic ids), else
 * from an explicit provider's `subscriptionId`, else the policy config's `subscriptionId`.
 */
function subscriptionOf(scheduler: PolicyResource, config: QuotaConfig): string | undefined {
  const id = tryKnown(() => optionalString(scheduler.props.id));
  const fromId = id.known && id.value ? subscriptionOfId(id.value) : undefined;
  if (fromId) return fromId;
  const fromProvider = tryKnown(() => optionalString(scheduler.provider?.props.subscriptionId));
  if (fromProvider.known && fromProvider.value) return fromProvider.value;
  return config.subscriptionId;
}

const groupKey = (subscriptionId: string | undefined, region: string) =>
  `${(subscriptionId ?? "").toLowerCase()}|${region}`;

function describeSubscription(subscriptionId: string | undefined): string {
  return subscriptionId === undefined ? "(this stack's subscription, not known)" : subscriptionId;
}

// Names and spellings are sorted: the engine registers resources concurrently, and a message should not change
// from one preview to the next.
function describeMembers(members: Counted[]): string {
  const inStack = members
    .filter((m) => m.source === "stack")
    .map((m) => m.name)
    .sort();
  const elsewhere = members
    .filter((m) => m.source === "inventory")
    .map((m) => m.name)
    .sort();
  const parts = [`${inStack.length} in this stack: ${inStack.join(", ") || "none"}`];
  if (elsewhere.length > 0)
    parts.push(`${elsewhere.length} in the inventory: ${elsewhere.join(", ")}`);
  return parts.join("; ");
}

/**
 * Schedulers per region per subscription stay within the Durable Task Scheduler quota; schedulers other stacks
 * own are counted through the policy config's inventory.
 *
 * @severity high
 * @link https://learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-billing
 */
export const schedulerQuotaPerRegion = withMetadata<StackValidationPolicy>(
  {
    name: "azurenative-durabletask-scheduler-quota-per-region",
    description:
      "Schedulers per region per subscription stay within the Durable Task Scheduler quota, counting those other stacks already own (policy config inventory).",
    enforcementLevel: "mandatory",
    configSchema: configSchemaOf(schedulerQuotaPerRegionConfig),
    validateStack: (args, reportViolation) => {
      const config = readConfig(schedulerQuotaPerRegionConfig, args);
      const groups = new Map<string, RegionGroup>();
      const unknownRegions: Array<{ scheduler: string; error: UnknownValueError }> = [];
      const groupFor = (subscriptionId: string | undefined, location: string) => {
        const region = normaliseRegion(location);
        const key = groupKey(subscriptionId, region);
        const group = groups.get(key) ?? {
          subscriptionId,
          region,
          spellings: new Set(),
          members: [],
        };
        group.spellings.add(location);
        groups.set(key, group);
        return group;
      };

      for (const scheduler of args.resources.filter((r) => r.type === SCHEDULER_TYPE)) {
        const name = displayNameOf(scheduler);
        const location = tryKnown(() => optionalString(scheduler.props.location));
        if (!location.known) {
          unknownRegions.push({ scheduler: name, error: location.error });
          continue;
        }
        if (location.value === undefined) {
          reportViolation(
            `Scheduler "${name}" sets no location, so the per-region quota cannot be counted; set location to the scheduler's region.`,
            scheduler.urn,
          );
          continue;
        }
        const sku = tryKnown(() =>
          optionalString(record(record(scheduler.props.properties).sku).name),
        );
        groupFor(subscriptionOf(scheduler, config), location.value).members.push({
          name,
          sku: sku.known ? sku.value : undefined,
          source: "stack",
        });
      }

      const stackGroups = [...groups.values()];
      for (const entry of config.inventory) {
        const region = normaliseRegion(entry.location);
        const group = groups.get(groupKey(entry.subscriptionId, region));
        if (group?.members.some((m) => m.name.toLowerCase() === entry.name.toLowerCase())) continue;
        if (group) group.members.push({ name: entry.name, sku: entry.sku, source: "inventory" });
      }

      for (const group of stackGroups) {
        const where = `region ${group.region} (${[...group.spellings]
          .sort()
          .map((s) => `"${s}"`)
          .join(", ")}) of subscription ${describeSubscription(group.subscriptionId)}`;
        if (group.subscriptionId === undefined) {
          const elsewhere = config.inventory.filter(
            (e) => normaliseRegion(e.location) === group.region,
          );
          if (elsewhere.length > 0) {
            reportViolation(
              `The quota check for ${where} cannot count the ${elsewhere.length} inventory scheduler(s) in this region (${elsewhere
                .map((e) => `${e.name} in ${e.subscriptionId}`)
                .sort()
                .join(", ")}) because the subscription of ${group.members
                .map((m) => m.name)
                .sort()
                .join(
                  ", ",
                )} is not known; set subscriptionId in the azurenative-durabletask-scheduler-quota-per-region config (or dtsx:subscriptionId for dtsx plan).`,
            );
          }
        }
        const limit = config.maxSchedulersPerRegion;
        if (group.members.length > limit) {
          reportViolation(
            `${group.members.length} schedulers in ${where} exceed the limit of ${limit} per region per subscription (maxSchedulersPerRegion) — ${describeMembers(group.members)}. Move ${group.members.length - limit} of them to another region or subscription (or remove them), or raise the limit after a quota increase.`,
          );
        }
        for (const sku of SKUS) {
          const skuLimit = config.maxSchedulersPerRegionBySku[sku];
          const ofSku = group.members.filter((m) => m.sku === sku);
          if (skuLimit !== undefined && ofSku.length > skuLimit) {
            reportViolation(
              `${ofSku.length} ${sku} schedulers in ${where} exceed the ${sku} limit of ${skuLimit} per region per subscription (maxSchedulersPerRegionBySku.${sku}) — ${describeMembers(ofSku)}. Move ${ofSku.length - skuLimit} of them to another SKU, region or subscription (or remove them), or raise the limit after a quota increase.`,
            );
          }
        }
      }

      const [firstUnknown] = unknownRegions;
      if (firstUnknown) {
        // Never pass silently: the engine reports this as an advisory "can't run policy … during preview".
        throw couldNotRunError(
          firstUnknown.error,
          `the region (location) of scheduler(s) ${unknownRegions.map((u) => u.scheduler).join(", ")} is not known during preview, so the per-region scheduler quota could not be checked for them; set location from plain configuration rather than another resource's output.`,
        );
      }
    },
  },
  {
    vendors: ["azure"],
    services: ["durabletask"],
    severity: "high",
    topics: ["quota", "capacity"],
    frameworks: [],
  },
);
