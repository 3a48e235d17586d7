// Autopurge retention (docs/reference/arm.md "Retention policy properties"; docs/reference/limits.md
// "Throughput, storage and retention by SKU"; docs/reference/retention.md).
import type { SkuName } from "./sku";

/**
 * Retention maximum per SKU: 90 days Dedicated, 30 days Consumption (docs/reference/limits.md
 * "Throughput, storage and retention by SKU"; docs/reference/retention.md).
 */
export const MAX_RETENTION_DAYS: Readonly<Record<SkuName, number>> = {
  Dedicated: 90,
  Consumption: 30,
};

/** The service's default retention when no policy says otherwise (docs/reference/retention.md). */
export const DEFAULT_RETENTION_DAYS = 30;

/** A whole number of days from 0 ("purge as soon as possible") to the SKU's maximum (docs/reference/retention.md). */
export function isRetentionDays(sku: SkuName, days: number): boolean {
  return Number.isInteger(days) && days >= 0 && days <= MAX_RETENTION_DAYS[sku];
}

/**
 * The terminal states autopurge applies to, as ARM's `orchestrationState` spells them (docs/reference/retention.md);
 * Pending, Running, Suspended and ContinuedAsNew are never purged.
 */
export const PURGEABLE_STATES = ["Completed", "Failed", "Terminated", "Canceled"] as const;
export type PurgeableState = (typeof PURGEABLE_STATES)[number];
