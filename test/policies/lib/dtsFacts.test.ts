// The pack carries its own copy of the service facts (policies/lib/dtsFacts.ts) so that it installs without the
// repository; these tests keep the copy equal to dts/, which the components and the emulator use, and the type
// tokens equal to the azure-native classes they stand for.
import { RoleAssignment } from "@pulumi/azure-native/authorization";
import {
  RetentionPolicy,
  Scheduler,
  SchedulerPrivateEndpointConnection,
  TaskHub,
} from "@pulumi/azure-native/durabletask";
import { PrivateEndpoint } from "@pulumi/azure-native/network";
import { describe, expect, it } from "vitest";
import * as dts from "../../../dts";
import * as facts from "../../../policies/lib/dtsFacts";
import * as types from "../../../policies/lib/resourceTypes";

const tokenOf = (resourceClass: object) =>
  (resourceClass as { __pulumiType?: unknown }).__pulumiType;

describe("policies/lib/dtsFacts.ts", () => {
  it("holds the same constants as dts/", () => {
    expect(facts.RESOURCE_NAME_PATTERN.source).toBe(dts.RESOURCE_NAME_PATTERN.source);
    expect(facts.RESOURCE_NAME_PATTERN.flags).toBe(dts.RESOURCE_NAME_PATTERN.flags);
    expect(facts.DTS_ROLES).toEqual(dts.DTS_ROLES);
    expect(facts.DTS_ROLE_NAMES).toEqual(dts.DTS_ROLE_NAMES);
    expect(facts.MAX_RETENTION_DAYS).toEqual(dts.MAX_RETENTION_DAYS);
    expect(facts.DEDICATED_CAPACITIES).toEqual(dts.DEDICATED_CAPACITIES);
    expect(facts.ZONE_REDUNDANT_CAPACITY).toBe(dts.ZONE_REDUNDANT_CAPACITY);
  });

  it.each(["-abc", "abc-", "ab", "a".repeat(65), "orders", "Orders-1", "x_y", "a".repeat(64)])(
    "judges the name %j like dts/",
    (name) => {
      expect(facts.startsOrEndsWithHyphen(name)).toBe(dts.startsOrEndsWithHyphen(name));
      expect(facts.RESOURCE_NAME_PATTERN.test(name)).toBe(dts.RESOURCE_NAME_PATTERN.test(name));
    },
  );

  it.each(["0.0.0.0/0", "::/0", " 0.0.0.0/0 ", "10.0.0.0/8", "0.0.0.0", "garbage", "::/1"])(
    "judges %j open to the internet like dts/",
    (entry) => {
      expect(facts.isOpenToTheInternet(entry)).toBe(dts.isOpenToTheInternet(entry));
    },
  );

  it.each([
    "10.0.0.1",
    "10.0.0.0/16",
    "::1",
    "fd00::/8",
    "10.0.0",
    "0177.0.0.1",
    "2130706433",
    "10.0.0.0/x",
    "1.2.3.4/33",
    "a/b/c",
  ])("judges the ipAllowlist entry %j like dts/", (entry) => {
    expect(facts.isIpRange(entry)).toBe(dts.isIpRange(entry));
  });

  it.each(["West Europe", "westeurope", "WestEurope", " north  europe"])(
    "normalises the region %j like dts/",
    (region) => {
      expect(facts.normalizeRegion(region)).toBe(dts.normalizeRegion(region));
    },
  );

  it.each([0, 1, 2, 3, 4, 1.5])("judges Dedicated capacity %j like dts/", (capacity) => {
    expect(facts.isDedicatedCapacity(capacity)).toBe(dts.isDedicatedCapacity(capacity));
  });

  it("maps role GUIDs in any case like dts/", () => {
    for (const role of dts.DTS_ROLE_NAMES) {
      const guid = dts.DTS_ROLES[role].roleDefinitionGuid.toUpperCase();
      expect(facts.dtsRoleOfGuid(guid)).toBe(dts.dtsRoleOfGuid(guid));
    }
    expect(facts.dtsRoleOfGuid("00000000-0000-0000-0000-000000000000")).toBeUndefined();
  });
});

describe("policies/lib/resourceTypes.ts", () => {
  it("keys on the azure-native 3.28 type tokens", () => {
    expect({
      scheduler: types.SCHEDULER_TYPE,
      taskHub: types.TASK_HUB_TYPE,
      retentionPolicy: types.RETENTION_POLICY_TYPE,
      privateEndpointConnection: types.SCHEDULER_PRIVATE_ENDPOINT_CONNECTION_TYPE,
      privateEndpoint: types.PRIVATE_ENDPOINT_TYPE,
      roleAssignment: types.ROLE_ASSIGNMENT_TYPE,
    }).toEqual({
      scheduler: tokenOf(Scheduler),
      taskHub: tokenOf(TaskHub),
      retentionPolicy: tokenOf(RetentionPolicy),
      privateEndpointConnection: tokenOf(SchedulerPrivateEndpointConnection),
      privateEndpoint: tokenOf(PrivateEndpoint),
      roleAssignment: tokenOf(RoleAssignment),
    });
  });
});
