// Azure accepts a region's display name and its programmatic name interchangeably ("West Europe", "westeurope",
// "WestEurope"); quotas are per region, so every comparison goes through one normal form (docs/reference/pulumi.md
// "Policy packs: counting across stacks", ../../dts/regions.ts). Policies also forgive "_" and "-" ("west-europe") in
// hand-written policy config.
import { normalizeRegion } from "./dtsFacts";

export function normaliseRegion(location: string): string {
  return normalizeRegion(location.replace(/[_-]+/g, ""));
}
