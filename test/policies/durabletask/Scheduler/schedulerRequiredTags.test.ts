import { describe, expect, it } from "vitest";
import { happyStack, messages, props, runPolicy } from "../../harness";

const POLICY = "dtsx-scheduler-required-tags";

describe("dtsx-scheduler-required-tags", () => {
  it("passes the happy path", async () => {
    expect(await runPolicy(POLICY, happyStack("prod"))).toEqual([]);
  });

  it("names every missing or empty tag", async () => {
    const stack = happyStack("prod");
    props(stack[0]).tags = { environment: "prod", owner: " " };
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Scheduler "dts-orders-prod-weu" is missing required tag(s) owner; add them under tags with non-empty values.',
    ]);
    delete props(stack[0]).tags;
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      'Scheduler "dts-orders-prod-weu" is missing required tag(s) environment, owner; add them under tags with non-empty values.',
    ]);
  });

  it("follows requiredTags", async () => {
    expect(
      messages(
        await runPolicy(POLICY, happyStack("prod"), { [POLICY]: { requiredTags: ["costCenter"] } }),
      ),
    ).toEqual([
      'Scheduler "dts-orders-prod-weu" is missing required tag(s) costCenter; add them under tags with non-empty values.',
    ]);
  });
});
