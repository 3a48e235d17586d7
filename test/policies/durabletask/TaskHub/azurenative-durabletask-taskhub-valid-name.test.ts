import { describe, expect, it } from "vitest";
import { happyStack, messages, props, runPolicy, urnOf } from "../../harness";

const POLICY = "azurenative-durabletask-taskhub-valid-name";

describe("azurenative-durabletask-taskhub-valid-name", () => {
  it("passes the happy path", async () => {
    expect(await runPolicy(POLICY, happyStack("prod"))).toEqual([]);
  });

  it.each([
    ["hb", "must be 3-64 characters of letters, digits and hyphens (^[a-zA-Z0-9-]{3,64}$)"],
    ["orders.v2", "must be 3-64 characters of letters, digits and hyphens (^[a-zA-Z0-9-]{3,64}$)"],
    ["orders-", "must not start or end with a hyphen"],
  ])("rejects %s", async (name, rule) => {
    const stack = happyStack("prod");
    props(stack[1]).taskHubName = name;
    const violations = await runPolicy(POLICY, stack);
    expect(violations).toEqual([
      {
        policy: POLICY,
        enforcementLevel: "mandatory",
        message: `Task hub name "${name}" ${rule}; rename the task hub (taskHubName).`,
        resource: urnOf(stack[1]),
      },
    ]);
    expect(messages(violations)).toHaveLength(1);
  });
});
