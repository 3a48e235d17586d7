// Turns the engine's stored protobuf messages (serialized `HistoryEvent`s and `TaskFailureDetails`, see
// emulator/store/store.ts) into the flat JSON the dashboard shows. Generic over event types, so a history event
// the UI has never heard of still appears in the history table with all of its fields.
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import type { FailureDetails, HistoryEventView } from "./api-types";

/** proto field name (as `toObject()` spells it) → the event type name used by the SDKs and the DTS dashboard. */
const EVENT_TYPE_NAMES: Record<string, string> = {
  executionstarted: "ExecutionStarted",
  executioncompleted: "ExecutionCompleted",
  executionterminated: "ExecutionTerminated",
  taskscheduled: "TaskScheduled",
  taskcompleted: "TaskCompleted",
  taskfailed: "TaskFailed",
  suborchestrationinstancecreated: "SubOrchestrationInstanceCreated",
  suborchestrationinstancecompleted: "SubOrchestrationInstanceCompleted",
  suborchestrationinstancefailed: "SubOrchestrationInstanceFailed",
  timercreated: "TimerCreated",
  timerfired: "TimerFired",
  orchestratorstarted: "OrchestratorStarted",
  orchestratorcompleted: "OrchestratorCompleted",
  eventsent: "EventSent",
  eventraised: "EventRaised",
  genericevent: "GenericEvent",
  historystate: "HistoryState",
  continueasnew: "ContinueAsNew",
  executionsuspended: "ExecutionSuspended",
  executionresumed: "ExecutionResumed",
  entityoperationsignaled: "EntityOperationSignaled",
  entityoperationcalled: "EntityOperationCalled",
  entityoperationcompleted: "EntityOperationCompleted",
  entityoperationfailed: "EntityOperationFailed",
  entitylockrequested: "EntityLockRequested",
  entitylockgranted: "EntityLockGranted",
  entityunlocksent: "EntityUnlockSent",
  executionrewound: "ExecutionRewound",
};

/** Field names whose values are google.protobuf.Timestamp. */
const TIMESTAMP_FIELDS = new Set([
  "timestamp",
  "fireat",
  "scheduledstarttimestamp",
  "scheduledtime",
  "requesttime",
]);

/** Readable camelCase names for the lower-cased proto field names the UI relies on. */
const FIELD_NAMES: Record<string, string> = {
  instanceid: "instanceId",
  executionid: "executionId",
  taskscheduledid: "taskScheduledId",
  timerid: "timerId",
  fireat: "fireAt",
  failuredetails: "failureDetails",
  orchestrationinstance: "orchestrationInstance",
  parentinstance: "parentInstance",
  scheduledstarttimestamp: "scheduledStartTimestamp",
  customstatus: "customStatus",
  orchestrationstatus: "orchestrationStatus",
  errortype: "errorType",
  errormessage: "errorMessage",
  stacktrace: "stackTrace",
  innerfailure: "innerFailure",
  isnonretriable: "isNonRetriable",
  requestid: "requestId",
  targetinstanceid: "targetInstanceId",
  parentinstanceid: "parentInstanceId",
  criticalsectionid: "criticalSectionId",
  lockset: "lockSet",
  tagsMap: "tags",
  propertiesMap: "properties",
};

function timestampToIso(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { seconds, nanos } = value as { seconds?: number; nanos?: number };
  if (typeof seconds !== "number") return undefined;
  return new Date(seconds * 1000 + Math.floor((nanos ?? 0) / 1e6)).toISOString();
}

/** Unwraps `{value}` wrappers, turns map entry lists into objects and timestamps into ISO strings; drops empties. */
function clean(value: unknown, key = ""): unknown {
  if (TIMESTAMP_FIELDS.has(key)) return timestampToIso(value);
  if (Array.isArray(value)) {
    if (key.endsWith("Map")) {
      const entries = value as [string, unknown][];
      return entries.length === 0
        ? undefined
        : Object.fromEntries(entries.map(([k, v]) => [k, clean(v)]));
    }
    const items = value.map((item) => clean(item));
    return items.length === 0 ? undefined : items;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1 && entries[0]?.[0] === "value") return entries[0][1];
    const out: Record<string, unknown> = {};
    for (const [k, v] of entries) {
      const cleaned = clean(v, k);
      if (cleaned !== undefined && cleaned !== "") out[FIELD_NAMES[k] ?? k] = cleaned;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  return value;
}

export function historyEventToView(input: pb.HistoryEvent | Uint8Array): HistoryEventView {
  const event = input instanceof Uint8Array ? pb.HistoryEvent.deserializeBinary(input) : input;
  const object = event.toObject() as unknown as Record<string, unknown>;
  const key = Object.keys(EVENT_TYPE_NAMES).find((name) => object[name] !== undefined);
  const fields =
    key === undefined ? {} : ((clean(object[key]) as Record<string, unknown> | undefined) ?? {});
  return {
    eventId: event.getEventid(),
    timestamp: timestampToIso(object.timestamp) ?? new Date(0).toISOString(),
    type: key === undefined ? "Unknown" : (EVENT_TYPE_NAMES[key] ?? key),
    fields,
  };
}

function failureFromMessage(message: pb.TaskFailureDetails): FailureDetails {
  const inner = message.getInnerfailure();
  const stackTrace = message.getStacktrace()?.getValue();
  return {
    errorType: message.getErrortype(),
    message: message.getErrormessage(),
    ...(stackTrace ? { stackTrace } : {}),
    ...(inner ? { innerFailure: failureFromMessage(inner) } : {}),
  };
}

export function failureDetailsToView(bytes: Uint8Array): FailureDetails {
  return failureFromMessage(pb.TaskFailureDetails.deserializeBinary(bytes));
}
