import { describe, expect, it } from "vitest";
import { happyStack, schedulerProps, messages, runPolicy, scheduler } from "../../harness";

const POLICY = "azurenative-durabletask-scheduler-disallow-public-network-access";

describe("azurenative-durabletask-scheduler-disallow-public-network-access", () => {
  it.each(["dev", "test", "prod"] as const)("passes the %s happy path", async (env) => {
    expect(await runPolicy(POLICY, happyStack(env))).toEqual([]);
  });

  it("requires publicNetworkAccess Disabled in prod", async () => {
    const stack = [scheduler("dts-prod")];
    schedulerProps(stack[0]).properties.publicNetworkAccess = "Enabled";
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Scheduler "dts-prod" in the prod profile has publicNetworkAccess "Enabled"; set publicNetworkAccess to "Disabled" and reach it through a private endpoint.',
    ]);
    delete schedulerProps(stack[0]).properties.publicNetworkAccess;
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Scheduler "dts-prod" in the prod profile has publicNetworkAccess (not set); set publicNetworkAccess to "Disabled" and reach it through a private endpoint.',
    ]);
  });

  it("advises in test; dev's public access is allowed", async () => {
    const stack = [scheduler("dts-test", { environment: "test", capacity: 1 })];
    schedulerProps(stack[0]).properties.publicNetworkAccess = "Enabled";
    const violations = await runPolicy(POLICY, stack);
    expect(violations.map((v) => v.enforcementLevel)).toEqual(["advisory"]);
    expect(schedulerProps(happyStack("dev")[0]).properties.publicNetworkAccess).toBe("Enabled");
  });
});
