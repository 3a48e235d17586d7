// The HTTP port: one fastify instance; the control plane, identity, admin and dashboard owners
// each register their plugin here (one line each).
import Fastify, { type FastifyInstance } from "fastify";
import type { Engine } from "../core/engine";
import { dashboardOptions, dashboardPlugin, type DashboardAuth } from "../dashboard";
import { registerHostCheck } from "./hostCheck";

export interface HttpAppOptions {
  engine: Engine;
  /** `host:port` of the gRPC server; the dashboard's actions go through it. */
  grpcAddress: string;
  /** Entra mode for the dashboard; absent = auth none. */
  dashboardAuth?: DashboardAuth;
  /** The schedulers' network rules for the dashboard's callers. */
  network?: (hub: string, clientAddress: string) => void | Promise<void>;
  /** Key for forwarding the browser's address on the dashboard's gRPC calls. */
  forwardingKey?: string;
  /** Host names served (hostCheck.ts `servedHostNames`); absent = any Host (unit tests of single plugins). */
  servedHosts?: ReadonlySet<string>;
}

export function createHttpApp(options: HttpAppOptions): FastifyInstance {
  const app = Fastify({ logger: false });
  if (options.servedHosts !== undefined) registerHostCheck(app, options.servedHosts);
  app.get("/health", () => ({ status: "ok" }));
  void app.register(dashboardPlugin, dashboardOptions(options));
  return app;
}
