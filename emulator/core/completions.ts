// Work item completions (docs/reference/sidecar.md "Work-item dispatch"): an orchestrator response becomes ONE
// store commit (history append, the messages it sends, activities it schedules, status) via the pure
// orchestrationStep; an activity response becomes the TaskCompleted/TaskFailed message to its orchestration. A
// completion whose token names no item in flight (unknown, retired, another channel) is refused by InFlightItems
// and changes nothing; one for an execution that has since been replaced is acknowledged and dropped. Neither is
// ever applied twice.
import type { Logger } from "pino";
import type { Clock } from "../clock";
import type { IdGenerator } from "../ids";
import type { InstanceRow, Store, StoreBatch } from "../store/store";
import type { ClientOperations } from "./clientOperations";
import {
  decodeEvent,
  mapToRecord,
  orchestratorStarted,
  stringValue,
  taskCompleted,
  taskFailed,
} from "./events";
import type { CachedInstance, HubState, InboxMessage } from "./hubState";
import { engineErrors } from "./errors";
import type { CompletionCaller, OrchestrationInFlight } from "./inFlight";
import { checkFailureDetails, checkPayload } from "./limits";
import { applyOrchestrationStep } from "./orchestrationStep";
import { findExecutionStarted, type OutgoingMessage, type StepOutput } from "./step/types";
import type { InstanceRows, Messaging, WorkItems } from "./ports";
import { pb } from "./proto";
import { Status, isTerminal } from "./status";

/** What completions use: the store, instance rows, the message plumbing and the in-flight items. */
export interface WorkItemCompletionsDeps {
  store: Pick<Store, "commit">;
  clock: Clock;
  ids: Pick<IdGenerator, "executionId">;
  logger: Logger;
  instances: InstanceRows;
  messaging: Pick<Messaging, "addMessage" | "refresh" | "schedulePump">;
  workItems: Pick<WorkItems, "takeInFlight" | "releaseItem" | "requeue">;
  /** Restarting (continue-as-new) and rewinding a child reuse the client operations' building blocks. */
  operations: Pick<ClientOperations, "rewindRow" | "executionStartedEvent" | "commitStart">;
}

export class WorkItemCompletions {
  constructor(private readonly deps: WorkItemCompletionsDeps) {}

  completeOrchestration(
    hubName: string,
    response: pb.OrchestratorResponse,
    caller: CompletionCaller = {},
  ): void {
    const item = this.deps.workItems.takeInFlight(
      hubName,
      response.getCompletiontoken(),
      "orchestration",
      caller,
    );
    if (item.instanceId !== response.getInstanceid()) {
      throw engineErrors.failedPrecondition(
        `instanceId '${response.getInstanceid()}' does not match the work item of this completionToken (instance '${item.instanceId}').`,
      );
    }
    if (response.getIspartial()) {
      // .NET chunked completion (`isPartial`): accumulate, apply atomically with the final chunk.
      item.partialActions.push(...response.getActionsList());
      return;
    }
    const hub = item.hub;
    const cached = hub.instances.get(item.instanceId);
    if (!cached || cached.row.executionId !== item.executionId) {
      this.deps.workItems.releaseItem(item);
      this.deps.messaging.refresh(hub, item.instanceId);
      this.deps.messaging.schedulePump(hub);
      return;
    }
    if (response.getRequireshistory()) {
      // We always send the full history; "requires history" means: deliver again.
      this.deps.workItems.requeue(item, 0);
      return;
    }
    const processed = processedMessages(item, response.getNumeventsprocessed()?.getValue());
    const now = this.deps.clock.now();
    const step = applyOrchestrationStep({
      now,
      newExecutionId: () => this.deps.ids.executionId(),
      row: cached.row,
      executionStarted: cached.executionStarted,
      pastEvents: () => (cached.history ?? []).map(decodeEvent),
      newEvents: item.newEvents.slice(0, processed.eventCount),
      actions: [...item.partialActions, ...response.getActionsList()],
      customStatus: response.getCustomstatus(),
      lookup: (instanceId) => this.deps.instances.row(hub, instanceId),
    });
    this.deps.workItems.releaseItem(item);
    this.commitStep(
      hub,
      cached,
      processed.messages,
      item.newEventBytes.slice(0, processed.eventCount),
      step,
      now,
    );
  }

  private commitStep(
    hub: HubState,
    cached: CachedInstance,
    processed: InboxMessage[],
    newEventBytes: Uint8Array[],
    step: StepOutput,
    now: number,
  ): void {
    const instanceId = cached.row.instanceId;
    const pastLength = cached.history?.length ?? 0;
    const replacedChildren = step.createdInstances.filter(
      (child) => this.deps.instances.row(hub, child.instanceId) !== undefined,
    );
    const messages: OutgoingMessage[] = [...step.messages];
    const processedIds = new Set(processed.map((message) => message.id));
    const inbox = hub.inboxes.get(instanceId) ?? [];
    let carriedOver: InboxMessage[] = [];
    if (step.continuedAsNew) {
      // Carry-over events first, then what arrived meanwhile; old-execution timers are dropped.
      carriedOver = inbox.filter((message) => !processedIds.has(message.id));
      for (const message of carriedOver) {
        if (message.executionId === null) {
          messages.push({
            instanceId,
            executionId: null,
            visibleAt: message.visibleAt,
            event: message.event,
          });
        }
      }
    }
    if (step.rewound) {
      // Dispatch again with just [OrchestratorStarted] so normal replay reschedules the failed work.
      messages.push({
        instanceId,
        executionId: null,
        visibleAt: now,
        event: orchestratorStarted(now),
      });
    }
    // The episode's new events are appended first and already serialized; encode only the action events.
    const encoded =
      step.history.mode === "append"
        ? [
            ...newEventBytes,
            ...step.history.events
              .slice(newEventBytes.length)
              .map((event) => event.serializeBinary()),
          ]
        : step.history.events.map((event) => event.serializeBinary());
    const messageBytes = messages.map((message) => message.event.serializeBinary());
    const activityBytes = step.activities.map((activity) => activity.request.serializeBinary());
    const batch: StoreBatch = {
      deleteInstances: replacedChildren.map((child) => ({
        hub: hub.name,
        instanceId: child.instanceId,
      })),
      upsertInstances: [step.row, ...step.createdInstances],
      deleteInbox: [...processedIds, ...carriedOver.map((message) => message.id)],
      insertInbox: messages.map((message, index) => ({
        hub: hub.name,
        instanceId: message.instanceId,
        executionId: message.executionId,
        visibleAt: message.visibleAt,
        event: messageBytes[index]!,
      })),
      insertActivities: step.activities.map((activity, index) => ({
        hub: hub.name,
        instanceId,
        executionId: activity.executionId,
        request: activityBytes[index]!,
      })),
    };
    if (step.history.mode === "replace") {
      batch.replaceHistory = [{ hub: hub.name, instanceId, events: encoded }];
    } else {
      batch.appendHistory = [{ hub: hub.name, instanceId, startSeq: pastLength, events: encoded }];
    }
    const result = this.deps.store.commit(batch);

    cached.row = step.row;
    cached.history =
      step.history.mode === "replace" ? encoded : (cached.history ?? []).concat(encoded);
    if (step.history.mode === "replace" || !cached.executionStarted) {
      cached.executionStarted = findExecutionStarted(step.history.events);
    }
    const removed = new Set([...processedIds, ...carriedOver.map((message) => message.id)]);
    hub.inboxes.set(
      instanceId,
      inbox.filter((message) => !removed.has(message.id)),
    );
    for (const child of replacedChildren) this.deps.instances.forgetInstance(hub, child.instanceId);
    for (const child of step.createdInstances)
      hub.instances.set(child.instanceId, { row: child, history: [] });
    const targets = new Set<string>([instanceId]);
    messages.forEach((message, index) => {
      this.deps.messaging.addMessage(hub, message.instanceId, {
        id: result.inboxIds[index]!,
        executionId: message.executionId,
        visibleAt: message.visibleAt,
        event: message.event,
        bytes: messageBytes[index]!,
        dequeueCount: 0,
      });
      targets.add(message.instanceId);
    });
    step.activities.forEach((activity, index) => {
      hub.activities.push({
        id: result.activityIds[index]!,
        instanceId,
        executionId: activity.executionId,
        request: activity.request,
        requestBytes: activityBytes[index]!,
        dequeueCount: 0,
      });
    });
    hub.countCompleted(now);
    for (const target of targets) this.deps.messaging.refresh(hub, target);
    this.deps.instances.notify(hub, instanceId);
    for (const child of step.createdInstances) this.deps.instances.notify(hub, child.instanceId);
    if (step.rewound) this.rewindChildren(hub, step.row, step.history.events);
    if (isTerminal(step.row.status) && (hub.inboxes.get(instanceId)?.length ?? 0) === 0) {
      hub.instances.delete(instanceId);
      hub.inboxes.delete(instanceId);
    }
    this.deps.messaging.schedulePump(hub);
  }

  /** Rewind recursion: FAILED children are rewound, purged ones re-created. */
  private rewindChildren(hub: HubState, parent: InstanceRow, history: pb.HistoryEvent[]): void {
    const created = new Map<number, pb.SubOrchestrationInstanceCreatedEvent>();
    for (const event of history) {
      const body = event.getSuborchestrationinstancecreated();
      if (body) created.set(event.getEventid(), body);
      const completed = event.getSuborchestrationinstancecompleted();
      if (completed) created.delete(completed.getTaskscheduledid());
    }
    for (const [taskId, body] of created) {
      const child = this.deps.instances.row(hub, body.getInstanceid());
      if (child?.status === Status.ORCHESTRATION_STATUS_FAILED) {
        this.deps.operations.rewindRow(hub, child, "rewound with parent");
      } else if (!child) {
        const now = this.deps.clock.now();
        const row: InstanceRow = {
          hub: hub.name,
          instanceId: body.getInstanceid(),
          executionId: this.deps.ids.executionId(),
          name: body.getName(),
          version: body.getVersion()?.getValue() ?? null,
          status: Status.ORCHESTRATION_STATUS_PENDING,
          createdAt: now,
          lastUpdatedAt: now,
          completedAt: null,
          scheduledStartAt: null,
          input: body.getInput()?.getValue() ?? null,
          output: null,
          customStatus: null,
          failureDetails: null,
          parentInstanceId: parent.instanceId,
          tags: mapToRecord(body.getTagsMap()),
        };
        const started = this.deps.operations.executionStartedEvent(now, row);
        const parentInfo = new pb.ParentInstanceInfo();
        parentInfo.setTaskscheduledid(taskId);
        parentInfo.setName(stringValue(parent.name));
        const instance = new pb.OrchestrationInstance();
        instance.setInstanceid(parent.instanceId);
        instance.setExecutionid(stringValue(parent.executionId));
        parentInfo.setOrchestrationinstance(instance);
        started.getExecutionstarted()!.setParentinstance(parentInfo);
        this.deps.operations.commitStart(hub, row, started, now, false);
      }
    }
  }

  completeActivity(
    hubName: string,
    response: pb.ActivityResponse,
    caller: CompletionCaller = {},
  ): void {
    const item = this.deps.workItems.takeInFlight(
      hubName,
      response.getCompletiontoken(),
      "activity",
      caller,
    );
    const activity = item.activity;
    if (
      activity.instanceId !== response.getInstanceid() ||
      activity.request.getTaskid() !== response.getTaskid()
    ) {
      throw engineErrors.failedPrecondition(
        `instanceId '${response.getInstanceid()}' and taskId ${response.getTaskid()} do not match the work item of this completionToken (instance '${activity.instanceId}', taskId ${activity.request.getTaskid()}).`,
      );
    }
    checkPayload("result", response.getResult()?.getValue());
    checkFailureDetails("failureDetails", response.getFailuredetails());
    const hub = item.hub;
    this.deps.workItems.releaseItem(item);
    const now = this.deps.clock.now();
    const row = this.deps.instances.row(hub, activity.instanceId);
    const live =
      row !== undefined && !isTerminal(row.status) && row.executionId === activity.executionId;
    const failure = response.getFailuredetails();
    const event = failure
      ? taskFailed(now, activity.request.getTaskid(), failure)
      : taskCompleted(now, activity.request.getTaskid(), response.getResult()?.getValue());
    const eventBytes = event.serializeBinary();
    const result = this.deps.store.commit({
      deleteActivities: [activity.id],
      insertInbox: live
        ? [
            {
              hub: hub.name,
              instanceId: activity.instanceId,
              executionId: activity.executionId,
              visibleAt: now,
              event: eventBytes,
            },
          ]
        : [],
    });
    hub.countCompleted(now);
    if (live) {
      this.deps.messaging.addMessage(hub, activity.instanceId, {
        id: result.inboxIds[0]!,
        executionId: activity.executionId,
        visibleAt: now,
        event,
        bytes: eventBytes,
        dequeueCount: 0,
      });
      this.deps.messaging.refresh(hub, activity.instanceId);
    }
    this.deps.messaging.schedulePump(hub);
  }
}

/** numEventsProcessed: counts new events incl. OrchestratorStarted; unprocessed ones stay queued. */
function processedMessages(
  item: OrchestrationInFlight,
  numEventsProcessed: number | undefined,
): { messages: InboxMessage[]; eventCount: number } {
  if (
    numEventsProcessed === undefined ||
    numEventsProcessed <= 0 ||
    numEventsProcessed >= item.newEvents.length
  ) {
    return { messages: item.messages, eventCount: item.newEvents.length };
  }
  // item.messages is in newEvents order: nudges carry no event, the others map to newEvents[1..].
  const nudges = item.messages.filter((message) => message.event.hasOrchestratorstarted());
  const carrying = item.messages.filter((message) => !message.event.hasOrchestratorstarted());
  return {
    messages: [...nudges, ...carrying.slice(0, numEventsProcessed - 1)],
    eventCount: numEventsProcessed,
  };
}
