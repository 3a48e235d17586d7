// Policy config keys of pack 0.1 keep working for one release: each is translated to its 0.2 key and reported
// with a message that names the new key; a key given under its new name wins.
import { describe, expect, it } from "vitest";
import { registeredPolicies } from "../../policies/all";
import { evaluatePolicies } from "../../policies/evaluate";
import { RENAMED_POLICIES } from "../../policies/lib/deprecatedConfig";
import { PolicyConfigError, reconcilePolicyPackConfig } from "../../policies/packConfig";
import { happyStack, schedulerProps, scheduler, toPlanned } from "./harness";

function reconcile(config: Record<string, unknown>) {
  const deprecations: string[] = [];
  const effective = reconcilePolicyPackConfig(registeredPolicies, config, "p.json", (message) =>
    deprecations.push(message),
  );
  return { effective, deprecations };
}

describe("deprecated policy config keys", () => {
  it("maps every 0.1 policy name to a registered policy", () => {
    const names = new Set(registeredPolicies.map((entry) => entry.policy.name));
    for (const newName of Object.values(RENAMED_POLICIES)) expect(names).toContain(newName);
    expect(Object.keys(RENAMED_POLICIES)).toHaveLength(15);
  });

  it("applies a renamed policy's level and properties under its new name, naming the new key", () => {
    const { effective, deprecations } = reconcile({
      "dtsx-scheduler-quota": { enforcementLevel: "advisory", maxSchedulersPerRegion: 3 },
      "dtsx-scheduler-allowed-regions": { allowedRegions: ["northeurope"] },
    });
    const quota = effective.get("azurenative-durabletask-scheduler-quota-per-region");
    expect(quota?.enforcementLevel).toBe("advisory");
    expect(quota?.properties.maxSchedulersPerRegion).toBe(3);
    expect(effective.get("azurenative-durabletask-scheduler-allowed-regions")?.properties).toEqual({
      allowedRegions: ["northeurope"],
    });
    expect(deprecations).toEqual([
      'p.json: "dtsx-scheduler-quota" is deprecated and will be removed in 0.3.0; use "azurenative-durabletask-scheduler-quota-per-region"',
      'p.json: "dtsx-scheduler-allowed-regions" is deprecated and will be removed in 0.3.0; use "azurenative-durabletask-scheduler-allowed-regions"',
    ]);
  });

  it("turns the twins' profile lists into enforcementLevels of the one policy", () => {
    const { effective, deprecations } = reconcile({
      "dtsx-scheduler-network": { hardenedProfiles: ["test", "prod"] },
      "dtsx-roleassignment-least-privilege-advisory": "disabled",
      "dtsx-scheduler-sku": { zoneRedundantProfiles: [] },
      "dtsx-scheduler-retention": { minFailedDays: 10, minFailedDaysProfiles: ["test", "prod"] },
    });
    const levelsOf = (name: string) => effective.get(name)?.properties.enforcementLevels;
    const hardened = { dev: "disabled", test: "mandatory", prod: "mandatory" };
    expect(levelsOf("azurenative-durabletask-scheduler-disallow-open-ip-range")).toEqual(hardened);
    expect(levelsOf("azurenative-durabletask-scheduler-disallow-public-network-access")).toEqual(
      hardened,
    );
    expect(levelsOf("azurenative-authorization-roleassignment-least-privilege")).toEqual({
      dev: "disabled",
      test: "disabled",
      prod: "mandatory",
    });
    expect(levelsOf("azurenative-durabletask-scheduler-zone-redundant")).toEqual({
      dev: "disabled",
      test: "disabled",
      prod: "disabled",
    });
    const keepFailed = effective.get(
      "azurenative-durabletask-retentionpolicy-keep-failed-orchestrations",
    );
    expect(keepFailed?.properties).toEqual({ minFailedDays: 10, enforcementLevels: hardened });
    expect(deprecations).toContain(
      'p.json: "dtsx-scheduler-network.hardenedProfiles" is deprecated and will be removed in 0.3.0; use "azurenative-durabletask-scheduler-disallow-open-ip-range.enforcementLevels" and "azurenative-durabletask-scheduler-disallow-public-network-access.enforcementLevels"',
    );
    expect(deprecations).toContain(
      'p.json: "dtsx-scheduler-retention.minFailedDays" is deprecated and will be removed in 0.3.0; use "azurenative-durabletask-retentionpolicy-keep-failed-orchestrations.minFailedDays"',
    );
  });

  it("lets the new key win over the deprecated one", () => {
    const { effective } = reconcile({
      "dtsx-scheduler-required-tags": { requiredTags: ["owner"] },
      "azurenative-durabletask-scheduler-required-tags": { requiredTags: ["costCenter"] },
    });
    expect(
      effective.get("azurenative-durabletask-scheduler-required-tags")?.properties.requiredTags,
    ).toEqual(["costCenter"]);
  });

  it("refuses a deprecated profile list 0.1 would also have refused, naming the key", () => {
    expect(() => reconcile({ "dtsx-scheduler-network": { hardenedProfiles: "prod" } })).toThrow(
      new PolicyConfigError(
        'p.json: "dtsx-scheduler-network.hardenedProfiles": expected a list of "dev", "test", "prod", got "prod"',
      ),
    );
  });

  it("changes the verdict of a plan exactly as the new key would", async () => {
    const stack = [scheduler("dts-test", { environment: "test", capacity: 1 })];
    schedulerProps(stack[0]).properties.publicNetworkAccess = "Enabled";
    const run = (config: Record<string, unknown>) =>
      evaluatePolicies({
        resources: toPlanned(stack),
        config,
        onDeprecation: () => undefined,
        policies: registeredPolicies.filter(
          (e) =>
            e.policy.name === "azurenative-durabletask-scheduler-disallow-public-network-access",
        ),
      });
    const viaOld = await run({ "dtsx-scheduler-network": { hardenedProfiles: ["test"] } });
    const viaNew = await run({
      "azurenative-durabletask-scheduler-disallow-public-network-access": {
        enforcementLevels: { test: "mandatory" },
      },
    });
    expect(viaOld.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
    expect(viaOld).toEqual(viaNew);
    expect(await run({})).toHaveLength(1);
    expect(happyStack("test")).toHaveLength(6);
  });
});
