// The TaskHub component under Pulumi mocks: the hub, its hub-scope access and what apps need to connect.
import { beforeAll, describe, expect, it } from "vitest";
import type * as TaskHubComponent from "../../components/taskHub/taskHub";
import type * as TaskHubArgs from "../../components/taskHub/args";
import type { IdentityValues } from "../../components/access/args";
import {
  registered,
  setRecordingMocks,
  TEST_SUBSCRIPTION_ID,
  unwrap,
  type Recorder,
} from "../helpers/pulumiMocks";

const ENDPOINT = "https://s1.westeurope.durabletask.io";
const IDENTITIES: Record<string, IdentityValues> = {
  "orders-app": {
    principalId: "5e2a8c4d-3f1b-4e7a-9c6d-2b0f1e3a5c78",
    clientId: "d7c9e1f3-5a2b-4c8d-9e0f-6a1b2c3d4e85",
    principalType: "ServicePrincipal",
  },
  oncall: { principalId: "a4b6c8d0-2e1f-4a3c-9b5d-8e7f6a5b4c31", principalType: "Group" },
};

let recorder: Recorder;
let component: typeof TaskHubComponent;
let args: typeof TaskHubArgs;

beforeAll(async () => {
  recorder = await setRecordingMocks();
  component = await import("../../components/taskHub/taskHub");
  args = await import("../../components/taskHub/args");
});

describe("TaskHub component", () => {
  it("creates the task hub, grants roles at task hub scope and outputs id, dashboard URL and connection strings", async () => {
    const hub = new component.TaskHub("h1", {
      name: "orders",
      resourceGroupName: "rg-dts",
      schedulerName: "s1",
      schedulerEndpoint: ENDPOINT,
      access: [
        { identity: "orders-app", role: "worker" },
        { identity: "oncall", role: "reader" },
      ],
      identities: IDENTITIES,
    });
    await registered([hub.taskHub, ...Object.values(hub.access?.roleAssignments ?? {})]);

    expect(recorder.one("azure-native:durabletask:TaskHub", "h1-hub").inputs).toEqual({
      resourceGroupName: "rg-dts",
      schedulerName: "s1",
      taskHubName: "orders",
    });
    const hubId = `/subscriptions/${TEST_SUBSCRIPTION_ID}/resourceGroups/rg-dts/providers/Microsoft.DurableTask/schedulers/s1/taskHubs/orders`;
    expect(await unwrap(hub.taskHubId)).toBe(hubId);
    expect(
      recorder
        .under("h1-access-", "azure-native:authorization:RoleAssignment")
        .map((entry) => [entry.name, entry.inputs.scope]),
    ).toEqual([
      ["h1-access-orders-app-worker", hubId],
      ["h1-access-oncall-reader", hubId],
    ]);
    expect(await unwrap(hub.dashboardUrl)).toBe(
      "https://dashboard.durabletask.io/?endpoint=https%3A%2F%2Fs1.westeurope.durabletask.io&taskhub=orders",
    );
    // Only identities with a clientId get a connection string.
    expect(await unwrap(hub.connectionStrings)).toEqual({
      "orders-app":
        "Endpoint=https://s1.westeurope.durabletask.io;Authentication=ManagedIdentity;ClientID=d7c9e1f3-5a2b-4c8d-9e0f-6a1b2c3d4e85;TaskHub=orders",
    });
  });

  it("creates no access component when the hub has no access rules", async () => {
    const hub = new component.TaskHub("h2", {
      name: "billing",
      resourceGroupName: "rg-dts",
      schedulerName: "s1",
      schedulerEndpoint: ENDPOINT,
    });
    await registered([hub.taskHub]);
    expect(hub.access).toBeUndefined();
    expect(recorder.under("h2").map((entry) => entry.type)).toEqual([
      "dtsx:index:TaskHub",
      "azure-native:durabletask:TaskHub",
    ]);
    expect(await unwrap(hub.connectionStrings)).toEqual({});
  });

  it("refuses an invalid task hub name before registering anything", () => {
    expect(
      () =>
        new component.TaskHub("h3", {
          name: "-orders",
          resourceGroupName: "rg-dts",
          schedulerName: "s1",
          schedulerEndpoint: ENDPOINT,
        }),
    ).toThrow(
      'dtsx:index:TaskHub "h3": invalid arguments\n  name: expected 3-64 letters, digits or hyphens, not starting or ending with a hyphen, got "-orders"',
    );
    expect(recorder.under("h3")).toEqual([]);
  });
});

describe("task hub rules", () => {
  const base = {
    name: "orders",
    resourceGroupName: "rg",
    schedulerName: "s1",
    schedulerEndpoint: ENDPOINT,
    identities: IDENTITIES,
  };

  it("defaults connection strings to the identities with access and a clientId, without mutating args", () => {
    const input = {
      ...base,
      access: [
        { identity: "oncall", role: "reader" as const },
        { identity: "orders-app", role: "worker" as const },
      ],
    };
    const resolved = args.taskHubWithDefaults(input);
    expect(resolved.connectionStringIdentities).toEqual(["orders-app"]);
    expect(input).not.toHaveProperty("connectionStringIdentities");
  });

  it("reports access rule problems under access[i]", () => {
    expect(
      args.validateTaskHubArgs(
        args.taskHubWithDefaults({ ...base, access: [{ identity: "ghost", role: "worker" }] }),
      ),
    ).toEqual([
      {
        path: ["access", 0, "identity"],
        message: 'identity "ghost" is not declared in identities (declared: orders-app, oncall)',
      },
    ]);
  });

  it("rejects a subscriptionId that is not a GUID", () => {
    expect(
      args.validateTaskHubArgs(args.taskHubWithDefaults({ ...base, subscriptionId: "sub-1" })),
    ).toEqual([{ path: ["subscriptionId"], message: 'expected a GUID, got "sub-1"' }]);
  });

  it("rejects connection strings for undeclared identities and identities without a clientId", () => {
    expect(
      args.validateTaskHubArgs(
        args.taskHubWithDefaults({ ...base, connectionStringIdentities: ["ghost", "oncall"] }),
      ),
    ).toEqual([
      {
        path: ["connectionStringIdentities", 0],
        message: 'identity "ghost" is not declared in identities',
      },
      {
        path: ["connectionStringIdentities", 1],
        message: 'identity "oncall" has no clientId, so it gets no connection string',
      },
    ]);
  });
});
