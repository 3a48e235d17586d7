import { describe, expect, it } from "vitest";
import { isDtsScope, parseDtsScope, subscriptionOfId } from "../../../policies/lib/armIds";
import { nameRuleViolation } from "../../../policies/lib/names";
import { isOpenToTheInternet } from "../../../policies/lib/dtsFacts";
import { normaliseRegion } from "../../../policies/lib/regions";
import { dtsRoleOf, roleGuidOf } from "../../../policies/lib/roles";

describe("policy helpers", () => {
  it("normalises every spelling of a region to one key", () => {
    expect(
      ["West Europe", "westeurope", "WestEurope", "west-europe", " West  Europe "].map(
        normaliseRegion,
      ),
    ).toEqual(Array(5).fill("westeurope"));
    expect(normaliseRegion("North Europe")).not.toBe(normaliseRegion("West Europe"));
  });

  it("treats any prefix length of 0 as open to the internet, and nothing else", () => {
    expect(["0.0.0.0/0", "::/0", "10.0.0.0/0", " 0.0.0.0/0 "].map(isOpenToTheInternet)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(
      ["10.0.0.0/8", "0.0.0.0/1", "::1/128", "not-a-cidr", "0.0.0.0"].map(isOpenToTheInternet),
    ).toEqual([false, false, false, false, false]);
  });

  it("parses scheduler and task hub scopes case-insensitively", () => {
    const scheduler =
      "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.DurableTask/schedulers/dts-a";
    expect(parseDtsScope(scheduler)).toEqual({
      subscriptionId: "s1",
      resourceGroupName: "rg",
      schedulerName: "dts-a",
      taskHubName: undefined,
    });
    expect(parseDtsScope(`${scheduler.toLowerCase()}/TASKHUBS/orders`)?.taskHubName).toBe("orders");
    expect(parseDtsScope("/subscriptions/s1/resourceGroups/rg")).toBeUndefined();
    expect(isDtsScope(`${scheduler}/retentionPolicies/default`)).toBe(true);
    expect(subscriptionOfId(scheduler)).toBe("s1");
    expect(
      subscriptionOfId("/providers/Microsoft.Authorization/roleDefinitions/x"),
    ).toBeUndefined();
  });

  it("recognises DTS roles by GUID in any id form", () => {
    expect(
      dtsRoleOf(
        "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/80D0D6B0-F522-40A4-8886-A5A11720C375",
      ),
    ).toBe("worker");
    expect(dtsRoleOf("d6a5505f-6ebb-45a4-896e-ac8274cfc0ac")).toBe("reader");
    expect(
      dtsRoleOf(
        "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
      ),
    ).toBeUndefined();
    expect(roleGuidOf("/a/b/")).toBe("b");
  });

  it("states the naming rule that is broken", () => {
    expect(nameRuleViolation("dts-orders")).toBeUndefined();
    expect(nameRuleViolation("-dts")).toBe("must not start or end with a hyphen");
    expect(nameRuleViolation("d")).toBe(
      "must be 3-64 characters of letters, digits and hyphens (^[a-zA-Z0-9-]{3,64}$)",
    );
  });
});
