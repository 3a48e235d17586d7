// `dtsx emulator [--grpc-port 8080] [--http-port 8082] [--host 127.0.0.1] [--data-dir DIR | --in-memory]
// [--log-level info]`: runs the local reference scheduler until SIGINT/SIGTERM. Prints ONE line on
// stdout containing `ready`, the gRPC endpoint and a connection string per hub; logs (pino JSON) go to stderr.
// Exit codes: 0 after a clean shutdown, 2 for invalid flags, 1 if the server cannot start (e.g. port in use).
import { Command } from "commander";
import {
  LOG_LEVELS,
  MAX_WORK_ITEM_LOCK_SECONDS,
  MIN_WORK_ITEM_LOCK_SECONDS,
  type EmulatorOptionsInput,
} from "../../emulator/options";
import { isLoopbackHost, startEmulator, type EmulatorHandle } from "../../emulator/server";
import { isTopologyError } from "../../emulator/control/topology";
import { controlPlaneLines } from "./emulatorControlPlane";

export const EXIT_INVALID = 2;
export const EXIT_START_FAILED = 1;

export interface EmulatorFlags {
  grpcPort?: string;
  httpPort?: string;
  workItemLockSeconds?: string;
  host?: string;
  dataDir?: string;
  inMemory?: boolean;
  logLevel?: string;
  allowedHost?: string[];
  allowUnauthenticatedRemote?: boolean;
  // control plane, identity and auth
  stack?: string;
  stackDir?: string;
  auth?: string;
  maxSchedulersPerRegion?: string;
  maxTaskHubsPerScheduler?: string;
  timeSkipping?: boolean;
  tenantId?: string;
}

function parsePositiveFlag(flag: string, value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new FlagError(`${flag}: expected a positive integer, got "${value}"`);
  }
  return n;
}

export class FlagError extends Error {}

export function parsePortFlag(flag: string, value: string): number {
  const port = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new FlagError(`${flag}: expected an integer 0–65535, got "${value}"`);
  }
  return port;
}

/** Flags → EmulatorOptionsInput; every problem names the flag, its value and the rule. */
export function emulatorOptionsFromFlags(flags: EmulatorFlags): EmulatorOptionsInput {
  if (flags.dataDir !== undefined && flags.inMemory) {
    throw new FlagError(
      "--data-dir and --in-memory are mutually exclusive: choose a database file or none",
    );
  }
  if (flags.logLevel !== undefined && !(LOG_LEVELS as readonly string[]).includes(flags.logLevel)) {
    throw new FlagError(
      `--log-level: expected one of ${LOG_LEVELS.join(", ")}, got "${flags.logLevel}"`,
    );
  }
  if (flags.host !== undefined && flags.host.trim() === "")
    throw new FlagError('--host: expected a host name or IP address, got ""');
  for (const name of flags.allowedHost ?? []) {
    if (name.trim() === "" || /[\s/]/.test(name.trim()))
      throw new FlagError(`--allowed-host: expected a host name, got "${name}"`);
  }
  if (flags.dataDir !== undefined && flags.dataDir.trim() === "")
    throw new FlagError('--data-dir: expected a directory, got ""');
  return {
    ...(flags.grpcPort !== undefined && { grpcPort: parsePortFlag("--grpc-port", flags.grpcPort) }),
    ...(flags.httpPort !== undefined && { httpPort: parsePortFlag("--http-port", flags.httpPort) }),
    ...(flags.host !== undefined && { host: flags.host }),
    ...(flags.dataDir !== undefined && { dataDir: flags.dataDir }),
    ...(flags.inMemory && { inMemory: true }),
    ...(flags.logLevel !== undefined && {
      logLevel: flags.logLevel as (typeof LOG_LEVELS)[number],
    }),
    ...(flags.allowedHost !== undefined && { allowedHosts: flags.allowedHost }),
    ...(flags.allowUnauthenticatedRemote && { allowUnauthenticatedRemote: true }),
    ...controlPlaneOptionsFromFlags(flags),
  };
}

/** `--work-item-lock-seconds`: whole seconds within the option's bounds, refused naming the flag. */
function parseLockSecondsFlag(value: string): number {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (
    !Number.isSafeInteger(n) ||
    n < MIN_WORK_ITEM_LOCK_SECONDS ||
    n > MAX_WORK_ITEM_LOCK_SECONDS
  ) {
    throw new FlagError(
      `--work-item-lock-seconds: expected a whole number of seconds from ${MIN_WORK_ITEM_LOCK_SECONDS} to ${MAX_WORK_ITEM_LOCK_SECONDS}, got "${value}"`,
    );
  }
  return n;
}

/** The issue-5 flags (control plane, identity, auth, time skipping) → options. */
export function controlPlaneOptionsFromFlags(flags: EmulatorFlags): EmulatorOptionsInput {
  if (flags.auth !== undefined && flags.auth !== "none" && flags.auth !== "entra") {
    throw new FlagError(`--auth: expected "none" or "entra", got "${flags.auth}"`);
  }
  if (flags.stack !== undefined && flags.stack.trim() === "")
    throw new FlagError('--stack: expected a stack name (stacks/Pulumi.<name>.yaml), got ""');
  return {
    ...(flags.stack !== undefined && { stack: flags.stack }),
    ...(flags.stackDir !== undefined && { stackDir: flags.stackDir }),
    ...(flags.auth !== undefined && { auth: flags.auth }),
    ...(flags.maxSchedulersPerRegion !== undefined && {
      maxSchedulersPerRegion: parsePositiveFlag(
        "--max-schedulers-per-region",
        flags.maxSchedulersPerRegion,
      ),
    }),
    ...(flags.maxTaskHubsPerScheduler !== undefined && {
      maxTaskHubsPerScheduler: parsePositiveFlag(
        "--max-task-hubs-per-scheduler",
        flags.maxTaskHubsPerScheduler,
      ),
    }),
    ...(flags.workItemLockSeconds !== undefined && {
      workItemLockSeconds: parseLockSecondsFlag(flags.workItemLockSeconds),
    }),
    ...(flags.timeSkipping && { timeSkipping: true }),
    ...(flags.tenantId !== undefined && { tenantId: flags.tenantId }),
  };
}

/**
 * The single `ready` line: endpoint, HTTP endpoint and one connection string per hub. With entra auth an
 * `Authentication=None` string would be refused, so the line names the hubs and the per-identity
 * `ManagedIdentity` connection strings follow on their own lines (emulatorControlPlane.ts).
 */
export function readyLine(handle: EmulatorHandle): string {
  const hubNames = handle.engine.listHubs().map((hub) => hub.name);
  const hubs =
    handle.control.auth === "entra"
      ? [`auth entra: task hubs ${hubNames.join(", ")} (connection strings per identity below)`]
      : hubNames.map((hub) => handle.connectionString(hub));
  return `dtsx emulator ready: grpc ${handle.grpcEndpoint} http ${handle.httpEndpoint} store ${
    handle.options.inMemory ? ":memory:" : handle.options.dataDir
  } | ${hubs.join(" | ")}\n`;
}

export function emulatorCommand(): Command {
  return new Command("emulator")
    .description(
      "Run the local Durable Task Scheduler emulator (gRPC data plane + HTTP) on a persistent store",
    )
    .option("--grpc-port <port>", "gRPC port, 0 = free port (default 8080)")
    .option(
      "--http-port <port>",
      "HTTP port (health, dashboard, control plane), 0 = free port (default 8082)",
    )
    .option("--host <host>", "interface to bind (default 127.0.0.1)")
    .option(
      "--allowed-host <name>",
      "another name the HTTP port answers to (Host header), repeatable; others get 421",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option(
      "--allow-unauthenticated-remote",
      "allow a non-loopback --host with auth none (anyone who reaches the ports can use every hub)",
    )
    .option("--data-dir <dir>", "directory of the SQLite database dtsx.db (default .dtsx)")
    .option("--in-memory", "keep everything in memory; lost on exit")
    .option("--log-level <level>", `log level: ${LOG_LEVELS.join(", ")} (default info)`)
    .option(
      "--stack <name>",
      "serve the topology of stacks/Pulumi.<name>.yaml (schedulers, hubs, retention, roles, identities)",
    )
    .option("--stack-dir <dir>", "directory holding Pulumi.<name>.yaml (default ./stacks)")
    .option(
      "--auth <mode>",
      "data-plane auth: none | entra (default: entra with --stack, else none)",
    )
    .option(
      "--max-schedulers-per-region <n>",
      "scheduler quota per subscription and region (default 5)",
    )
    .option("--max-task-hubs-per-scheduler <n>", "task hub quota per scheduler (default 25)")
    .option(
      "--work-item-lock-seconds <n>",
      "how long a work item stays locked to a worker that stopped answering, 1–86400 (default 120)",
    )
    .option("--time-skipping", "enable POST /admin/clock/advance (dtsx clock advance)")
    .option("--tenant-id <guid>", "tenant id (tid) of the local identity endpoint's tokens")
    .addHelpText(
      "after",
      "\nEnvironment:\n  DTS_TASK_HUB_NAMES  comma-separated task hubs to serve (default: default)\n",
    )
    .action(async (flags: EmulatorFlags) => {
      let options: EmulatorOptionsInput;
      try {
        options = emulatorOptionsFromFlags(flags);
      } catch (error) {
        process.stderr.write(`dtsx emulator: ${(error as Error).message}\n`);
        process.exitCode = EXIT_INVALID;
        return;
      }
      let handle: EmulatorHandle;
      try {
        handle = await startEmulator(options);
      } catch (error) {
        process.stderr.write(`dtsx emulator: could not start: ${(error as Error).message}\n`);
        // A bad stack file or topology is a configuration error (exit 2, as `dtsx plan`).
        process.exitCode = isTopologyError(error) ? EXIT_INVALID : EXIT_START_FAILED;
        return;
      }
      if (!isLoopbackHost(handle.options.host)) {
        process.stderr.write(
          `dtsx emulator: WARNING: bound to ${handle.options.host}, which is not a loopback interface; the data plane, dashboard and control plane are reachable from the network${handle.control.auth === "none" ? " WITHOUT authentication" : ""}.\n`,
        );
      }
      process.stdout.write(readyLine(handle));
      process.stdout.write(controlPlaneLines(handle));
      let stopping = false;
      const stop = (signal: string): void => {
        if (stopping) {
          process.stderr.write(`dtsx emulator: second ${signal}, exiting immediately\n`);
          process.exit(1);
        }
        stopping = true;
        handle.logger.info({ signal }, "shutting down");
        handle.close().then(
          () => process.exit(0),
          (error: unknown) => {
            process.stderr.write(`dtsx emulator: shutdown failed: ${String(error)}\n`);
            process.exit(1);
          },
        );
      };
      process.once("SIGINT", () => stop("SIGINT"));
      process.once("SIGTERM", () => stop("SIGTERM"));
    });
}
