// Validation messages for the service rules that both components and the stack schema enforce. The facts and
// predicates live in ../dts (docs/reference/arm.md); this file words them for component ArgsErrors. Pure: no Pulumi,
// no I/O, so the emulator (through topology/schema.ts) can share them.
import {
  DEDICATED_CAPACITIES,
  MAX_RETENTION_DAYS,
  PRINCIPAL_TYPES,
  PUBLIC_NETWORK_ACCESS,
  SKU_NAMES,
  isCapacityAllowed,
  isGuid,
  isIpRange,
  isPrincipalType,
  isPublicNetworkAccess,
  isResourceName,
  isRetentionDays,
  isSkuName,
  type SkuName,
} from "../dts";

export {
  isSkuName,
  DEDICATED_CAPACITIES,
  DEFAULT_DEDICATED_CAPACITY,
  MAX_RETENTION_DAYS,
  PRINCIPAL_TYPES,
  PUBLIC_NETWORK_ACCESS,
  RESOURCE_NAME_PATTERN,
  SKU_NAMES,
  type PrincipalType,
  type PublicNetworkAccess,
  type SkuName,
} from "../dts";

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
  if (isResourceName(value)) return undefined;
  return `expected 3-64 letters, digits or hyphens, not starting or ending with a hyphen, got ${describe(value)}`;
}

export function guidProblem(value: string): string | undefined {
  return isGuid(value) ? undefined : `expected a GUID, got ${describe(value)}`;
}

export function skuProblem(value: string): string | undefined {
  return isSkuName(value) ? undefined : expectedOneOf(SKU_NAMES, value);
}

/** Consumption takes no capacity (Azure-Samples/Durable-Task-Scheduler#138); Dedicated takes 1, 2 or 3. */
export function capacityProblem(sku: SkuName, capacity: number | undefined): string | undefined {
  switch (sku) {
    case "Consumption":
      return isCapacityAllowed(sku, capacity)
        ? undefined
        : `expected no capacity on the Consumption SKU, got ${describe(capacity)}`;
    case "Dedicated":
      return isCapacityAllowed(sku, capacity)
        ? undefined
        : `${expectedOneOf(DEDICATED_CAPACITIES, capacity)} (capacity units on the Dedicated SKU)`;
    default:
      return exhaustive(sku);
  }
}

export function retentionDaysProblem(sku: SkuName, days: number): string | undefined {
  if (isRetentionDays(sku, days)) return undefined;
  return `expected a whole number of days from 0 to ${MAX_RETENTION_DAYS[sku]} on the ${sku} SKU, got ${describe(days)}`;
}

/** The API accepts IPv4 or IPv6 addresses and CIDR ranges (docs/reference/networking.md, `ipAllowlist`). */
export function ipRangeProblem(value: string): string | undefined {
  if (isIpRange(value)) return undefined;
  return `expected an IPv4 or IPv6 address or CIDR range, got ${describe(value)}`;
}

export function publicNetworkAccessProblem(value: string): string | undefined {
  return isPublicNetworkAccess(value) ? undefined : expectedOneOf(PUBLIC_NETWORK_ACCESS, value);
}

export function principalTypeProblem(value: string): string | undefined {
  return isPrincipalType(value) ? undefined : expectedOneOf(PRINCIPAL_TYPES, value);
}

/** Compile-time exhaustiveness for switches over closed unions; throws if a value slips through at runtime. */
export function exhaustive(value: never): never {
  throw new Error(`unexpected value ${describe(value)}`);
}
