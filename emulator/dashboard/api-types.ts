// The JSON shapes of the dashboard API. Shared by the server routes and the browser UI, so both sides
// agree at compile time; this file holds types and constants only, no runtime dependencies.

/**
 * Runtime statuses as the DTS dashboard names them (docs/reference/sidecar.md "Dashboard"), one per proto
 * `OrchestrationStatus`.
 */
export const RUNTIME_STATUSES = [
  "Running",
  "Completed",
  "ContinuedAsNew",
  "Failed",
  "Canceled",
  "Terminated",
  "Pending",
  "Suspended",
] as const;
export type RuntimeStatus = (typeof RUNTIME_STATUSES)[number];

export const TERMINAL_STATUSES: readonly RuntimeStatus[] = [
  "Completed",
  "Failed",
  "Canceled",
  "Terminated",
];

export interface HubSummary {
  name: string;
  scheduler: string;
  createdAt: string;
  /** Instance counts for the overview: all, and those that may need attention. */
  counts: { total: number; running: number; pending: number; suspended: number; failed: number };
}

export interface InstanceSummary {
  instanceId: string;
  name: string;
  version?: string;
  status: RuntimeStatus;
  createdAt: string;
  lastUpdatedAt: string;
  completedAt?: string;
  scheduledStartAt?: string;
  parentInstanceId?: string;
  tags: Record<string, string>;
}

export interface InstanceQuery {
  name?: string;
  statuses?: RuntimeStatus[];
  /** Matches instances that carry the key (any value) or, with a value, exactly that key/value pair. */
  tag?: { key: string; value?: string };
  createdFrom?: string;
  createdTo?: string;
  instanceIdPrefix?: string;
  /** Free text over instance id, name and custom status. */
  search?: string;
  pageSize: number;
  /** By created time: "newest" first (the default, as a dashboard is mostly about what just happened) or "oldest". */
  order: InstanceOrder;
  /** Opaque cursor returned by the previous page. */
  continuationToken?: string;
}

export const INSTANCE_ORDERS = ["newest", "oldest"] as const;
export type InstanceOrder = (typeof INSTANCE_ORDERS)[number];

export interface InstancePage {
  instances: InstanceSummary[];
  /** Number of instances matching the filters (all pages). */
  total: number;
  continuationToken?: string;
}

export interface FailureDetails {
  errorType: string;
  message: string;
  stackTrace?: string;
  innerFailure?: FailureDetails;
}

/** One history event, flattened for display: the proto event's own fields with wrappers unwrapped. */
export interface HistoryEventView {
  eventId: number;
  timestamp: string;
  /** e.g. "ExecutionStarted", "TaskScheduled", "TimerFired". */
  type: string;
  fields: Record<string, unknown>;
}

export type TimelineKind = "activity" | "timer" | "subOrchestration" | "entity";
export type TimelineOutcome = "completed" | "failed" | "pending";

/** One bar of the instance timeline: a scheduled task from its scheduling event to its result. */
export interface TimelineBar {
  kind: TimelineKind;
  /** The eventId of the scheduling event, which the result event refers to. */
  taskId: number;
  name: string;
  start: string;
  /** Absent while the task is still pending. */
  end?: string;
  outcome: TimelineOutcome;
  /** Sub-orchestrations: the child's instance id, for the drill-down link. */
  instanceId?: string;
  /** Timers: when the timer was due. */
  fireAt?: string;
}

export interface InstanceDetail extends InstanceSummary {
  executionId?: string;
  input?: string;
  output?: string;
  customStatus?: string;
  failure?: FailureDetails;
  history: HistoryEventView[];
  timeline: TimelineBar[];
}

export interface EntitySummary {
  /** "@name@key" as the protocol spells entity instance ids. */
  entityId: string;
  name: string;
  key: string;
  state?: string;
  lockedBy?: string;
  lastModifiedAt: string;
}

export interface EntityPage {
  entities: EntitySummary[];
  total: number;
  continuationToken?: string;
}

export type WorkKind = "orchestration" | "activity" | "entity";

export interface ConnectedWorker {
  workerId: string;
  userAgent: string;
  hub: string;
  connectedSince: string;
}

export interface HubMetrics {
  workers: ConnectedWorker[];
  pending: Record<WorkKind, number>;
  inFlight: Record<WorkKind, number>;
  /** Completed work items (all kinds) per minute, oldest first, for the last 15 minutes. */
  throughput: { minute: string; completed: number }[];
}

export type AuthMode = "none" | "entra";

export interface DashboardIdentity {
  name: string;
  principalId: string;
  clientId?: string;
  principalType?: string;
}

export interface SessionInfo {
  authMode: AuthMode;
  /** Identities one can sign in as (entra mode). */
  identities: DashboardIdentity[];
  /** The signed-in identity, if any. */
  identity?: DashboardIdentity;
}

/** The error envelope of every non-2xx answer. `code` is the gRPC status name when the data plane refused. */
export interface ApiError {
  error: { code: string; message: string };
}

export interface StartRequest {
  name: string;
  instanceId?: string;
  version?: string;
  /** Raw JSON text, passed to the orchestration as is. */
  input?: string;
  scheduledStartAt?: string;
  tags?: Record<string, string>;
}

export interface RaiseEventRequest {
  eventName: string;
  /** Raw JSON text. */
  data?: string;
}

export interface TerminateRequest {
  reason?: string;
  recursive?: boolean;
}

export interface RewindRequest {
  reason?: string;
}

export interface RestartRequest {
  newInstanceId?: boolean;
}

export interface PurgeRequest {
  recursive?: boolean;
}

export interface ActionResult {
  message: string;
  instanceId?: string;
}

/**
 * Sent by the dashboard's UI on every API request (any value). A custom header is never CORS-safelisted, so a
 * cross-site page cannot send it without a preflight the emulator never grants (requestGuard.ts).
 */
export const DASHBOARD_REQUEST_HEADER = "x-dtsx-dashboard";
