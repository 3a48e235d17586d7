// Composition of the control plane, identity endpoint, data-plane auth and autopurge of a running emulator, in one
// place so `startEmulator` needs only three calls: `createControlRuntime` (after the engine exists: its CallGuard goes
// to the gRPC adapter), `registerHttp(app)` (ARM, identity endpoint, admin clock), and `start()` after listening
// (autopurge). The topology is provisioned inside `createControlRuntime`, before any client can connect.
import type Database from "better-sqlite3";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { StackConfig } from "../../topology/schema";
import type { Clock } from "../clock";
import { SkippableClock } from "../clock";
import { randomBytes } from "node:crypto";
import {
  createAuthorizer,
  createEntraGuard,
  createNetworkCheck,
  type AuthMode,
} from "./entraGuard";
import type { CallGuard } from "../grpc/callGuard";
import { IdentityDirectory } from "../identity/identities";
import { IDENTITY_ENDPOINT_PATH, identityPlugin } from "../identity/plugin";
import { loadSigningKey } from "../identity/signingKey";
import { TokenService } from "../identity/tokens";
import { adminPlugin } from "../admin/plugin";
import { Autopurge, type PurgeTarget } from "../retention/autopurge";
import {
  describeTopology,
  provisionTopology,
  type HubSummary,
  type ProvisionedTopology,
} from "./topology";
import { ControlPlane, DEFAULT_QUOTA, type EndpointUrls, type QuotaOptions } from "./controlPlane";
import type { HubDirectory } from "./hubDirectory";
import { OperationLog } from "./operations";
import { armPlugin } from "./plugin";
import { ControlRepository } from "./repository";

export interface ControlRuntimeOptions {
  engine: HubDirectory & PurgeTarget;
  database: Database.Database;
  clock: Clock;
  logger: Logger;
  /** Where the identity signing key lives; undefined (in-memory emulator) = a fresh key per run. */
  dataDir?: string;
  /** Default: `entra` with a topology, `none` without. */
  auth?: AuthMode;
  quota?: Partial<QuotaOptions>;
  /** The stack name and its validated configuration (`--stack`). */
  topology?: { stack: string; config: StackConfig };
  tenantId?: string;
  autopurgeIntervalMs?: number;
  /** `--time-skipping`: serve `/admin/clock/advance` (requires a SkippableClock). */
  timeSkipping?: boolean;
  urls: EndpointUrls;
}

export interface ControlRuntime {
  auth: AuthMode;
  controlPlane: ControlPlane;
  tokens: TokenService;
  identities: IdentityDirectory;
  /** The X-IDENTITY-HEADER secret (IDENTITY_HEADER). */
  identityHeader: string;
  callGuard: CallGuard;
  /** The guard's decision without a peer address (for the dashboard's reads). */
  authorize: ReturnType<typeof createAuthorizer>;
  /** The scheduler's network rules for a client address; throws PERMISSION_DENIED (the dashboard's gate). */
  checkNetwork: ReturnType<typeof createNetworkCheck>;
  /** Secret the dashboard's gRPC calls carry with the browser's address (auth/ipAllowlist.ts). */
  forwardingKey: string;
  autopurge: Autopurge;
  topology?: ProvisionedTopology;
  registerHttp(app: FastifyInstance): Promise<void>;
  start(): void;
  /** IDENTITY_ENDPOINT / IDENTITY_HEADER for apps (App Service managed identity protocol). */
  identityEnvironment(httpPort: number): { IDENTITY_ENDPOINT: string; IDENTITY_HEADER: string };
  /** Per-hub endpoint, dashboard URL and connection strings (empty without a topology). */
  describeHubs(grpcEndpoint: string): HubSummary[];
  close(): Promise<void>;
}

export function resolveAuthMode(auth: AuthMode | undefined, hasTopology: boolean): AuthMode {
  return auth ?? (hasTopology ? "entra" : "none");
}

export async function createControlRuntime(
  options: ControlRuntimeOptions,
): Promise<ControlRuntime> {
  const auth = resolveAuthMode(options.auth, options.topology !== undefined);
  if (options.timeSkipping === true && !(options.clock instanceof SkippableClock)) {
    throw new Error("timeSkipping: requires the emulator clock to be a SkippableClock.");
  }
  const controlPlane = new ControlPlane({
    repository: new ControlRepository(options.database),
    hubs: options.engine,
    clock: options.clock,
    quota: { ...DEFAULT_QUOTA, ...options.quota },
    urls: options.urls,
  });
  const key = await loadSigningKey(options.dataDir);
  const tokens = new TokenService({
    key,
    ...(options.tenantId === undefined ? {} : { tenantId: options.tenantId }),
  });
  const identities = new IdentityDirectory();
  const forwardingKey = randomBytes(32).toString("base64url");
  const guardOptions = { mode: auth, tokens, controlPlane, hubs: options.engine, forwardingKey };
  const autopurge = new Autopurge({
    engine: options.engine,
    controlPlane,
    clock: options.clock,
    logger: options.logger,
    ...(options.autopurgeIntervalMs === undefined
      ? {}
      : { intervalMs: options.autopurgeIntervalMs }),
  });

  const topology =
    options.topology === undefined
      ? undefined
      : await provisionTopology(options.topology.stack, options.topology.config, {
          controlPlane,
          identities,
        });

  options.logger.info(
    {
      auth,
      stack: topology?.stack,
      schedulers: topology?.schedulers.length ?? 0,
      hubs: topology?.hubs.length ?? 0,
      identities: identities.list().length,
      quota: controlPlane.quota,
    },
    "control plane ready",
  );

  return {
    auth,
    controlPlane,
    tokens,
    identities,
    identityHeader: key.identityHeader,
    callGuard: createEntraGuard(guardOptions),
    authorize: createAuthorizer(guardOptions),
    checkNetwork: createNetworkCheck(guardOptions),
    forwardingKey,
    autopurge,
    ...(topology === undefined ? {} : { topology }),
    async registerHttp(app) {
      await app.register(armPlugin, { controlPlane, operations: new OperationLog(options.clock) });
      await app.register(identityPlugin, {
        tokens,
        identities,
        identityHeader: key.identityHeader,
      });
      if (options.timeSkipping === true && options.clock instanceof SkippableClock) {
        await app.register(adminPlugin, {
          clock: options.clock,
          afterAdvance: () => autopurge.sweep(),
        });
      }
    },
    start() {
      autopurge.start();
    },
    identityEnvironment(httpPort) {
      return {
        IDENTITY_ENDPOINT: `http://127.0.0.1:${httpPort}${IDENTITY_ENDPOINT_PATH}`,
        IDENTITY_HEADER: key.identityHeader,
      };
    },
    describeHubs(grpcEndpoint) {
      return topology === undefined
        ? []
        : describeTopology(topology, { controlPlane, identities, grpcEndpoint });
    },
    close: () => autopurge.close(),
  };
}
