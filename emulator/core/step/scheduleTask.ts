// ScheduleTask → TaskScheduled in the history and an activity work item for the current execution.
import { copyMap, newEvent } from "../events";
import { checkName, checkPayload } from "../limits";
import { pb } from "../proto";
import { instanceOf, type ActionEffect, type StepState } from "./types";

export function scheduleTask(state: StepState, action: pb.OrchestratorAction): ActionEffect {
  const id = action.getId();
  const task = action.getScheduletask()!;
  checkName(`scheduleTask[${id}].name`, task.getName());
  checkName(`scheduleTask[${id}].version`, task.getVersion()?.getValue());
  checkPayload(`scheduleTask[${id}].input`, task.getInput()?.getValue());
  const tags = task.getTagsMap().entries() as Iterable<[string, string]>;
  const scheduled = new pb.TaskScheduledEvent();
  scheduled.setName(task.getName());
  scheduled.setVersion(task.getVersion());
  scheduled.setInput(task.getInput());
  scheduled.setParenttracecontext(task.getParenttracecontext());
  copyMap(scheduled.getTagsMap(), tags);
  const event = newEvent(state.now, id);
  event.setTaskscheduled(scheduled);
  const request = new pb.ActivityRequest();
  request.setName(task.getName());
  request.setVersion(task.getVersion());
  request.setInput(task.getInput());
  request.setOrchestrationinstance(instanceOf(state.row.instanceId, state.row.executionId));
  request.setTaskid(id);
  request.setParenttracecontext(task.getParenttracecontext());
  copyMap(request.getTagsMap(), task.getTagsMap().entries() as Iterable<[string, string]>);
  return { events: [event], activities: [{ executionId: state.row.executionId, request }] };
}
