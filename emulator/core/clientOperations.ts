// Client operations on orchestrations (docs/reference/sidecar.md "Client operations and inbox events"): start
// (with the ID reuse policy), raise event, terminate, suspend/resume, restart, rewind and the admin
// force-terminate. Each validates first and changes durable state in ONE store commit through the message plumbing
// (enqueue/commit), so a rejected call stores nothing.
import type { Clock } from "../clock";
import type { IdGenerator } from "../ids";
import type { InstanceRow, NewInboxRow, Store, StoreBatch } from "../store/store";
import { engineErrors } from "./errors";
import {
  copyMap,
  eventRaised,
  executionResumed,
  executionSuspended,
  executionTerminated,
  newEvent,
  stringValue,
  timestamp,
} from "./events";
import type { HubState } from "./hubState";
import { checkName, checkOrchestrationInstanceId, checkPayload, checkTags } from "./limits";
import type { InstanceRows, Messaging } from "./ports";
import { pb } from "./proto";
import { Status, TERMINAL_STATUSES, isTerminal, statusName } from "./status";

export interface StartOrchestrationArgs {
  instanceId?: string;
  name: string;
  version?: string;
  input?: string;
  scheduledStartAt?: number;
  tags?: Record<string, string>;
  parentTraceContext?: pb.TraceContext;
  /** `OrchestrationIdReusePolicy.replaceableStatus`; undefined = no policy sent. */
  replaceableStatuses?: number[];
}

/** A validated start not yet committed (`Engine.prepareStart`). */
export interface PreparedStart {
  row: InstanceRow;
  started: pb.HistoryEvent;
  /** When the ExecutionStarted message becomes deliverable (the scheduled start time, or now). */
  visibleAt: number;
  /** An existing terminal instance with this id is replaced (deleted in the same batch). */
  replace: boolean;
}

/** What client operations use: one store commit per call, instance rows, and the message plumbing. */
export interface ClientOperationsDeps {
  store: Pick<Store, "commit">;
  clock: Clock;
  ids: Pick<IdGenerator, "executionId" | "instanceId">;
  instances: InstanceRows;
  messaging: Pick<Messaging, "enqueue" | "addMessage" | "refresh" | "schedulePump">;
}

export class ClientOperations {
  constructor(private readonly deps: ClientOperationsDeps) {}

  startOrchestration(hub: HubState, args: StartOrchestrationArgs): string {
    const start = this.prepareStart(hub, args);
    this.commitStart(hub, start.row, start.started, start.visibleAt, start.replace);
    return start.row.instanceId;
  }

  /**
   * Validates a start and builds its instance row and ExecutionStarted event without committing anything, so a
   * caller (an entity batch) can fold it into its own atomic store batch. `claimed` holds instance ids already
   * started in that batch: starting one twice is refused like an existing running instance.
   */
  prepareStart(hub: HubState, args: StartOrchestrationArgs, claimed?: Set<string>): PreparedStart {
    const instanceId = args.instanceId || this.deps.ids.instanceId();
    checkOrchestrationInstanceId("instanceId", instanceId);
    if (!args.name) throw engineErrors.invalidArgument("name: an orchestration name is required");
    checkName("name", args.name);
    checkName("version", args.version);
    checkPayload("input", args.input);
    checkTags("tags", args.tags);
    const now = this.deps.clock.now();
    const existing = this.deps.instances.row(hub, instanceId);
    let replace = false;
    if (args.replaceableStatuses) validateReusePolicy(args.replaceableStatuses);
    if (claimed?.has(instanceId)) {
      throw engineErrors.alreadyExists(
        `An orchestration with instance ID '${instanceId}' is already being started in this batch`,
      );
    }
    if (existing) {
      const replaceable = args.replaceableStatuses ?? TERMINAL_STATUSES;
      if (!replaceable.includes(existing.status)) {
        throw engineErrors.alreadyExists(
          `An orchestration with instance ID '${instanceId}' already exists and is ${statusName(existing.status)}`,
        );
      }
      replace = true;
    }
    const executionId = this.deps.ids.executionId();
    const scheduledStartAt =
      args.scheduledStartAt !== undefined && args.scheduledStartAt > now
        ? args.scheduledStartAt
        : null;
    const row: InstanceRow = {
      hub: hub.name,
      instanceId,
      executionId,
      name: args.name,
      version: args.version ?? null,
      status: Status.ORCHESTRATION_STATUS_PENDING,
      createdAt: now,
      lastUpdatedAt: now,
      completedAt: null,
      scheduledStartAt,
      input: args.input ?? null,
      output: null,
      customStatus: null,
      failureDetails: null,
      parentInstanceId: null,
      tags: args.tags && Object.keys(args.tags).length > 0 ? { ...args.tags } : null,
    };
    const started = this.executionStartedEvent(now, row, args.parentTraceContext);
    claimed?.add(instanceId);
    return { row, started, visibleAt: scheduledStartAt ?? now, replace };
  }

  executionStartedEvent(
    now: number,
    row: InstanceRow,
    traceContext?: pb.TraceContext,
  ): pb.HistoryEvent {
    const body = new pb.ExecutionStartedEvent();
    body.setName(row.name);
    body.setVersion(stringValue(row.version));
    body.setInput(stringValue(row.input));
    const instance = new pb.OrchestrationInstance();
    instance.setInstanceid(row.instanceId);
    instance.setExecutionid(stringValue(row.executionId));
    body.setOrchestrationinstance(instance);
    if (row.scheduledStartAt !== null)
      body.setScheduledstarttimestamp(timestamp(row.scheduledStartAt));
    body.setParenttracecontext(traceContext);
    copyMap(body.getTagsMap(), Object.entries(row.tags ?? {}));
    const event = newEvent(now);
    event.setExecutionstarted(body);
    return event;
  }

  commitStart(
    hub: HubState,
    row: InstanceRow,
    started: pb.HistoryEvent,
    visibleAt: number,
    replace: boolean,
  ): void {
    const bytes = started.serializeBinary();
    const message: NewInboxRow = {
      hub: hub.name,
      instanceId: row.instanceId,
      executionId: null,
      visibleAt,
      event: bytes,
    };
    const result = this.deps.store.commit({
      deleteInstances: replace ? [{ hub: hub.name, instanceId: row.instanceId }] : undefined,
      upsertInstances: [row],
      insertInbox: [message],
    });
    if (replace) this.deps.instances.forgetInstance(hub, row.instanceId);
    hub.instances.set(row.instanceId, { row, history: [] });
    this.deps.messaging.addMessage(hub, row.instanceId, {
      id: result.inboxIds[0]!,
      executionId: null,
      visibleAt,
      event: started,
      bytes,
      dequeueCount: 0,
    });
    this.deps.messaging.refresh(hub, row.instanceId);
    this.deps.instances.notify(hub, row.instanceId);
    this.deps.messaging.schedulePump(hub);
  }

  /** RaiseEvent: queued even before the instance starts; dropped for terminal instances. */
  raiseEvent(hub: HubState, instanceId: string, name: string, input: string | undefined): void {
    checkName("name", name);
    checkPayload("input", input);
    const row = this.deps.instances.requireRow(hub, instanceId);
    if (isTerminal(row.status)) return;
    this.deps.messaging.enqueue(hub, [
      {
        instanceId,
        executionId: null,
        visibleAt: this.deps.clock.now(),
        event: eventRaised(this.deps.clock.now(), name, input),
      },
    ]);
  }

  terminate(
    hub: HubState,
    instanceId: string,
    output: string | undefined,
    recursive: boolean,
  ): void {
    checkPayload("output", output);
    const row = this.deps.instances.requireRow(hub, instanceId);
    if (isTerminal(row.status)) return;
    const now = this.deps.clock.now();
    // A not-yet-due scheduled start is made due so that the SDK sees ExecutionStarted + ExecutionTerminated.
    const pendingStart = (hub.inboxes.get(instanceId) ?? []).filter(
      (message) => message.event.hasExecutionstarted() && message.visibleAt > now,
    );
    const batch: StoreBatch = {};
    if (pendingStart.length > 0) {
      batch.delayInbox = [{ ids: pendingStart.map((message) => message.id), visibleAt: now }];
      for (const message of pendingStart) message.visibleAt = now;
    }
    this.deps.messaging.enqueue(
      hub,
      [
        {
          instanceId,
          executionId: null,
          visibleAt: now,
          event: executionTerminated(now, output, recursive),
        },
      ],
      batch,
    );
  }

  suspend(hub: HubState, instanceId: string, reason: string | undefined): void {
    checkPayload("reason", reason);
    const row = this.deps.instances.requireRow(hub, instanceId);
    if (isTerminal(row.status) || row.status === Status.ORCHESTRATION_STATUS_SUSPENDED) return;
    const now = this.deps.clock.now();
    this.deps.messaging.enqueue(hub, [
      { instanceId, executionId: null, visibleAt: now, event: executionSuspended(now, reason) },
    ]);
  }

  resume(hub: HubState, instanceId: string, reason: string | undefined): void {
    checkPayload("reason", reason);
    const row = this.deps.instances.requireRow(hub, instanceId);
    if (isTerminal(row.status)) return;
    const now = this.deps.clock.now();
    this.deps.messaging.enqueue(hub, [
      { instanceId, executionId: null, visibleAt: now, event: executionResumed(now, reason) },
    ]);
  }

  /** RestartInstance: re-create with the original name, input and version; PENDING before returning. */
  restart(hub: HubState, instanceId: string, withNewInstanceId: boolean): string {
    const row = this.deps.instances.requireRow(hub, instanceId);
    if (!isTerminal(row.status) && !withNewInstanceId) {
      throw engineErrors.failedPrecondition(
        `orchestration '${instanceId}' is ${statusName(row.status)}; only a terminal instance can be restarted with the same instance ID`,
      );
    }
    const now = this.deps.clock.now();
    const targetId = withNewInstanceId ? this.deps.ids.instanceId() : instanceId;
    const fresh: InstanceRow = {
      ...row,
      instanceId: targetId,
      executionId: this.deps.ids.executionId(),
      status: Status.ORCHESTRATION_STATUS_PENDING,
      createdAt: now,
      lastUpdatedAt: now,
      completedAt: null,
      scheduledStartAt: null,
      output: null,
      customStatus: null,
      failureDetails: null,
      parentInstanceId: null,
    };
    this.commitStart(hub, fresh, this.executionStartedEvent(now, fresh), now, !withNewInstanceId);
    return targetId;
  }

  /** RewindInstance: RUNNING before returning, then [OrchestratorStarted, ExecutionRewound] is dispatched. */
  rewind(hub: HubState, instanceId: string, reason: string | undefined): void {
    checkPayload("reason", reason);
    const row = this.deps.instances.requireRow(hub, instanceId);
    if (row.status !== Status.ORCHESTRATION_STATUS_FAILED) {
      throw engineErrors.failedPrecondition(
        `orchestration '${instanceId}' is ${statusName(row.status)}; only a Failed instance can be rewound`,
      );
    }
    this.rewindRow(hub, row, reason);
  }

  rewindRow(hub: HubState, row: InstanceRow, reason: string | undefined): void {
    const now = this.deps.clock.now();
    const updated: InstanceRow = {
      ...row,
      status: Status.ORCHESTRATION_STATUS_RUNNING,
      output: null,
      failureDetails: null,
      completedAt: null,
      lastUpdatedAt: now,
    };
    const body = new pb.ExecutionRewoundEvent();
    body.setReason(stringValue(reason));
    const event = newEvent(now);
    event.setExecutionrewound(body);
    const cached = hub.instances.get(row.instanceId);
    hub.instances.set(row.instanceId, { row: updated, history: cached?.history });
    this.deps.messaging.enqueue(
      hub,
      [{ instanceId: row.instanceId, executionId: null, visibleAt: now, event }],
      {
        upsertInstances: [updated],
      },
    );
    this.deps.instances.notify(hub, row.instanceId);
  }

  /**
   * SkipGracefulOrchestrationTerminations (DTS admin op): terminate without a worker episode. Returns false when
   * the instance is missing, already terminal or has a work item in flight.
   */
  forceTerminate(hub: HubState, instanceId: string, reason: string | undefined): boolean {
    checkPayload("reason", reason);
    const row = this.deps.instances.row(hub, instanceId);
    if (!row || isTerminal(row.status) || hub.busy.has(instanceId)) return false;
    const now = this.deps.clock.now();
    const cached = hub.instances.get(instanceId) ?? { row };
    const history = this.deps.instances.loadHistory(hub, cached);
    const completed = new pb.ExecutionCompletedEvent();
    completed.setOrchestrationstatus(Status.ORCHESTRATION_STATUS_TERMINATED);
    completed.setResult(stringValue(reason));
    const event = newEvent(now);
    event.setExecutioncompleted(completed);
    const updated: InstanceRow = {
      ...row,
      status: Status.ORCHESTRATION_STATUS_TERMINATED,
      output: reason ?? null,
      completedAt: now,
      lastUpdatedAt: now,
    };
    const inbox = hub.inboxes.get(instanceId) ?? [];
    this.deps.store.commit({
      upsertInstances: [updated],
      appendHistory: [
        { hub: hub.name, instanceId, startSeq: history.length, events: [event.serializeBinary()] },
      ],
      deleteInbox: inbox.map((message) => message.id),
    });
    this.deps.instances.forgetInstance(hub, instanceId);
    this.deps.instances.notify(hub, instanceId);
    return true;
  }
}

/** Invalid reuse policies are rejected as DTS does (docs/reference/sidecar.md "Client operations and inbox events"). */
export function validateReusePolicy(replaceable: number[]): void {
  const active = [
    Status.ORCHESTRATION_STATUS_RUNNING,
    Status.ORCHESTRATION_STATUS_PENDING,
    Status.ORCHESTRATION_STATUS_SUSPENDED,
  ];
  if (
    active.some((status) => replaceable.includes(status)) &&
    !replaceable.includes(Status.ORCHESTRATION_STATUS_TERMINATED)
  ) {
    throw engineErrors.invalidArgument(
      "orchestrationIdReusePolicy: Invalid reusable statuses: cannot exclude 'Terminated' while also allowing reuse of running instances",
    );
  }
}
