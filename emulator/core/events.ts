// History event construction. Rules (docs/reference/sidecar.md "Orchestration episodes and history layout"): every
// event has a real timestamp; action-derived events carry eventId = action.id; every other event uses eventId =
// -1.
import { pb, StringValue, Timestamp } from "./proto";

export function timestamp(ms: number): Timestamp {
  const value = new Timestamp();
  value.setSeconds(Math.floor(ms / 1000));
  value.setNanos((ms % 1000) * 1_000_000);
  return value;
}

export function timestampMs(value: Timestamp | undefined): number | undefined {
  if (!value) return undefined;
  return value.getSeconds() * 1000 + Math.floor(value.getNanos() / 1_000_000);
}

export function stringValue(value: string | null | undefined): StringValue | undefined {
  if (value === null || value === undefined) return undefined;
  const wrapper = new StringValue();
  wrapper.setValue(value);
  return wrapper;
}

export function newEvent(now: number, eventId = -1): pb.HistoryEvent {
  const event = new pb.HistoryEvent();
  event.setEventid(eventId);
  event.setTimestamp(timestamp(now));
  return event;
}

export function orchestratorStarted(now: number): pb.HistoryEvent {
  const event = newEvent(now);
  event.setOrchestratorstarted(new pb.OrchestratorStartedEvent());
  return event;
}

export function eventRaised(now: number, name: string, input: string | undefined): pb.HistoryEvent {
  const body = new pb.EventRaisedEvent();
  body.setName(name);
  body.setInput(stringValue(input));
  const event = newEvent(now);
  event.setEventraised(body);
  return event;
}

export function executionTerminated(
  now: number,
  output: string | undefined,
  recurse: boolean,
): pb.HistoryEvent {
  const body = new pb.ExecutionTerminatedEvent();
  body.setInput(stringValue(output));
  body.setRecurse(recurse);
  const event = newEvent(now);
  event.setExecutionterminated(body);
  return event;
}

export function executionSuspended(now: number, reason: string | undefined): pb.HistoryEvent {
  const body = new pb.ExecutionSuspendedEvent();
  body.setInput(stringValue(reason));
  const event = newEvent(now);
  event.setExecutionsuspended(body);
  return event;
}

export function executionResumed(now: number, reason: string | undefined): pb.HistoryEvent {
  const body = new pb.ExecutionResumedEvent();
  body.setInput(stringValue(reason));
  const event = newEvent(now);
  event.setExecutionresumed(body);
  return event;
}

export function taskCompleted(
  now: number,
  taskScheduledId: number,
  result: string | undefined,
): pb.HistoryEvent {
  const body = new pb.TaskCompletedEvent();
  body.setTaskscheduledid(taskScheduledId);
  body.setResult(stringValue(result));
  const event = newEvent(now);
  event.setTaskcompleted(body);
  return event;
}

export function taskFailed(
  now: number,
  taskScheduledId: number,
  failure: pb.TaskFailureDetails,
): pb.HistoryEvent {
  const body = new pb.TaskFailedEvent();
  body.setTaskscheduledid(taskScheduledId);
  body.setFailuredetails(failure);
  const event = newEvent(now);
  event.setTaskfailed(body);
  return event;
}

export function subOrchestrationCompleted(
  now: number,
  taskScheduledId: number,
  result: string | undefined,
): pb.HistoryEvent {
  const body = new pb.SubOrchestrationInstanceCompletedEvent();
  body.setTaskscheduledid(taskScheduledId);
  body.setResult(stringValue(result));
  const event = newEvent(now);
  event.setSuborchestrationinstancecompleted(body);
  return event;
}

export function subOrchestrationFailed(
  now: number,
  taskScheduledId: number,
  failure: pb.TaskFailureDetails | undefined,
): pb.HistoryEvent {
  const body = new pb.SubOrchestrationInstanceFailedEvent();
  body.setTaskscheduledid(taskScheduledId);
  body.setFailuredetails(failure);
  const event = newEvent(now);
  event.setSuborchestrationinstancefailed(body);
  return event;
}

export function failureDetails(errorType: string, errorMessage: string): pb.TaskFailureDetails {
  const details = new pb.TaskFailureDetails();
  details.setErrortype(errorType);
  details.setErrormessage(errorMessage);
  return details;
}

export function timerFired(
  now: number,
  timerId: number,
  fireAt: Timestamp | undefined,
): pb.HistoryEvent {
  const body = new pb.TimerFiredEvent();
  body.setTimerid(timerId);
  body.setFireat(fireAt);
  const event = newEvent(now);
  event.setTimerfired(body);
  return event;
}

export function copyMap(
  target: { set(key: string, value: string): unknown },
  source: Iterable<[string, string]>,
): void {
  for (const [key, value] of source) target.set(key, value);
}

export function mapToRecord(map: { toArray(): [string, string][] }): Record<string, string> | null {
  const entries = map.toArray();
  return entries.length === 0 ? null : Object.fromEntries(entries);
}

export function decodeEvent(bytes: Uint8Array): pb.HistoryEvent {
  return pb.HistoryEvent.deserializeBinary(bytes);
}
