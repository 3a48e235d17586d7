// The Scheduler component under Pulumi mocks: exact inputs of every child, outputs, defaults and every rule.
import { beforeAll, describe, expect, it } from "vitest";
import type * as SchedulerComponent from "../../components/scheduler/scheduler";
import type * as SchedulerArgsModule from "../../components/scheduler/args";
import type { SchedulerArgs, SchedulerValues } from "../../components/scheduler/args";

/** Plain arguments: valid both for the component and for the pure rules. */
type PlainArgs = SchedulerArgs & SchedulerValues;
import {
  registered,
  setRecordingMocks,
  TEST_SUBSCRIPTION_ID,
  unwrap,
  type Recorder,
} from "../helpers/pulumiMocks";

const IDENTITIES = {
  "orders-app": {
    principalId: "5e2a8c4d-3f1b-4e7a-9c6d-2b0f1e3a5c78",
    clientId: "d7c9e1f3-5a2b-4c8d-9e0f-6a1b2c3d4e85",
    principalType: "ServicePrincipal",
  },
  "ops-app": {
    principalId: "2b7d9f1a-4c6e-4a3b-8d5f-9e0a1b2c3d46",
    clientId: "8e1a3c5f-7b9d-4f2e-a0c4-5d6e7f8a9b10",
    principalType: "ServicePrincipal",
  },
  oncall: { principalId: "a4b6c8d0-2e1f-4a3c-9b5d-8e7f6a5b4c31", principalType: "Group" },
} as const;

/** A valid Dedicated scheduler; tests apply one mutation each. */
function dedicated(overrides: Partial<PlainArgs> = {}): PlainArgs {
  return {
    resourceGroupName: "rg-dts",
    location: "westeurope",
    sku: "Dedicated",
    capacity: 3,
    ipAllowlist: ["10.20.0.0/16"],
    publicNetworkAccess: "Disabled",
    tags: { owner: "platform" },
    retention: { default: 30, failed: 90 },
    access: [
      { identity: "oncall", role: "reader" },
      { identity: "ops-app", role: "contributor" },
    ],
    taskHubs: [
      { name: "orders", access: [{ identity: "orders-app", role: "worker" }] },
      { name: "billing" },
    ],
    identities: IDENTITIES,
    ...overrides,
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

let recorder: Recorder;
let component: typeof SchedulerComponent;
let args: typeof SchedulerArgsModule;

beforeAll(async () => {
  recorder = await setRecordingMocks();
  component = await import("../../components/scheduler/scheduler");
  args = await import("../../components/scheduler/args");
});

async function settle(scheduler: InstanceType<typeof component.Scheduler>): Promise<void> {
  await registered([
    scheduler.scheduler,
    scheduler.retentionPolicy,
    ...Object.values(scheduler.access?.roleAssignments ?? {}),
    ...Object.values(scheduler.taskHubs).flatMap((hub) => [
      hub.taskHub,
      ...Object.values(hub.access?.roleAssignments ?? {}),
    ]),
  ]);
}

describe("Scheduler component", () => {
  const schedulerId = `/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/rg-dts/providers/Microsoft.DurableTask/schedulers/dts-prod`;

  it("registers the scheduler, retention policy, task hubs and role assignments with exact inputs", async () => {
    const scheduler = new component.Scheduler("dts-prod", deepFreeze(dedicated()));
    await settle(scheduler);

    expect(recorder.one("dtsx:index:Scheduler", "dts-prod").custom).toBe(false);
    expect(recorder.one("azure-native:durabletask:Scheduler", "dts-prod-scheduler").inputs).toEqual(
      {
        resourceGroupName: "rg-dts",
        schedulerName: "dts-prod",
        location: "westeurope",
        tags: { owner: "platform" },
        properties: {
          ipAllowlist: ["10.20.0.0/16"],
          publicNetworkAccess: "Disabled",
          sku: { name: "Dedicated", capacity: 3 },
        },
      },
    );
    expect(
      recorder.one("azure-native:durabletask:RetentionPolicy", "dts-prod-retention").inputs,
    ).toEqual({
      resourceGroupName: "rg-dts",
      schedulerName: "dts-prod",
      properties: {
        retentionPolicies: [
          { retentionPeriodInDays: 30 },
          { retentionPeriodInDays: 90, orchestrationState: "Failed" },
        ],
      },
    });
    expect(
      recorder
        .under("dts-prod-taskhub-", "azure-native:durabletask:TaskHub")
        .map((entry) => [entry.name, entry.inputs]),
    ).toEqual([
      [
        "dts-prod-taskhub-orders-hub",
        { resourceGroupName: "rg-dts", schedulerName: "dts-prod", taskHubName: "orders" },
      ],
      [
        "dts-prod-taskhub-billing-hub",
        { resourceGroupName: "rg-dts", schedulerName: "dts-prod", taskHubName: "billing" },
      ],
    ]);
    expect(
      recorder
        .under("dts-prod", "azure-native:authorization:RoleAssignment")
        .map((entry) => [
          entry.name,
          entry.inputs.scope,
          entry.inputs.principalType,
          String(entry.inputs.roleDefinitionId).split("/").pop(),
        ]),
    ).toEqual([
      [
        "dts-prod-access-oncall-reader",
        schedulerId,
        "Group",
        "d6a5505f-6ebb-45a4-896e-ac8274cfc0ac",
      ],
      [
        "dts-prod-access-ops-app-contributor",
        schedulerId,
        "ServicePrincipal",
        "0ad04412-c4d5-4796-b79c-f76d14c8d402",
      ],
      [
        "dts-prod-taskhub-orders-access-orders-app-worker",
        `${schedulerId}/taskHubs/orders`,
        "ServicePrincipal",
        "80d0d6b0-f522-40a4-8886-a5a11720c375",
      ],
    ]);
  });

  it("outputs the scheduler id, endpoint and per hub its id, dashboard URL and connection strings", async () => {
    const scheduler = new component.Scheduler("dts-out", dedicated({ name: "dts-prod2" }));
    const outputsId = `/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/rg-dts/providers/Microsoft.DurableTask/schedulers/dts-prod2`;
    const outputsEndpoint = "https://dts-prod2.westeurope.durabletask.io";
    expect(await unwrap(scheduler.schedulerId)).toBe(outputsId);
    expect(await unwrap(scheduler.schedulerName)).toBe("dts-prod2");
    expect(await unwrap(scheduler.endpoint)).toBe(outputsEndpoint);
    const connection = (clientId: string, hub: string): string =>
      `Endpoint=${outputsEndpoint};Authentication=ManagedIdentity;ClientID=${clientId};TaskHub=${hub}`;
    // ops-app has Contributor at scheduler scope, so it reaches every hub; oncall has no clientId.
    expect(await unwrap(scheduler.taskHubOutputs)).toEqual({
      orders: {
        id: `${outputsId}/taskHubs/orders`,
        dashboardUrl: `https://dashboard.durabletask.io/?endpoint=${encodeURIComponent(outputsEndpoint)}&taskhub=orders`,
        connectionStrings: {
          "orders-app": connection("d7c9e1f3-5a2b-4c8d-9e0f-6a1b2c3d4e85", "orders"),
          "ops-app": connection("8e1a3c5f-7b9d-4f2e-a0c4-5d6e7f8a9b10", "orders"),
        },
      },
      billing: {
        id: `${outputsId}/taskHubs/billing`,
        dashboardUrl: `https://dashboard.durabletask.io/?endpoint=${encodeURIComponent(outputsEndpoint)}&taskhub=billing`,
        connectionStrings: {
          "ops-app": connection("8e1a3c5f-7b9d-4f2e-a0c4-5d6e7f8a9b10", "billing"),
        },
      },
    });
  });

  it("sends no capacity for Consumption and defaults Dedicated to one capacity unit", async () => {
    const consumption = new component.Scheduler("dts-cons", {
      resourceGroupName: "rg-dts",
      location: "westeurope",
      sku: "Consumption",
      ipAllowlist: ["0.0.0.0/0"],
    });
    const dedicatedDefault = new component.Scheduler(
      "dts-ded1",
      dedicated({ capacity: undefined, access: [], taskHubs: [] }),
    );
    await settle(consumption);
    await settle(dedicatedDefault);
    const consumptionInputs = recorder.one(
      "azure-native:durabletask:Scheduler",
      "dts-cons-scheduler",
    ).inputs;
    expect(consumptionInputs.properties).toEqual({
      ipAllowlist: ["0.0.0.0/0"],
      publicNetworkAccess: "Enabled",
      sku: { name: "Consumption" },
    });
    expect(consumptionInputs.tags).toEqual({});
    expect(
      recorder.one("azure-native:durabletask:RetentionPolicy", "dts-cons-retention").inputs
        .properties,
    ).toEqual({
      retentionPolicies: [{ retentionPeriodInDays: 30 }],
    });
    expect(
      recorder.one("azure-native:durabletask:Scheduler", "dts-ded1-scheduler").inputs,
    ).toMatchObject({
      properties: { sku: { name: "Dedicated", capacity: 1 } },
    });
  });

  it("throws every problem at once and registers nothing when the arguments are invalid", () => {
    expect(
      () =>
        new component.Scheduler(
          "dts-bad",
          dedicated({ sku: "Consumption", capacity: 2, ipAllowlist: ["10.0.0.0/40"] }),
        ),
    ).toThrow(
      'dtsx:index:Scheduler "dts-bad": invalid arguments\n' +
        "  capacity: expected no capacity on the Consumption SKU, got 2\n" +
        '  ipAllowlist[0]: expected an IPv4 or IPv6 address or CIDR range, got "10.0.0.0/40"\n' +
        "  retention.failed: expected a whole number of days from 0 to 30 on the Consumption SKU, got 90",
    );
    expect(recorder.under("dts-bad")).toEqual([]);
  });
});

describe("scheduler rules (one mutation each)", () => {
  const problems = (overrides: Partial<PlainArgs>, name = "dts-rules") =>
    args.validateSchedulerArgs(args.schedulerWithDefaults(name, dedicated(overrides)));

  it("accepts the valid baseline", () => {
    expect(problems({})).toEqual([]);
  });

  it("scheduler name", () => {
    expect(problems({ name: "dts_prod" })).toEqual([
      {
        path: ["name"],
        message:
          'expected 3-64 letters, digits or hyphens, not starting or ending with a hyphen, got "dts_prod"',
      },
    ]);
  });

  it("the component name is the default scheduler name and is checked too", () => {
    expect(problems({}, "dts-")).toEqual([
      {
        path: ["name"],
        message:
          'expected 3-64 letters, digits or hyphens, not starting or ending with a hyphen, got "dts-"',
      },
    ]);
  });

  it("location", () => {
    expect(problems({ location: " " })).toEqual([
      { path: ["location"], message: 'expected an Azure region, got ""' },
    ]);
  });

  it("SKU name", () => {
    expect(problems({ sku: "Dedicated2" })).toEqual([
      { path: ["sku"], message: 'expected "Consumption" | "Dedicated", got "Dedicated2"' },
    ]);
  });

  it("Consumption sets no capacity", () => {
    expect(problems({ sku: "Consumption", capacity: 1, retention: {} })).toEqual([
      { path: ["capacity"], message: "expected no capacity on the Consumption SKU, got 1" },
    ]);
  });

  it("Dedicated capacity is 1, 2 or 3", () => {
    expect(problems({ capacity: 5 })).toEqual([
      {
        path: ["capacity"],
        message: "expected 1 | 2 | 3, got 5 (capacity units on the Dedicated SKU)",
      },
    ]);
  });

  it("ipAllowlist entries", () => {
    expect(problems({ ipAllowlist: ["10.20.0.0/16", "office"] })).toEqual([
      {
        path: ["ipAllowlist", 1],
        message: 'expected an IPv4 or IPv6 address or CIDR range, got "office"',
      },
    ]);
  });

  it("publicNetworkAccess", () => {
    expect(problems({ publicNetworkAccess: "Private" })).toEqual([
      { path: ["publicNetworkAccess"], message: 'expected "Enabled" | "Disabled", got "Private"' },
    ]);
  });

  it("retention days 0-90 on Dedicated", () => {
    expect(problems({ retention: { default: 120 } })).toEqual([
      {
        path: ["retention", "default"],
        message: "expected a whole number of days from 0 to 90 on the Dedicated SKU, got 120",
      },
    ]);
  });

  it("retention days 0-30 on Consumption", () => {
    expect(
      problems({ sku: "Consumption", capacity: undefined, retention: { completed: 45 } }),
    ).toEqual([
      {
        path: ["retention", "completed"],
        message: "expected a whole number of days from 0 to 30 on the Consumption SKU, got 45",
      },
    ]);
  });

  it("duplicate task hub names (case-insensitive, as ARM names are)", () => {
    expect(problems({ taskHubs: [{ name: "orders" }, { name: "Orders" }] })).toEqual([
      {
        path: ["taskHubs", 1, "name"],
        message:
          'duplicate task hub name "Orders" (also taskHubs[0].name); names are unique within a scheduler',
      },
    ]);
  });

  it("task hub name", () => {
    expect(problems({ taskHubs: [{ name: "or" }] })).toEqual([
      {
        path: ["taskHubs", 0, "name"],
        message:
          'expected 3-64 letters, digits or hyphens, not starting or ending with a hyphen, got "or"',
      },
    ]);
  });

  it("unknown role at scheduler scope", () => {
    expect(problems({ access: [{ identity: "oncall", role: "owner" }] })).toEqual([
      {
        path: ["access", 0, "role"],
        message: 'expected "contributor" | "worker" | "reader", got "owner"',
      },
    ]);
  });

  it("identity referenced at task hub scope but not declared", () => {
    expect(
      problems({
        taskHubs: [{ name: "orders", access: [{ identity: "billing-app", role: "worker" }] }],
      }),
    ).toEqual([
      {
        path: ["taskHubs", 0, "access", 0, "identity"],
        message:
          'identity "billing-app" is not declared in identities (declared: orders-app, ops-app, oncall)',
      },
    ]);
  });

  it("identity declarations", () => {
    expect(
      problems({
        identities: { ...IDENTITIES, oncall: { principalId: "oncall", principalType: "Group" } },
      }),
    ).toEqual([
      { path: ["identities", "oncall", "principalId"], message: 'expected a GUID, got "oncall"' },
    ]);
  });

  it("subscriptionId is a GUID when set", () => {
    expect(problems({ subscriptionId: "prod-subscription" })).toEqual([
      { path: ["subscriptionId"], message: 'expected a GUID, got "prod-subscription"' },
    ]);
    expect(problems({ subscriptionId: "8d4f2a6c-1e3b-4a9d-b5c7-0f2e4d6a8c19" })).toEqual([]);
  });

  it("withDefaults never mutates its argument", () => {
    const input = deepFreeze(dedicated({ capacity: undefined, taskHubs: [{ name: "orders" }] }));
    const resolved = args.schedulerWithDefaults("dts-x", input);
    expect(resolved).toMatchObject({
      name: "dts-x",
      capacity: 1,
      taskHubs: [{ name: "orders", access: [] }],
    });
    expect(input.capacity).toBeUndefined();
  });
});
