// The hot, in-memory dispatch state of one task hub: rebuilt from the store at start-up, never
// the source of truth for anything that was acknowledged.
import type { EntityRow, InstanceRow } from "../store/store";
import type { pb } from "./proto";
import { Queue } from "./queue";
import type { WorkerConnection } from "./workers";

export interface InboxMessage {
  id: number;
  executionId: string | null;
  visibleAt: number;
  event: pb.HistoryEvent;
  /** `event` serialized (as stored), reused when the event is delivered and appended to history. */
  bytes: Uint8Array;
  dequeueCount: number;
}

export interface QueuedActivity {
  id: number;
  instanceId: string;
  executionId: string;
  request: pb.ActivityRequest;
  /** `request` serialized (as stored), sent as is. */
  requestBytes: Uint8Array;
  dequeueCount: number;
}

export interface CachedInstance {
  row: InstanceRow;
  /** Serialized history events of the current execution, loaded on first dispatch. */
  history?: Uint8Array[];
  /** The current execution's ExecutionStarted (parent link, tags), decoded once. */
  executionStarted?: pb.ExecutionStartedEvent;
}

export class HubState {
  readonly instances = new Map<string, CachedInstance>();
  /** Orchestration and entity inboxes, keyed by instance id (entity ids start with "@"). */
  readonly inboxes = new Map<string, InboxMessage[]>();
  readonly readyOrchestrations = new Set<string>();
  readonly readyEntities = new Set<string>();
  readonly activities = new Queue<QueuedActivity>();
  /** Instances and entities with a work item in flight (one at a time per instance or entity). */
  readonly busy = new Set<string>();
  readonly connections = new Set<WorkerConnection>();
  readonly waiters = new Map<string, Set<() => void>>();
  readonly entities = new Map<string, EntityRow>();
  /** Next scheduled readiness re-check per instance, to avoid flooding the timer heap. */
  readonly wakeAt = new Map<string, number>();
  /** Completed work items per epoch minute (dashboard metrics). */
  readonly completedPerMinute = new Map<number, number>();
  rotation = 0;

  constructor(
    readonly name: string,
    readonly scheduler: string,
    readonly createdAt: number,
  ) {}

  countCompleted(now: number): void {
    const minute = Math.floor(now / 60_000);
    this.completedPerMinute.set(minute, (this.completedPerMinute.get(minute) ?? 0) + 1);
    if (this.completedPerMinute.size > 20) {
      for (const key of this.completedPerMinute.keys()) {
        if (key < minute - 15) this.completedPerMinute.delete(key);
      }
    }
  }
}
