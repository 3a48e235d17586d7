// Azure accepts a region's display name and its programmatic name interchangeably ("West Europe", "westeurope",
// "WestEurope"); quotas are per region, so every comparison goes through one normal form (pulumi.md §2.4).
export function normaliseRegion(location: string): string {
  return location.replace(/[\s_-]+/g, "").toLowerCase();
}
