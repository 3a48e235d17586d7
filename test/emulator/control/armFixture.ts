// A control plane on a real SQLite database (`:memory:`) behind a real fastify app, for handler tests that do not
// need the data plane. Hubs go to a small in-memory directory that honours the HubDirectory contract.
import Database from "better-sqlite3";
import Fastify, { type FastifyInstance } from "fastify";
import { SkippableClock } from "../../../emulator/clock";
import { ControlPlane, type QuotaOptions } from "../../../emulator/control/controlPlane";
import type { HubDirectory, HubInfo } from "../../../emulator/control/hubDirectory";
import { OperationLog } from "../../../emulator/control/operations";
import { armPlugin } from "../../../emulator/control/plugin";
import { ControlRepository } from "../../../emulator/control/repository";

export class MemoryHubDirectory implements HubDirectory {
  readonly hubs = new Map<string, HubInfo>();
  readonly deleted: string[] = [];
  constructor(private readonly clock: { now(): number }) {}
  createHub(name: string, options: { scheduler: string }): void {
    if (this.hubs.has(name)) throw new Error(`hub ${name} exists`);
    this.hubs.set(name, { name, scheduler: options.scheduler, createdAt: this.clock.now() });
  }
  deleteHub(name: string): void {
    this.hubs.delete(name);
    this.deleted.push(name);
  }
  getHub(name: string): HubInfo | undefined {
    return this.hubs.get(name);
  }
  listHubs(scheduler?: string): HubInfo[] {
    return [...this.hubs.values()].filter(
      (h) => scheduler === undefined || h.scheduler === scheduler,
    );
  }
}

export interface ArmFixture {
  app: FastifyInstance;
  db: Database.Database;
  hubs: MemoryHubDirectory;
  controlPlane: ControlPlane;
  clock: SkippableClock;
  close(): Promise<void>;
}

export async function startArmFixture(quota: Partial<QuotaOptions> = {}): Promise<ArmFixture> {
  const db = new Database(":memory:");
  const clock = new SkippableClock();
  const hubs = new MemoryHubDirectory(clock);
  const controlPlane = new ControlPlane({
    repository: new ControlRepository(db),
    hubs,
    clock,
    quota,
    urls: {
      grpcEndpoint: () => "http://localhost:8080",
      httpBaseUrl: () => "http://localhost:8082",
    },
  });
  const app = Fastify();
  await app.register(armPlugin, { controlPlane, operations: new OperationLog(clock) });
  await app.ready();
  return {
    app,
    db,
    hubs,
    controlPlane,
    clock,
    close: async () => {
      await app.close();
      db.close();
    },
  };
}

export const SUB = "11111111-1111-1111-1111-111111111111";
export const RG = "rg-test";
export const V = "api-version=2026-02-01";

export function schedulerPath(name: string, sub = SUB, rg = RG): string {
  return `/subscriptions/${sub}/resourceGroups/${rg}/providers/Microsoft.DurableTask/schedulers/${name}`;
}

export function schedulerBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    location: "westeurope",
    properties: { ipAllowlist: ["0.0.0.0/0"], sku: { name: "Dedicated", capacity: 1 } },
    ...overrides,
  };
}
