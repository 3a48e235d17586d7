import { describe, expect, it } from "vitest";
import { happyStack, props, runPolicy, scheduler, taskHub, urnOf } from "../../harness";

const POLICY = "azurenative-durabletask-taskhub-unique-name";

describe("azurenative-durabletask-taskhub-unique-name", () => {
  it("passes the happy path", async () => {
    expect(await runPolicy(POLICY, happyStack("prod"))).toEqual([]);
  });

  it("rejects a second task hub with the same name (any case) in one scheduler", async () => {
    const stack = happyStack("prod");
    props(stack[2]).taskHubName = "Orders";
    expect(await runPolicy(POLICY, stack)).toEqual([
      {
        policy: POLICY,
        enforcementLevel: "mandatory",
        message:
          'Task hub name "orders" is declared 2 times in scheduler "dts-orders-prod-weu" (resources dts-orders-prod-weu-taskhub-orders, dts-orders-prod-weu-taskhub-billing); rename or remove the duplicates.',
        resource: urnOf(stack[2]),
      },
    ]);
  });

  it("allows the same task hub name in two schedulers", async () => {
    const stack = [
      scheduler("dts-a"),
      taskHub("dts-a", "orders"),
      scheduler("dts-b"),
      taskHub("dts-b", "orders"),
    ];
    expect(await runPolicy(POLICY, stack)).toEqual([]);
  });
});
