import { describe, expect, it } from "vitest";
import { happyStack, messages, props, runPolicy } from "../../harness";

const POLICY = "dtsx-scheduler-allowed-regions";
const config = { [POLICY]: { allowedRegions: ["West Europe", "northeurope"] } };

describe("dtsx-scheduler-allowed-regions", () => {
  it("allows any region by default", async () => {
    const stack = happyStack("prod");
    props(stack[0]).location = "eastus";
    expect(await runPolicy(POLICY, stack)).toEqual([]);
  });

  it("accepts an allowed region in another spelling", async () => {
    expect(await runPolicy(POLICY, happyStack("prod"), config)).toEqual([]);
  });

  it("rejects a region outside the list", async () => {
    const stack = happyStack("prod");
    props(stack[0]).location = "East US";
    expect(messages(await runPolicy(POLICY, stack, config))).toEqual([
      'Scheduler "dts-orders-prod-weu" is in region "East US", which is not allowed; move it to one of: West Europe, northeurope.',
    ]);
  });

  it("rejects a missing location when regions are restricted", async () => {
    const stack = happyStack("prod");
    delete props(stack[0]).location;
    expect(messages(await runPolicy(POLICY, stack, config))).toEqual([
      'Scheduler "dts-orders-prod-weu" sets no location; set location to one of the allowed regions: West Europe, northeurope.',
    ]);
  });
});
