// `--stack`: a fixture stack file read through the shared stack schema and provisioned through the
// control plane; the result read back over ARM on the real HTTP port; hubs served by the data plane; errors at start
// name the stack key; re-provisioning a data directory is idempotent and follows the file for access.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../../../emulator/server";
import { IDS, RESOURCE_GROUP, SUBSCRIPTION, startFixtureEmulator } from "./authFixture";

const V = "api-version=2026-02-01";
const RA = "api-version=2022-04-01";
const SCHEDULERS = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.DurableTask/schedulers`;

interface ArmList<T> {
  value: T[];
}
interface ArmResource {
  id: string;
  name: string;
  location?: string;
  tags?: Record<string, string>;
  properties: Record<string, unknown>;
}

async function arm<T>(
  handle: EmulatorHandle,
  path: string,
  init?: RequestInit,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${handle.httpEndpoint}${path}`, init);
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

describe("a fixture stack served by the emulator", () => {
  let handle: EmulatorHandle;
  beforeAll(async () => {
    handle = await startFixtureEmulator({ auth: "none" });
  });
  afterAll(async () => {
    await handle.close();
  });

  it("provisions schedulers with endpoint, SKU, allowlist and the environment tag", async () => {
    const { status, body } = await arm<ArmList<ArmResource>>(handle, `${SCHEDULERS}?${V}`);
    expect(status).toBe(200);
    expect(body.value.map((s) => s.name)).toEqual(["dts-auth", "dts-closed", "dts-private"]);
    expect(body.value[0]).toMatchObject({
      id: `${SCHEDULERS}/dts-auth`,
      location: "westeurope",
      tags: { environment: "dev" },
      properties: {
        endpoint: handle.grpcEndpoint,
        ipAllowlist: ["127.0.0.1/32", "::1/128"],
        sku: { name: "Dedicated", capacity: 1, redundancyState: "None" },
      },
    });
  });

  it("provisions hubs (and only them: no `default` hub) with their dashboard URL", async () => {
    const { body } = await arm<ArmList<ArmResource>>(
      handle,
      `${SCHEDULERS}/dts-auth/taskHubs?${V}`,
    );
    expect(body.value.map((h) => [h.name, h.properties.dashboardUrl]).sort()).toEqual([
      ["billing", `${handle.httpEndpoint}/taskhubs/billing`],
      ["orders", `${handle.httpEndpoint}/taskhubs/orders`],
    ]);
    expect(
      handle.engine
        .listHubs()
        .map((h) => h.name)
        .sort(),
    ).toEqual(["billing", "closed", "orders", "private"]);
  });

  it("provisions the retention policy and the role assignments with deterministic names", async () => {
    const retention = await arm<ArmResource>(
      handle,
      `${SCHEDULERS}/dts-auth/retentionPolicies/default?${V}`,
    );
    expect(retention.body.properties.retentionPolicies).toEqual([
      { retentionPeriodInDays: 7 },
      { retentionPeriodInDays: 1, orchestrationState: "Completed" },
      { retentionPeriodInDays: 30, orchestrationState: "Failed" },
    ]);
    const noRetention = await arm<unknown>(
      handle,
      `${SCHEDULERS}/dts-closed/retentionPolicies/default?${V}`,
    );
    expect(noRetention.status).toBe(404);
    const assignments = await arm<
      ArmList<{
        name: string;
        properties: { principalId: string; roleDefinitionId: string; scope: string };
      }>
    >(
      handle,
      `${SCHEDULERS}/dts-auth/taskHubs/orders/providers/Microsoft.Authorization/roleAssignments?${RA}`,
    );
    const summary = assignments.body.value.map((a) => [
      a.properties.principalId,
      a.properties.roleDefinitionId.split("/").pop(),
      a.properties.scope.split("/").slice(-2).join("/"),
    ]);
    expect(summary).toEqual(
      expect.arrayContaining([
        [IDS.auditor.principalId, "d6a5505f-6ebb-45a4-896e-ac8274cfc0ac", "schedulers/dts-auth"],
        [IDS.ordersApp.principalId, "0ad04412-c4d5-4796-b79c-f76d14c8d402", "taskHubs/orders"],
        [IDS.ordersWorker.principalId, "80d0d6b0-f522-40a4-8886-a5a11720c375", "taskHubs/orders"],
      ]),
    );
    for (const a of assignments.body.value)
      expect(a.name).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
  });

  it("describes each hub: endpoint, dashboard and a connection string per identity with a role", () => {
    const orders = handle.control
      .describeHubs(handle.grpcEndpoint)
      .find((h) => h.name === "orders");
    expect(orders?.connectionStrings).toEqual([
      {
        identity: "auditor",
        role: "reader",
        connectionString: `Endpoint=${handle.grpcEndpoint};Authentication=ManagedIdentity;ClientID=${IDS.auditor.clientId};TaskHub=orders`,
      },
      {
        identity: "orders-app",
        role: "contributor",
        connectionString: `Endpoint=${handle.grpcEndpoint};Authentication=ManagedIdentity;ClientID=${IDS.ordersApp.clientId};TaskHub=orders`,
      },
      {
        identity: "orders-worker",
        role: "worker",
        connectionString: `Endpoint=${handle.grpcEndpoint};Authentication=ManagedIdentity;ClientID=${IDS.ordersWorker.clientId};TaskHub=orders`,
      },
    ]);
  });

  it("is one source of truth: a hub PUT over ARM is served over gRPC; deleting the scheduler with hubs is refused", async () => {
    const put = await arm<ArmResource>(handle, `${SCHEDULERS}/dts-auth/taskHubs/payments?${V}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(put.status).toBe(201);
    expect(handle.engine.getHub("payments")).toMatchObject({
      name: "payments",
      scheduler: "dts-auth",
    });
    const refused = await arm<{ error: { code: string } }>(handle, `${SCHEDULERS}/dts-auth?${V}`, {
      method: "DELETE",
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("CannotDeleteResource");
    const deleted = await arm<undefined>(handle, `${SCHEDULERS}/dts-auth/taskHubs/payments?${V}`, {
      method: "DELETE",
    });
    expect(deleted.status).toBe(202);
    expect(handle.engine.getHub("payments")).toBeUndefined();
  });

  it("has no admin clock without --time-skipping", async () => {
    const response = await fetch(`${handle.httpEndpoint}/admin/clock/advance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ seconds: 1 }),
    });
    expect(response.status).toBe(404);
  });
});

describe("start-up errors name the stack key", () => {
  it("an invalid stack file", async () => {
    await expect(startFixtureEmulator({ stack: "broken" })).rejects.toThrow(
      'dtsx:schedulers[0].sku: expected "Consumption" | "Dedicated", got "Dedicated2"',
    );
  });
  it("a missing stack file", async () => {
    await expect(startFixtureEmulator({ stack: "nope" })).rejects.toThrow(
      /^--stack nope: stack file .*Pulumi\.nope\.yaml does not exist\.$/,
    );
  });
  it("a topology over quota", async () => {
    await expect(startFixtureEmulator({ maxSchedulersPerRegion: 1 })).rejects.toThrow(
      `stack 'authtest': dtsx:schedulers[1] (dts-closed): SchedulerQuotaExceeded: Scheduler quota exceeded: subscription '${SUBSCRIPTION}' already has 1 schedulers in region 'westeurope'`,
    );
  });
});

describe("re-provisioning a data directory", () => {
  const dir = mkdtempSync(join(tmpdir(), "dtsx-topology-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is idempotent, keeps the signing key, and removes role assignments the stack no longer declares", async () => {
    const first = await startFixtureEmulator({ dataDir: dir, inMemory: false, auth: "none" });
    const token = (await first.control.tokens.issue(IDS.ordersApp)).token;
    const extra = "0d9d5e0e-1111-4a4a-8b8b-444444444444";
    const created = await arm<unknown>(
      first,
      `${SCHEDULERS}/dts-auth/taskHubs/billing/providers/Microsoft.Authorization/roleAssignments/${extra}?${RA}`,
      {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          properties: {
            roleDefinitionId: "0ad04412-c4d5-4796-b79c-f76d14c8d402",
            principalId: IDS.stranger.principalId,
          },
        }),
      },
    );
    expect(created.status).toBe(201);
    await first.close();

    const second = await startFixtureEmulator({ dataDir: dir, inMemory: false, auth: "none" });
    try {
      await expect(second.control.tokens.verify(token)).resolves.toMatchObject({
        principalId: IDS.ordersApp.principalId,
      });
      const list = await arm<ArmList<{ name: string }>>(
        second,
        `${SCHEDULERS}/dts-auth/taskHubs/billing/providers/Microsoft.Authorization/roleAssignments?${RA}`,
      );
      expect(list.body.value.map((a) => a.name)).not.toContain(extra);
      const schedulers = await arm<ArmList<ArmResource>>(second, `${SCHEDULERS}?${V}`);
      expect(schedulers.body.value).toHaveLength(3);
    } finally {
      await second.close();
    }
  });
});
