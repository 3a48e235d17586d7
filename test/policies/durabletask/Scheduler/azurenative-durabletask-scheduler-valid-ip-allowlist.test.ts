import { describe, expect, it } from "vitest";
import { happyStack, schedulerProps, messages, runPolicy, scheduler } from "../../harness";

const POLICY = "azurenative-durabletask-scheduler-valid-ip-allowlist";

describe("azurenative-durabletask-scheduler-valid-ip-allowlist", () => {
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

  it("leaves open and public networks to the hardening policies", async () => {
    const stack = [scheduler("dts-prod")];
    schedulerProps(stack[0]).properties.ipAllowlist = ["0.0.0.0/0"];
    schedulerProps(stack[0]).properties.publicNetworkAccess = "Enabled";
    expect(await runPolicy(POLICY, stack)).toEqual([]);
  });
});
