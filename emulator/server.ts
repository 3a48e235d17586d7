// startEmulator: composes store → engine → gRPC server + HTTP app. Everything is validated up front;
// port 0 means "free port"; close() stops accepting work, ends worker streams (their in-flight items simply stay
// queued in the store) and closes the database.
import { Server, ServerCredentials, type ServerWritableStream } from "@grpc/grpc-js";
import type { Database } from "better-sqlite3";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { SkippableClock, SystemClock, type Clock } from "./clock";
import { createControlRuntime, type ControlRuntime } from "./control/runtime";
import { createEntraDashboardAuth } from "./dashboard";
import { loadTopology } from "./control/topology";
import { Engine } from "./core/engine";
import type { pb } from "./core/proto";
import { allowAll } from "./grpc/callGuard";
import { createSidecarService, sidecarServiceDefinition } from "./grpc/service";
import { createHttpApp } from "./http/app";
import { servedHostNames } from "./http/hostCheck";
import { isLoopbackAddress } from "../dts";
import { createLogger } from "./logging";
import {
  DEFAULT_SCHEDULER_NAME,
  hubNamesFromEnvironment,
  resolveEmulatorOptions,
  type EmulatorOptions,
  type EmulatorOptionsInput,
} from "./options";
import { openSqliteStore } from "./store/sqliteStore";

/** Receive limit ≥ 16 MiB; the JS client sends without a limit. */
export const MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

export interface EmulatorHandle {
  grpcPort: number;
  httpPort: number;
  /** "http://localhost:<port>" — what SDKs put in `Endpoint=`. */
  grpcEndpoint: string;
  httpEndpoint: string;
  engine: Engine;
  clock: Clock;
  /** The SQLite connection (other owners' tables use the `control_` prefix). */
  database: Database;
  http: FastifyInstance;
  logger: Logger;
  options: EmulatorOptions;
  /** `Endpoint=http://localhost:<port>;Authentication=None;TaskHub=<hub>` */
  connectionString(hub: string): string;
  /** Control plane, identity endpoint, auth, autopurge. */
  control: ControlRuntime;
  close(): Promise<void>;
}

export interface StartEmulatorExtras {
  /** Use this logger instead of creating one from `logLevel`. */
  logger?: Logger;
  /** Registers plugins (control plane, dashboard, …) on the HTTP app before it listens. */
  configureHttp?: (app: FastifyInstance, engine: Engine) => void | Promise<void>;
}

function bindGrpc(server: Server, address: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    );
  });
}

/** Loopback interfaces only: `localhost`, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  return host.toLowerCase() === "localhost" || isLoopbackAddress(host.replace(/^\[|\]$/g, ""));
}

/** Keepalive ping interval and ack timeout: a quarter of the lock each, between 1 s and 30 s / 20 s. */
export function serverKeepalive(workItemLockMs: number): {
  "grpc.keepalive_time_ms": number;
  "grpc.keepalive_timeout_ms": number;
} {
  const quarter = Math.floor(workItemLockMs / 4);
  return {
    "grpc.keepalive_time_ms": Math.min(30_000, Math.max(1_000, quarter)),
    "grpc.keepalive_timeout_ms": Math.min(20_000, Math.max(1_000, quarter)),
  };
}

function displayHost(host: string): string {
  return host === "127.0.0.1" || host === "0.0.0.0" || host === "::" || host === "::1"
    ? "localhost"
    : host;
}

export async function startEmulator(
  input: EmulatorOptionsInput = {},
  extras: StartEmulatorExtras = {},
): Promise<EmulatorHandle> {
  const options = resolveEmulatorOptions(input);
  const logger = extras.logger ?? createLogger(options.logLevel);
  const clock = options.clock ?? (options.timeSkipping ? new SkippableClock() : new SystemClock());
  // Read the stack file before opening anything: a bad topology fails fast, naming the key.
  const topology =
    options.stack === undefined
      ? undefined
      : { stack: options.stack, config: loadTopology(options.stack, options.stackDir) };
  const store = openSqliteStore({
    location: options.inMemory ? { inMemory: true } : { dataDir: options.dataDir },
  });
  let engine: Engine | undefined;
  let grpcServer: Server | undefined;
  let http: FastifyInstance | undefined;
  let control: ControlRuntime | undefined;
  // Known once bound/listening; the control plane reads them lazily for `endpoint` and `dashboardUrl`.
  let grpcEndpointUrl = "";
  let httpEndpointUrl = "";
  const openStreams = new Set<ServerWritableStream<pb.GetWorkItemsRequest, pb.WorkItem | Buffer>>();
  try {
    const workItemLockMs = options.workItemLockSeconds * 1000;
    engine = new Engine({ store, clock, logger, workItemLockMs });
    // With a stack, the topology declares every hub; without one, the official emulator's defaults apply.
    for (const name of options.taskHubNames ?? (topology ? [] : hubNamesFromEnvironment())) {
      if (!engine.getHub(name)) engine.createHub(name, { scheduler: DEFAULT_SCHEDULER_NAME });
    }
    control = await createControlRuntime({
      engine,
      database: store.database,
      clock,
      logger,
      ...(options.inMemory ? {} : { dataDir: options.dataDir }),
      ...(options.auth === undefined ? {} : { auth: options.auth }),
      quota: {
        maxSchedulersPerRegion: options.maxSchedulersPerRegion,
        maxTaskHubsPerScheduler: options.maxTaskHubsPerScheduler,
      },
      ...(topology === undefined ? {} : { topology }),
      ...(options.tenantId === undefined ? {} : { tenantId: options.tenantId }),
      autopurgeIntervalMs: options.autopurgeIntervalMs,
      timeSkipping: options.timeSkipping,
      urls: { grpcEndpoint: () => grpcEndpointUrl, httpBaseUrl: () => httpEndpointUrl },
    });
    const runningControl = control;
    if (!isLoopbackHost(options.host)) {
      if (control.auth === "none" && !options.allowUnauthenticatedRemote) {
        throw new Error(
          `host: '${options.host}' is not a loopback interface and auth is none: anyone who can reach it could start, terminate and purge orchestrations on every hub. Bind 127.0.0.1, use --auth entra with a stack, or pass --allow-unauthenticated-remote to accept that.`,
        );
      }
      logger.warn(
        { host: options.host, auth: control.auth },
        `binding '${options.host}', which is not a loopback interface: the gRPC data plane, the dashboard and the control plane are reachable from the network${control.auth === "none" ? " without any authentication" : ""}.`,
      );
    }
    grpcServer = new Server({
      "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
      "grpc.max_send_message_length": -1,
      "grpc.keepalive_permit_without_calls": 1,
      // The server pings every connection and closes one whose peer does not answer: a frozen worker (SIGSTOP, a
      // paused VM) keeps its TCP connection open but stops acking HTTP/2 PINGs, so its streams end and its work
      // items are redelivered well inside one lock period (gRPC keepalive guide, grpc.io/docs/guides/keepalive).
      ...serverKeepalive(workItemLockMs),
    });
    grpcServer.addService(
      sidecarServiceDefinition,
      createSidecarService(
        {
          engine,
          callGuard: options.callGuard ?? control.callGuard ?? allowAll,
          logger,
          healthPingIntervalMs: options.healthPingIntervalMs,
          streamAuthRecheckMs: options.streamAuthRecheckMs,
          defaultMaxConcurrent: {
            orchestration: options.defaultMaxConcurrentWorkItems,
            activity: options.defaultMaxConcurrentWorkItems,
            entity: options.defaultMaxConcurrentWorkItems,
          },
        },
        openStreams,
      ),
    );
    const hostForBind = options.host.includes(":") ? `[${options.host}]` : options.host;
    const grpcPort = await bindGrpc(grpcServer, `${hostForBind}:${options.grpcPort}`);
    http = createHttpApp({
      engine,
      // The dashboard acts through the data plane like any client: connect to this very server.
      grpcAddress: `${options.host === "0.0.0.0" ? "127.0.0.1" : options.host === "::" ? "[::1]" : hostForBind}:${grpcPort}`,
      ...(options.dashboardAuth
        ? { dashboardAuth: options.dashboardAuth }
        : control.auth === "entra"
          ? { dashboardAuth: createEntraDashboardAuth(control) }
          : {}),
      network: control.checkNetwork,
      forwardingKey: control.forwardingKey,
      servedHosts: servedHostNames(options.host, options.allowedHosts),
    });
    grpcEndpointUrl = `http://${displayHost(options.host)}:${grpcPort}`;
    await control.registerHttp(http);
    await extras.configureHttp?.(http, engine);
    await http.listen({ port: options.httpPort, host: options.host });
    const address = http.server.address();
    const httpPort = typeof address === "object" && address ? address.port : options.httpPort;
    httpEndpointUrl = `http://${displayHost(options.host)}:${httpPort}`;
    control.start();
    const grpcEndpoint = `http://${displayHost(options.host)}:${grpcPort}`;
    const runningEngine = engine;
    const runningServer = grpcServer;
    const runningHttp = http;
    let closing: Promise<void> | undefined;
    const handle: EmulatorHandle = {
      grpcPort,
      httpPort,
      grpcEndpoint,
      httpEndpoint: `http://${displayHost(options.host)}:${httpPort}`,
      engine: runningEngine,
      clock,
      database: store.database,
      http: runningHttp,
      logger,
      options,
      connectionString: (hub) => `Endpoint=${grpcEndpoint};Authentication=None;TaskHub=${hub}`,
      control: runningControl,
      close: () =>
        (closing ??= (async () => {
          runningEngine.stop();
          for (const call of openStreams) call.end();
          await new Promise<void>((resolve) => {
            const force = setTimeout(() => {
              runningServer.forceShutdown();
              resolve();
            }, 2000);
            runningServer.tryShutdown(() => {
              clearTimeout(force);
              resolve();
            });
          });
          await runningHttp.close();
          await runningControl.close();
          store.close();
          logger.info("emulator stopped");
        })()),
    };
    logger.info(
      { grpcEndpoint, httpPort, dataDir: options.inMemory ? ":memory:" : options.dataDir },
      "emulator started",
    );
    return handle;
  } catch (error) {
    engine?.stop();
    grpcServer?.forceShutdown();
    await http?.close();
    await control?.close();
    store.close();
    throw error;
  }
}
