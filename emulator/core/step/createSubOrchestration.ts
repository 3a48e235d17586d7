// CreateSubOrchestration → SubOrchestrationInstanceCreated in the history and either a new child (PENDING row plus
// its ExecutionStarted) or, when the id is invalid or taken, SubOrchestrationInstanceFailed back to this instance.
import {
  copyMap,
  failureDetails,
  mapToRecord,
  newEvent,
  stringValue,
  subOrchestrationFailed,
} from "../events";
import { checkName, checkOrchestrationInstanceId, checkPayload, checkTags } from "../limits";
import { pb } from "../proto";
import { Status, isTerminal, statusName } from "../status";
import { instanceOf, messageTo, type ActionEffect, type StepState } from "./types";

/** A child without an explicit id gets `<parent executionId>:<task id as 4 hex digits>`. */
export function childInstanceId(parentExecutionId: string, taskId: number): string {
  return `${parentExecutionId}:${taskId.toString(16).padStart(4, "0")}`;
}

function refusalOf(state: StepState, id: number, childId: string): string | undefined {
  try {
    checkOrchestrationInstanceId(`createSubOrchestration[${id}].instanceId`, childId);
  } catch (error) {
    return (error as Error).message;
  }
  const existing = state.lookup(childId);
  if (existing && (!isTerminal(existing.status) || state.createdInEpisode(childId))) {
    return `An orchestration with instance ID '${childId}' already exists and is ${statusName(existing.status)}`;
  }
  return undefined;
}

export function createSubOrchestration(
  state: StepState,
  action: pb.OrchestratorAction,
): ActionEffect {
  const { now, row } = state;
  const id = action.getId();
  const sub = action.getCreatesuborchestration()!;
  const childId = sub.getInstanceid() || childInstanceId(row.executionId, id);
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

  const refusal = refusalOf(state, id, childId);
  if (refusal) {
    return {
      events: [event],
      messages: [
        {
          instanceId: row.instanceId,
          executionId: row.executionId,
          visibleAt: now,
          event: subOrchestrationFailed(
            now,
            id,
            failureDetails("OrchestrationAlreadyExists", refusal),
          ),
        },
      ],
    };
  }

  const childExecutionId = state.newExecutionId();
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
  return {
    events: [event],
    createdInstances: [
      {
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
      },
    ],
    messages: [messageTo(childId, now, startedEvent)],
  };
}
