// Policy config keys of pack 0.1 (the `dtsx-*` policy names and the profile lists of the former mandatory/advisory
// twins), translated to the 0.2 keys for one release: each use yields a deprecation message naming the new key.
// The translation runs before reconciliation (packConfig.ts), so a key given under its new name wins over the
// deprecated one. Removed in 0.3.0.
import { z } from "zod";
import type { Profile } from "./profile";
import { PROFILES } from "./profile";
import type { ProfileLevel } from "./profileLevels";

export const DEPRECATED_KEYS_REMOVED_IN = "0.3.0";

/** Policy names of pack 0.1 and the policy that carries each rule now. */
export const RENAMED_POLICIES: Readonly<Record<string, string>> = {
  "dtsx-scheduler-quota": "azurenative-durabletask-scheduler-quota-per-region",
  "dtsx-scheduler-taskhub-limit": "azurenative-durabletask-scheduler-task-hub-limit",
  "dtsx-scheduler-name": "azurenative-durabletask-scheduler-valid-name",
  "dtsx-taskhub-name": "azurenative-durabletask-taskhub-valid-name",
  "dtsx-taskhub-unique-name": "azurenative-durabletask-taskhub-unique-name",
  "dtsx-scheduler-sku": "azurenative-durabletask-scheduler-valid-sku",
  "dtsx-scheduler-network": "azurenative-durabletask-scheduler-valid-ip-allowlist",
  "dtsx-scheduler-network-advisory":
    "azurenative-durabletask-scheduler-disallow-public-network-access",
  "dtsx-scheduler-retention": "azurenative-durabletask-scheduler-configure-retention",
  "dtsx-roleassignment-dts-role": "azurenative-authorization-roleassignment-dts-role",
  "dtsx-roleassignment-principal-type": "azurenative-authorization-roleassignment-principal-type",
  "dtsx-roleassignment-least-privilege": "azurenative-authorization-roleassignment-least-privilege",
  "dtsx-roleassignment-least-privilege-advisory":
    "azurenative-authorization-roleassignment-least-privilege",
  "dtsx-scheduler-required-tags": "azurenative-durabletask-scheduler-required-tags",
  "dtsx-scheduler-allowed-regions": "azurenative-durabletask-scheduler-allowed-regions",
};

const ZONE_REDUNDANT = "azurenative-durabletask-scheduler-zone-redundant";
const OPEN_IP_RANGE = "azurenative-durabletask-scheduler-disallow-open-ip-range";
const PUBLIC_ACCESS = "azurenative-durabletask-scheduler-disallow-public-network-access";
const KEEP_FAILED = "azurenative-durabletask-retentionpolicy-keep-failed-orchestrations";
const LEAST_PRIVILEGE = "azurenative-authorization-roleassignment-least-privilege";

/** Thrown for a deprecated key whose value 0.1 would also have refused. */
export class DeprecatedConfigError extends Error {
  override name = "DeprecatedConfigError";
}

type Entry = { enforcementLevel?: unknown } & Record<string, unknown>;

interface Twin {
  /** 0.1 policy holding the profiles where the rule was mandatory, and its property. */
  mandatory: { policy: string; key: string; defaults: readonly Profile[] };
  /** 0.1 advisory twin and its property, when the rule had one. */
  advisory?: { policy: string; key: string; defaults: readonly Profile[] };
  /** 0.2 policies whose `enforcementLevels` the profiles become. */
  targets: readonly string[];
}

const TWINS: readonly Twin[] = [
  {
    mandatory: { policy: "dtsx-scheduler-sku", key: "zoneRedundantProfiles", defaults: ["prod"] },
    targets: [ZONE_REDUNDANT],
  },
  {
    mandatory: { policy: "dtsx-scheduler-network", key: "hardenedProfiles", defaults: ["prod"] },
    advisory: { policy: "dtsx-scheduler-network-advisory", key: "profiles", defaults: ["test"] },
    targets: [OPEN_IP_RANGE, PUBLIC_ACCESS],
  },
  {
    mandatory: {
      policy: "dtsx-scheduler-retention",
      key: "minFailedDaysProfiles",
      defaults: ["prod"],
    },
    targets: [KEEP_FAILED],
  },
  {
    mandatory: {
      policy: "dtsx-roleassignment-least-privilege",
      key: "profiles",
      defaults: ["prod"],
    },
    advisory: {
      policy: "dtsx-roleassignment-least-privilege-advisory",
      key: "profiles",
      defaults: ["dev", "test"],
    },
    targets: [LEAST_PRIVILEGE],
  },
];

/** 0.1 policies whose enforcement level also applied to a rule that is now a policy of its own. */
const LEVEL_ALSO_APPLIES_TO: Readonly<Record<string, readonly string[]>> = {
  "dtsx-scheduler-sku": [ZONE_REDUNDANT],
  "dtsx-scheduler-network": [OPEN_IP_RANGE, PUBLIC_ACCESS],
  "dtsx-scheduler-retention": [KEEP_FAILED],
};

const profileList = z.array(z.enum(PROFILES));

function entryOf(value: unknown): Entry {
  if (typeof value === "string") return { enforcementLevel: value };
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? { ...(value as Entry) }
    : {};
}

export interface MigratedConfig {
  config: Record<string, unknown>;
  deprecations: string[];
}

/** The 0.2 config equivalent to `file`, and one message per deprecated key it used. */
export function migrateDeprecatedConfig(
  file: Readonly<Record<string, unknown>>,
  source: string,
): MigratedConfig {
  const deprecations: string[] = [];
  const deprecated = (oldKey: string, newKeys: readonly string[]) =>
    deprecations.push(
      `${source}: "${oldKey}" is deprecated and will be removed in ${DEPRECATED_KEYS_REMOVED_IN}; use ${newKeys.map((key) => `"${key}"`).join(" and ")}`,
    );
  const old = new Map(
    Object.entries(file)
      .filter(([key]) => key in RENAMED_POLICIES)
      .map(([key, value]) => [key, entryOf(value)] as const),
  );
  const migrated: Record<string, Entry> = {};
  const target = (name: string): Entry => (migrated[name] ??= {});

  for (const twin of TWINS) {
    const mandatoryEntry = old.get(twin.mandatory.policy);
    const advisoryEntry = twin.advisory ? old.get(twin.advisory.policy) : undefined;
    const mandatoryList = mandatoryEntry?.[twin.mandatory.key];
    const advisoryList = twin.advisory ? advisoryEntry?.[twin.advisory.key] : undefined;
    const advisoryLevel = advisoryEntry?.enforcementLevel;
    if (mandatoryList === undefined && advisoryList === undefined && advisoryLevel === undefined)
      continue;
    const parse = (value: unknown, key: string, defaults: readonly Profile[]) => {
      if (value === undefined) return defaults;
      const parsed = profileList.safeParse(value);
      if (!parsed.success) {
        throw new DeprecatedConfigError(
          `${source}: "${key}": expected a list of "dev", "test", "prod", got ${JSON.stringify(value)}`,
        );
      }
      return parsed.data;
    };
    const strict = parse(
      mandatoryList,
      `${twin.mandatory.policy}.${twin.mandatory.key}`,
      twin.mandatory.defaults,
    );
    const advice = twin.advisory
      ? advisoryLevel === "disabled"
        ? []
        : parse(
            advisoryList,
            `${twin.advisory.policy}.${twin.advisory.key}`,
            twin.advisory.defaults,
          )
      : [];
    const adviceLevel: ProfileLevel =
      advisoryLevel === "mandatory" || advisoryLevel === "remediate" ? "mandatory" : "advisory";
    const levels = Object.fromEntries(
      PROFILES.map((profile): [Profile, ProfileLevel] => [
        profile,
        strict.includes(profile)
          ? "mandatory"
          : advice.includes(profile)
            ? adviceLevel
            : "disabled",
      ]),
    );
    const newKeys = twin.targets.map((name) => `${name}.enforcementLevels`);
    if (mandatoryList !== undefined)
      deprecated(`${twin.mandatory.policy}.${twin.mandatory.key}`, newKeys);
    if (twin.advisory && advisoryEntry !== undefined) deprecated(twin.advisory.policy, newKeys);
    for (const name of twin.targets) target(name).enforcementLevels = levels;
    delete mandatoryEntry?.[twin.mandatory.key];
    if (twin.advisory) old.delete(twin.advisory.policy);
  }

  const retention = old.get("dtsx-scheduler-retention");
  if (retention?.minFailedDays !== undefined) {
    deprecated("dtsx-scheduler-retention.minFailedDays", [`${KEEP_FAILED}.minFailedDays`]);
    target(KEEP_FAILED).minFailedDays = retention.minFailedDays;
    delete retention.minFailedDays;
  }

  for (const [oldName, entry] of old) {
    const newName = RENAMED_POLICIES[oldName] ?? oldName;
    const { enforcementLevel, ...properties } = entry;
    const alsoLevel = LEVEL_ALSO_APPLIES_TO[oldName] ?? [];
    deprecated(oldName, [newName]);
    Object.assign(target(newName), properties);
    if (enforcementLevel !== undefined) {
      for (const name of [newName, ...alsoLevel]) target(name).enforcementLevel = enforcementLevel;
    }
  }

  // Keys under their 0.2 names win over what the deprecated keys said.
  const config: Record<string, unknown> = { ...migrated };
  for (const [key, value] of Object.entries(file)) {
    if (key in RENAMED_POLICIES) continue;
    const given = entryOf(value);
    config[key] =
      typeof value === "object" && value !== null && !Array.isArray(value)
        ? { ...(migrated[key] ?? {}), ...given }
        : typeof value === "string" && migrated[key]
          ? { ...migrated[key], enforcementLevel: value }
          : value;
  }
  return { config, deprecations };
}
