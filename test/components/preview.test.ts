// The components during `pulumi preview`: mocks in preview mode that return no id and no outputs, as the engine
// does for resources not created yet. With a subscription id, everything the RBAC policies read on a role
// assignment (scope, roleDefinitionId, principalId, principalType; and its name) is known there, and the assignment
// still depends on the resource its scope names. Without one, scope and role id wait for the new resource's id.
import * as pulumi from "@pulumi/pulumi";
import type { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { beforeAll, describe, expect, it } from "vitest";
import type * as AccessComponent from "../../components/access/access";
import type * as SchedulerComponent from "../../components/scheduler/scheduler";
import { roleAssignmentName } from "../../dts/guid";
import type { IdentityValues } from "../../components/access/args";
import { registered } from "../helpers/pulumiMocks";

const SUBSCRIPTION_ID = "8d4f2a6c-1e3b-4a9d-b5c7-0f2e4d6a8c19";
const ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment";
const IDENTITIES: Record<string, IdentityValues> = {
  "orders-app": {
    principalId: "5e2a8c4d-3f1b-4e7a-9c6d-2b0f1e3a5c78",
    clientId: "d7c9e1f3-5a2b-4c8d-9e0f-6a1b2c3d4e85",
    principalType: "ServicePrincipal",
  },
  oncall: { principalId: "a4b6c8d0-2e1f-4a3c-9b5d-8e7f6a5b4c31", principalType: "Group" },
};

interface PreviewRegistration {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly inputs: Record<string, unknown>;
  /** Per input property, the URNs it depends on (what the engine orders by and policies see). */
  readonly propertyDependencies: Record<string, string[]>;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getObject(): Parameters<typeof pulumi.runtime.deserializeProperties>[0];
  getPropertydependenciesMap(): {
    entries(): Iterable<[string, { getUrnsList(): string[] }]>;
  };
}
interface RegisterResponse {
  getUrn(): string;
}
type RegisterCallback = (error: unknown, response: RegisterResponse | undefined) => void;

const registrations: PreviewRegistration[] = [];
let component: typeof SchedulerComponent;
let access: typeof AccessComponent;

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      // A resource not created yet: no id, no outputs (in preview the SDK makes them unknown).
      newResource: (args) => ({ id: args.custom ? "" : undefined, state: {} }),
      call: (args) => {
        throw new Error(`no mock for ${args.token}`);
      },
    },
    "dtsx",
    "preview",
    true,
  );
  // The mock runtime hands `newResource` neither URNs nor dependencies; record them from the monitor's requests.
  const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitor;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request: RegisterRequest, callback: RegisterCallback) =>
    register(request, (error: unknown, response: RegisterResponse | undefined) => {
      if (!error && response) {
        registrations.push({
          type: request.getType(),
          name: request.getName(),
          urn: response.getUrn(),
          inputs: pulumi.runtime.deserializeProperties(request.getObject()),
          propertyDependencies: Object.fromEntries(
            [...request.getPropertydependenciesMap().entries()].map(([key, value]) => [
              key,
              value.getUrnsList(),
            ]),
          ),
        });
      }
      callback(error, response);
    });
  component = await import("../../components/scheduler/scheduler");
  access = await import("../../components/access/access");
});

function one(type: string, name: string): PreviewRegistration {
  const matches = registrations.filter((entry) => entry.type === type && entry.name === name);
  if (matches.length !== 1) throw new Error(`expected one ${type} ${name}, got ${matches.length}`);
  return matches[0] as PreviewRegistration;
}

async function previewScheduler(
  name: string,
  subscriptionId?: string,
): Promise<SchedulerComponent.Scheduler> {
  const scheduler = new component.Scheduler(name, {
    resourceGroupName: "rg-dts-prod",
    location: "westeurope",
    sku: "Dedicated",
    capacity: 3,
    ipAllowlist: ["10.20.0.0/16"],
    access: [{ identity: "oncall", role: "reader" }],
    taskHubs: [{ name: "orders", access: [{ identity: "orders-app", role: "worker" }] }],
    identities: IDENTITIES,
    ...(subscriptionId === undefined ? {} : { subscriptionId }),
  });
  await registered([
    scheduler.retentionPolicy,
    ...Object.values(scheduler.access?.roleAssignments ?? {}),
    ...Object.values(scheduler.taskHubs).flatMap((hub) => [
      hub.taskHub,
      ...Object.values(hub.access?.roleAssignments ?? {}),
    ]),
  ]);
  return scheduler;
}

describe("components during pulumi preview", () => {
  it("with a subscription id, role assignment scope, role definition id and name are known before deployment", async () => {
    await previewScheduler("known-weu", SUBSCRIPTION_ID);
    const schedulerScope = `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/rg-dts-prod/providers/Microsoft.DurableTask/schedulers/known-weu`;
    const hubScope = `${schedulerScope}/taskHubs/orders`;
    const reader = `/subscriptions/${SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/d6a5505f-6ebb-45a4-896e-ac8274cfc0ac`;
    const worker = `/subscriptions/${SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/80d0d6b0-f522-40a4-8886-a5a11720c375`;

    expect(one(ROLE_ASSIGNMENT, "known-weu-access-oncall-reader").inputs).toEqual({
      scope: schedulerScope,
      principalId: IDENTITIES["oncall"]?.principalId,
      principalType: "Group",
      roleDefinitionId: reader,
      roleAssignmentName: roleAssignmentName(
        schedulerScope,
        IDENTITIES["oncall"]?.principalId ?? "",
        reader,
      ),
      description: "Durable Task Data Reader for oncall (dtsx)",
    });
    expect(
      one(ROLE_ASSIGNMENT, "known-weu-taskhub-orders-access-orders-app-worker").inputs,
    ).toMatchObject({
      scope: hubScope,
      roleDefinitionId: worker,
      roleAssignmentName: roleAssignmentName(
        hubScope,
        IDENTITIES["orders-app"]?.principalId ?? "",
        worker,
      ),
    });
    // The scheduler name its children reference is the declared one, known too.
    expect(
      one("azure-native:durabletask:TaskHub", "known-weu-taskhub-orders-hub").inputs,
    ).toMatchObject({ schedulerName: "known-weu", taskHubName: "orders" });
    expect(
      one("azure-native:durabletask:RetentionPolicy", "known-weu-retention").inputs,
    ).toMatchObject({ schedulerName: "known-weu" });
  });

  it("names built from inputs still depend on the resource they name, so ordering is unchanged", () => {
    const schedulerUrn = one("azure-native:durabletask:Scheduler", "known-weu-scheduler").urn;
    const hubUrn = one("azure-native:durabletask:TaskHub", "known-weu-taskhub-orders-hub").urn;
    expect(
      one(ROLE_ASSIGNMENT, "known-weu-access-oncall-reader").propertyDependencies["scope"],
    ).toContain(schedulerUrn);
    expect(
      one(ROLE_ASSIGNMENT, "known-weu-taskhub-orders-access-orders-app-worker")
        .propertyDependencies["scope"],
    ).toContain(hubUrn);
    expect(
      one("azure-native:durabletask:TaskHub", "known-weu-taskhub-orders-hub").propertyDependencies[
        "schedulerName"
      ],
    ).toContain(schedulerUrn);
    expect(
      one("azure-native:durabletask:RetentionPolicy", "known-weu-retention").propertyDependencies[
        "schedulerName"
      ],
    ).toContain(schedulerUrn);
  });

  it("without a subscription id, scope and role definition id come from the new resources' ids: unknown in preview", async () => {
    await previewScheduler("unknown-weu");
    const schedulerUrn = one("azure-native:durabletask:Scheduler", "unknown-weu-scheduler").urn;
    const reader = one(ROLE_ASSIGNMENT, "unknown-weu-access-oncall-reader");
    for (const key of ["scope", "roleDefinitionId", "roleAssignmentName"]) {
      expect(typeof reader.inputs[key], key).not.toBe("string");
    }
    // Known regardless: who gets the role.
    expect(reader.inputs).toMatchObject({
      principalId: IDENTITIES["oncall"]?.principalId,
      principalType: "Group",
    });
    expect(reader.propertyDependencies["scope"]).toContain(schedulerUrn);
  });

  it("Access with a subscription id knows the role definition id even when its scope is an unknown id", async () => {
    const hub = new component.Scheduler("byid-weu", {
      resourceGroupName: "rg-dts-prod",
      location: "westeurope",
      sku: "Consumption",
      ipAllowlist: [],
      taskHubs: [{ name: "orders" }],
    }).taskHubs["orders"];
    if (!hub) throw new Error("no hub");
    const byId = new access.Access("byid-access", {
      scope: hub.taskHubId,
      rules: [{ identity: "orders-app", role: "contributor" }],
      identities: IDENTITIES,
      subscriptionId: SUBSCRIPTION_ID,
    });
    await registered(Object.values(byId.roleAssignments));
    const assignment = one(ROLE_ASSIGNMENT, "byid-access-orders-app-contributor");
    expect(assignment.inputs["roleDefinitionId"]).toBe(
      `/subscriptions/${SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/0ad04412-c4d5-4796-b79c-f76d14c8d402`,
    );
    expect(typeof assignment.inputs["scope"]).not.toBe("string");
  });
});
