// The local azure-native bridge's pure parts: URN parsing, check (required inputs, auto-naming) and diff
// (update vs replace as ARM does, delete-before-replace when the ARM path stays the same).
import { describe, expect, it } from "vitest";
import {
  checkInputs,
  diffInputs,
  kindOf,
  parseUrn,
} from "../../../providers/azure-native-local/provider";
import { UNKNOWN } from "../../../providers/azure-native-local/resources/kind";

const SUB = "00000000-0000-0000-0000-000000000000";
const schedulerUrn =
  "urn:pulumi:local::dtsx::dtsx:index:Scheduler$azure-native:durabletask:Scheduler::orders-sched";
const scheduler = kindOf(schedulerUrn);
const roleAssignment = kindOf(
  "urn:pulumi:local::dtsx::dtsx:index:Access$azure-native:authorization:RoleAssignment::orders-access-app-worker",
);

const schedulerInputs = {
  resourceGroupName: "rg-local",
  schedulerName: "dts-orders",
  location: "westeurope",
  properties: { ipAllowlist: ["0.0.0.0/0"], sku: { name: "Consumption" } },
  tags: { owner: "platform" },
};

describe("parseUrn", () => {
  it("takes the last type of a parent-qualified type and the resource name", () => {
    expect(parseUrn(schedulerUrn)).toEqual({
      type: "azure-native:durabletask:Scheduler",
      name: "orders-sched",
    });
  });

  it("refuses a type the bridge does not serve, naming the ones it does", () => {
    expect(() => kindOf("urn:pulumi:s::p::azure-native:storage:StorageAccount::sa")).toThrow(
      /does not serve resource type azure-native:storage:StorageAccount; it serves azure-native:durabletask:Scheduler/,
    );
  });
});

describe("check", () => {
  it("reports each missing required input by name", () => {
    const result = checkInputs(scheduler, "orders-sched", {}, { location: "westeurope" });
    expect(result.failures?.map((failure) => failure.property)).toEqual([
      "resourceGroupName",
      "properties",
    ]);
    expect(result.failures?.[0]?.reason).toBe(
      "azure-native:durabletask:Scheduler: missing required property 'resourceGroupName'",
    );
  });

  it("accepts unknown values during preview", () => {
    const result = checkInputs(
      scheduler,
      "orders-sched",
      {},
      { ...schedulerInputs, resourceGroupName: UNKNOWN },
    );
    expect(result.failures).toEqual([]);
  });

  it("auto-names an unnamed resource from its Pulumi name and keeps that name on later runs", () => {
    const { schedulerName: _omitted, ...unnamed } = schedulerInputs;
    const first = checkInputs(scheduler, "orders-sched", {}, unnamed);
    const name = (first.inputs as Record<string, unknown>)["schedulerName"];
    expect(name).toMatch(/^orders-sched[a-z0-9]{7}$/);
    const second = checkInputs(
      scheduler,
      "orders-sched",
      first.inputs as Record<string, unknown>,
      unnamed,
    );
    expect((second.inputs as Record<string, unknown>)["schedulerName"]).toBe(name);
  });

  it("never mutates the inputs it is given", () => {
    const news = Object.freeze({ ...schedulerInputs, schedulerName: undefined });
    expect(() => checkInputs(scheduler, "orders-sched", {}, news)).not.toThrow();
    expect(news.schedulerName).toBeUndefined();
  });
});

describe("diff", () => {
  it("finds no change for identical inputs, whatever the key order", () => {
    const reordered = {
      ...schedulerInputs,
      properties: { sku: { name: "Consumption" }, ipAllowlist: ["0.0.0.0/0"] },
    };
    expect(diffInputs(scheduler, schedulerInputs, reordered, SUB)).toEqual({
      changes: false,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("updates in place when only properties or tags change", () => {
    const news = { ...schedulerInputs, tags: { owner: "apps" } };
    expect(diffInputs(scheduler, schedulerInputs, news, SUB)).toEqual({
      changes: true,
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("treats 'West Europe' and 'westeurope' as the same location", () => {
    const news = { ...schedulerInputs, location: "West Europe" };
    expect(diffInputs(scheduler, schedulerInputs, news, SUB).changes).toBe(false);
  });

  it("replaces on a new location, deleting first because the ARM path stays the same", () => {
    const news = { ...schedulerInputs, location: "northeurope" };
    expect(diffInputs(scheduler, schedulerInputs, news, SUB)).toEqual({
      changes: true,
      replaces: ["location"],
      deleteBeforeReplace: true,
    });
  });

  it("replaces on a rename, creating the new one first", () => {
    const news = { ...schedulerInputs, schedulerName: "dts-orders-2" };
    expect(diffInputs(scheduler, schedulerInputs, news, SUB)).toEqual({
      changes: true,
      replaces: ["schedulerName"],
      deleteBeforeReplace: false,
    });
  });

  it("replaces a role assignment whose principal changes but updates its description in place", () => {
    const olds = {
      scope: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DurableTask/schedulers/a",
      roleAssignmentName: "5f0a6c2e-0000-4000-8000-000000000001",
      principalId: "p1",
      roleDefinitionId: "/providers/Microsoft.Authorization/roleDefinitions/r",
      description: "one",
    };
    expect(diffInputs(roleAssignment, olds, { ...olds, description: "two" }, SUB).replaces).toEqual(
      [],
    );
    expect(diffInputs(roleAssignment, olds, { ...olds, principalId: "p2" }, SUB).replaces).toEqual([
      "principalId",
    ]);
  });
});
