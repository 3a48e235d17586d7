// The local azure-native bridge against the real ARM control plane (emulator/control) over real HTTP: outputs
// shaped like azure-native's, updates, reads, deletes, and ARM errors surfacing as clear Pulumi errors.
import Database from "better-sqlite3";
import Fastify, { type FastifyInstance } from "fastify";
import type * as pulumiProvider from "@pulumi/pulumi/provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SkippableClock } from "../../../emulator/clock";
import { ControlPlane } from "../../../emulator/control/controlPlane";
import type { HubDirectory, HubInfo } from "../../../emulator/control/hubDirectory";
import { OperationLog } from "../../../emulator/control/operations";
import { armPlugin } from "../../../emulator/control/plugin";
import { ControlRepository } from "../../../emulator/control/repository";
import { createBridgeProvider, INPUTS_KEY } from "../../../providers/azure-native-local/provider";

const SUB = "22222222-2222-2222-2222-222222222222";
const RG = "rg-bridge";
const CONTRIBUTOR = "0ad04412-c4d5-4796-b79c-f76d14c8d402";

const urn = (type: string, name: string) => `urn:pulumi:local::dtsx::${type}::${name}`;
const SCHEDULER = "azure-native:durabletask:Scheduler";
const TASK_HUB = "azure-native:durabletask:TaskHub";
const RETENTION = "azure-native:durabletask:RetentionPolicy";
const ROLE_ASSIGNMENT = "azure-native:authorization:RoleAssignment";

class MemoryHubs implements HubDirectory {
  private readonly hubs = new Map<string, HubInfo>();
  createHub(name: string, options: { scheduler: string }): void {
    this.hubs.set(name, { name, scheduler: options.scheduler, createdAt: Date.now() });
  }
  deleteHub(name: string): void {
    this.hubs.delete(name);
  }
  getHub(name: string): HubInfo | undefined {
    return this.hubs.get(name);
  }
  listHubs(scheduler?: string): HubInfo[] {
    return [...this.hubs.values()].filter(
      (hub) => scheduler === undefined || hub.scheduler === scheduler,
    );
  }
}

let app: FastifyInstance;
let database: Database.Database;
let provider: pulumiProvider.Provider;
let endpoint: string;

beforeAll(async () => {
  database = new Database(":memory:");
  const clock = new SkippableClock();
  const controlPlane = new ControlPlane({
    repository: new ControlRepository(database),
    hubs: new MemoryHubs(),
    clock,
    quota: { maxSchedulersPerRegion: 2 },
    urls: { grpcEndpoint: () => "http://localhost:18080", httpBaseUrl: () => endpoint },
  });
  app = Fastify();
  await app.register(armPlugin, { controlPlane, operations: new OperationLog(clock) });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  endpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  provider = createBridgeProvider({ armEndpoint: () => endpoint, subscriptionId: SUB }, "3.28.0");
});

afterAll(async () => {
  await app?.close();
  database?.close();
});

const schedulerInputs = (name: string, extra: Record<string, unknown> = {}) => ({
  resourceGroupName: RG,
  schedulerName: name,
  location: "westeurope",
  properties: { ipAllowlist: ["127.0.0.1/32"], sku: { name: "Consumption" } },
  tags: { owner: "platform" },
  ...extra,
});
const schedulerId = (name: string) =>
  `/subscriptions/${SUB}/resourceGroups/${RG}/providers/Microsoft.DurableTask/schedulers/${name}`;

describe("local azure-native bridge over the real control plane", () => {
  it("creates a scheduler with azure-native's output shape and the ARM id", async () => {
    const inputs = schedulerInputs("dts-bridge-a");
    const result = await provider.create!(urn(SCHEDULER, "a-scheduler"), inputs);
    expect(result.id).toBe(schedulerId("dts-bridge-a"));
    expect(result.outs).toMatchObject({
      azureApiVersion: "2026-02-01",
      name: "dts-bridge-a",
      type: "Microsoft.DurableTask/schedulers",
      location: "westeurope",
      tags: { owner: "platform" },
      properties: { endpoint: "http://localhost:18080", provisioningState: "Succeeded" },
      [INPUTS_KEY]: inputs,
    });
  });

  it("creates a task hub, retention policy and role assignment under it", async () => {
    const hub = await provider.create!(urn(TASK_HUB, "a-hub"), {
      resourceGroupName: RG,
      schedulerName: "dts-bridge-a",
      taskHubName: "orders",
    });
    expect(hub.id).toBe(`${schedulerId("dts-bridge-a")}/taskHubs/orders`);
    expect(hub.outs).toMatchObject({
      name: "orders",
      properties: { provisioningState: "Succeeded" },
    });
    expect(
      (hub.outs as { properties: { dashboardUrl: string } }).properties.dashboardUrl,
    ).toContain("orders");

    const retention = await provider.create!(urn(RETENTION, "a-retention"), {
      resourceGroupName: RG,
      schedulerName: "dts-bridge-a",
      properties: { retentionPolicies: [{ retentionPeriodInDays: 7 }] },
    });
    expect(retention.id).toBe(`${schedulerId("dts-bridge-a")}/retentionPolicies/default`);
    expect(retention.outs).toMatchObject({
      name: "default",
      properties: { retentionPolicies: [{ retentionPeriodInDays: 7 }] },
    });

    const roleDefinitionId = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/${CONTRIBUTOR}`;
    const assignment = await provider.create!(urn(ROLE_ASSIGNMENT, "a-access"), {
      scope: hub.id,
      roleAssignmentName: "3f0c2b1a-0d4e-4c5b-9a8f-7e6d5c4b3a21",
      principalId: "7c3e5a1f-9d2b-4f6e-8a4c-1b3d5f7a9e02",
      principalType: "ServicePrincipal",
      roleDefinitionId,
      description: "bridge test",
    });
    expect(assignment.id).toBe(
      `${hub.id}/providers/Microsoft.Authorization/roleAssignments/3f0c2b1a-0d4e-4c5b-9a8f-7e6d5c4b3a21`,
    );
    expect(assignment.outs).toMatchObject({
      azureApiVersion: "2022-04-01",
      name: "3f0c2b1a-0d4e-4c5b-9a8f-7e6d5c4b3a21",
      principalId: "7c3e5a1f-9d2b-4f6e-8a4c-1b3d5f7a9e02",
      principalType: "ServicePrincipal",
      scope: hub.id,
      description: "bridge test",
    });
  });

  it("updates in place with a PUT and reads back what ARM holds", async () => {
    const id = schedulerId("dts-bridge-a");
    const news = schedulerInputs("dts-bridge-a", { tags: { owner: "apps" } });
    const updated = await provider.update!(id, urn(SCHEDULER, "a-scheduler"), {}, news);
    expect(updated.outs).toMatchObject({ tags: { owner: "apps" } });
    const read = await provider.read!(id, urn(SCHEDULER, "a-scheduler"), updated.outs);
    expect(read.id).toBe(id);
    expect(read.props).toMatchObject({ tags: { owner: "apps" }, [INPUTS_KEY]: news });
  });

  it("surfaces ARM's refusal to delete a scheduler that still has hubs, naming resource, request and code", async () => {
    await expect(
      provider.delete!(schedulerId("dts-bridge-a"), urn(SCHEDULER, "a-scheduler"), {}),
    ).rejects.toThrow(
      /^azure-native:durabletask:Scheduler 'a-scheduler': ARM DELETE \/subscriptions\/.*\/schedulers\/dts-bridge-a failed with 409 CannotDeleteResource: Cannot delete resource while nested resources exist/,
    );
  });

  it("surfaces ARM validation and quota errors on create, creating nothing", async () => {
    await expect(
      provider.create!(
        urn(SCHEDULER, "b-scheduler"),
        schedulerInputs("dts-bridge-b", {
          properties: { ipAllowlist: ["127.0.0.1/32"], sku: { name: "Consumption", capacity: 2 } },
        }),
      ),
    ).rejects.toThrow(/'b-scheduler': ARM PUT .* failed with 400 \w+: .*capacity/i);

    await provider.create!(urn(SCHEDULER, "c-scheduler"), schedulerInputs("dts-bridge-c"));
    await expect(
      provider.create!(urn(SCHEDULER, "d-scheduler"), schedulerInputs("dts-bridge-d")),
    ).rejects.toThrow(/failed with 409 SchedulerQuotaExceeded: .*westeurope/);
    const gone = await provider.read!(
      schedulerId("dts-bridge-d"),
      urn(SCHEDULER, "d-scheduler"),
      {},
    );
    expect(gone.id).toBe("");
  });

  it("deletes children before the scheduler, then reads the scheduler as gone", async () => {
    const hubId = `${schedulerId("dts-bridge-a")}/taskHubs/orders`;
    await provider.delete!(
      `${hubId}/providers/Microsoft.Authorization/roleAssignments/3f0c2b1a-0d4e-4c5b-9a8f-7e6d5c4b3a21`,
      urn(ROLE_ASSIGNMENT, "a-access"),
      {},
    );
    await provider.delete!(
      `${schedulerId("dts-bridge-a")}/retentionPolicies/default`,
      urn(RETENTION, "a-retention"),
      {},
    );
    await provider.delete!(hubId, urn(TASK_HUB, "a-hub"), {});
    await provider.delete!(schedulerId("dts-bridge-a"), urn(SCHEDULER, "a-scheduler"), {});
    const read = await provider.read!(
      schedulerId("dts-bridge-a"),
      urn(SCHEDULER, "a-scheduler"),
      {},
    );
    expect(read.id).toBe("");
    // Deleting what is already gone succeeds, as azure-native treats a 404 on delete.
    await expect(provider.delete!(hubId, urn(TASK_HUB, "a-hub"), {})).resolves.toBeUndefined();
  });

  it("names the endpoint and the fix when the emulator is not reachable", async () => {
    const offline = createBridgeProvider(
      { armEndpoint: () => "http://127.0.0.1:9", subscriptionId: SUB },
      "3.28.0",
    );
    await expect(
      offline.create!(urn(SCHEDULER, "x"), schedulerInputs("dts-offline")),
    ).rejects.toThrow(
      /cannot reach the local ARM API at http:\/\/127\.0\.0\.1:9 \(DTSX_ARM_ENDPOINT\).*Is the emulator running \(npm start\)\?/,
    );
  });
});
