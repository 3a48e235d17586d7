// The emulator's engine (issue 4): task hubs, orchestration/activity/entity dispatch over push streams, the
// timer heap, client operations and the query/metrics hooks other owners build on (brief seams 1, 4, 5). Client
// operations live in clientOperations.ts, work item completions in completions.ts, the read side in queries.ts,
// purging in purge.ts, entity dispatch in entities.ts; this class is their one facade and owns dispatch, timers
// and the shared plumbing.
// Durable state lives in the Store; this class keeps only hot dispatch state (HubState) that it rebuilds at
// start-up. Every step that changes durable state is ONE Store.commit.
import type { Logger } from "pino";
import type { Clock } from "../clock";
import type {
  EntityRow,
  HubRow,
  InstanceFilter,
  InstanceRow,
  Store,
  StoreBatch,
} from "../store/store";
import { engineErrors } from "./errors";
import { decodeEvent, orchestratorStarted } from "./events";
import { HubState, type CachedInstance, type InboxMessage, type QueuedActivity } from "./hubState";
import { findExecutionStarted, type OutgoingMessage } from "./orchestrationStep";
import { pb } from "./proto";
import { isTerminal } from "./status";
import { TimerHeap } from "./timerHeap";
import { encodeActivityWorkItem, encodeOrchestratorWorkItem } from "./wire";
import { WorkerConnection, type WorkItemKind, type WorkerConnectionOptions } from "./workers";
import {
  ClientOperations,
  type PreparedStart,
  type StartOrchestrationArgs,
} from "./clientOperations";
import { WorkItemCompletions } from "./completions";
import { EntityDispatcher } from "./entities";
import { InstancePurger } from "./purge";
import {
  hubMetrics,
  listInstanceIdPage,
  queryInstancePage,
  type HubMetrics,
  type InstanceQuery,
  type InstanceQueryResult,
} from "./queries";

/** Hub names: letters, digits and hyphens, 1–64 characters (DTS task hub names, dts-service.md §1.9). */
export const HUB_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

export interface EngineOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
}

export interface OrchestrationInFlight {
  kind: "orchestration";
  token: string;
  hub: HubState;
  connection: WorkerConnection;
  instanceId: string;
  executionId: string;
  messages: InboxMessage[];
  newEvents: pb.HistoryEvent[];
  newEventBytes: Uint8Array[];
  partialActions: pb.OrchestratorAction[];
}

interface ActivityInFlight {
  kind: "activity";
  token: string;
  hub: HubState;
  connection: WorkerConnection;
  activity: QueuedActivity;
}

export interface EntityInFlight {
  kind: "entity";
  token: string;
  hub: HubState;
  connection: WorkerConnection;
  instanceId: string;
  messages: InboxMessage[];
}

export type InFlight = OrchestrationInFlight | ActivityInFlight | EntityInFlight;

export type { HubMetrics, InstanceQuery, InstanceQueryResult, WorkerInfo } from "./queries";
export type { PreparedStart, StartOrchestrationArgs } from "./clientOperations";
export { validateReusePolicy } from "./clientOperations";

const MAX_TIMER_DELAY_MS = 60 * 60 * 1000;
const MAX_ABANDON_DELAY_MS = 5 * 60 * 1000;

export class Engine {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  private readonly hubs = new Map<string, HubState>();
  private readonly inFlight = new Map<string, InFlight>();
  private readonly timers = new TimerHeap();
  private timerHandle: NodeJS.Timeout | undefined;
  private timerDueAt = Number.POSITIVE_INFINITY;
  private readonly pumpScheduled = new Set<HubState>();
  private tokenSequence = 0;
  private connectionSequence = 0;
  private stopped = false;
  private readonly unsubscribeClock: () => void;
  readonly entities: EntityDispatcher;
  private readonly purger: InstancePurger;
  private readonly operations: ClientOperations;
  private readonly completions: WorkItemCompletions;

  constructor(options: EngineOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.logger = options.logger;
    this.entities = new EntityDispatcher(this);
    this.purger = new InstancePurger(this);
    this.operations = new ClientOperations(this);
    this.completions = new WorkItemCompletions(this, this.operations);
    for (const row of this.store.listHubs()) {
      this.hubs.set(row.name, new HubState(row.name, row.scheduler, row.createdAt));
    }
    this.recover();
    this.unsubscribeClock = this.clock.onAdvance(() => this.onTimer());
  }

  // ---------------------------------------------------------------- hubs (brief seam 1)

  createHub(name: string, options: { scheduler?: string } = {}): HubRow {
    if (!HUB_NAME_PATTERN.test(name)) {
      throw engineErrors.invalidArgument(
        `task hub name "${name}" is invalid: expected 1–64 letters, digits or hyphens, starting with a letter or digit`,
      );
    }
    if (this.hubs.has(name)) throw engineErrors.alreadyExists(`task hub '${name}' already exists`);
    const row: HubRow = {
      name,
      scheduler: options.scheduler ?? "emulator",
      createdAt: this.clock.now(),
    };
    this.store.insertHub(row);
    this.hubs.set(name, new HubState(row.name, row.scheduler, row.createdAt));
    this.logger.info({ hub: name, scheduler: row.scheduler }, "task hub created");
    return row;
  }

  /** Deletes the hub with all its orchestrations and entities; returns false if it did not exist. */
  deleteHub(name: string): boolean {
    const hub = this.hubs.get(name);
    if (!hub) return false;
    this.store.deleteHub(name);
    this.hubs.delete(name);
    for (const connection of hub.connections) {
      connection.closed = true;
      connection.options.end?.();
    }
    for (const [token, item] of this.inFlight) if (item.hub === hub) this.inFlight.delete(token);
    this.timers.removeHub(name);
    for (const waiters of hub.waiters.values()) for (const wake of waiters) wake();
    this.logger.info({ hub: name }, "task hub deleted");
    return true;
  }

  getHub(name: string): HubRow | undefined {
    const hub = this.hubs.get(name);
    return hub ? { name: hub.name, scheduler: hub.scheduler, createdAt: hub.createdAt } : undefined;
  }

  listHubs(scheduler?: string): HubRow[] {
    return [...this.hubs.values()]
      .filter((hub) => scheduler === undefined || hub.scheduler === scheduler)
      .map((hub) => ({ name: hub.name, scheduler: hub.scheduler, createdAt: hub.createdAt }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The hub state, or NOT_FOUND naming the hub (issue 4 §2). */
  hub(name: string): HubState {
    const hub = this.hubs.get(name);
    if (!hub) throw engineErrors.notFound(`task hub '${name}' was not found`);
    return hub;
  }

  // ---------------------------------------------------------------- client operations

  startOrchestration(hubName: string, args: StartOrchestrationArgs): string {
    return this.operations.startOrchestration(this.hub(hubName), args);
  }

  /** See ClientOperations.prepareStart: a validated, uncommitted start (entity batches fold it into theirs). */
  prepareStart(hub: HubState, args: StartOrchestrationArgs, claimed?: Set<string>): PreparedStart {
    return this.operations.prepareStart(hub, args, claimed);
  }

  /** RaiseEvent: queued even before the instance starts; dropped for terminal instances (§2.5). */
  raiseEvent(hubName: string, instanceId: string, name: string, input: string | undefined): void {
    this.operations.raiseEvent(this.hub(hubName), instanceId, name, input);
  }

  terminate(
    hubName: string,
    instanceId: string,
    output: string | undefined,
    recursive: boolean,
  ): void {
    this.operations.terminate(this.hub(hubName), instanceId, output, recursive);
  }

  suspend(hubName: string, instanceId: string, reason: string | undefined): void {
    this.operations.suspend(this.hub(hubName), instanceId, reason);
  }

  resume(hubName: string, instanceId: string, reason: string | undefined): void {
    this.operations.resume(this.hub(hubName), instanceId, reason);
  }

  /** RestartInstance (§2.7): re-create with the original name, input and version; PENDING before returning. */
  restart(hubName: string, instanceId: string, withNewInstanceId: boolean): string {
    return this.operations.restart(this.hub(hubName), instanceId, withNewInstanceId);
  }

  /** RewindInstance (§2.7): RUNNING before returning, then [OrchestratorStarted, ExecutionRewound] is dispatched. */
  rewind(hubName: string, instanceId: string, reason: string | undefined): void {
    this.operations.rewind(this.hub(hubName), instanceId, reason);
  }

  /** SkipGracefulOrchestrationTerminations: see ClientOperations.forceTerminate. */
  forceTerminate(hubName: string, instanceId: string, reason: string | undefined): boolean {
    return this.operations.forceTerminate(this.hub(hubName), instanceId, reason);
  }

  getInstance(hubName: string, instanceId: string): InstanceRow | undefined {
    return this.row(this.hub(hubName), instanceId);
  }

  /** Committed history of the current execution (StreamInstanceHistory, dashboard detail). */
  getHistory(hubName: string, instanceId: string): pb.HistoryEvent[] | undefined {
    const hub = this.hub(hubName);
    if (!this.row(hub, instanceId)) return undefined;
    return this.committedHistory(hub, instanceId);
  }

  /** History of an instance known to exist: the hot cache's bytes when present, else the store's. */
  private committedHistory(hub: HubState, instanceId: string): pb.HistoryEvent[] {
    const cached = hub.instances.get(instanceId);
    if (cached?.history) return cached.history.map(decodeEvent);
    return this.store.readHistory(hub.name, instanceId).map(decodeEvent);
  }

  /** Resolves once `done(row)` holds (re-checked on every change), the instance is missing, or `signal` aborts. */
  waitForInstance(
    hubName: string,
    instanceId: string,
    done: (row: InstanceRow) => boolean,
    signal: AbortSignal,
  ): Promise<InstanceRow | undefined> {
    const hub = this.hub(hubName);
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (!this.hubs.has(hub.name)) {
          finish();
          resolve(undefined);
          return true;
        }
        const row = this.row(hub, instanceId);
        if (!row || done(row)) {
          finish();
          resolve(row);
          return true;
        }
        return false;
      };
      const onAbort = (): void => {
        finish();
        reject(signal.reason instanceof Error ? signal.reason : new Error("wait cancelled"));
      };
      const finish = (): void => {
        const set = hub.waiters.get(instanceId);
        set?.delete(wake);
        if (set && set.size === 0) hub.waiters.delete(instanceId);
        signal.removeEventListener("abort", onAbort);
      };
      const wake = (): void => {
        check();
      };
      if (check()) return;
      if (signal.aborted) return onAbort();
      let set = hub.waiters.get(instanceId);
      if (!set) hub.waiters.set(instanceId, (set = new Set()));
      set.add(wake);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  // ---------------------------------------------------------------- queries, purge (seams 4, 5)

  queryInstances(hubName: string, query: InstanceQuery): InstanceQueryResult {
    return queryInstancePage(this.store, this.hub(hubName).name, query);
  }

  /** ListInstanceIds: terminal instances by (completedTime, instanceId) after `lastInstanceKey` (§2.8). */
  listInstanceIds(
    hubName: string,
    filter: InstanceFilter,
    pageSize: number,
    lastInstanceKey: string | undefined,
  ): { instanceIds: string[]; lastInstanceKey?: string } {
    return listInstanceIdPage(
      this.store,
      this.hub(hubName).name,
      filter,
      pageSize,
      lastInstanceKey,
    );
  }

  /** Purges one terminal instance (and, if `recursive`, its sub-orchestrations); returns the count purged. */
  purgeInstance(hubName: string, instanceId: string, recursive: boolean): number {
    return this.purger.purgeInstance(this.hub(hubName), instanceId, recursive);
  }

  purgeByFilter(hubName: string, filter: InstanceFilter, recursive: boolean): number {
    return this.purger.purgeByFilter(this.hub(hubName), filter, recursive);
  }

  /**
   * Retention hook (brief seam 4): purge instances of `statuses` that became terminal before `completedBefore`;
   * with `limit`, at most that many per call (see InstancePurger.purgeTerminal).
   */
  purgeTerminal(
    hubName: string,
    options: { statuses: number[]; completedBefore: number; limit?: number },
  ): number {
    return this.purger.purgeTerminal(this.hub(hubName), options);
  }

  /** Dashboard hook (seam 5): state plus full history. */
  instanceDetail(
    hubName: string,
    instanceId: string,
  ): { instance: InstanceRow; history: pb.HistoryEvent[] } | undefined {
    // One row lookup: for a terminal (uncached) instance, getInstance + getHistory would read the row twice.
    const hub = this.hub(hubName);
    const instance = this.row(hub, instanceId);
    if (!instance) return undefined;
    return { instance, history: this.committedHistory(hub, instanceId) };
  }

  metrics(hubName: string): HubMetrics {
    return hubMetrics(this.hub(hubName), this.clock.now());
  }

  // ---------------------------------------------------------------- worker streams

  connectWorker(options: WorkerConnectionOptions): WorkerConnection {
    const hub = this.hub(options.hub);
    const connection = new WorkerConnection(
      `w${++this.connectionSequence}`,
      this.clock.now(),
      options,
    );
    hub.connections.add(connection);
    this.logger.debug(
      { hub: hub.name, workerId: options.workerId, connection: connection.id },
      "worker connected",
    );
    this.schedulePump(hub);
    return connection;
  }

  /** Stream ended: every item still in flight on it is re-queued (protocol.md §2.2.5). */
  disconnectWorker(connection: WorkerConnection): void {
    connection.closed = true;
    const hub = this.hubs.get(connection.options.hub);
    if (!hub) return;
    hub.connections.delete(connection);
    for (const token of [...connection.tokens]) {
      const item = this.inFlight.get(token);
      if (item) this.requeue(item, 0);
    }
    this.logger.debug({ hub: hub.name, connection: connection.id }, "worker disconnected");
    this.schedulePump(hub);
  }

  /** Abandon*: re-queue with a linear backoff of one second per delivery, capped at 5 minutes (§2.2.6). */
  abandon(hubName: string, token: string, kind: WorkItemKind): void {
    const item = this.inFlight.get(token);
    if (!item || item.kind !== kind || item.hub.name !== hubName) return;
    const deliveries =
      item.kind === "activity"
        ? item.activity.dequeueCount
        : Math.max(1, ...item.messages.map((m) => m.dequeueCount));
    this.requeue(item, Math.min(deliveries * 1000, MAX_ABANDON_DELAY_MS));
  }

  requeue(item: InFlight, delayMs: number): void {
    this.releaseItem(item);
    const hub = item.hub;
    switch (item.kind) {
      case "activity":
        if (delayMs > 0) {
          // The activity row stays in the store; only its redelivery waits (a restart delivers it at once).
          const timer = setTimeout(() => {
            if (this.stopped || this.hubs.get(hub.name) !== hub) return;
            hub.activities.push(item.activity);
            this.schedulePump(hub);
          }, delayMs);
          timer.unref();
          return;
        }
        hub.activities.unshift(item.activity);
        break;
      case "orchestration":
      case "entity":
        if (delayMs > 0) {
          const visibleAt = this.clock.now() + delayMs;
          const ids = item.messages.map((message) => message.id);
          this.store.commit({ delayInbox: [{ ids, visibleAt }] });
          for (const message of item.messages) message.visibleAt = visibleAt;
        }
        this.refresh(hub, item.instanceId);
        break;
      default: {
        const unreachable: never = item;
        return unreachable;
      }
    }
    this.schedulePump(hub);
  }

  releaseItem(item: InFlight): void {
    this.inFlight.delete(item.token);
    item.connection.tokens.delete(item.token);
    item.connection.inFlight[item.kind]--;
    if (item.kind !== "activity") item.hub.busy.delete(item.instanceId);
  }

  /** Finds the in-flight item of a completion; unknown or mismatched tokens are stale and ignored (§2.2.2). */
  takeInFlight<K extends InFlight["kind"]>(
    hubName: string,
    token: string,
    kind: K,
  ): Extract<InFlight, { kind: K }> | undefined {
    const item = this.inFlight.get(token);
    if (!item || item.kind !== kind || item.hub.name !== hubName) {
      this.logger.debug(
        { hub: hubName, token, kind },
        "ignoring stale or unknown completion token",
      );
      return undefined;
    }
    return item as Extract<InFlight, { kind: K }>;
  }

  /** CompleteOrchestratorTask: see WorkItemCompletions.completeOrchestration. */
  completeOrchestration(hubName: string, response: pb.OrchestratorResponse): void {
    this.completions.completeOrchestration(hubName, response);
  }

  /** CompleteActivityTask: see WorkItemCompletions.completeActivity. */
  completeActivity(hubName: string, response: pb.ActivityResponse): void {
    this.completions.completeActivity(hubName, response);
  }

  // ---------------------------------------------------------------- shared plumbing (also used by entities)

  /** Current row of an orchestration: hot cache first, then the store (non-terminal rows get cached). */
  row(hub: HubState, instanceId: string): InstanceRow | undefined {
    const cached = hub.instances.get(instanceId);
    if (cached) return cached.row;
    const row = this.store.getInstance(hub.name, instanceId);
    if (row && !isTerminal(row.status)) hub.instances.set(instanceId, { row });
    return row;
  }

  requireRow(hub: HubState, instanceId: string): InstanceRow {
    const row = this.row(hub, instanceId);
    if (!row)
      throw engineErrors.notFound(
        `orchestration instance '${instanceId}' was not found in task hub '${hub.name}'`,
      );
    return row;
  }

  forgetInstance(hub: HubState, instanceId: string): void {
    hub.instances.delete(instanceId);
    hub.inboxes.delete(instanceId);
    hub.readyOrchestrations.delete(instanceId);
    hub.activities.removeWhere((activity) => activity.instanceId === instanceId);
  }

  /** Persists messages (plus any extra batch parts) in one transaction and makes them dispatchable. */
  enqueue(hub: HubState, messages: OutgoingMessage[], extra: StoreBatch = {}): void {
    const encoded = messages.map((message) => message.event.serializeBinary());
    const result = this.store.commit({
      ...extra,
      insertInbox: messages.map((message, index) => ({
        hub: hub.name,
        instanceId: message.instanceId,
        executionId: message.executionId,
        visibleAt: message.visibleAt,
        event: encoded[index]!,
      })),
    });
    for (const row of extra.upsertInstances ?? []) {
      const cached = hub.instances.get(row.instanceId);
      if (cached) cached.row = row;
    }
    messages.forEach((message, index) => {
      this.addMessage(hub, message.instanceId, {
        id: result.inboxIds[index]!,
        executionId: message.executionId,
        visibleAt: message.visibleAt,
        event: message.event,
        bytes: encoded[index]!,
        dequeueCount: 0,
      });
      this.refresh(hub, message.instanceId);
    });
    this.schedulePump(hub);
  }

  addMessage(hub: HubState, instanceId: string, message: InboxMessage): void {
    let inbox = hub.inboxes.get(instanceId);
    if (!inbox) hub.inboxes.set(instanceId, (inbox = []));
    inbox.push(message);
  }

  notify(hub: HubState, instanceId: string): void {
    const waiters = hub.waiters.get(instanceId);
    if (waiters) for (const wake of [...waiters]) wake();
  }

  /** Re-evaluates whether an instance/entity has deliverable messages; arms a timer for future ones. */
  refresh(hub: HubState, instanceId: string): void {
    const isEntity = instanceId.startsWith("@");
    const ready = isEntity ? hub.readyEntities : hub.readyOrchestrations;
    if (hub.busy.has(instanceId)) return;
    // A ready orchestration stays ready when more messages arrive: skip the O(inbox) scan (fan-in of 10k results).
    if (!isEntity && ready.has(instanceId)) return;
    const inbox = hub.inboxes.get(instanceId);
    if (!inbox || inbox.length === 0) {
      ready.delete(instanceId);
      return;
    }
    const now = this.clock.now();
    let visible = false;
    let nextDue = Number.POSITIVE_INFINITY;
    let blockedUntil = 0;
    for (const message of inbox) {
      if (message.visibleAt <= now) visible = true;
      else nextDue = Math.min(nextDue, message.visibleAt);
      // An orchestration whose (re)start is not yet due receives nothing before it (scheduled starts, §2.5).
      if (!isEntity && message.event.hasExecutionstarted() && message.visibleAt > now)
        blockedUntil = message.visibleAt;
    }
    if (blockedUntil > 0) visible = false;
    if (isEntity && visible) visible = this.entities.hasDeliverable(hub, instanceId, inbox, now);
    if (nextDue !== Number.POSITIVE_INFINITY) this.wake(hub, instanceId, blockedUntil || nextDue);
    if (visible) ready.add(instanceId);
    else ready.delete(instanceId);
  }

  private wake(hub: HubState, instanceId: string, dueAt: number): void {
    const existing = hub.wakeAt.get(instanceId);
    if (existing !== undefined && existing <= dueAt && existing > this.clock.now()) return;
    hub.wakeAt.set(instanceId, dueAt);
    this.timers.push({ dueAt, hub: hub.name, instanceId });
    this.armTimer();
  }

  private armTimer(): void {
    if (this.stopped) return;
    const next = this.timers.peek();
    if (!next) return;
    if (this.timerHandle && next.dueAt >= this.timerDueAt) return;
    if (this.timerHandle) clearTimeout(this.timerHandle);
    const delay = Math.min(Math.max(0, next.dueAt - this.clock.now()), MAX_TIMER_DELAY_MS);
    this.timerDueAt = next.dueAt;
    this.timerHandle = setTimeout(() => this.onTimer(), delay);
    this.timerHandle.unref?.();
  }

  private onTimer(): void {
    if (this.stopped) return;
    if (this.timerHandle) clearTimeout(this.timerHandle);
    this.timerHandle = undefined;
    this.timerDueAt = Number.POSITIVE_INFINITY;
    const now = this.clock.now();
    const touched = new Set<HubState>();
    for (let next = this.timers.peek(); next && next.dueAt <= now; next = this.timers.peek()) {
      this.timers.pop();
      const hub = this.hubs.get(next.hub);
      if (!hub) continue;
      if (hub.wakeAt.get(next.instanceId) === next.dueAt) hub.wakeAt.delete(next.instanceId);
      this.refresh(hub, next.instanceId);
      touched.add(hub);
    }
    for (const hub of touched) this.schedulePump(hub);
    this.armTimer();
  }

  schedulePump(hub: HubState): void {
    if (this.pumpScheduled.has(hub) || this.stopped) return;
    this.pumpScheduled.add(hub);
    setImmediate(() => {
      this.pumpScheduled.delete(hub);
      if (this.hubs.get(hub.name) === hub) this.pump(hub);
    });
  }

  /** Hands ready work to connected streams with free capacity, round-robin (protocol.md §2.2). */
  private pump(hub: HubState): void {
    if (hub.connections.size === 0) return;
    const connections = [...hub.connections];
    const pick = (
      kind: WorkItemKind,
      name: string,
      version: string | null,
    ): WorkerConnection | undefined => {
      for (let offset = 0; offset < connections.length; offset++) {
        const connection = connections[(hub.rotation + offset) % connections.length]!;
        if (connection.hasCapacity(kind) && connection.accepts(kind, name, version)) {
          hub.rotation = (hub.rotation + offset + 1) % connections.length;
          return connection;
        }
      }
      return undefined;
    };
    const anyCapacity = (kind: WorkItemKind): boolean =>
      connections.some((connection) => connection.hasCapacity(kind));

    // Deleting the visited element while iterating a Set is safe; dispatch removes it from the ready set.
    for (const instanceId of hub.readyOrchestrations) {
      if (!anyCapacity("orchestration")) break;
      const row = this.row(hub, instanceId);
      if (!row) {
        this.dropInbox(hub, instanceId);
        continue;
      }
      const connection = pick("orchestration", row.name, row.version);
      if (connection) this.dispatchOrchestration(hub, connection, instanceId);
    }

    if (hub.activities.length > 0 && anyCapacity("activity")) {
      const skipped: QueuedActivity[] = [];
      for (let activity = hub.activities.shift(); activity; activity = hub.activities.shift()) {
        const connection = pick(
          "activity",
          activity.request.getName(),
          activity.request.getVersion()?.getValue() ?? null,
        );
        if (!connection) {
          skipped.push(activity);
          if (!anyCapacity("activity")) break;
          continue;
        }
        this.dispatchActivity(hub, connection, activity);
        if (!anyCapacity("activity")) break;
      }
      for (let index = skipped.length - 1; index >= 0; index--)
        hub.activities.unshift(skipped[index]!);
    }

    for (const entityId of hub.readyEntities) {
      if (!anyCapacity("entity")) break;
      const connection = pick("entity", entityName(entityId), null);
      if (connection) this.entities.dispatch(hub, connection, entityId);
    }
  }

  private dropInbox(hub: HubState, instanceId: string): void {
    const inbox = hub.inboxes.get(instanceId) ?? [];
    if (inbox.length > 0) this.store.commit({ deleteInbox: inbox.map((message) => message.id) });
    hub.inboxes.delete(instanceId);
    hub.readyOrchestrations.delete(instanceId);
  }

  loadHistory(hub: HubState, cached: CachedInstance): Uint8Array[] {
    if (!cached.history) cached.history = this.store.readHistory(hub.name, cached.row.instanceId);
    return cached.history;
  }

  private dispatchOrchestration(
    hub: HubState,
    connection: WorkerConnection,
    instanceId: string,
  ): void {
    hub.readyOrchestrations.delete(instanceId);
    const row = this.row(hub, instanceId);
    const cached = hub.instances.get(instanceId) ?? (row ? { row } : undefined);
    const inbox = hub.inboxes.get(instanceId) ?? [];
    const now = this.clock.now();
    if (!row || !cached || isTerminal(row.status)) {
      this.dropInbox(hub, instanceId);
      if (row && isTerminal(row.status)) hub.instances.delete(instanceId);
      return;
    }
    const visible = inbox.filter((message) => message.visibleAt <= now);
    const stale = visible.filter(
      (message) => message.executionId !== null && message.executionId !== row.executionId,
    );
    const live = visible.filter((message) => !stale.includes(message));
    if (stale.length > 0) {
      this.store.commit({ deleteInbox: stale.map((message) => message.id) });
      hub.inboxes.set(
        instanceId,
        inbox.filter((message) => !stale.includes(message)),
      );
    }
    const history = this.loadHistory(hub, cached);
    hub.instances.set(instanceId, cached);
    // ExecutionStarted leads the episode; a nudge (OrchestratorStarted, after a rewind) carries no event.
    live.sort(
      (a, b) =>
        Number(b.event.hasExecutionstarted()) - Number(a.event.hasExecutionstarted()) ||
        a.id - b.id,
    );
    const carrying = live.filter((message) => !message.event.hasOrchestratorstarted());
    const events = carrying.map((message) => message.event);
    if (live.length === 0 || (history.length === 0 && !events[0]?.hasExecutionstarted())) return;
    if (!cached.executionStarted && history.length > 0) {
      cached.executionStarted = findExecutionStarted(history.map(decodeEvent));
    }
    const started = orchestratorStarted(now);
    const newEvents = [started, ...events];
    const newEventBytes = [started.serializeBinary(), ...carrying.map((message) => message.bytes)];
    for (const message of live) message.dequeueCount++;
    const token = `o${++this.tokenSequence}`;
    const item: OrchestrationInFlight = {
      kind: "orchestration",
      token,
      hub,
      connection,
      instanceId,
      executionId: row.executionId,
      messages: live,
      newEvents,
      newEventBytes,
      partialActions: [],
    };
    this.track(item);
    hub.busy.add(instanceId);
    connection.options.send(
      encodeOrchestratorWorkItem({
        instanceId,
        executionId: row.executionId,
        pastEvents: history,
        newEvents: newEventBytes,
        completionToken: token,
      }),
    );
  }

  private dispatchActivity(
    hub: HubState,
    connection: WorkerConnection,
    activity: QueuedActivity,
  ): void {
    const row = this.row(hub, activity.instanceId);
    if (!row || isTerminal(row.status) || row.executionId !== activity.executionId) {
      this.store.commit({ deleteActivities: [activity.id] });
      return;
    }
    activity.dequeueCount++;
    const token = `a${++this.tokenSequence}`;
    this.track({ kind: "activity", token, hub, connection, activity });
    connection.options.send(encodeActivityWorkItem(activity.requestBytes, token));
  }

  nextToken(prefix: string): string {
    return `${prefix}${++this.tokenSequence}`;
  }

  track(item: InFlight): void {
    this.inFlight.set(item.token, item);
    item.connection.tokens.add(item.token);
    item.connection.inFlight[item.kind]++;
  }

  // ---------------------------------------------------------------- lifecycle

  /** Rebuilds the hot state from the store (start-up after a clean stop or a crash, issue 4 §5). */
  private recover(): void {
    let messages = 0;
    for (const row of this.store.loadInbox()) {
      const hub = this.hubs.get(row.hub);
      if (!hub) continue;
      this.addMessage(hub, row.instanceId, {
        id: row.id,
        executionId: row.executionId,
        visibleAt: row.visibleAt,
        event: decodeEvent(row.event),
        bytes: row.event,
        dequeueCount: 0,
      });
      messages++;
    }
    for (const row of this.store.loadActivities()) {
      const hub = this.hubs.get(row.hub);
      if (!hub) continue;
      hub.activities.push({
        id: row.id,
        instanceId: row.instanceId,
        executionId: row.executionId,
        request: pb.ActivityRequest.deserializeBinary(row.request),
        requestBytes: row.request,
        dequeueCount: 0,
      });
    }
    for (const row of this.store.loadEntities()) {
      this.hubs.get(row.hub)?.entities.set(row.instanceId, row);
    }
    for (const hub of this.hubs.values()) {
      for (const instanceId of hub.inboxes.keys()) this.refresh(hub, instanceId);
    }
    if (messages > 0) this.logger.info({ messages }, "recovered queued messages from the store");
  }

  /** Stops timers and pumps; in-flight items are simply forgotten (they are re-queued from the store next start). */
  stop(): void {
    this.stopped = true;
    this.unsubscribeClock();
    if (this.timerHandle) clearTimeout(this.timerHandle);
    for (const hub of this.hubs.values()) {
      for (const waiters of hub.waiters.values()) for (const wake of waiters) wake();
    }
  }

  entityRow(hub: HubState, entityId: string): EntityRow | undefined {
    return hub.entities.get(entityId);
  }
}

function entityName(entityId: string): string {
  const end = entityId.indexOf("@", 1);
  return end < 0 ? entityId.slice(1) : entityId.slice(1, end);
}
