// Durable entities (docs/reference/sidecar.md "Entities"): V2 work items (`entityRequestV2`), FIFO per entity, one
// batch in flight per entity, DTFx-style sequential critical-section locks with `lockedBy` = the owning
// orchestration's id, responses routed to the caller by requestId, delayed signals, CleanEntityStorage.
import type { Logger } from "pino";
import type { Clock } from "../clock";
import type { IdGenerator } from "../ids";
import type { EntityRow, Store, StoreBatch } from "../store/store";
import type { ClientOperations, PreparedStart } from "./clientOperations";
import { isOperation, senderOf } from "./entityLocks";
import { engineErrors } from "./errors";
import { newEvent, stringValue, timestamp } from "./events";
import type { HubState, InboxMessage } from "./hubState";
import type { CompletionCaller, EntityInFlight, NewInFlight } from "./inFlight";
import { checkFailureDetails, checkInstanceId, checkName, checkPayload } from "./limits";
import type { OutgoingMessage } from "./step/types";
import type { EntityDelivery, HubLookup, InstanceRows, Messaging, WorkItems } from "./ports";
import { pb } from "./proto";
import { isTerminal } from "./status";
import type { WorkerConnection } from "./workers";

export interface SignalArgs {
  instanceId: string;
  operation: string;
  input?: string;
  requestId?: string;
  scheduledAt?: number;
}

export interface EntityQueryArgs {
  instanceIdStartsWith?: string;
  lastModifiedFrom?: number;
  lastModifiedTo?: number;
  includeTransient: boolean;
  pageSize?: number;
  continuationToken?: string;
}

export interface EntityView {
  row: EntityRow;
  backlog: number;
}

/** Entity ids are `@name@key` (docs/reference/sidecar.md "Entities"). */
export function checkEntityId(field: string, instanceId: string): void {
  if (!/^@[^@]+@.*$/s.test(instanceId)) {
    throw engineErrors.invalidArgument(
      `${field} "${instanceId}" is not an entity id of the form @name@key`,
    );
  }
  checkInstanceId(field, instanceId);
}

/** What the entity dispatcher uses. */
export interface EntityDispatcherDeps {
  store: Pick<Store, "commit">;
  clock: Clock;
  ids: Pick<IdGenerator, "requestId">;
  logger: Logger;
  hubs: HubLookup;
  instances: Pick<InstanceRows, "row" | "forgetInstance" | "notify">;
  messaging: Pick<Messaging, "enqueue" | "refresh" | "schedulePump">;
  workItems: Pick<WorkItems, "nextToken" | "track" | "takeInFlight" | "releaseItem" | "abandon">;
  /** Orchestrations an entity starts are validated like client starts and folded into the entity's batch. */
  starts: Pick<ClientOperations, "prepareStart">;
}

export class EntityDispatcher implements EntityDelivery {
  constructor(private readonly deps: EntityDispatcherDeps) {}

  signal(hubName: string, args: SignalArgs): void {
    const hub = this.deps.hubs.hub(hubName);
    checkEntityId("instanceId", args.instanceId);
    checkName("name (entity operation)", args.operation);
    checkPayload("input", args.input);
    const now = this.deps.clock.now();
    const body = new pb.EntityOperationSignaledEvent();
    body.setRequestid(args.requestId || this.deps.ids.requestId());
    body.setOperation(args.operation);
    body.setInput(stringValue(args.input));
    if (args.scheduledAt !== undefined && args.scheduledAt > now)
      body.setScheduledtime(timestamp(args.scheduledAt));
    body.setTargetinstanceid(stringValue(args.instanceId));
    const event = newEvent(now);
    event.setEntityoperationsignaled(body);
    this.deps.messaging.enqueue(hub, [
      {
        instanceId: args.instanceId,
        executionId: null,
        visibleAt: Math.max(now, args.scheduledAt ?? now),
        event,
      },
    ]);
  }

  get(hubName: string, instanceId: string): EntityView | undefined {
    const hub = this.deps.hubs.hub(hubName);
    const row = hub.entities.get(instanceId);
    if (!row || (row.state === null && row.lockedBy === null)) return undefined;
    return { row, backlog: hub.inboxes.get(instanceId)?.length ?? 0 };
  }

  query(
    hubName: string,
    args: EntityQueryArgs,
  ): { entities: EntityView[]; continuationToken?: string } {
    const hub = this.deps.hubs.hub(hubName);
    const prefix = args.instanceIdStartsWith ?? "";
    const rows = [...hub.entities.values()]
      .filter(
        (row) =>
          row.instanceId.startsWith(prefix) &&
          (args.includeTransient || row.state !== null) &&
          (args.lastModifiedFrom === undefined || row.lastModifiedAt >= args.lastModifiedFrom) &&
          (args.lastModifiedTo === undefined || row.lastModifiedAt < args.lastModifiedTo),
      )
      .sort((a, b) => (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : 0));
    const offset = args.continuationToken ? Number(args.continuationToken) : 0;
    if (!Number.isInteger(offset) || offset < 0) {
      throw engineErrors.invalidArgument(
        `continuationToken "${args.continuationToken}" is not a token returned by QueryEntities`,
      );
    }
    const pageSize = args.pageSize && args.pageSize > 0 ? args.pageSize : 100;
    const page = rows.slice(offset, offset + pageSize);
    return {
      entities: page.map((row) => ({ row, backlog: hub.inboxes.get(row.instanceId)?.length ?? 0 })),
      continuationToken: offset + pageSize < rows.length ? String(offset + pageSize) : undefined,
    };
  }

  /** CleanEntityStorage: drop stateless idle entities, release locks whose owner is gone or finished. */
  clean(
    hubName: string,
    options: { removeEmptyEntities: boolean; releaseOrphanedLocks: boolean },
  ): { emptyEntitiesRemoved: number; orphanedLocksReleased: number } {
    const hub = this.deps.hubs.hub(hubName);
    const batch: StoreBatch = { upsertEntities: [], deleteEntities: [] };
    let released = 0;
    let removed = 0;
    const now = this.deps.clock.now();
    for (const row of [...hub.entities.values()]) {
      let current = row;
      if (options.releaseOrphanedLocks && row.lockedBy !== null) {
        const owner = this.deps.instances.row(hub, row.lockedBy);
        if (!owner || isTerminal(owner.status)) {
          current = { ...row, lockedBy: null, lockCriticalSectionId: null, lastModifiedAt: now };
          batch.upsertEntities!.push(current);
          released++;
        }
      }
      const idle =
        !hub.busy.has(row.instanceId) && (hub.inboxes.get(row.instanceId)?.length ?? 0) === 0;
      if (
        options.removeEmptyEntities &&
        current.state === null &&
        current.lockedBy === null &&
        idle
      ) {
        batch.deleteEntities!.push({ hub: hub.name, instanceId: row.instanceId });
        removed++;
      }
    }
    this.deps.store.commit(batch);
    for (const row of batch.upsertEntities!) hub.entities.set(row.instanceId, row);
    for (const { instanceId } of batch.deleteEntities!) hub.entities.delete(instanceId);
    for (const row of batch.upsertEntities!) this.deps.messaging.refresh(hub, row.instanceId);
    this.deps.messaging.schedulePump(hub);
    return { emptyEntitiesRemoved: removed, orphanedLocksReleased: released };
  }

  purge(hub: HubState, instanceId: string): number {
    const row = hub.entities.get(instanceId);
    if (!row || hub.busy.has(instanceId)) return 0;
    const inbox = hub.inboxes.get(instanceId) ?? [];
    this.deps.store.commit({
      deleteEntities: [{ hub: hub.name, instanceId }],
      deleteInbox: inbox.map((message) => message.id),
    });
    hub.entities.delete(instanceId);
    hub.inboxes.delete(instanceId);
    hub.readyEntities.delete(instanceId);
    return 1;
  }

  dispatch(hub: HubState, connection: WorkerConnection, entityId: string): void {
    hub.readyEntities.delete(entityId);
    if (hub.busy.has(entityId)) return;
    const now = this.deps.clock.now();
    const inbox = hub.inboxes.get(entityId) ?? [];
    let row: EntityRow = hub.entities.get(entityId) ?? {
      hub: hub.name,
      instanceId: entityId,
      state: null,
      lockedBy: null,
      lockCriticalSectionId: null,
      lastModifiedAt: now,
    };
    const batch: InboxMessage[] = [];
    const handled: InboxMessage[] = [];
    const outgoing: OutgoingMessage[] = [];
    let rowChanged = false;
    for (const message of inbox) {
      if (message.visibleAt > now) continue;
      const event = message.event;
      const sender = senderOf(event);
      if (row.lockedBy !== null && sender !== row.lockedBy) continue;
      if (isOperation(event)) {
        batch.push(message);
        continue;
      }
      // Lock protocol messages are handled here; a batch stops at them so ordering is kept.
      if (batch.length > 0) break;
      const lock = event.getEntitylockrequested();
      const unlock = event.getEntityunlocksent();
      if (lock) {
        if (row.lockedBy !== null) continue;
        row = {
          ...row,
          lockedBy: sender ?? null,
          lockCriticalSectionId: lock.getCriticalsectionid(),
          lastModifiedAt: now,
        };
        rowChanged = true;
        const next = lock.getPosition() + 1;
        if (next < lock.getLocksetList().length) {
          const forwarded = pb.EntityLockRequestedEvent.deserializeBinary(lock.serializeBinary());
          forwarded.setPosition(next);
          const forwardEvent = newEvent(now);
          forwardEvent.setEntitylockrequested(forwarded);
          outgoing.push({
            instanceId: lock.getLocksetList()[next]!,
            executionId: null,
            visibleAt: now,
            event: forwardEvent,
          });
        } else if (sender) {
          const granted = new pb.EntityLockGrantedEvent();
          granted.setCriticalsectionid(lock.getCriticalsectionid());
          const grantedEvent = newEvent(now);
          grantedEvent.setEntitylockgranted(granted);
          outgoing.push({
            instanceId: sender,
            executionId: null,
            visibleAt: now,
            event: grantedEvent,
          });
        }
      } else if (unlock) {
        if (row.lockedBy !== null && row.lockedBy === sender) {
          row = { ...row, lockedBy: null, lockCriticalSectionId: null, lastModifiedAt: now };
          rowChanged = true;
        }
      }
      handled.push(message);
    }
    if (handled.length > 0) {
      this.commitEntity(hub, entityId, row, rowChanged, handled, outgoing);
    }
    if (batch.length === 0) {
      this.deps.messaging.refresh(hub, entityId);
      this.deps.messaging.schedulePump(hub);
      return;
    }
    for (const message of batch) message.dequeueCount++;
    const token = this.deps.workItems.nextToken();
    const item: NewInFlight<EntityInFlight> = {
      kind: "entity",
      token,
      hub,
      connection,
      instanceId: entityId,
      messages: batch,
    };
    this.deps.workItems.track(item);
    hub.busy.add(entityId);
    const request = new pb.EntityRequest();
    request.setInstanceid(entityId);
    request.setExecutionid("");
    const state = hub.entities.get(entityId)?.state ?? null;
    if (state !== null) request.setEntitystate(stringValue(state));
    request.setOperationrequestsList(batch.map((message) => message.event));
    const workItem = new pb.WorkItem();
    workItem.setEntityrequestv2(request);
    workItem.setCompletiontoken(token);
    connection.options.send(workItem);
  }

  complete(hubName: string, result: pb.EntityBatchResult, caller: CompletionCaller = {}): void {
    const item = this.deps.workItems.takeInFlight(
      hubName,
      result.getCompletiontoken(),
      "entity",
      caller,
    );
    const hub = item.hub;
    if (result.hasFailuredetails()) {
      // A batch-level failure is a framework error: abandon and retry (comment in JS _executeEntityInternal).
      this.deps.workItems.abandon(hubName, item.token, "entity", caller);
      return;
    }
    const state = result.hasEntitystate() ? (result.getEntitystate()?.getValue() ?? null) : null;
    checkPayload("entityState", state);
    result
      .getResultsList()
      .forEach((outcome, index) =>
        checkFailureDetails(
          `results[${index}].failure.failureDetails`,
          outcome.getFailure()?.getFailuredetails(),
        ),
      );
    result.getActionsList().forEach((action, index) => {
      checkName(`actions[${index}].sendSignal.name`, action.getSendsignal()?.getName());
      checkName(
        `actions[${index}].startNewOrchestration.name`,
        action.getStartneworchestration()?.getName(),
      );
    });
    const now = this.deps.clock.now();
    const results = result.getResultsList();
    const processed = item.messages.slice(0, results.length);
    const outgoing: OutgoingMessage[] = [];
    processed.forEach((message, index) => {
      const called = message.event.getEntityoperationcalled();
      const parentId = called?.getParentinstanceid()?.getValue();
      if (!called || !parentId) return;
      const outcome = results[index]!;
      const event = newEvent(now);
      const failure = outcome.getFailure();
      if (failure) {
        const body = new pb.EntityOperationFailedEvent();
        body.setRequestid(called.getRequestid());
        body.setFailuredetails(failure.getFailuredetails());
        event.setEntityoperationfailed(body);
      } else {
        const body = new pb.EntityOperationCompletedEvent();
        body.setRequestid(called.getRequestid());
        body.setOutput(outcome.getSuccess()?.getResult());
        event.setEntityoperationcompleted(body);
      }
      outgoing.push({ instanceId: parentId, executionId: null, visibleAt: now, event });
    });
    // Orchestrations the entity starts are committed in the entity's own batch (one transaction with its state
    // and the messages it sends): a crash can never keep the new state but lose the start, or the reverse.
    const starts: PreparedStart[] = [];
    const claimed = new Set<string>();
    for (const action of result.getActionsList()) {
      const signal = action.getSendsignal();
      const start = action.getStartneworchestration();
      if (signal) {
        checkPayload("actions.sendSignal.input", signal.getInput()?.getValue());
        const body = new pb.EntityOperationSignaledEvent();
        body.setRequestid(this.deps.ids.requestId());
        body.setOperation(signal.getName());
        body.setInput(signal.getInput());
        body.setScheduledtime(signal.getScheduledtime());
        body.setTargetinstanceid(stringValue(signal.getInstanceid()));
        const event = newEvent(now);
        event.setEntityoperationsignaled(body);
        const scheduled = signal.getScheduledtime();
        const at = scheduled
          ? scheduled.getSeconds() * 1000 + Math.floor(scheduled.getNanos() / 1e6)
          : now;
        outgoing.push({
          instanceId: signal.getInstanceid(),
          executionId: null,
          visibleAt: Math.max(now, at),
          event,
        });
      } else if (start) {
        try {
          starts.push(
            this.deps.starts.prepareStart(
              hub,
              {
                instanceId: start.getInstanceid() || undefined,
                name: start.getName(),
                version: start.getVersion()?.getValue(),
                input: start.getInput()?.getValue(),
                scheduledStartAt: start.getScheduledtime()
                  ? start.getScheduledtime()!.getSeconds() * 1000
                  : undefined,
              },
              claimed,
            ),
          );
        } catch (error) {
          this.deps.logger.warn(
            { err: error, entity: item.instanceId },
            "entity could not start an orchestration",
          );
        }
      }
    }
    this.deps.workItems.releaseItem(item);
    const previous = hub.entities.get(item.instanceId);
    const row: EntityRow = {
      hub: hub.name,
      instanceId: item.instanceId,
      state,
      lockedBy: previous?.lockedBy ?? null,
      lockCriticalSectionId: previous?.lockCriticalSectionId ?? null,
      lastModifiedAt: now,
    };
    this.commitEntity(hub, item.instanceId, row, true, processed, outgoing, starts);
    hub.countCompleted(now);
    this.deps.messaging.refresh(hub, item.instanceId);
    this.deps.messaging.schedulePump(hub);
  }

  /**
   * One transaction: consume `consumed`, store the entity row (stateless & unlocked → deleted), route messages and
   * create the orchestrations the entity started (replacing terminal ones with the same id).
   */
  private commitEntity(
    hub: HubState,
    entityId: string,
    row: EntityRow,
    rowChanged: boolean,
    consumed: InboxMessage[],
    outgoing: OutgoingMessage[],
    starts: PreparedStart[] = [],
  ): void {
    const remove = row.state === null && row.lockedBy === null;
    const batch: StoreBatch = { deleteInbox: consumed.map((message) => message.id) };
    if (rowChanged) {
      if (remove) batch.deleteEntities = [{ hub: hub.name, instanceId: entityId }];
      else batch.upsertEntities = [row];
    }
    const replaced = starts.filter((start) => start.replace);
    if (replaced.length > 0) {
      batch.deleteInstances = replaced.map((start) => ({
        hub: hub.name,
        instanceId: start.row.instanceId,
      }));
    }
    if (starts.length > 0) batch.upsertInstances = starts.map((start) => start.row);
    // The store deletes replaced instances before inserting rows and messages; the hot state mirrors that order.
    for (const start of replaced) this.deps.instances.forgetInstance(hub, start.row.instanceId);
    for (const start of starts) {
      hub.instances.set(start.row.instanceId, { row: start.row, history: [] });
    }
    const ids = new Set(batch.deleteInbox);
    this.deps.messaging.enqueue(
      hub,
      [
        ...outgoing,
        ...starts.map((start) => ({
          instanceId: start.row.instanceId,
          executionId: null,
          visibleAt: start.visibleAt,
          event: start.started,
        })),
      ],
      batch,
    );
    for (const start of starts) this.deps.instances.notify(hub, start.row.instanceId);
    hub.inboxes.set(
      entityId,
      (hub.inboxes.get(entityId) ?? []).filter((message) => !ids.has(message.id)),
    );
    if (rowChanged) {
      if (remove) hub.entities.delete(entityId);
      else hub.entities.set(entityId, row);
    }
  }
}
