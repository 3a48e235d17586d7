// Scheduler SKUs and capacity (docs/reference/arm.md "Scheduler properties", "SKU and capacity rules").

/** SKU names of `Microsoft.DurableTask/schedulers` at API 2026-02-01 (docs/reference/arm.md "Scheduler properties"). */
export const SKU_NAMES = ["Consumption", "Dedicated"] as const;
export type SkuName = (typeof SKU_NAMES)[number];

export function isSkuName(value: string): value is SkuName {
  return (SKU_NAMES as readonly string[]).includes(value);
}

/**
 * Dedicated capacity units: "up to three CUs", one CU the minimum deployment (docs/reference/arm.md
 * "SKU and capacity rules").
 */
export const DEDICATED_CAPACITIES = [1, 2, 3] as const;

/**
 * Capacity a Dedicated scheduler gets when none is declared: one CU is the minimum deployment (docs/reference/arm.md).
 */
export const DEFAULT_DEDICATED_CAPACITY = 1;

/**
 * Capacity the service gives a Dedicated scheduler created without one. The spec states it only through its
 * example: a PUT of `"sku":{"name":"Dedicated"}` answers `"capacity":3,"redundancyState":"Zone"`
 * (`Azure/azure-rest-api-specs` `…/DurableTask/examples/2026-02-01/Schedulers_CreateOrUpdate.json`). The
 * components never rely on it: they always send a capacity (DEFAULT_DEDICATED_CAPACITY when none is declared).
 */
export const SERVICE_DEFAULT_DEDICATED_CAPACITY = 3;

/**
 * Three CUs give zone redundancy (`redundancyState: "Zone"`); fewer give none (docs/reference/arm.md
 * "SKU and capacity rules").
 */
export const ZONE_REDUNDANT_CAPACITY = 3;

/** Is `capacity` a capacity the Dedicated SKU takes (1, 2 or 3 CUs)? */
export function isDedicatedCapacity(capacity: number): boolean {
  return (DEDICATED_CAPACITIES as readonly number[]).includes(capacity);
}

/**
 * Does the SKU accept this declared capacity? Consumption takes none at all (Azure-Samples/Durable-Task-Scheduler#138);
 * Dedicated takes 1-3 or none (then the default of one CU). Surfaces that require an explicit Dedicated capacity
 * check `isDedicatedCapacity` themselves.
 */
export function isCapacityAllowed(sku: SkuName, capacity: number | undefined): boolean {
  switch (sku) {
    case "Consumption":
      return capacity === undefined;
    case "Dedicated":
      return capacity === undefined || isDedicatedCapacity(capacity);
    default: {
      const unreachable: never = sku;
      throw new Error(`unexpected SKU ${JSON.stringify(unreachable)}`);
    }
  }
}

/** `redundancyState` of a scheduler: "Zone" only for Dedicated with three CUs (docs/reference/arm.md). */
export function redundancyStateOf(sku: SkuName, capacity: number | undefined): "None" | "Zone" {
  return sku === "Dedicated" && capacity === ZONE_REDUNDANT_CAPACITY ? "Zone" : "None";
}

/** Public network access values (API 2026-02-01+, docs/reference/arm.md "Scheduler properties"). */
export const PUBLIC_NETWORK_ACCESS = ["Enabled", "Disabled"] as const;
export type PublicNetworkAccess = (typeof PUBLIC_NETWORK_ACCESS)[number];

export function isPublicNetworkAccess(value: string): value is PublicNetworkAccess {
  return (PUBLIC_NETWORK_ACCESS as readonly string[]).includes(value);
}
