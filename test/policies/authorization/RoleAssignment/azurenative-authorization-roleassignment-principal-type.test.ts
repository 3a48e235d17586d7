import { describe, expect, it } from "vitest";
import { happyStack, props, runPolicy, urnOf } from "../../harness";

const POLICY = "azurenative-authorization-roleassignment-principal-type";

describe("azurenative-authorization-roleassignment-principal-type", () => {
  it("passes the happy path", async () => {
    expect(await runPolicy(POLICY, happyStack("prod"))).toEqual([]);
  });

  it("requires principalType", async () => {
    const stack = happyStack("dev");
    delete props(stack[5]).principalType;
    expect(await runPolicy(POLICY, stack)).toEqual([
      {
        policy: POLICY,
        enforcementLevel: "mandatory",
        message:
          'Role assignment "dts-orders-dev-weu-access-oncall-reader" does not set principalType; set it to the principal\'s type (ServicePrincipal, Group, User or ForeignGroup).',
        resource: urnOf(stack[5]),
      },
    ]);
  });
});
