import { describe, expect, it } from "vitest";
import * as dts from "../../dts";

describe("dts facts", () => {
  it("names: 3-64 letters, digits, hyphens; no leading or trailing hyphen", () => {
    expect(dts.isResourceName("abc")).toBe(true);
    expect(dts.isResourceName("a-b-c")).toBe(true);
    expect(dts.isResourceName("ab")).toBe(false);
    expect(dts.isResourceName("a".repeat(64))).toBe(true);
    expect(dts.isResourceName("a".repeat(65))).toBe(false);
    expect(dts.isResourceName("a_b")).toBe(false);
    expect(dts.isResourceName("-abc")).toBe(false);
    expect(dts.isResourceName("abc-")).toBe(false);
    expect(dts.startsOrEndsWithHyphen("-ab")).toBe(true);
  });

  it("sku: Consumption takes no capacity, Dedicated 1-3 or none; 3 CUs are zone redundant", () => {
    expect(dts.isCapacityAllowed("Consumption", undefined)).toBe(true);
    expect(dts.isCapacityAllowed("Consumption", 1)).toBe(false);
    expect(dts.isCapacityAllowed("Dedicated", undefined)).toBe(true);
    expect([0, 1, 2, 3, 4].map((capacity) => dts.isDedicatedCapacity(capacity))).toEqual([
      false,
      true,
      true,
      true,
      false,
    ]);
    expect(dts.redundancyStateOf("Dedicated", 3)).toBe("Zone");
    expect(dts.redundancyStateOf("Dedicated", 2)).toBe("None");
    expect(dts.redundancyStateOf("Consumption", undefined)).toBe("None");
  });

  it("retention: whole days 0-90, 0-30 on Consumption", () => {
    expect(dts.isRetentionDays("Dedicated", 0)).toBe(true);
    expect(dts.isRetentionDays("Dedicated", 90)).toBe(true);
    expect(dts.isRetentionDays("Dedicated", 91)).toBe(false);
    expect(dts.isRetentionDays("Consumption", 30)).toBe(true);
    expect(dts.isRetentionDays("Consumption", 31)).toBe(false);
    expect(dts.isRetentionDays("Dedicated", -1)).toBe(false);
    expect(dts.isRetentionDays("Dedicated", 1.5)).toBe(false);
  });

  it("roles: the three built-in GUIDs, case-insensitive lookup, ARM id form", () => {
    expect(dts.DTS_ROLES.contributor.roleDefinitionGuid).toBe(
      "0ad04412-c4d5-4796-b79c-f76d14c8d402",
    );
    expect(dts.DTS_ROLES.worker.roleDefinitionGuid).toBe("80d0d6b0-f522-40a4-8886-a5a11720c375");
    expect(dts.DTS_ROLES.reader.roleDefinitionGuid).toBe("d6a5505f-6ebb-45a4-896e-ac8274cfc0ac");
    expect(dts.dtsRoleOfGuid("80D0D6B0-F522-40A4-8886-A5A11720C375")).toBe("worker");
    expect(dts.dtsRoleOfGuid("00000000-0000-0000-0000-000000000000")).toBeUndefined();
    expect(dts.roleDefinitionArmId("sub", "reader")).toBe(
      "/subscriptions/sub/providers/Microsoft.Authorization/roleDefinitions/d6a5505f-6ebb-45a4-896e-ac8274cfc0ac",
    );
    expect(dts.isGuid("0ad04412-c4d5-4796-b79c-f76d14c8d402")).toBe(true);
    expect(dts.isGuid("not-a-guid")).toBe(false);
  });

  it("regions: display and programmatic names compare equal", () => {
    expect(dts.normalizeRegion("West Europe")).toBe("westeurope");
    expect(dts.normalizeRegion("westeurope")).toBe("westeurope");
  });

  it("network: strict address/CIDR check and the whole-internet ranges", () => {
    expect(dts.isIpRange("10.0.0.1")).toBe(true);
    expect(dts.isIpRange("10.0.0.0/8")).toBe(true);
    expect(dts.isIpRange("2001:db8::/32")).toBe(true);
    expect(dts.isIpRange("10.0.0")).toBe(false);
    expect(dts.isIpRange("10.0.0.0/33")).toBe(false);
    expect(dts.isIpRange("10.0.0.0/8/1")).toBe(false);
    expect(dts.isOpenToTheInternet("0.0.0.0/0")).toBe(true);
    expect(dts.isOpenToTheInternet(" ::/0 ")).toBe(true);
    expect(dts.isOpenToTheInternet("10.0.0.0/8")).toBe(false);
  });
});
