// Policy pack configuration exactly as `pulumi preview --policy-pack-config FILE` takes it
// (`{"all": <level>, "<policy>": <level> | {"enforcementLevel"?: <level>, ...properties}}`) and reconciled the way
// the engine does (pulumi/pulumi pkg/resource/analyzer/config.go `ReconcilePolicyPackConfig`, docs/reference/pulumi.md
// "Policy packs: runtime semantics"): schema defaults → "all"'s enforcement level → each policy's own level and properties (top-level keys replace
// defaults) → validation against each policy's schema. As in the engine, names that are not policies of the pack
// and properties a schema does not declare are accepted and ignored. Keys of pack 0.1 are translated first
// (lib/deprecatedConfig.ts), each reported through `onDeprecation`.
import type { EnforcementLevel } from "@pulumi/policy";
import { z } from "zod";
import type { RegisteredPolicy } from "./all";
import { DeprecatedConfigError, migrateDeprecatedConfig } from "./lib/deprecatedConfig";

export const ENFORCEMENT_LEVELS = ["advisory", "mandatory", "remediate", "disabled"] as const;

export interface EffectivePolicyConfig {
  enforcementLevel: EnforcementLevel;
  /** What `getConfig()` returns: the reconciled properties without enforcementLevel. */
  properties: Record<string, unknown>;
}

/** A configuration the engine would refuse; the message names the file, the key and the rule. */
export class PolicyConfigError extends Error {
  override name = "PolicyConfigError";
}

const enforcementLevel = z.enum(ENFORCEMENT_LEVELS);
const levels = ENFORCEMENT_LEVELS.map((level) => `"${level}"`).join(" | ");

function schemaDefaults(policy: RegisteredPolicy["policy"]): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
    if (typeof schema === "object" && schema.default !== undefined) {
      defaults[key] = structuredClone(schema.default);
    }
  }
  return defaults;
}

interface ParsedEntry {
  enforcementLevel: EnforcementLevel | undefined;
  properties: Record<string, unknown>;
}

function parseEntry(source: string, key: string, value: unknown): ParsedEntry {
  if (typeof value === "string") {
    const level = enforcementLevel.safeParse(value);
    if (!level.success) {
      throw new PolicyConfigError(
        `${source}: "${key}": expected ${levels} or an object, got "${value}"`,
      );
    }
    return { enforcementLevel: level.data, properties: {} };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new PolicyConfigError(
      `${source}: "${key}": expected ${levels} or an object, got ${JSON.stringify(value)}`,
    );
  }
  const { enforcementLevel: rawLevel, ...properties } = value as Record<string, unknown>;
  if (rawLevel === undefined) return { enforcementLevel: undefined, properties };
  const level = enforcementLevel.safeParse(rawLevel);
  if (!level.success) {
    throw new PolicyConfigError(
      `${source}: "${key}.enforcementLevel": expected ${levels}, got ${JSON.stringify(rawLevel)}`,
    );
  }
  return { enforcementLevel: level.data, properties };
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((segment) => (typeof segment === "number" ? `[${segment}]` : `.${String(segment)}`))
    .join("");
}

export function reconcilePolicyPackConfig(
  registered: readonly RegisteredPolicy[],
  given: unknown = {},
  source = "policy pack config",
  onDeprecation: (message: string) => void = () => undefined,
): Map<string, EffectivePolicyConfig> {
  if (typeof given !== "object" || given === null || Array.isArray(given)) {
    throw new PolicyConfigError(
      `${source}: expected a JSON object keyed by policy name, got ${JSON.stringify(given)}`,
    );
  }
  let file: Record<string, unknown>;
  try {
    const migrated = migrateDeprecatedConfig(given as Record<string, unknown>, source);
    migrated.deprecations.forEach((message) => onDeprecation(message));
    file = migrated.config;
  } catch (error) {
    if (error instanceof DeprecatedConfigError) throw new PolicyConfigError(error.message);
    throw error;
  }
  const result = new Map<string, EffectivePolicyConfig>();
  for (const { policy } of registered) {
    result.set(policy.name, {
      enforcementLevel: policy.enforcementLevel ?? "advisory",
      properties: schemaDefaults(policy),
    });
  }
  const entries = Object.entries(file);
  const all = entries.find(([key]) => key === "all");
  if (all) {
    // Only the enforcement level of "all" applies; the engine ignores any properties on it.
    const { enforcementLevel: allLevel } = parseEntry(source, "all", all[1]);
    if (allLevel) {
      for (const effective of result.values()) effective.enforcementLevel = allLevel;
    }
  }
  for (const [key, value] of entries) {
    if (key === "all") continue;
    const parsed = parseEntry(source, key, value);
    // Like the engine, a name that is not a policy of this pack is accepted and has no effect.
    const effective = result.get(key);
    if (!effective) continue;
    if (parsed.enforcementLevel) effective.enforcementLevel = parsed.enforcementLevel;
    Object.assign(effective.properties, parsed.properties);
  }
  for (const { policy, config } of registered) {
    const effective = result.get(policy.name);
    // The engine validates against the schema without additionalProperties: unknown keys pass.
    const checked = config.safeParse(effective?.properties ?? {});
    if (!checked.success) {
      const [issue] = checked.error.issues;
      const where = `${policy.name}${formatPath(issue?.path ?? [])}`;
      const unknownKeys = issue?.code === "unrecognized_keys" ? ` (${issue.keys.join(", ")})` : "";
      throw new PolicyConfigError(
        `${source}: "${where}": ${issue?.message ?? "invalid"}${unknownKeys}`,
      );
    }
  }
  return result;
}
