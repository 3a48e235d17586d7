// EmulatorOptions: one zod schema with every default in one place. Other
// owners extend it (`--stack`, `--auth`, `--time-skipping`, …) by adding fields here.
import { z } from "zod";
import type { Clock } from "./clock";
import type { DashboardAuth } from "./dashboard/backend";
import type { CallGuard } from "./grpc/callGuard";

/**
 * The official emulator's ports (docs/reference/sidecar.md "The official emulator"): gRPC 8080, dashboard/HTTP 8082.
 */
export const DEFAULT_GRPC_PORT = 8080;
export const DEFAULT_HTTP_PORT = 8082;
/** Loopback only unless told otherwise: a dev server must not be reachable from the network by accident. */
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_DATA_DIR = ".dtsx";
export const DEFAULT_HUB_NAME = "default";
export const DEFAULT_SCHEDULER_NAME = "emulator";

/** Work-item lock bounds: at least a second, at most a day (a lock longer than that only hides a lost worker). */
export const DEFAULT_WORK_ITEM_LOCK_SECONDS = 120;
export const MIN_WORK_ITEM_LOCK_SECONDS = 1;
export const MAX_WORK_ITEM_LOCK_SECONDS = 86_400;
const workItemLockRule = (issue: { input: unknown }): string =>
  `workItemLockSeconds: expected a whole number of seconds from ${MIN_WORK_ITEM_LOCK_SECONDS} to ${MAX_WORK_ITEM_LOCK_SECONDS}, got ${JSON.stringify(issue.input)}`;

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

const port = (field: string) =>
  z
    .number({ error: `${field}: expected an integer 0–65535` })
    .int({ error: `${field}: expected an integer 0–65535` })
    .min(0, { error: `${field}: expected an integer 0–65535` })
    .max(65535, { error: `${field}: expected an integer 0–65535` });

const hubName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, {
  error: (issue) =>
    `task hub name "${String(issue.input)}" is invalid: expected 1–64 letters, digits or hyphens, starting with a letter or digit`,
});

export const emulatorOptionsSchema = z.object({
  /** gRPC port; 0 picks a free port. @default 8080 */
  grpcPort: port("grpcPort").default(DEFAULT_GRPC_PORT),
  /** HTTP port (health, dashboard, control plane); 0 picks a free port. @default 8082 */
  httpPort: port("httpPort").default(DEFAULT_HTTP_PORT),
  /** Interface to bind. @default "127.0.0.1" */
  host: z.string().min(1, { error: "host: must not be empty" }).default(DEFAULT_HOST),
  /**
   * Extra names the HTTP port answers to (`--allowed-host`), besides loopback names and the bound interface:
   * any other `Host` header gets 421 (DNS rebinding). @default []
   */
  allowedHosts: z
    .array(z.string().min(1, { error: "allowedHosts: a host name must not be empty" }))
    .default([]),
  /**
   * `--allow-unauthenticated-remote`: start on a non-loopback interface with auth none, where anyone who can
   * reach the ports may use every hub. Refused without it. @default false
   */
  allowUnauthenticatedRemote: z.boolean().default(false),
  /** Directory of the SQLite database `dtsx.db`. @default ".dtsx" */
  dataDir: z.string().min(1, { error: "dataDir: must not be empty" }).default(DEFAULT_DATA_DIR),
  /** Keep everything in memory (lost on exit). @default false */
  inMemory: z.boolean().default(false),
  /** pino log level. @default "info" */
  logLevel: z.enum(LOG_LEVELS).default("info"),
  /**
   * Hubs that must exist at start (created if missing, in scheduler `emulator`). Defaults to
   * `DTS_TASK_HUB_NAMES` (comma-separated) or `["default"]`, like the official emulator.
   */
  taskHubNames: z
    .array(hubName)
    .min(1, { error: "taskHubNames: at least one task hub is required" })
    .optional(),
  /**
   * Interval of health-ping work items on GetWorkItems streams (docs/reference/sidecar.md "Work-item dispatch").
   * @default 30000
   */
  healthPingIntervalMs: z.number().int().positive().default(30_000),
  /**
   * `--work-item-lock-seconds`: how long a dispatched work item stays locked to its stream without renewal; renewed
   * while the stream is open, redelivered when it runs out. Default: the reference backend's 2-minute lock
   * (docs/reference/sidecar.md "Work-item leases"). @default 120
   */
  workItemLockSeconds: z
    .number({ error: workItemLockRule })
    .int({ error: workItemLockRule })
    .min(MIN_WORK_ITEM_LOCK_SECONDS, { error: workItemLockRule })
    .max(MAX_WORK_ITEM_LOCK_SECONDS, { error: workItemLockRule })
    .default(DEFAULT_WORK_ITEM_LOCK_SECONDS),
  /** How often an open GetWorkItems stream is authorized again (token expiry, role changes). @default 2000 */
  streamAuthRecheckMs: z.number().int().positive().default(2_000),
  /** Per-stream caps used when a worker sends 0 for maxConcurrent*WorkItems (JS sends nothing). @default 1000 */
  defaultMaxConcurrentWorkItems: z.number().int().positive().default(1000),
  /** Clock for all timestamps and timers. @default new SystemClock() */
  clock: z
    .custom<Clock>((value) => typeof value === "object" && value !== null && "now" in value)
    .optional(),
  /** Called for every RPC before anything happens. @default allow all */
  callGuard: z.custom<CallGuard>((value) => typeof value === "function").optional(),
  /** Dashboard sign-in and read authorization in entra mode (`createEntraDashboardAuth`). @default none */
  dashboardAuth: z
    .custom<DashboardAuth>(
      (value) => typeof value === "object" && value !== null && "authorize" in value,
    )
    .optional(),
  // ---- control plane (emulator/control, identity, auth, retention, admin) -------------------------------
  /** `--stack NAME`: provision `stacks/Pulumi.<NAME>.yaml` through the control plane at start. @default none */
  stack: z.string().min(1, { error: "stack: must not be empty" }).optional(),
  /** Directory holding `Pulumi.<stack>.yaml` (`--stack-dir`, as `dtsx plan`). @default "./stacks" */
  stackDir: z.string().min(1, { error: "stackDir: must not be empty" }).optional(),
  /** Data-plane auth (`--auth`): `entra` with a stack, `none` without. */
  auth: z.enum(["none", "entra"], { error: 'auth: expected "none" | "entra"' }).optional(),
  /** Schedulers per (subscription, region) (`--max-schedulers-per-region`). @default 5 */
  maxSchedulersPerRegion: z
    .number()
    .int({ error: "maxSchedulersPerRegion: expected a positive integer" })
    .positive({ error: "maxSchedulersPerRegion: expected a positive integer" })
    .default(5),
  /** Task hubs per scheduler (`--max-task-hubs-per-scheduler`). @default 25 */
  maxTaskHubsPerScheduler: z
    .number()
    .int({ error: "maxTaskHubsPerScheduler: expected a positive integer" })
    .positive({ error: "maxTaskHubsPerScheduler: expected a positive integer" })
    .default(25),
  /** `--time-skipping`: a SkippableClock and `POST /admin/clock/advance`. @default false */
  timeSkipping: z.boolean().default(false),
  /** Tenant id (`tid`, issuer) of the local identity endpoint's tokens. @default LOCAL_TENANT_ID */
  tenantId: z.string().min(1).optional(),
  /** How often autopurge sweeps without a time skip. @default 60000 */
  autopurgeIntervalMs: z.number().int().positive().default(60_000),
});

export type EmulatorOptionsInput = z.input<typeof emulatorOptionsSchema>;
export type EmulatorOptions = z.output<typeof emulatorOptionsSchema>;

/** Validates options and applies defaults; throws an Error listing every problem, one per line. */
export function resolveEmulatorOptions(input: EmulatorOptionsInput): EmulatorOptions {
  const parsed = emulatorOptionsSchema.safeParse(input);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((issue) => issue.message).join("\n"));
  }
  return parsed.data;
}

/** Hub names from `DTS_TASK_HUB_NAMES` ("a,b,c"), or `["default"]` when unset or empty. */
export function hubNamesFromEnvironment(environment: NodeJS.ProcessEnv = process.env): string[] {
  const names = (environment.DTS_TASK_HUB_NAMES ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  return names.length > 0 ? names : [DEFAULT_HUB_NAME];
}
