import { describe, expect, it } from "vitest";
import { happyStack, schedulerProps, messages, runPolicy, scheduler } from "../../harness";

const POLICY = "dtsx-scheduler-network";
const ADVISORY = "dtsx-scheduler-network-advisory";

describe("dtsx-scheduler-network", () => {
  it.each(["dev", "test", "prod"] as const)("passes the %s happy path", async (env) => {
    expect(await runPolicy(POLICY, happyStack(env))).toEqual([]);
  });

  it("rejects an empty ipAllowlist in every profile", async () => {
    const stack = [scheduler("dts-dev", { environment: "dev", sku: "Consumption" })];
    schedulerProps(stack[0]).properties.ipAllowlist = [];
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Scheduler "dts-dev" has an empty ipAllowlist, which denies all traffic; list the CIDR ranges your workers and clients connect from.',
    ]);
  });

  it.each(["10.0.0", "0177.0.0.1", "2130706433", "10.0.0.0/0x10"])(
    "rejects the legacy or malformed entry %s in every profile",
    async (entry) => {
      const stack = [scheduler("dts-dev", { environment: "dev", sku: "Consumption" })];
      schedulerProps(stack[0]).properties.ipAllowlist = ["10.0.0.0/8", entry];
      expect(messages(await runPolicy(POLICY, stack))).toEqual([
        `Scheduler "dts-dev" has ipAllowlist[1] "${entry}", which is not an IPv4 address in four-part dotted decimal, an IPv6 address or a CIDR range of either; write it as e.g. "10.0.0.1" or "10.0.0.0/16".`,
      ]);
    },
  );

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

  it("leaves dev and test open networks alone (mandatory policy)", async () => {
    const stack = [scheduler("dts-test", { environment: "test", capacity: 1 })];
    schedulerProps(stack[0]).properties.ipAllowlist = ["0.0.0.0/0"];
    schedulerProps(stack[0]).properties.publicNetworkAccess = "Enabled";
    expect(await runPolicy(POLICY, stack)).toEqual([]);
  });
});

describe("dtsx-scheduler-network-advisory", () => {
  it("advises on the prod rules in test", async () => {
    const stack = [scheduler("dts-test", { environment: "test", capacity: 1 })];
    schedulerProps(stack[0]).properties.ipAllowlist = ["0.0.0.0/0"];
    const violations = await runPolicy(ADVISORY, stack);
    expect(violations.map((v) => [v.enforcementLevel, v.message])).toEqual([
      [
        "advisory",
        'Scheduler "dts-test" in the test profile allows "0.0.0.0/0" in ipAllowlist, which admits the whole internet; replace it with the CIDR ranges your workers and clients use.',
      ],
    ]);
  });

  it("is off in dev and in prod (where the mandatory policy applies)", async () => {
    expect(await runPolicy(ADVISORY, happyStack("dev"))).toEqual([]);
    const prod = [scheduler("dts-prod")];
    schedulerProps(prod[0]).properties.publicNetworkAccess = "Enabled";
    expect(await runPolicy(ADVISORY, prod)).toEqual([]);
  });
});
