import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allPolicies, registeredPolicies } from "../../policies/all";
import { reconcilePolicyPackConfig } from "../../policies/packConfig";

describe("the dtsx policy registry", () => {
  it("lists seventeen uniquely named azurenative-<service>-<resource>-<rule> policies", () => {
    const names = allPolicies.map((policy) => policy.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(17);
    for (const name of names)
      expect(name).toMatch(
        /^azurenative-(durabletask-(scheduler|taskhub|retentionpolicy)|authorization-roleassignment)-[a-z-]+$/,
      );
  });

  it.each(registeredPolicies.map((entry) => [entry.policy.name, entry] as const))(
    "%s carries compliance-policies metadata: one vendor, its service, severity, topics, frameworks",
    (name, { policy, metadata }) => {
      expect(metadata.vendors).toEqual(["azure"]);
      expect(metadata.services).toEqual([name.split("-")[1]]);
      expect(metadata.topics.length).toBeGreaterThan(0);
      expect(Array.isArray(metadata.frameworks)).toBe(true);
      expect(policy.severity).toBe(metadata.severity);
      expect(policy.tags).toEqual([...metadata.topics, ...metadata.frameworks]);
      expect("metadata" in policy).toBe(false);
    },
  );

  it.each(registeredPolicies.map((entry) => [entry.policy.name, entry] as const))(
    "%s has a description, a level, a severity and a config schema without enforcementLevel",
    (_name, { policy }) => {
      expect(policy.description.length).toBeGreaterThan(20);
      expect(policy.enforcementLevel).toBe("mandatory");
      expect(policy.severity).toBeDefined();
      expect(["low", "medium", "high", "critical"]).toContain(policy.severity);
      expect(policy.configSchema?.properties).toBeDefined();
      expect(policy.configSchema?.properties.enforcementLevel).toBeUndefined();
      expect(policy.configSchema?.required ?? []).toEqual([]);
    },
  );

  it.each(registeredPolicies.map((entry) => [entry.policy.name, entry] as const))(
    "%s applies in code the same defaults its schema gives the engine",
    (name, { config }) => {
      const fromSchema = reconcilePolicyPackConfig(registeredPolicies).get(name)?.properties;
      expect(config.parse(fromSchema)).toEqual(config.parse({}));
      expect(fromSchema).toEqual(JSON.parse(JSON.stringify(config.parse({}))));
    },
  );

  it("documents every policy in docs/policies.md", () => {
    const docs = readFileSync(join(__dirname, "../../docs/policies.md"), "utf8");
    for (const policy of allPolicies) expect(docs).toContain(`### ${policy.name}`);
  });
});

describe("docs/policies.md", () => {
  it("shows a sample policy config that the pack accepts, identical to the fixture", () => {
    const docs = readFileSync(join(__dirname, "../../docs/policies.md"), "utf8");
    const sample = /## Sample policy configuration[\s\S]*?```json\n([\s\S]*?)```/.exec(docs)?.[1];
    const fixture = readFileSync(
      join(__dirname, "../fixtures/policy/sample-policy-config.json"),
      "utf8",
    );
    expect(JSON.parse(sample ?? "null")).toEqual(JSON.parse(fixture));
    const deprecations: string[] = [];
    const effective = reconcilePolicyPackConfig(
      registeredPolicies,
      JSON.parse(fixture),
      "sample",
      (message) => deprecations.push(message),
    );
    expect(deprecations).toEqual([]);
    // Top-level properties replace the defaults, as in the engine; the policy's schema fills in `prod`.
    const leastPrivilege = registeredPolicies.find(
      (e) => e.policy.name === "azurenative-authorization-roleassignment-least-privilege",
    );
    const properties = effective.get(
      "azurenative-authorization-roleassignment-least-privilege",
    )?.properties;
    expect(properties).toEqual({ enforcementLevels: { dev: "disabled", test: "disabled" } });
    expect(leastPrivilege?.config.parse(properties)).toEqual({
      enforcementLevels: { dev: "disabled", test: "disabled", prod: "mandatory" },
    });
    expect(
      effective.get("azurenative-durabletask-retentionpolicy-keep-failed-orchestrations")
        ?.properties,
    ).toEqual({
      minFailedDays: 14,
      enforcementLevels: { dev: "disabled", test: "disabled", prod: "mandatory" },
    });
  });
});
