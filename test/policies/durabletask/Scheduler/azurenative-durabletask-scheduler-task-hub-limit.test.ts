import { describe, expect, it } from "vitest";
import { happyStack, messages, runPolicy, scheduler, taskHub } from "../../harness";

const POLICY = "azurenative-durabletask-scheduler-task-hub-limit";

const withHubs = (count: number, sku: "Consumption" | "Dedicated") => [
  scheduler("dts-a", { environment: "dev", sku }),
  ...Array.from({ length: count }, (_, i) => taskHub("dts-a", `hub-${i + 1}`)),
  // Another scheduler's hubs never count against dts-a.
  scheduler("dts-b", { environment: "dev", sku }),
  taskHub("dts-b", "hub-1"),
];

describe("azurenative-durabletask-scheduler-task-hub-limit", () => {
  it("passes the happy path", async () => {
    expect(await runPolicy(POLICY, happyStack("prod"))).toEqual([]);
  });

  it("allows 5 task hubs on Consumption and rejects the sixth", async () => {
    expect(await runPolicy(POLICY, withHubs(5, "Consumption"))).toEqual([]);
    expect(messages(await runPolicy(POLICY, withHubs(6, "Consumption")))).toEqual([
      'Scheduler "dts-a" (Consumption) has 6 task hubs, more than the Consumption limit of 5 (maxTaskHubsPerScheduler.Consumption); remove 1 or spread them over another scheduler.',
    ]);
  });

  it("allows 25 task hubs on Dedicated and rejects the 26th", async () => {
    expect(await runPolicy(POLICY, withHubs(25, "Dedicated"))).toEqual([]);
    expect(messages(await runPolicy(POLICY, withHubs(26, "Dedicated")))).toEqual([
      'Scheduler "dts-a" (Dedicated) has 26 task hubs, more than the Dedicated limit of 25 (maxTaskHubsPerScheduler.Dedicated); remove 1 or spread them over another scheduler.',
    ]);
  });

  it("follows maxTaskHubsPerScheduler", async () => {
    const config = { [POLICY]: { maxTaskHubsPerScheduler: { Dedicated: 1, Consumption: 5 } } };
    expect(messages(await runPolicy(POLICY, happyStack("prod"), config))).toEqual([
      'Scheduler "dts-orders-prod-weu" (Dedicated) has 2 task hubs, more than the Dedicated limit of 1 (maxTaskHubsPerScheduler.Dedicated); remove 1 or spread them over another scheduler.',
    ]);
  });
});
