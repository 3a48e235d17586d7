import { describe, expect, it } from "vitest";
import { ArgsError, formatPath, nestProblems, throwIfProblems } from "../../components/problems";
import {
  capacityProblem,
  expectedOneOf,
  guidProblem,
  ipRangeProblem,
  principalTypeProblem,
  publicNetworkAccessProblem,
  resourceNameProblem,
  retentionDaysProblem,
  skuProblem,
} from "../../components/rules";

describe("resource names (scheduler and task hub)", () => {
  it.each(["abc", "dts-orders-prod-weu", "A1-b2", "x".repeat(64)])("accepts %s", (name) => {
    expect(resourceNameProblem(name)).toBeUndefined();
  });

  it.each([
    ["ab", "too short"],
    ["x".repeat(65), "too long"],
    ["dts_orders", "underscore"],
    ["-orders", "leading hyphen"],
    ["orders-", "trailing hyphen"],
  ])("rejects %s (%s)", (name) => {
    expect(resourceNameProblem(name)).toBe(
      `expected 3-64 letters, digits or hyphens, not starting or ending with a hyphen, got ${JSON.stringify(name)}`,
    );
  });
});

describe("SKU and capacity", () => {
  it("names the allowed SKUs and the value", () => {
    expect(skuProblem("Dedicated2")).toBe('expected "Consumption" | "Dedicated", got "Dedicated2"');
    expect(skuProblem("Dedicated")).toBeUndefined();
  });

  it("Consumption sets no capacity", () => {
    expect(capacityProblem("Consumption", undefined)).toBeUndefined();
    expect(capacityProblem("Consumption", 1)).toBe(
      "expected no capacity on the Consumption SKU, got 1",
    );
  });

  it("Dedicated capacity is 1, 2 or 3", () => {
    for (const capacity of [1, 2, 3])
      expect(capacityProblem("Dedicated", capacity)).toBeUndefined();
    expect(capacityProblem("Dedicated", 4)).toBe(
      "expected 1 | 2 | 3, got 4 (capacity units on the Dedicated SKU)",
    );
    expect(capacityProblem("Dedicated", 0)).toBe(
      "expected 1 | 2 | 3, got 0 (capacity units on the Dedicated SKU)",
    );
  });
});

describe("retention days", () => {
  it("allows 0 to 90 on Dedicated", () => {
    expect(retentionDaysProblem("Dedicated", 0)).toBeUndefined();
    expect(retentionDaysProblem("Dedicated", 90)).toBeUndefined();
    expect(retentionDaysProblem("Dedicated", 91)).toBe(
      "expected a whole number of days from 0 to 90 on the Dedicated SKU, got 91",
    );
  });

  it("allows 0 to 30 on Consumption", () => {
    expect(retentionDaysProblem("Consumption", 30)).toBeUndefined();
    expect(retentionDaysProblem("Consumption", 31)).toBe(
      "expected a whole number of days from 0 to 30 on the Consumption SKU, got 31",
    );
  });

  it("rejects negative and fractional days", () => {
    expect(retentionDaysProblem("Dedicated", -1)).toBe(
      "expected a whole number of days from 0 to 90 on the Dedicated SKU, got -1",
    );
    expect(retentionDaysProblem("Dedicated", 1.5)).toBe(
      "expected a whole number of days from 0 to 90 on the Dedicated SKU, got 1.5",
    );
  });
});

describe("network, identities", () => {
  it.each(["10.0.0.0/8", "0.0.0.0/0", "127.0.0.1", "::1/128", "2001:db8::/32"])(
    "accepts the allowlist entry %s",
    (range) => expect(ipRangeProblem(range)).toBeUndefined(),
  );

  it.each(["10.0.0.0/33", "10.0.0", "localhost", ""])("rejects the allowlist entry %j", (range) => {
    expect(ipRangeProblem(range)).toBe(
      `expected an IPv4 or IPv6 address or CIDR range, got ${JSON.stringify(range)}`,
    );
  });

  it("publicNetworkAccess is Enabled or Disabled", () => {
    expect(publicNetworkAccessProblem("Disabled")).toBeUndefined();
    expect(publicNetworkAccessProblem("Off")).toBe('expected "Enabled" | "Disabled", got "Off"');
  });

  it("principal ids are GUIDs and principal types are ARM's", () => {
    expect(guidProblem("5e2a8c4d-3f1b-4e7a-9c6d-2b0f1e3a5c78")).toBeUndefined();
    expect(guidProblem("orders-app")).toBe('expected a GUID, got "orders-app"');
    expect(principalTypeProblem("ServicePrincipal")).toBeUndefined();
    expect(principalTypeProblem("App")).toBe(
      'expected "User" | "Group" | "ServicePrincipal" | "ForeignGroup" | "Device", got "App"',
    );
  });

  it("expectedOneOf quotes strings and leaves numbers bare", () => {
    expect(expectedOneOf(["a", 1], undefined)).toBe('expected "a" | 1, got nothing');
  });
});

describe("problem paths and errors", () => {
  it("formats paths as a reader types them", () => {
    expect(formatPath(["taskHubs", 1, "name"])).toBe("taskHubs[1].name");
    expect(formatPath(["identities", "orders-app", "principalId"])).toBe(
      'identities["orders-app"].principalId',
    );
    expect(formatPath(["schedulers", 0, "sku"], "dtsx:")).toBe("dtsx:schedulers[0].sku");
    expect(formatPath([0, "role"])).toBe("[0].role");
  });

  it("nests problems under a prefix without mutating them", () => {
    const problems = [{ path: ["name"], message: "m" }];
    expect(nestProblems(["taskHubs", 2], problems)).toEqual([
      { path: ["taskHubs", 2, "name"], message: "m" },
    ]);
    expect(problems[0]?.path).toEqual(["name"]);
  });

  it("ArgsError lists every problem on its own line", () => {
    const problems = [
      { path: ["sku"], message: "bad sku" },
      { path: ["taskHubs", 0, "name"], message: "bad name" },
    ];
    expect(() => throwIfProblems("dtsx:index:Scheduler", "s1", problems)).toThrow(
      new ArgsError("dtsx:index:Scheduler", "s1", problems),
    );
    expect(new ArgsError("dtsx:index:Scheduler", "s1", problems).message).toBe(
      'dtsx:index:Scheduler "s1": invalid arguments\n  sku: bad sku\n  taskHubs[0].name: bad name',
    );
    expect(() => throwIfProblems("dtsx:index:Scheduler", "s1", [])).not.toThrow();
  });
});
