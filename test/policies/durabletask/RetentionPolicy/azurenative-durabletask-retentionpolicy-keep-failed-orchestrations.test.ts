import { describe, expect, it } from "vitest";
import { happyStack, messages, retentionProps, runPolicy } from "../../harness";

const POLICY = "azurenative-durabletask-retentionpolicy-keep-failed-orchestrations";

const retentionOf = (stack: ReturnType<typeof happyStack>) =>
  retentionProps(stack.find((r) => r.type === "azure-native:durabletask:RetentionPolicy"));

function entry(stack: ReturnType<typeof happyStack>, index: number) {
  const found = retentionOf(stack).properties.retentionPolicies[index];
  if (!found) throw new Error(`no retention entry ${index}`);
  return found;
}

describe("azurenative-durabletask-retentionpolicy-keep-failed-orchestrations", () => {
  it.each(["dev", "test", "prod"] as const)("passes the %s happy path", async (env) => {
    expect(await runPolicy(POLICY, happyStack(env))).toEqual([]);
  });

  it("keeps failed orchestrations at least 7 days in prod", async () => {
    const stack = happyStack("prod");
    entry(stack, 1).retentionPeriodInDays = 3;
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Retention policy of scheduler "dts-orders-prod-weu" in the prod profile keeps failed orchestrations 3 days; keep them at least 7 days (set retentionPeriodInDays >= 7 for orchestrationState "Failed").',
    ]);
  });

  it("takes failed retention from the default entry when there is no Failed entry", async () => {
    const stack = happyStack("prod");
    retentionOf(stack).properties.retentionPolicies = [{ retentionPeriodInDays: 5 }];
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Retention policy of scheduler "dts-orders-prod-weu" in the prod profile keeps failed orchestrations 5 days; keep them at least 7 days (set retentionPeriodInDays >= 7 for orchestrationState "Failed").',
    ]);
  });

  it("leaves short failed retention alone outside prod, and follows minFailedDays", async () => {
    const dev = happyStack("dev");
    entry(dev, 1).retentionPeriodInDays = 1;
    expect(await runPolicy(POLICY, dev)).toEqual([]);
    const prod = happyStack("prod");
    expect(messages(await runPolicy(POLICY, prod, { [POLICY]: { minFailedDays: 120 } }))).toEqual([
      'Retention policy of scheduler "dts-orders-prod-weu" in the prod profile keeps failed orchestrations 90 days; keep them at least 120 days (set retentionPeriodInDays >= 120 for orchestrationState "Failed").',
    ]);
  });

  it("reports at the level enforcementLevels gives the scheduler's profile", async () => {
    const test = happyStack("test");
    entry(test, 1).retentionPeriodInDays = 2;
    expect(await runPolicy(POLICY, test)).toEqual([]);
    const violations = await runPolicy(POLICY, test, {
      [POLICY]: { enforcementLevels: { test: "advisory" } },
    });
    expect(violations.map((v) => [v.enforcementLevel, v.message])).toEqual([
      [
        "advisory",
        'Retention policy of scheduler "dts-orders-test-weu" in the test profile keeps failed orchestrations 2 days; keep them at least 7 days (set retentionPeriodInDays >= 7 for orchestrationState "Failed").',
      ],
    ]);
  });
});
