import { describe, expect, it } from "vitest";
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { happyStack, messages, props, registered, runPolicy } from "../../harness";

const POLICY = "azurenative-durabletask-scheduler-allowed-regions";
const config = { [POLICY]: { allowedRegions: ["West Europe", "northeurope"] } };

describe("azurenative-durabletask-scheduler-allowed-regions", () => {
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

  it("remediates a display-name spelling of the region to its programmatic name", async () => {
    const policy = registered(POLICY).policy as ResourceValidationPolicy;
    const remediate = (location: unknown) =>
      policy.remediateResource?.({
        type: "azure-native:durabletask:Scheduler",
        props: { ...props(happyStack("prod")[0]), location },
        urn: "urn",
        name: "dts",
        opts: {} as ResourceValidationArgs["opts"],
        stackTags: new Map(),
        isType: () => true,
        asType: () => undefined,
        getConfig: <T>() => ({}) as T,
        notApplicable: () => undefined as never,
      }) as { location?: string } | undefined;
    expect(remediate("North Europe")?.location).toBe("northeurope");
    expect(remediate("WestEurope")?.location).toBe("westeurope");
    expect(remediate("westeurope")).toBeUndefined();
    expect(remediate(undefined)).toBeUndefined();
    // Under "remediate" the validation then sees the programmatic name and passes.
    const stack = happyStack("prod");
    props(stack[0]).location = "North Europe";
    const config = { [POLICY]: { enforcementLevel: "remediate", allowedRegions: ["northeurope"] } };
    expect(await runPolicy(POLICY, stack, config)).toEqual([]);
  });
});
