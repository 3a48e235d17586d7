// Service rules for Microsoft.DurableTask that both components and the stack schema enforce. Pure: no Pulumi,
// no I/O, so the emulator (through stacks/schema.ts) can share them. Sources: ../shared/reference/dts-service.md.
import ipaddr from "ipaddr.js";

/** SKU names of `Microsoft.DurableTask/schedulers` at API 2026-02-01 (dts-service.md §1.4). */
export const SKU_NAMES = ["Consumption", "Dedicated"] as const;
export type SkuName = (typeof SKU_NAMES)[number];

/** Dedicated capacity units: "up to three CUs"; 3 CUs give zone redundancy (dts-service.md §1.10). */
export const DEDICATED_CAPACITIES = [1, 2, 3] as const;

/** Capacity a Dedicated scheduler gets when none is declared: one CU is the minimum deployment. */
export const DEFAULT_DEDICATED_CAPACITY = 1;

export const PUBLIC_NETWORK_ACCESS = ["Enabled", "Disabled"] as const;
export type PublicNetworkAccess = (typeof PUBLIC_NETWORK_ACCESS)[number];

/** ARM `PrincipalType` values accepted by Microsoft.Authorization role assignments (API 2022-04-01). */
export const PRINCIPAL_TYPES = [
  "User",
  "Group",
  "ServicePrincipal",
  "ForeignGroup",
  "Device",
] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

/** Retention maximum per SKU: 90 days Dedicated, 30 days Consumption (dts-service.md §2.2, §6). */
export const MAX_RETENTION_DAYS: Readonly<Record<SkuName, number>> = {
  Dedicated: 90,
  Consumption: 30,
};

/**
 * Scheduler and task hub names: the ARM path pattern `^[a-zA-Z0-9-]{3,64}$` plus the portal's "cannot start
 * or end with a hyphen" (dts-service.md §1.9).
 */
export const RESOURCE_NAME_PATTERN = /^[a-zA-Z0-9-]{3,64}$/;

const GUID_PATTERN =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** `"A" | "B"`: a closed set of values as messages show it. */
export function oneOf(allowed: readonly (string | number)[]): string {
  return allowed.map((value) => JSON.stringify(value)).join(" | ");
}

/** `expected "A" | "B", got "C"`: the one wording for every closed set of values. */
export function expectedOneOf(allowed: readonly (string | number)[], got: unknown): string {
  return `expected ${oneOf(allowed)}, got ${describe(got)}`;
}

/** A value as it appears in messages: JSON for scalars and arrays, the type name otherwise. */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "function" || typeof value === "symbol" || typeof value === "bigint") {
    return typeof value;
  }
  return JSON.stringify(value);
}

export function resourceNameProblem(value: string): string | undefined {
  if (RESOURCE_NAME_PATTERN.test(value) && !value.startsWith("-") && !value.endsWith("-")) {
    return undefined;
  }
  return `expected 3-64 letters, digits or hyphens, not starting or ending with a hyphen, got ${describe(value)}`;
}

export function guidProblem(value: string): string | undefined {
  return GUID_PATTERN.test(value) ? undefined : `expected a GUID, got ${describe(value)}`;
}

export function skuProblem(value: string): string | undefined {
  return (SKU_NAMES as readonly string[]).includes(value)
    ? undefined
    : expectedOneOf(SKU_NAMES, value);
}

/** Consumption takes no capacity (Azure-Samples/Durable-Task-Scheduler#138); Dedicated takes 1, 2 or 3. */
export function capacityProblem(sku: SkuName, capacity: number | undefined): string | undefined {
  switch (sku) {
    case "Consumption":
      return capacity === undefined
        ? undefined
        : `expected no capacity on the Consumption SKU, got ${describe(capacity)}`;
    case "Dedicated":
      return capacity === undefined ||
        (DEDICATED_CAPACITIES as readonly number[]).includes(capacity)
        ? undefined
        : `${expectedOneOf(DEDICATED_CAPACITIES, capacity)} (capacity units on the Dedicated SKU)`;
    default:
      return exhaustive(sku);
  }
}

export function retentionDaysProblem(sku: SkuName, days: number): string | undefined {
  const max = MAX_RETENTION_DAYS[sku];
  if (Number.isInteger(days) && days >= 0 && days <= max) return undefined;
  return `expected a whole number of days from 0 to ${max} on the ${sku} SKU, got ${describe(days)}`;
}

/** The API accepts IPv4 or IPv6 addresses and CIDR ranges (dts-service.md §1.4 `ipAllowlist`). */
export function ipRangeProblem(value: string): string | undefined {
  const [address = "", prefix, ...rest] = value.split("/");
  // Four-part dotted decimal only: ipaddr.js alone also accepts legacy forms such as "10.0.0".
  const strictAddress =
    ipaddr.IPv4.isValidFourPartDecimal(address) ||
    (address.includes(":") && ipaddr.IPv6.isValid(address));
  const validPrefix =
    prefix === undefined || (/^\d{1,3}$/.test(prefix) && ipaddr.isValidCIDR(value));
  if (strictAddress && validPrefix && rest.length === 0) return undefined;
  return `expected an IPv4 or IPv6 address or CIDR range, got ${describe(value)}`;
}

export function publicNetworkAccessProblem(value: string): string | undefined {
  return (PUBLIC_NETWORK_ACCESS as readonly string[]).includes(value)
    ? undefined
    : expectedOneOf(PUBLIC_NETWORK_ACCESS, value);
}

export function principalTypeProblem(value: string): string | undefined {
  return (PRINCIPAL_TYPES as readonly string[]).includes(value)
    ? undefined
    : expectedOneOf(PRINCIPAL_TYPES, value);
}

/** Compile-time exhaustiveness for switches over closed unions; throws if a value slips through at runtime. */
export function exhaustive(value: never): never {
  throw new Error(`unexpected value ${describe(value)}`);
}
