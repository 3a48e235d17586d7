import { describe, expect, it } from "vitest";
import { happyStack, messages, retention, retentionProps, runPolicy } from "../../harness";

const POLICY = "azurenative-durabletask-scheduler-configure-retention";

const retentionOf = (stack: ReturnType<typeof happyStack>) =>
  retentionProps(stack.find((r) => r.type === "azure-native:durabletask:RetentionPolicy"));

function entry(stack: ReturnType<typeof happyStack>, index: number) {
  const found = retentionOf(stack).properties.retentionPolicies[index];
  if (!found) throw new Error(`no retention entry ${index}`);
  return found;
}

describe("azurenative-durabletask-scheduler-configure-retention", () => {
  it.each(["dev", "test", "prod"] as const)("passes the %s happy path", async (env) => {
    expect(await runPolicy(POLICY, happyStack(env))).toEqual([]);
  });

  it("requires a retention policy per scheduler", async () => {
    const stack = happyStack("prod").filter(
      (r) => r.type !== "azure-native:durabletask:RetentionPolicy",
    );
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Scheduler "dts-orders-prod-weu" has no retention policy; add a RetentionPolicy (the singleton "default") so terminal orchestrations are purged.',
    ]);
  });

  it("does not accept another scheduler's retention policy", async () => {
    const stack = happyStack("prod").map((r) =>
      r.type === "azure-native:durabletask:RetentionPolicy"
        ? retention("dts-elsewhere", [{ retentionPeriodInDays: 30 }])
        : r,
    );
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Scheduler "dts-orders-prod-weu" has no retention policy; add a RetentionPolicy (the singleton "default") so terminal orchestrations are purged.',
    ]);
  });

  it("caps Dedicated retention at 90 days", async () => {
    const stack = happyStack("prod");
    entry(stack, 1).retentionPeriodInDays = 91;
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Retention policy of scheduler "dts-orders-prod-weu" (Dedicated) keeps the Failed entry 91 days; use a whole number of days from 0 to 90 (maxDays.Dedicated).',
    ]);
  });

  it("caps Consumption retention at 30 days", async () => {
    const stack = happyStack("dev");
    entry(stack, 0).retentionPeriodInDays = 31;
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Retention policy of scheduler "dts-orders-dev-weu" (Consumption) keeps the default entry 31 days; use a whole number of days from 0 to 30 (maxDays.Consumption).',
    ]);
  });

  it("rejects negative and fractional days", async () => {
    const stack = happyStack("test");
    entry(stack, 0).retentionPeriodInDays = -1;
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Retention policy of scheduler "dts-orders-test-weu" (Dedicated) keeps the default entry -1 days; use a whole number of days from 0 to 90 (maxDays.Dedicated).',
    ]);
    entry(stack, 0).retentionPeriodInDays = 1.5;
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Retention policy of scheduler "dts-orders-test-weu" (Dedicated) keeps the default entry 1.5 days; use a whole number of days from 0 to 90 (maxDays.Dedicated).',
    ]);
  });

  it("leaves how long failed orchestrations stay to the retention policy rule", async () => {
    const stack = happyStack("prod");
    entry(stack, 1).retentionPeriodInDays = 3;
    expect(await runPolicy(POLICY, stack)).toEqual([]);
  });
});
