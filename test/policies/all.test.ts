import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allPolicies, registeredPolicies } from "../../policies/all";
import { reconcilePolicyPackConfig } from "../../policies/packConfig";

describe("the dtsx policy registry", () => {
  it("lists fifteen uniquely named dtsx-<resource>-<rule> policies", () => {
    const names = allPolicies.map((policy) => policy.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toHaveLength(15);
    for (const name of names)
      expect(name).toMatch(/^dtsx-(scheduler|taskhub|roleassignment)-[a-z-]+$/);
  });

  it.each(registeredPolicies.map((entry) => [entry.policy.name, entry] as const))(
    "%s has a description, a level, a severity and a config schema without enforcementLevel",
    (_name, { policy }) => {
      expect(policy.description.length).toBeGreaterThan(20);
      expect(["advisory", "mandatory"]).toContain(policy.enforcementLevel);
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
    const effective = reconcilePolicyPackConfig(registeredPolicies, JSON.parse(fixture));
    expect(effective.get("dtsx-roleassignment-least-privilege-advisory")?.enforcementLevel).toBe(
      "disabled",
    );
    expect(effective.get("dtsx-scheduler-retention")?.properties).toEqual({
      maxDays: { Dedicated: 90, Consumption: 30 },
      minFailedDays: 14,
      minFailedDaysProfiles: ["prod"],
    });
  });
});
