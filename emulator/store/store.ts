// The persistence interface of the emulator: the engine in emulator/core talks only to
// this interface. One implementation (SqliteStore) serves both the file and the `:memory:` database, and one
// contract suite (test/emulator/store/store.contract.ts) holds every implementation to the same behaviour.
import type { Database } from "better-sqlite3";
import type { OrchestrationStatus } from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";

/** A task hub row. Hub names are unique across the emulator. */
export interface HubRow {
  name: string;
  scheduler: string;
  createdAt: number;
}

/** One orchestration instance; timestamps are epoch milliseconds; `status` is the proto OrchestrationStatus. */
export interface InstanceRow {
  hub: string;
  instanceId: string;
  executionId: string;
  name: string;
  version: string | null;
  status: OrchestrationStatus;
  createdAt: number;
  lastUpdatedAt: number;
  completedAt: number | null;
  scheduledStartAt: number | null;
  input: string | null;
  output: string | null;
  customStatus: string | null;
  /** Serialized `TaskFailureDetails`. */
  failureDetails: Uint8Array | null;
  parentInstanceId: string | null;
  tags: Record<string, string> | null;
}

/** A message waiting in an orchestration's or entity's inbox: a serialized `HistoryEvent`. */
export interface InboxRow {
  id: number;
  hub: string;
  instanceId: string;
  /** Set for messages that only make sense to one execution (timers, task results); stale ones are dropped. */
  executionId: string | null;
  /** Epoch ms before which the message must not be delivered (timers, scheduled starts, abandon backoff). */
  visibleAt: number;
  event: Uint8Array;
}

/** A scheduled activity: a serialized `ActivityRequest`. */
export interface ActivityRow {
  id: number;
  hub: string;
  instanceId: string;
  executionId: string;
  request: Uint8Array;
}

/**
 * Durable entity state; `lockedBy` is the owning orchestration's instance id (docs/reference/sidecar.md "Entities").
 */
export interface EntityRow {
  hub: string;
  instanceId: string;
  state: string | null;
  lockedBy: string | null;
  lockCriticalSectionId: string | null;
  lastModifiedAt: number;
}

export type NewInboxRow = Omit<InboxRow, "id">;
export type NewActivityRow = Omit<ActivityRow, "id">;

/** Everything one engine step changes, applied in ONE transaction by `commit`. */
export interface StoreBatch {
  upsertInstances?: InstanceRow[];
  /** Deletes the instance with its history, inbox and activities. */
  deleteInstances?: { hub: string; instanceId: string }[];
  /** Replaces the whole history (continue-as-new, restart, rewind). Applied before `appendHistory`. */
  replaceHistory?: { hub: string; instanceId: string; events: Uint8Array[] }[];
  /** Appends events with sequence numbers `startSeq, startSeq+1, …`. */
  appendHistory?: { hub: string; instanceId: string; startSeq: number; events: Uint8Array[] }[];
  deleteInbox?: number[];
  insertInbox?: NewInboxRow[];
  /** Updates the visibility of inbox rows (abandon backoff). */
  delayInbox?: { ids: number[]; visibleAt: number }[];
  insertActivities?: NewActivityRow[];
  deleteActivities?: number[];
  upsertEntities?: EntityRow[];
  deleteEntities?: { hub: string; instanceId: string }[];
}

/** Ids assigned by `commit`, in the order of `insertInbox` / `insertActivities`. */
export interface CommitResult {
  inboxIds: number[];
  activityIds: number[];
}

export interface InstanceFilter {
  statuses?: number[];
  createdFrom?: number;
  /** Exclusive. */
  createdTo?: number;
  completedFrom?: number;
  /** Exclusive. */
  completedTo?: number;
  instanceIdPrefix?: string;
  name?: string;
  /** Matches instance id, name or custom status, case-insensitively. */
  text?: string;
  tag?: { key: string; value?: string };
  parentInstanceId?: string;
}

export interface InstancePage {
  rows: InstanceRow[];
  /** Offset of the next page, or undefined on the last page. */
  nextOffset?: number;
}

export interface Store {
  /** The underlying connection, for other owners' own tables (prefix `control_`). */
  readonly database: Database;

  listHubs(): HubRow[];
  insertHub(row: HubRow): void;
  /** Deletes the hub and everything in it. Returns false if it did not exist. */
  deleteHub(name: string): boolean;

  getInstance(hub: string, instanceId: string): InstanceRow | undefined;
  /** Serialized `HistoryEvent`s in sequence order. */
  readHistory(hub: string, instanceId: string): Uint8Array[];
  /** Instances matching `filter`, ordered by created time then id. */
  queryInstances(
    hub: string,
    filter: InstanceFilter,
    page: { offset: number; limit: number },
  ): InstancePage;
  countInstances(hub: string, filter: InstanceFilter): number;
  /** Terminal instances ordered by (completedAt, instanceId) after the cursor (ListInstanceIds). */
  listCompletedInstanceIds(
    hub: string,
    filter: InstanceFilter,
    after: { completedAt: number; instanceId: string } | undefined,
    limit: number,
  ): { instanceId: string; completedAt: number }[];

  /** Every inbox row of every hub, by id (start-up rebuild of the hot state). */
  loadInbox(): InboxRow[];
  /** Every queued activity of every hub, by id. */
  loadActivities(): ActivityRow[];
  /** Every entity row of every hub. */
  loadEntities(): EntityRow[];
  getEntity(hub: string, instanceId: string): EntityRow | undefined;

  /**
   * Queues `batch` and returns the ids it will get. Group commit: every batch queued in the same event-loop turn
   * is written in ONE SQLite transaction before `flushed()` resolves and before any read (reads flush first).
   * A batch is all-or-nothing: if a group fails, each batch is retried alone and only the failing ones are lost
   * (reported by `flushed()` / `flushSync()`).
   */
  commit(batch: StoreBatch): CommitResult;
  /** Resolves once everything queued so far is durable (WAL-committed); callers acknowledge only after it. */
  flushed(): Promise<void>;
  /** Writes everything queued now; throws the first failure. */
  flushSync(): void;
  close(): void;
}
