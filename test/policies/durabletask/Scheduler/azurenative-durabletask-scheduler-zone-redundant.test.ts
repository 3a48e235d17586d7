import { describe, expect, it } from "vitest";
import { happyStack, schedulerProps, messages, runPolicy, scheduler } from "../../harness";

const POLICY = "azurenative-durabletask-scheduler-zone-redundant";
const levels = (violations: Awaited<ReturnType<typeof runPolicy>>) =>
  violations.map((v) => [v.enforcementLevel, v.message]);

describe("azurenative-durabletask-scheduler-zone-redundant", () => {
  it.each(["dev", "test", "prod"] as const)("passes the %s happy path", async (env) => {
    expect(await runPolicy(POLICY, happyStack(env))).toEqual([]);
  });

  it("requires Dedicated with capacity 3 in prod, as a mandatory finding", async () => {
    expect(levels(await runPolicy(POLICY, [scheduler("dts-prod", { capacity: 1 })]))).toEqual([
      [
        "mandatory",
        'Scheduler "dts-prod" in the prod profile is Dedicated with capacity 1; prod requires zone redundancy: set sku.name "Dedicated" and sku.capacity 3.',
      ],
    ]);
    expect(
      messages(await runPolicy(POLICY, [scheduler("dts-prod", { sku: "Consumption" })])),
    ).toEqual([
      'Scheduler "dts-prod" in the prod profile is Consumption; prod requires zone redundancy: set sku.name "Dedicated" and sku.capacity 3.',
    ]);
  });

  it("judges a scheduler without an environment tag as prod (fails closed)", async () => {
    const stack = [scheduler("dts-x", { environment: "test", capacity: 1 })];
    delete schedulerProps(stack[0]).tags.environment;
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Scheduler "dts-x" in the prod profile is Dedicated with capacity 1; prod requires zone redundancy: set sku.name "Dedicated" and sku.capacity 3.',
    ]);
  });

  it("reports at the level enforcementLevels gives the scheduler's profile", async () => {
    const stack = [scheduler("dts-test", { environment: "test", capacity: 1 })];
    expect(await runPolicy(POLICY, stack)).toEqual([]);
    const advisory = { [POLICY]: { enforcementLevels: { test: "advisory" } } };
    expect(levels(await runPolicy(POLICY, stack, advisory))).toEqual([
      [
        "advisory",
        'Scheduler "dts-test" in the test profile is Dedicated with capacity 1; test requires zone redundancy: set sku.name "Dedicated" and sku.capacity 3.',
      ],
    ]);
    const off = { [POLICY]: { enforcementLevels: { prod: "disabled" } } };
    expect(await runPolicy(POLICY, [scheduler("dts-prod", { capacity: 1 })], off)).toEqual([]);
  });

  it("never reports above the policy's own level: all advisory downgrades prod", async () => {
    const violations = await runPolicy(POLICY, [scheduler("dts-prod", { capacity: 1 })], {
      all: "advisory",
    });
    expect(violations.map((v) => v.enforcementLevel)).toEqual(["advisory"]);
  });
});
