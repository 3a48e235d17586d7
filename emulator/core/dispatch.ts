// Dispatch: worker streams, the in-memory queues and the hand-off of ready work to streams with free capacity,
// round-robin, one work item in flight per orchestration or entity (docs/reference/sidecar.md "Work-item
// dispatch"). Also the way back: a stream that ends re-queues what it held, Abandon* re-queues with a backoff, and
// an item whose lease runs out is re-queued by the leases (leases.ts).
import type { Logger } from "pino";
import type { Clock } from "../clock";
import type { IdGenerator } from "../ids";
import type { Store, StoreBatch } from "../store/store";
import { decodeEvent, orchestratorStarted } from "./events";
import type { HubState, InboxMessage, QueuedActivity } from "./hubState";
import type {
  CompletionCaller,
  InFlight,
  InFlightItems,
  NewInFlight,
  OrchestrationInFlight,
  RetiredReason,
} from "./inFlight";
import type { WorkItemLeases } from "./leases";
import { findExecutionStarted, type OutgoingMessage } from "./step/types";
import type { EntityDelivery, HubLookup, InstanceRows, Messaging, WorkItems } from "./ports";
import type { Readiness } from "./readiness";
import { isTerminal } from "./status";
import { encodeActivityWorkItem, encodeOrchestratorWorkItem } from "./wire";
import { WorkerConnection, type WorkItemKind, type WorkerConnectionOptions } from "./workers";

const MAX_ABANDON_DELAY_MS = 5 * 60 * 1000;

export interface DispatcherOptions {
  store: Pick<Store, "commit">;
  clock: Clock;
  ids: Pick<IdGenerator, "completionToken">;
  logger: Logger;
  hubs: HubLookup & { find(name: string): HubState | undefined };
  instances: InstanceRows;
  readiness: Pick<Readiness, "refresh" | "delayActivity">;
  inFlight: InFlightItems;
  leases: Pick<WorkItemLeases, "leaseEnd" | "arm">;
  entities: EntityDelivery;
}

export class Dispatcher implements Messaging, WorkItems {
  private readonly pumpScheduled = new Set<HubState>();
  private connectionSequence = 0;
  private stopped = false;

  constructor(private readonly options: DispatcherOptions) {}

  // ---------------------------------------------------------------- worker streams

  connectWorker(options: WorkerConnectionOptions): WorkerConnection {
    const hub = this.options.hubs.hub(options.hub);
    const connection = new WorkerConnection(
      `w${++this.connectionSequence}`,
      this.options.clock.now(),
      options,
    );
    hub.connections.add(connection);
    this.options.logger.debug(
      { hub: hub.name, workerId: options.workerId, connection: connection.id },
      "worker connected",
    );
    this.schedulePump(hub);
    return connection;
  }

  /** Stream ended: every item still in flight on it is re-queued. */
  disconnectWorker(connection: WorkerConnection): void {
    connection.closed = true;
    const hub = this.options.hubs.find(connection.options.hub);
    if (!hub) return;
    hub.connections.delete(connection);
    for (const token of [...connection.tokens]) {
      const item = this.options.inFlight.get(token);
      if (item) this.requeue(item, 0, "redelivered because its GetWorkItems stream ended");
    }
    this.options.logger.debug({ hub: hub.name, connection: connection.id }, "worker disconnected");
    this.schedulePump(hub);
  }

  // ---------------------------------------------------------------- in-flight items

  nextToken(): string {
    return this.options.ids.completionToken();
  }

  track(item: NewInFlight): void {
    this.options.inFlight.track({ ...item, leaseExpiresAt: this.options.leases.leaseEnd() });
    this.options.leases.arm();
  }

  takeInFlight<K extends InFlight["kind"]>(
    hubName: string,
    token: string,
    kind: K,
    caller?: CompletionCaller,
  ): Extract<InFlight, { kind: K }> {
    return this.options.inFlight.take(hubName, token, kind, caller);
  }

  releaseItem(item: InFlight, reason?: RetiredReason): void {
    this.options.inFlight.release(item, reason);
  }

  /** Abandon*: re-queue with a linear backoff of one second per delivery, capped at 5 minutes. */
  abandon(hubName: string, token: string, kind: WorkItemKind, caller?: CompletionCaller): void {
    const item = this.options.inFlight.take(hubName, token, kind, caller);
    const deliveries =
      item.kind === "activity"
        ? item.activity.dequeueCount
        : Math.max(1, ...item.messages.map((m) => m.dequeueCount));
    this.requeue(item, Math.min(deliveries * 1000, MAX_ABANDON_DELAY_MS), "abandoned");
  }

  requeue(item: InFlight, delayMs: number, reason: RetiredReason = "abandoned"): void {
    this.releaseItem(item, reason);
    const hub = item.hub;
    switch (item.kind) {
      case "activity":
        if (delayMs > 0) {
          this.options.readiness.delayActivity(
            hub,
            item.activity,
            this.options.clock.now() + delayMs,
          );
          return;
        }
        hub.activities.unshift(item.activity);
        break;
      case "orchestration":
      case "entity":
        if (delayMs > 0) {
          const visibleAt = this.options.clock.now() + delayMs;
          const ids = item.messages.map((message) => message.id);
          this.options.store.commit({ delayInbox: [{ ids, visibleAt }] });
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

  // ---------------------------------------------------------------- messages

  enqueue(hub: HubState, messages: OutgoingMessage[], extra: StoreBatch = {}): void {
    const encoded = messages.map((message) => message.event.serializeBinary());
    const result = this.options.store.commit({
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

  refresh(hub: HubState, instanceId: string): void {
    this.options.readiness.refresh(hub, instanceId);
  }

  // ---------------------------------------------------------------- the pump

  schedulePump(hub: HubState): void {
    if (this.pumpScheduled.has(hub) || this.stopped) return;
    this.pumpScheduled.add(hub);
    setImmediate(() => {
      this.pumpScheduled.delete(hub);
      if (this.options.hubs.find(hub.name) === hub) this.pump(hub);
    });
  }

  stop(): void {
    this.stopped = true;
  }

  /** Hands ready work to connected streams with free capacity, round-robin. */
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
      const row = this.options.instances.row(hub, instanceId);
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
      if (connection) this.options.entities.dispatch(hub, connection, entityId);
    }
  }

  private dropInbox(hub: HubState, instanceId: string): void {
    const inbox = hub.inboxes.get(instanceId) ?? [];
    if (inbox.length > 0)
      this.options.store.commit({ deleteInbox: inbox.map((message) => message.id) });
    hub.inboxes.delete(instanceId);
    hub.readyOrchestrations.delete(instanceId);
  }

  private dispatchOrchestration(
    hub: HubState,
    connection: WorkerConnection,
    instanceId: string,
  ): void {
    hub.readyOrchestrations.delete(instanceId);
    const row = this.options.instances.row(hub, instanceId);
    const cached = hub.instances.get(instanceId) ?? (row ? { row } : undefined);
    const inbox = hub.inboxes.get(instanceId) ?? [];
    const now = this.options.clock.now();
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
      this.options.store.commit({ deleteInbox: stale.map((message) => message.id) });
      hub.inboxes.set(
        instanceId,
        inbox.filter((message) => !stale.includes(message)),
      );
    }
    const history = this.options.instances.loadHistory(hub, cached);
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
    const token = this.nextToken();
    const item: NewInFlight<OrchestrationInFlight> = {
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
    const row = this.options.instances.row(hub, activity.instanceId);
    if (!row || isTerminal(row.status) || row.executionId !== activity.executionId) {
      this.options.store.commit({ deleteActivities: [activity.id] });
      return;
    }
    activity.dequeueCount++;
    const token = this.nextToken();
    this.track({ kind: "activity", token, hub, connection, activity });
    connection.options.send(encodeActivityWorkItem(activity.requestBytes, token));
  }
}

function entityName(entityId: string): string {
  const end = entityId.indexOf("@", 1);
  return end < 0 ? entityId.slice(1) : entityId.slice(1, end);
}
