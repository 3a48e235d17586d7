import { describe, expect, it } from "vitest";
import { happyStack, messages, props, runPolicy } from "../../harness";

const POLICY = "azurenative-durabletask-scheduler-valid-name";

describe("azurenative-durabletask-scheduler-valid-name", () => {
  it("passes the happy path", async () => {
    expect(await runPolicy(POLICY, happyStack("prod"))).toEqual([]);
  });

  it.each([
    ["ab", "must be 3-64 characters of letters, digits and hyphens (^[a-zA-Z0-9-]{3,64}$)"],
    ["dts_orders", "must be 3-64 characters of letters, digits and hyphens (^[a-zA-Z0-9-]{3,64}$)"],
    [
      "x".repeat(65),
      "must be 3-64 characters of letters, digits and hyphens (^[a-zA-Z0-9-]{3,64}$)",
    ],
    ["-dts-orders", "must not start or end with a hyphen"],
    ["dts-orders-", "must not start or end with a hyphen"],
  ])("rejects %s", async (name, rule) => {
    const stack = happyStack("prod");
    props(stack[0]).schedulerName = name;
    expect(messages(await runPolicy(POLICY, stack))).toEqual([
      `Scheduler name "${name}" ${rule}; rename the scheduler (schedulerName).`,
    ]);
  });

  it("accepts the bounds: 3 and 64 characters", async () => {
    for (const name of ["abc", "a".repeat(64)]) {
      const stack = happyStack("prod");
      props(stack[0]).schedulerName = name;
      expect(await runPolicy(POLICY, stack)).toEqual([]);
    }
  });
});
