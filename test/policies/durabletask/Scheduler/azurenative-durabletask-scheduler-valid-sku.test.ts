import { describe, expect, it } from "vitest";
import { happyStack, schedulerProps, messages, runPolicy, scheduler } from "../../harness";

const POLICY = "azurenative-durabletask-scheduler-valid-sku";

describe("azurenative-durabletask-scheduler-valid-sku", () => {
  it.each(["dev", "test", "prod"] as const)("passes the %s happy path", async (env) => {
    expect(await runPolicy(POLICY, happyStack(env))).toEqual([]);
  });

  it("rejects capacity on Consumption", async () => {
    const stack = [scheduler("dts-dev", { environment: "dev", sku: "Consumption", capacity: 1 })];
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Scheduler "dts-dev" is Consumption but sets sku.capacity 1; remove capacity (Consumption has no capacity units).',
    ]);
  });

  it("rejects Dedicated capacity outside 1-3, and a missing one", async () => {
    const stack = [scheduler("dts-test", { environment: "test", capacity: 4 })];
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Scheduler "dts-test" is Dedicated with sku.capacity 4; set sku.capacity to 1, 2 or 3.',
    ]);
    delete schedulerProps(stack[0]).properties.sku.capacity;
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Scheduler "dts-test" is Dedicated with sku.capacity (not set); set sku.capacity to 1, 2 or 3.',
    ]);
  });

  it("rejects an unknown SKU name", async () => {
    const stack = [scheduler("dts-test", { environment: "test", sku: "Dedicated2" })];
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Scheduler "dts-test" has sku.name "Dedicated2"; use "Consumption" or "Dedicated".',
    ]);
  });
});
