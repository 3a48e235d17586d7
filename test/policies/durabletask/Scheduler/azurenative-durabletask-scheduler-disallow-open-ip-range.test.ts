import { describe, expect, it } from "vitest";
import { happyStack, schedulerProps, runPolicy, scheduler } from "../../harness";

const POLICY = "azurenative-durabletask-scheduler-disallow-open-ip-range";

describe("azurenative-durabletask-scheduler-disallow-open-ip-range", () => {
  it.each(["dev", "test", "prod"] as const)("passes the %s happy path", async (env) => {
    expect(await runPolicy(POLICY, happyStack(env))).toEqual([]);
  });

  it.each(["0.0.0.0/0", "::/0"])("rejects %s in prod", async (open) => {
    const stack = [scheduler("dts-prod")];
    schedulerProps(stack[0]).properties.ipAllowlist = ["10.20.0.0/16", open];
    const violations = await runPolicy(POLICY, stack);
    expect(violations.map((v) => [v.enforcementLevel, v.message])).toEqual([
      [
        "mandatory",
        `Scheduler "dts-prod" in the prod profile allows "${open}" in ipAllowlist, which admits the whole internet; replace it with the CIDR ranges your workers and clients use.`,
      ],
    ]);
  });

  it("advises in test and stays quiet in dev", async () => {
    const stack = [scheduler("dts-test", { environment: "test", capacity: 1 })];
    schedulerProps(stack[0]).properties.ipAllowlist = ["0.0.0.0/0"];
    const violations = await runPolicy(POLICY, stack);
    expect(violations.map((v) => [v.enforcementLevel, v.message])).toEqual([
      [
        "advisory",
        'Scheduler "dts-test" in the test profile allows "0.0.0.0/0" in ipAllowlist, which admits the whole internet; replace it with the CIDR ranges your workers and clients use.',
      ],
    ]);
    // The dev happy path allows 0.0.0.0/0.
    expect(schedulerProps(happyStack("dev")[0]).properties.ipAllowlist).toEqual(["0.0.0.0/0"]);
  });

  it("makes test mandatory when enforcementLevels says so", async () => {
    const stack = [scheduler("dts-test", { environment: "test", capacity: 1 })];
    schedulerProps(stack[0]).properties.ipAllowlist = ["::/0"];
    const config = { [POLICY]: { enforcementLevels: { test: "mandatory" } } };
    const violations = await runPolicy(POLICY, stack, config);
    expect(violations.map((v) => v.enforcementLevel)).toEqual(["mandatory"]);
  });
});
