// Azure regions (docs/reference/arm.md "Regions"; docs/reference/pulumi.md "Policy packs: counting across stacks"): ARM
// accepts a region's display name and its programmatic name interchangeably ("West Europe" = "westeurope"), and quotas
// are per region, so comparisons go through one normal form: lower case, no whitespace.

/** "West Europe" → "westeurope". */
export function normalizeRegion(location: string): string {
  return location.replace(/\s+/g, "").toLowerCase();
}
