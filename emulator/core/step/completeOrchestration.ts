// CompleteOrchestration: COMPLETED / FAILED / TERMINATED end the execution (ExecutionCompleted, the row's final
// state, the outcome reported to a parent, and with recursive termination ExecutionTerminated to the outstanding
// children); CONTINUED_AS_NEW starts a new execution of the same instance with a fresh history instead.
import {
  copyMap,
  executionTerminated,
  failureDetails,
  newEvent,
  stringValue,
  subOrchestrationCompleted,
  subOrchestrationFailed,
} from "../events";
import { checkFailureDetails, checkName, checkPayload } from "../limits";
import { pb } from "../proto";
import { Status, statusName } from "../status";
import { instanceOf, messageTo, type ActionEffect, type StepState } from "./types";

/** Sub-orchestrations this history created that have not reported back yet (instance ids). */
export function outstandingChildren(events: readonly pb.HistoryEvent[]): string[] {
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

function continueAsNew(state: StepState, complete: pb.CompleteOrchestrationAction): ActionEffect {
  const { now, row, started } = state;
  const newInput = complete.getResult()?.getValue();
  checkPayload("completeOrchestration.result (continue-as-new input)", newInput);
  checkName("completeOrchestration.newVersion", complete.getNewversion()?.getValue());
  const executionId = state.newExecutionId();
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
  return {
    messages: [
      messageTo(row.instanceId, now, startedEvent),
      ...complete
        .getCarryovereventsList()
        .map((carried) => messageTo(row.instanceId, now, carried)),
    ],
    row: {
      executionId,
      input: newInput ?? null,
      version: complete.getNewversion()?.getValue() ?? row.version,
      output: null,
      customStatus: null,
      failureDetails: null,
      completedAt: null,
      status: Status.ORCHESTRATION_STATUS_RUNNING,
    },
    replaceHistory: [],
    continuedAsNew: true,
  };
}

function parentNotification(
  state: StepState,
  status: pb.OrchestrationStatus,
  complete: pb.CompleteOrchestrationAction,
): pb.HistoryEvent | undefined {
  const parent = state.started?.getParentinstance();
  if (!parent?.getOrchestrationinstance()?.getInstanceid()) return undefined;
  if (status === Status.ORCHESTRATION_STATUS_COMPLETED) {
    return subOrchestrationCompleted(
      state.now,
      parent.getTaskscheduledid(),
      complete.getResult()?.getValue(),
    );
  }
  return subOrchestrationFailed(
    state.now,
    parent.getTaskscheduledid(),
    complete.getFailuredetails() ??
      failureDetails(
        "OrchestrationTerminated",
        `Sub-orchestration '${state.row.instanceId}' ended as ${statusName(status)}`,
      ),
  );
}

export function completeOrchestration(
  state: StepState,
  action: pb.OrchestratorAction,
): ActionEffect {
  const complete = action.getCompleteorchestration()!;
  const status = complete.getOrchestrationstatus();
  if (status === Status.ORCHESTRATION_STATUS_CONTINUED_AS_NEW)
    return continueAsNew(state, complete);
  const { now } = state;
  const result = complete.getResult()?.getValue();
  checkPayload("completeOrchestration.result", result);
  checkFailureDetails("completeOrchestration.failureDetails", complete.getFailuredetails());
  const completed = new pb.ExecutionCompletedEvent();
  completed.setOrchestrationstatus(status);
  completed.setResult(complete.getResult());
  completed.setFailuredetails(complete.getFailuredetails());
  const event = newEvent(now);
  event.setExecutioncompleted(completed);
  const messages = [];
  const parentId = state.started?.getParentinstance()?.getOrchestrationinstance()?.getInstanceid();
  const toParent = parentNotification(state, status, complete);
  if (parentId && toParent) messages.push(messageTo(parentId, now, toParent));
  if (status === Status.ORCHESTRATION_STATUS_TERMINATED && state.terminateRecurse) {
    for (const child of outstandingChildren([...state.history(), event])) {
      messages.push(messageTo(child, now, executionTerminated(now, result, true)));
    }
  }
  return {
    events: [event],
    messages,
    row: {
      status,
      output: result ?? null,
      failureDetails: complete.getFailuredetails()?.serializeBinary() ?? null,
      completedAt: now,
    },
  };
}
