// The HTTP port: one fastify instance; the control plane, identity, admin and dashboard owners
// each register their plugin here (one line each).
import Fastify, { type FastifyInstance } from "fastify";
import type { Engine } from "../core/engine";
import { dashboardOptions, dashboardPlugin, type DashboardAuth } from "../dashboard";

export interface HttpAppOptions {
  engine: Engine;
  /** `host:port` of the gRPC server; the dashboard's actions go through it. */
  grpcAddress: string;
  /** Entra mode for the dashboard; absent = auth none. */
  dashboardAuth?: DashboardAuth;
}

export function createHttpApp(options: HttpAppOptions): FastifyInstance {
  const app = Fastify({ logger: false });
  app.get("/health", () => ({ status: "ok" }));
  void app.register(dashboardPlugin, dashboardOptions(options));
  return app;
}
