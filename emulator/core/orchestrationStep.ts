// Applying one orchestrator episode (docs/reference/sidecar.md "Orchestration episodes and history layout";
// modelled on microsoft/durabletask-go backend/runtimestate.go ApplyActions): from the instance's state, the
// processed inbox events and the worker's actions, compute everything that must be committed in ONE transaction.
// Pure: no I/O, no clock, no mutation of its inputs; throws EngineError (before anything is written) when a
// payload breaks a DTS limit.
import { engineErrors } from "./errors";
import {
  executionTerminated,
  failureDetails,
  newEvent,
  stringValue,
  subOrchestrationCompleted,
  subOrchestrationFailed,
  eventRaised,
  timerFired,
  timestampMs,
  copyMap,
  mapToRecord,
} from "./events";
import {
  checkFailureDetails,
  checkName,
  checkOrchestrationInstanceId,
  checkPayload,
  checkTags,
} from "./limits";
import { pb, type StringValue } from "./proto";
import { Status, isTerminal, statusName } from "./status";
import type { InstanceRow } from "../store/store";

export interface OutgoingMessage {
  instanceId: string;
  /** Bound to one execution of the target (timers): dropped if the target moved on. */
  executionId: string | null;
  visibleAt: number;
  event: pb.HistoryEvent;
}

export interface StepInput {
  now: number;
  /** Mints the execution id of a sub-orchestration or a continued-as-new execution. */
  newExecutionId: () => string;
  row: InstanceRow;
  /** The current execution's ExecutionStarted, if it is in the past events. */
  executionStarted: pb.ExecutionStartedEvent | undefined;
  /** Past events, decoded on demand (only recursive termination needs them). */
  pastEvents: () => readonly pb.HistoryEvent[];
  /** The processed new events, starting with OrchestratorStarted. */
  newEvents: readonly pb.HistoryEvent[];
  actions: readonly pb.OrchestratorAction[];
  customStatus: StringValue | undefined;
  /** Current state of another orchestration in the same hub. */
  lookup(instanceId: string): InstanceRow | undefined;
}

export interface StepOutput {
  row: InstanceRow;
  /** "append": add `events` after the past events; "replace": the history becomes `events`. */
  history: { mode: "append" | "replace"; events: pb.HistoryEvent[] };
  messages: OutgoingMessage[];
  activities: { executionId: string; request: pb.ActivityRequest }[];
  /** Sub-orchestrations created by this episode (terminal predecessors with the same id are replaced). */
  createdInstances: InstanceRow[];
  /** Continue-as-new: the instance's other pending inbox messages must be re-queued after `messages`. */
  continuedAsNew: boolean;
  /** Children to re-create when a rewound history is applied (instance ids). */
  rewound: boolean;
}

/** Finds ExecutionStarted in an episode's events (always present in past ∪ new). */
export function findExecutionStarted(
  ...lists: readonly (readonly pb.HistoryEvent[])[]
): pb.ExecutionStartedEvent | undefined {
  for (const list of lists) {
    for (const event of list) {
      if (event.hasExecutionstarted()) return event.getExecutionstarted();
    }
  }
  return undefined;
}

function outstandingChildren(events: readonly pb.HistoryEvent[]): string[] {
  const created = new Map<number, string>();
  for (const event of events) {
    if (event.hasSuborchestrationinstancecreated()) {
      created.set(event.getEventid(), event.getSuborchestrationinstancecreated()!.getInstanceid());
    } else if (event.hasSuborchestrationinstancecompleted()) {
      created.delete(event.getSuborchestrationinstancecompleted()!.getTaskscheduledid());
    } else if (event.hasSuborchestrationinstancefailed()) {
      created.delete(event.getSuborchestrationinstancefailed()!.getTaskscheduledid());
    }
  }
  return [...created.values()];
}

function instanceOf(instanceId: string, executionId: string): pb.OrchestrationInstance {
  const instance = new pb.OrchestrationInstance();
  instance.setInstanceid(instanceId);
  instance.setExecutionid(stringValue(executionId));
  return instance;
}

/** Routes an entity message to the entity's inbox (scheduled signals become visible at their time). */
export function entityMessage(
  now: number,
  targetId: string,
  event: pb.HistoryEvent,
  scheduled?: number,
): OutgoingMessage {
  return {
    instanceId: targetId,
    executionId: null,
    visibleAt: Math.max(now, scheduled ?? now),
    event,
  };
}

export function applyOrchestrationStep(input: StepInput): StepOutput {
  const { now } = input;
  const row: InstanceRow = { ...input.row, lastUpdatedAt: now };
  const appended: pb.HistoryEvent[] = [...input.newEvents];
  const messages: OutgoingMessage[] = [];
  const activities: StepOutput["activities"] = [];
  const createdInstances: InstanceRow[] = [];
  let replacedHistory: pb.HistoryEvent[] | undefined;
  let continuedAsNew = false;
  let rewound = false;
  let terminateRecurse = false;

  if (row.status === Status.ORCHESTRATION_STATUS_PENDING)
    row.status = Status.ORCHESTRATION_STATUS_RUNNING;
  for (const event of input.newEvents) {
    if (event.hasExecutionsuspended()) row.status = Status.ORCHESTRATION_STATUS_SUSPENDED;
    else if (event.hasExecutionresumed()) row.status = Status.ORCHESTRATION_STATUS_RUNNING;
    else if (event.hasExecutionterminated())
      terminateRecurse ||= event.getExecutionterminated()!.getRecurse();
  }

  if (input.customStatus !== undefined) {
    checkPayload("customStatus", input.customStatus.getValue());
    row.customStatus = input.customStatus.getValue();
  }

  const started = input.executionStarted ?? findExecutionStarted(input.newEvents);
  const createdIds = new Set<string>();
  const lookup = (instanceId: string): InstanceRow | undefined =>
    createdInstances.find((created) => created.instanceId === instanceId) ??
    input.lookup(instanceId);

  for (const action of input.actions) {
    const id = action.getId();
    const Case = pb.OrchestratorAction.OrchestratoractiontypeCase;
    const kind = action.getOrchestratoractiontypeCase();
    switch (kind) {
      case Case.SCHEDULETASK: {
        const task = action.getScheduletask()!;
        checkName(`scheduleTask[${id}].name`, task.getName());
        checkName(`scheduleTask[${id}].version`, task.getVersion()?.getValue());
        checkPayload(`scheduleTask[${id}].input`, task.getInput()?.getValue());
        const scheduled = new pb.TaskScheduledEvent();
        scheduled.setName(task.getName());
        scheduled.setVersion(task.getVersion());
        scheduled.setInput(task.getInput());
        scheduled.setParenttracecontext(task.getParenttracecontext());
        copyMap(scheduled.getTagsMap(), task.getTagsMap().entries() as Iterable<[string, string]>);
        const event = newEvent(now, id);
        event.setTaskscheduled(scheduled);
        appended.push(event);
        const request = new pb.ActivityRequest();
        request.setName(task.getName());
        request.setVersion(task.getVersion());
        request.setInput(task.getInput());
        request.setOrchestrationinstance(instanceOf(row.instanceId, row.executionId));
        request.setTaskid(id);
        request.setParenttracecontext(task.getParenttracecontext());
        copyMap(request.getTagsMap(), task.getTagsMap().entries() as Iterable<[string, string]>);
        activities.push({ executionId: row.executionId, request });
        break;
      }
      case Case.CREATETIMER: {
        const timer = action.getCreatetimer()!;
        const created = new pb.TimerCreatedEvent();
        created.setFireat(timer.getFireat());
        const event = newEvent(now, id);
        event.setTimercreated(created);
        appended.push(event);
        const fireAt = timestampMs(timer.getFireat()) ?? now;
        messages.push({
          instanceId: row.instanceId,
          executionId: row.executionId,
          visibleAt: fireAt,
          event: timerFired(fireAt, id, timer.getFireat()),
        });
        break;
      }
      case Case.CREATESUBORCHESTRATION: {
        const sub = action.getCreatesuborchestration()!;
        const childId =
          sub.getInstanceid() || `${row.executionId}:${id.toString(16).padStart(4, "0")}`;
        checkName(`createSubOrchestration[${id}].name`, sub.getName());
        checkName(`createSubOrchestration[${id}].version`, sub.getVersion()?.getValue());
        checkPayload(`createSubOrchestration[${id}].input`, sub.getInput()?.getValue());
        const tags = mapToRecord(sub.getTagsMap());
        checkTags(`createSubOrchestration[${id}].tags`, tags);
        const created = new pb.SubOrchestrationInstanceCreatedEvent();
        created.setInstanceid(childId);
        created.setName(sub.getName());
        created.setVersion(sub.getVersion());
        created.setInput(sub.getInput());
        created.setParenttracecontext(sub.getParenttracecontext());
        copyMap(created.getTagsMap(), Object.entries(tags ?? {}));
        const event = newEvent(now, id);
        event.setSuborchestrationinstancecreated(created);
        appended.push(event);
        const existing = lookup(childId);
        let refusal: string | undefined;
        try {
          checkOrchestrationInstanceId(`createSubOrchestration[${id}].instanceId`, childId);
        } catch (error) {
          refusal = (error as Error).message;
        }
        if (!refusal && existing && (!isTerminal(existing.status) || createdIds.has(childId))) {
          refusal = `An orchestration with instance ID '${childId}' already exists and is ${statusName(existing.status)}`;
        }
        if (refusal) {
          messages.push({
            instanceId: row.instanceId,
            executionId: row.executionId,
            visibleAt: now,
            event: subOrchestrationFailed(
              now,
              id,
              failureDetails("OrchestrationAlreadyExists", refusal),
            ),
          });
          break;
        }
        const childExecutionId = input.newExecutionId();
        const parent = new pb.ParentInstanceInfo();
        parent.setTaskscheduledid(id);
        parent.setName(stringValue(row.name));
        parent.setVersion(stringValue(row.version));
        parent.setOrchestrationinstance(instanceOf(row.instanceId, row.executionId));
        const startedBody = new pb.ExecutionStartedEvent();
        startedBody.setName(sub.getName());
        startedBody.setVersion(sub.getVersion());
        startedBody.setInput(sub.getInput());
        startedBody.setOrchestrationinstance(instanceOf(childId, childExecutionId));
        startedBody.setParentinstance(parent);
        startedBody.setParenttracecontext(sub.getParenttracecontext());
        copyMap(startedBody.getTagsMap(), Object.entries(tags ?? {}));
        const startedEvent = newEvent(now);
        startedEvent.setExecutionstarted(startedBody);
        createdIds.add(childId);
        createdInstances.push({
          hub: row.hub,
          instanceId: childId,
          executionId: childExecutionId,
          name: sub.getName(),
          version: sub.getVersion()?.getValue() ?? null,
          status: Status.ORCHESTRATION_STATUS_PENDING,
          createdAt: now,
          lastUpdatedAt: now,
          completedAt: null,
          scheduledStartAt: null,
          input: sub.getInput()?.getValue() ?? null,
          output: null,
          customStatus: null,
          failureDetails: null,
          parentInstanceId: row.instanceId,
          tags,
        });
        messages.push({
          instanceId: childId,
          executionId: null,
          visibleAt: now,
          event: startedEvent,
        });
        break;
      }
      case Case.SENDEVENT: {
        const send = action.getSendevent()!;
        const target = send.getInstance()?.getInstanceid() ?? "";
        checkName(`sendEvent[${id}].name`, send.getName());
        checkPayload(`sendEvent[${id}].data`, send.getData()?.getValue());
        const sent = new pb.EventSentEvent();
        sent.setInstanceid(target);
        sent.setName(send.getName());
        sent.setInput(send.getData());
        const event = newEvent(now, id);
        event.setEventsent(sent);
        appended.push(event);
        const targetRow = target === row.instanceId ? row : lookup(target);
        if (targetRow && !isTerminal(targetRow.status)) {
          messages.push({
            instanceId: target,
            executionId: null,
            visibleAt: now,
            event: eventRaised(now, send.getName(), send.getData()?.getValue()),
          });
        }
        break;
      }
      case Case.TERMINATEORCHESTRATION: {
        const terminate = action.getTerminateorchestration()!;
        const target = terminate.getInstanceid();
        checkPayload(`terminateOrchestration[${id}].reason`, terminate.getReason()?.getValue());
        const targetRow = lookup(target);
        if (targetRow && !isTerminal(targetRow.status)) {
          messages.push({
            instanceId: target,
            executionId: null,
            visibleAt: now,
            event: executionTerminated(
              now,
              terminate.getReason()?.getValue(),
              terminate.getRecurse(),
            ),
          });
        }
        break;
      }
      case Case.SENDENTITYMESSAGE: {
        const send = action.getSendentitymessage()!;
        const event = newEvent(now, id);
        const routed = newEvent(now);
        const M = pb.SendEntityMessageAction.EntitymessagetypeCase;
        const messageType = send.getEntitymessagetypeCase();
        switch (messageType) {
          case M.ENTITYOPERATIONSIGNALED: {
            const body = send.getEntityoperationsignaled()!;
            checkName(`sendEntityMessage[${id}].operation`, body.getOperation());
            checkPayload(`sendEntityMessage[${id}].input`, body.getInput()?.getValue());
            event.setEntityoperationsignaled(body);
            routed.setEntityoperationsignaled(body);
            const target = body.getTargetinstanceid()?.getValue() ?? "";
            messages.push(entityMessage(now, target, routed, timestampMs(body.getScheduledtime())));
            break;
          }
          case M.ENTITYOPERATIONCALLED: {
            const body = send.getEntityoperationcalled()!;
            checkName(`sendEntityMessage[${id}].operation`, body.getOperation());
            checkPayload(`sendEntityMessage[${id}].input`, body.getInput()?.getValue());
            if (!body.hasParentinstanceid()) body.setParentinstanceid(stringValue(row.instanceId));
            if (!body.hasParentexecutionid())
              body.setParentexecutionid(stringValue(row.executionId));
            event.setEntityoperationcalled(body);
            routed.setEntityoperationcalled(body);
            const target = body.getTargetinstanceid()?.getValue() ?? "";
            messages.push(entityMessage(now, target, routed, timestampMs(body.getScheduledtime())));
            break;
          }
          case M.ENTITYLOCKREQUESTED: {
            const body = send.getEntitylockrequested()!;
            if (!body.hasParentinstanceid()) body.setParentinstanceid(stringValue(row.instanceId));
            event.setEntitylockrequested(body);
            routed.setEntitylockrequested(body);
            const target = body.getLocksetList()[body.getPosition()];
            if (target !== undefined) messages.push(entityMessage(now, target, routed));
            break;
          }
          case M.ENTITYUNLOCKSENT: {
            const body = send.getEntityunlocksent()!;
            if (!body.hasParentinstanceid()) body.setParentinstanceid(stringValue(row.instanceId));
            event.setEntityunlocksent(body);
            routed.setEntityunlocksent(body);
            const target = body.getTargetinstanceid()?.getValue() ?? "";
            messages.push(entityMessage(now, target, routed));
            break;
          }
          case M.ENTITYMESSAGETYPE_NOT_SET:
            throw engineErrors.invalidArgument(
              `actions[${id}].sendEntityMessage: no message type set`,
            );
          default: {
            const unreachable: never = messageType;
            throw engineErrors.invalidArgument(
              `unknown entity message type ${String(unreachable)}`,
            );
          }
        }
        appended.push(event);
        break;
      }
      case Case.COMPLETEORCHESTRATION: {
        const complete = action.getCompleteorchestration()!;
        const status = complete.getOrchestrationstatus();
        if (status === Status.ORCHESTRATION_STATUS_CONTINUED_AS_NEW) {
          const newInput = complete.getResult()?.getValue();
          checkPayload("completeOrchestration.result (continue-as-new input)", newInput);
          checkName("completeOrchestration.newVersion", complete.getNewversion()?.getValue());
          const executionId = input.newExecutionId();
          const body = new pb.ExecutionStartedEvent();
          body.setName(row.name);
          body.setVersion(complete.getNewversion() ?? stringValue(row.version));
          body.setInput(complete.getResult());
          body.setOrchestrationinstance(instanceOf(row.instanceId, executionId));
          if (started) {
            // Keep the parent link and trace context so a continued child still reports to its parent.
            body.setParentinstance(started.getParentinstance());
            body.setParenttracecontext(started.getParenttracecontext());
          }
          copyMap(body.getTagsMap(), Object.entries(row.tags ?? {}));
          const startedEvent = newEvent(now);
          startedEvent.setExecutionstarted(body);
          messages.push({
            instanceId: row.instanceId,
            executionId: null,
            visibleAt: now,
            event: startedEvent,
          });
          for (const carried of complete.getCarryovereventsList()) {
            messages.push({
              instanceId: row.instanceId,
              executionId: null,
              visibleAt: now,
              event: carried,
            });
          }
          row.executionId = executionId;
          row.input = newInput ?? null;
          row.version = complete.getNewversion()?.getValue() ?? row.version;
          row.output = null;
          row.customStatus = null;
          row.failureDetails = null;
          row.completedAt = null;
          row.status = Status.ORCHESTRATION_STATUS_RUNNING;
          replacedHistory = [];
          continuedAsNew = true;
          // Activities and timers of the finished execution are moot; messages to others stay (JS #136).
          activities.length = 0;
          for (let index = messages.length - 1; index >= 0; index--) {
            if (
              messages[index]!.executionId !== null &&
              messages[index]!.instanceId === row.instanceId
            ) {
              messages.splice(index, 1);
            }
          }
          break;
        }
        const result = complete.getResult()?.getValue();
        checkPayload("completeOrchestration.result", result);
        checkFailureDetails("completeOrchestration.failureDetails", complete.getFailuredetails());
        const completed = new pb.ExecutionCompletedEvent();
        completed.setOrchestrationstatus(status);
        completed.setResult(complete.getResult());
        completed.setFailuredetails(complete.getFailuredetails());
        const event = newEvent(now);
        event.setExecutioncompleted(completed);
        appended.push(event);
        row.status = status;
        row.output = result ?? null;
        row.failureDetails = complete.getFailuredetails()?.serializeBinary() ?? null;
        row.completedAt = now;
        const parent = started?.getParentinstance();
        const parentId = parent?.getOrchestrationinstance()?.getInstanceid();
        if (parent && parentId) {
          messages.push({
            instanceId: parentId,
            executionId: null,
            visibleAt: now,
            event:
              status === Status.ORCHESTRATION_STATUS_COMPLETED
                ? subOrchestrationCompleted(now, parent.getTaskscheduledid(), result)
                : subOrchestrationFailed(
                    now,
                    parent.getTaskscheduledid(),
                    complete.getFailuredetails() ??
                      failureDetails(
                        "OrchestrationTerminated",
                        `Sub-orchestration '${row.instanceId}' ended as ${statusName(status)}`,
                      ),
                  ),
          });
        }
        if (status === Status.ORCHESTRATION_STATUS_TERMINATED && terminateRecurse) {
          for (const child of outstandingChildren([...input.pastEvents(), ...appended])) {
            messages.push({
              instanceId: child,
              executionId: null,
              visibleAt: now,
              event: executionTerminated(now, result, true),
            });
          }
        }
        break;
      }
      case Case.REWINDORCHESTRATION: {
        // The SDK computed the rewound history (RewindInstance): adopt it and its executionId.
        const newHistory = action.getRewindorchestration()!.getNewhistoryList();
        const rewoundStart = findExecutionStarted(newHistory);
        const executionId = rewoundStart?.getOrchestrationinstance()?.getExecutionid()?.getValue();
        if (executionId) row.executionId = executionId;
        row.status = Status.ORCHESTRATION_STATUS_RUNNING;
        row.output = null;
        row.failureDetails = null;
        row.completedAt = null;
        replacedHistory = [...newHistory];
        rewound = true;
        break;
      }
      case Case.ORCHESTRATORACTIONTYPE_NOT_SET:
        throw engineErrors.invalidArgument(`actions[${id}]: no action type set`);
      default: {
        const unreachable: never = kind;
        throw engineErrors.invalidArgument(
          `actions[${id}]: unknown action type ${String(unreachable)}`,
        );
      }
    }
  }

  return {
    row,
    history: replacedHistory
      ? { mode: "replace", events: replacedHistory }
      : { mode: "append", events: appended },
    messages,
    activities,
    createdInstances,
    continuedAsNew,
    rewound,
  };
}
