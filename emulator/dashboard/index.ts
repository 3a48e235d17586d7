// The dashboard's one entry point for the HTTP app: composes the engine reads, the gRPC actions
// and the auth mode into the fastify plugin's options.
import type { Engine } from "../core/engine";
import { createGrpcActions } from "./actions";
import type { DashboardAuth } from "./backend";
import { createEngineReads } from "./engine-backend";
import type { DashboardPluginOptions } from "./plugin";

export { dashboardPlugin } from "./plugin";
export { createEntraDashboardAuth } from "./entra-auth";
export type { DashboardAuth } from "./backend";

export interface DashboardWiring {
  engine: Engine;
  /** `host:port` of the emulator's own gRPC endpoint; the dashboard's actions are calls to it. */
  grpcAddress: string;
  /** Entra mode; absent = auth none. */
  dashboardAuth?: DashboardAuth;
  /** The schedulers' network rules for the browser's address (control runtime `checkNetwork`). */
  network?: (hub: string, clientAddress: string) => void | Promise<void>;
  /** The key with which actions forward the browser's address to the gRPC guard. */
  forwardingKey?: string;
}

export function dashboardOptions(wiring: DashboardWiring): DashboardPluginOptions {
  return {
    reads: createEngineReads(wiring.engine),
    actions: createGrpcActions(() => wiring.grpcAddress, wiring.forwardingKey),
    ...(wiring.dashboardAuth ? { auth: wiring.dashboardAuth } : {}),
    ...(wiring.network ? { network: wiring.network } : {}),
  };
}
