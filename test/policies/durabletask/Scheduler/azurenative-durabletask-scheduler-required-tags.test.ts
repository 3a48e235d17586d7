import { describe, expect, it } from "vitest";
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { happyStack, messages, props, registered, runPolicy } from "../../harness";

const POLICY = "azurenative-durabletask-scheduler-required-tags";

describe("azurenative-durabletask-scheduler-required-tags", () => {
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

  it("remediates missing tags that defaultTagValues names, and still reports the rest", async () => {
    const stack = happyStack("prod");
    const tags = props(stack[0]).tags as Record<string, string>;
    delete tags.owner;
    const config = {
      [POLICY]: {
        enforcementLevel: "remediate",
        requiredTags: ["environment", "owner", "costCenter"],
        defaultTagValues: { owner: "platform", environment: "dev" },
      },
    };
    expect(messages(await runPolicy(POLICY, stack, config))).toEqual([
      'Scheduler "dts-orders-prod-weu" is missing required tag(s) costCenter; add them under tags with non-empty values.',
    ]);
    const remediation = registered(POLICY).policy as ResourceValidationPolicy;
    const remediated = (await remediation.remediateResource?.({
      type: stack[0]?.type ?? "",
      props: props(stack[0]),
      urn: "urn",
      name: "dts",
      opts: {} as ResourceValidationArgs["opts"],
      stackTags: new Map(),
      isType: () => true,
      asType: () => undefined,
      getConfig: <T>() => ({ ...config[POLICY], enforcementLevel: undefined }) as T,
      notApplicable: () => undefined as never,
    })) as { tags: Record<string, string> } | undefined;
    // The environment tag is present, so the default never overrides the profile.
    expect(remediated?.tags).toEqual({ environment: "prod", owner: "platform" });
  });

  it("does not remediate unless the level is remediate", async () => {
    const stack = happyStack("prod");
    delete (props(stack[0]).tags as Record<string, string>).owner;
    const config = { [POLICY]: { defaultTagValues: { owner: "platform" } } };
    expect(messages(await runPolicy(POLICY, stack, config))).toEqual([
      'Scheduler "dts-orders-prod-weu" is missing required tag(s) owner; add them under tags with non-empty values.',
    ]);
  });
});
