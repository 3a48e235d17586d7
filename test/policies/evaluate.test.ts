import { describe, expect, it } from "vitest";
import { evaluatePolicies, hasMandatoryViolation, UNKNOWN } from "../../policies/evaluate";
import { happyStack, props, retention, scheduler, toPlanned, urnOf } from "./harness";

const sixInWestEurope = () =>
  Array.from({ length: 6 }, (_, i) => [
    scheduler(`dts-weu-${i + 1}`, { location: "West Europe" }),
    retention(`dts-weu-${i + 1}`, [{ retentionPeriodInDays: 30 }]),
  ]).flat();

describe("evaluatePolicies", () => {
  it.each(["dev", "test", "prod"] as const)(
    "finds nothing in a well-formed %s stack",
    async (env) => {
      expect(await evaluatePolicies({ resources: toPlanned(happyStack(env)) })).toEqual([]);
    },
  );

  it("reports a resource policy's violation against the resource, with the configured level", async () => {
    const stack = happyStack("prod");
    props(stack[0]).tags = { environment: "prod" };
    const violations = await evaluatePolicies({ resources: toPlanned(stack) });
    expect(violations).toEqual([
      {
        policy: "azurenative-durabletask-scheduler-required-tags",
        enforcementLevel: "mandatory",
        message:
          'Scheduler "dts-orders-prod-weu" is missing required tag(s) owner; add them under tags with non-empty values.',
        resource: urnOf(stack[0]),
      },
    ]);
    expect(hasMandatoryViolation(violations)).toBe(true);
  });

  it('downgrades every policy with the "all": "advisory" shorthand', async () => {
    const violations = await evaluatePolicies({
      resources: toPlanned(sixInWestEurope()),
      config: { all: "advisory" },
    });
    expect(violations.map((v) => [v.policy, v.enforcementLevel])).toEqual([
      ["azurenative-durabletask-scheduler-quota-per-region", "advisory"],
    ]);
    expect(hasMandatoryViolation(violations)).toBe(false);
  });

  it('skips a policy configured as "disabled", and a per-policy level wins over "all"', async () => {
    const resources = toPlanned(sixInWestEurope());
    expect(
      await evaluatePolicies({
        resources,
        config: { "azurenative-durabletask-scheduler-quota-per-region": "disabled" },
      }),
    ).toEqual([]);
    const violations = await evaluatePolicies({
      resources,
      config: {
        all: "advisory",
        "azurenative-durabletask-scheduler-quota-per-region": { enforcementLevel: "mandatory" },
      },
    });
    expect(violations.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
  });

  it('reports "remediate" as mandatory, as the engine does for validations', async () => {
    const violations = await evaluatePolicies({
      resources: toPlanned(sixInWestEurope()),
      config: { "azurenative-durabletask-scheduler-quota-per-region": "remediate" },
    });
    expect(violations.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
  });

  it("applies per-policy properties over the schema defaults", async () => {
    const resources = toPlanned(sixInWestEurope());
    const violations = await evaluatePolicies({
      resources,
      config: {
        "azurenative-durabletask-scheduler-quota-per-region": { maxSchedulersPerRegion: 6 },
      },
    });
    expect(violations).toEqual([]);
  });

  it("turns an unknown value into an advisory can't-run diagnostic, like the engine during preview", async () => {
    const stack = happyStack("prod");
    props(stack[0]).tags = UNKNOWN.object;
    const violations = await evaluatePolicies({ resources: toPlanned(stack) });
    const tagPolicy = violations.find(
      (v) => v.policy === "azurenative-durabletask-scheduler-required-tags",
    );
    expect(tagPolicy).toEqual({
      policy: "azurenative-durabletask-scheduler-required-tags",
      enforcementLevel: "advisory",
      message:
        "can't run policy 'azurenative-durabletask-scheduler-required-tags' from policy pack 'dtsx@v0.2.0' during preview: Object value at .tags can't be known during preview",
      resource: urnOf(stack[0]),
    });
    expect(violations.every((v) => v.enforcementLevel === "advisory")).toBe(true);
  });

  it("links resources through dependencies and parents when the ARM names are unknown (real preview)", async () => {
    const stack = happyStack("prod");
    const [sched, orders, billing, retentionPolicy, worker] = stack;
    if (!sched || !orders || !billing || !retentionPolicy || !worker)
      throw new Error("stack shape");
    for (const child of [orders, billing, retentionPolicy]) {
      props(child).schedulerName = UNKNOWN.string;
      child.dependencies = [sched.name];
    }
    props(billing).taskHubName = "orders"; // a duplicate only visible through the dependency link
    props(worker).scope = UNKNOWN.string;
    worker.propertyDependencies = { scope: [orders.name] };
    const violations = await evaluatePolicies({ resources: toPlanned(stack) });
    expect(violations.map((v) => [v.policy, v.resource])).toEqual([
      ["azurenative-durabletask-taskhub-unique-name", urnOf(billing)],
    ]);
  });

  it("rejects a config that breaks a policy's schema or names no enforcement level", async () => {
    const resources = toPlanned(happyStack("prod"));
    await expect(
      evaluatePolicies({
        resources,
        config: {
          "azurenative-durabletask-scheduler-quota-per-region": { maxSchedulersPerRegion: "five" },
        },
        configSource: "p.json",
      }),
    ).rejects.toThrow(
      'p.json: "azurenative-durabletask-scheduler-quota-per-region.maxSchedulersPerRegion": Invalid input: expected number, received string',
    );
    await expect(
      evaluatePolicies({ resources, config: { all: "strict" }, configSource: "p.json" }),
    ).rejects.toThrow(
      'p.json: "all": expected "advisory" | "mandatory" | "remediate" | "disabled" or an object, got "strict"',
    );
    await expect(
      evaluatePolicies({
        resources,
        config: { "azurenative-durabletask-scheduler-valid-sku": { enforcementLevel: "warn" } },
        configSource: "p.json",
      }),
    ).rejects.toThrow(
      'p.json: "azurenative-durabletask-scheduler-valid-sku.enforcementLevel": expected "advisory" | "mandatory" | "remediate" | "disabled", got "warn"',
    );
  });

  it("ignores names that are not policies of the pack and undeclared properties, as the engine does", async () => {
    const violations = await evaluatePolicies({
      resources: toPlanned(sixInWestEurope()),
      config: {
        "dtsx-not-a-policy": "disabled",
        all: { enforcementLevel: "advisory", maxSchedulersPerRegion: 100 },
        "azurenative-durabletask-scheduler-quota-per-region": {
          maxSchedulersPerRegion: 5,
          typo: true,
        },
      },
    });
    expect(violations.map((v) => [v.policy, v.enforcementLevel])).toEqual([
      ["azurenative-durabletask-scheduler-quota-per-region", "advisory"],
    ]);
  });
});
