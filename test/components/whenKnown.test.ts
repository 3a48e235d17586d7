// Arguments that are Pulumi Inputs: checked once known, with the same messages and paths as plain arguments, and
// every child resource takes its values from the checked arguments.
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import type * as SchedulerComponent from "../../components/scheduler/scheduler";
import type * as WhenKnown from "../../components/whenKnown";
import type * as SchedulerArgsModule from "../../components/scheduler/args";
import { registered, setRecordingMocks, unwrap, type Recorder } from "../helpers/pulumiMocks";

let recorder: Recorder;
let component: typeof SchedulerComponent;
let whenKnown: typeof WhenKnown;
let args: typeof SchedulerArgsModule;

beforeAll(async () => {
  recorder = await setRecordingMocks();
  component = await import("../../components/scheduler/scheduler");
  whenKnown = await import("../../components/whenKnown");
  args = await import("../../components/scheduler/args");
});

/**
 * The Output's own promise (internal to @pulumi/pulumi, public at runtime): how a rejection is observed. Its
 * `isKnown` and `isSecret` promises reject with the same error; they are handled here so that the rejection is not
 * also reported as unhandled.
 */
function settled<T>(output: pulumi.Output<T>): Promise<T> {
  const internals = output as unknown as {
    promise(): Promise<T>;
    isKnown: Promise<boolean>;
    isSecret: Promise<boolean>;
  };
  internals.isKnown.catch(() => undefined);
  internals.isSecret.catch(() => undefined);
  return internals.promise();
}

describe("holdsInputs", () => {
  it("finds Outputs and Promises at any depth, and nothing in plain values", () => {
    expect(whenKnown.holdsInputs({ a: [1, { b: "x" }], c: null })).toBe(false);
    expect(whenKnown.holdsInputs({ a: [1, { b: pulumi.output("x") }] })).toBe(true);
    expect(whenKnown.holdsInputs([Promise.resolve(1)])).toBe(true);
  });
});

describe("scheduler arguments held in Outputs", () => {
  const validate = (values: SchedulerArgsModule.SchedulerValues) =>
    args.validateSchedulerArgs(args.schedulerWithDefaults("dts-late", values));

  it("reports every problem at once, with its path, when the values become known", async () => {
    const checked = whenKnown.whenKnown(
      "dtsx:index:Scheduler",
      "dts-late",
      {
        location: pulumi.output(""),
        sku: "Consumption",
        capacity: pulumi.output(2),
        ipAllowlist: [pulumi.output("10.0.0")],
        taskHubs: [{ name: "o" }],
      },
      (values) => args.schedulerWithDefaults("dts-late", values),
      args.validateSchedulerArgs,
    );
    await expect(settled(checked)).rejects.toThrow(
      'dtsx:index:Scheduler "dts-late": invalid arguments\n' +
        '  location: expected an Azure region, got ""\n' +
        "  capacity: expected no capacity on the Consumption SKU, got 2\n" +
        '  ipAllowlist[0]: expected an IPv4 or IPv6 address or CIDR range, got "10.0.0"\n' +
        '  taskHubs[0].name: expected 3-64 letters, digits or hyphens, not starting or ending with a hyphen, got "o"',
    );
    // The same rules on the same values, given plainly.
    expect(
      validate({
        location: "",
        sku: "Consumption",
        capacity: 2,
        ipAllowlist: ["10.0.0"],
        taskHubs: [{ name: "o" }],
      }).map((problem) => problem.path.join(".")),
    ).toEqual(["location", "capacity", "ipAllowlist.0", "taskHubs.0.name"]);
  });

  it("throws right away when every value is plain", () => {
    expect(() =>
      whenKnown.whenKnown(
        "dtsx:index:Scheduler",
        "dts-plain",
        { location: "", sku: "Dedicated", ipAllowlist: [] },
        (values) => args.schedulerWithDefaults("dts-plain", values),
        args.validateSchedulerArgs,
      ),
    ).toThrow('  location: expected an Azure region, got ""');
  });

  it("feeds the known values of Inputs (a resource group's location, an identity's ids) to the resources", async () => {
    const scheduler = new component.Scheduler("dts-wired", {
      resourceGroupName: pulumi.output("rg-wired"),
      location: pulumi.output("westeurope"),
      sku: pulumi.output("Dedicated"),
      ipAllowlist: pulumi.output([pulumi.output("10.20.0.0/16")]),
      tags: pulumi.output({ owner: pulumi.output("platform") }),
      retention: { default: pulumi.output(7) },
      taskHubs: [{ name: "orders", access: [{ identity: "app", role: "worker" }] }],
      identities: {
        app: {
          principalId: pulumi.output("5e2a8c4d-3f1b-4e7a-9c6d-2b0f1e3a5c78"),
          clientId: Promise.resolve("d7c9e1f3-5a2b-4c8d-9e0f-6a1b2c3d4e85"),
          principalType: "ServicePrincipal",
        },
      },
    });
    const hub = scheduler.taskHubs["orders"];
    await registered([
      scheduler.scheduler,
      scheduler.retentionPolicy,
      ...Object.values(hub?.access?.roleAssignments ?? {}),
    ]);
    expect(
      recorder.one("azure-native:durabletask:Scheduler", "dts-wired-scheduler").inputs,
    ).toMatchObject({
      resourceGroupName: "rg-wired",
      schedulerName: "dts-wired",
      location: "westeurope",
      tags: { owner: "platform" },
      properties: {
        ipAllowlist: ["10.20.0.0/16"],
        publicNetworkAccess: "Enabled",
        sku: { name: "Dedicated", capacity: 1 },
      },
    });
    expect(
      recorder.one("azure-native:durabletask:RetentionPolicy", "dts-wired-retention").inputs,
    ).toMatchObject({ properties: { retentionPolicies: [{ retentionPeriodInDays: 7 }] } });
    expect(
      recorder.one(
        "azure-native:authorization:RoleAssignment",
        "dts-wired-taskhub-orders-access-app-worker",
      ).inputs,
    ).toMatchObject({
      principalId: "5e2a8c4d-3f1b-4e7a-9c6d-2b0f1e3a5c78",
      principalType: "ServicePrincipal",
    });
    const outputs = await unwrap(scheduler.taskHubOutputs);
    expect(Object.keys(outputs["orders"]?.connectionStrings ?? {})).toEqual(["app"]);
    expect(outputs["orders"]?.connectionStrings["app"]).toContain(
      "ClientID=d7c9e1f3-5a2b-4c8d-9e0f-6a1b2c3d4e85;TaskHub=orders",
    );
  });
});
