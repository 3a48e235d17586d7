// Builds the instance timeline (bars for activities, timers and sub-orchestrations over time) from the
// history: each scheduling event opens a bar, and the result event that names it (`taskScheduledId`, `timerId`,
// or the entity `requestId`) closes it. Action-derived events carry `eventId = action.id` (docs/reference/sidecar.md
// "Orchestration episodes and history layout"), which is what result events refer to. A task with no result yet stays
// open ("pending").
import type { HistoryEventView, TimelineBar, TimelineKind, TimelineOutcome } from "./api-types";

function text(fields: Record<string, unknown>, key: string): string | undefined {
  const value = fields[key];
  return typeof value === "string" ? value : undefined;
}

function num(fields: Record<string, unknown>, key: string): number | undefined {
  const value = fields[key];
  return typeof value === "number" ? value : undefined;
}

export function buildTimeline(history: readonly HistoryEventView[]): TimelineBar[] {
  const bars: TimelineBar[] = [];
  const open = new Map<string, TimelineBar>();
  const openBar = (
    key: string,
    kind: TimelineKind,
    taskId: number,
    name: string,
    start: string,
  ) => {
    const bar: TimelineBar = { kind, taskId, name, start, outcome: "pending" };
    bars.push(bar);
    open.set(key, bar);
    return bar;
  };
  const closeBar = (key: string, end: string, outcome: TimelineOutcome) => {
    const bar = open.get(key);
    if (!bar) return;
    bar.end = end;
    bar.outcome = outcome;
    open.delete(key);
  };

  for (const event of history) {
    const { fields, timestamp, eventId } = event;
    switch (event.type) {
      case "TaskScheduled":
        openBar(
          `task:${eventId}`,
          "activity",
          eventId,
          text(fields, "name") ?? "activity",
          timestamp,
        );
        break;
      case "TaskCompleted":
        closeBar(`task:${num(fields, "taskScheduledId")}`, timestamp, "completed");
        break;
      case "TaskFailed":
        closeBar(`task:${num(fields, "taskScheduledId")}`, timestamp, "failed");
        break;
      case "SubOrchestrationInstanceCreated": {
        const bar = openBar(
          `task:${eventId}`,
          "subOrchestration",
          eventId,
          text(fields, "name") ?? "sub-orchestration",
          timestamp,
        );
        const instanceId = text(fields, "instanceId");
        if (instanceId) bar.instanceId = instanceId;
        break;
      }
      case "SubOrchestrationInstanceCompleted":
        closeBar(`task:${num(fields, "taskScheduledId")}`, timestamp, "completed");
        break;
      case "SubOrchestrationInstanceFailed":
        closeBar(`task:${num(fields, "taskScheduledId")}`, timestamp, "failed");
        break;
      case "TimerCreated": {
        const bar = openBar(`timer:${eventId}`, "timer", eventId, "timer", timestamp);
        const fireAt = text(fields, "fireAt");
        if (fireAt) bar.fireAt = fireAt;
        break;
      }
      case "TimerFired":
        closeBar(`timer:${num(fields, "timerId")}`, timestamp, "completed");
        break;
      case "EntityOperationCalled": {
        const requestId = text(fields, "requestId");
        const target = text(fields, "targetInstanceId") ?? "entity";
        const operation = text(fields, "operation") ?? "call";
        if (requestId)
          openBar(`entity:${requestId}`, "entity", eventId, `${target} · ${operation}`, timestamp);
        break;
      }
      case "EntityOperationCompleted":
        closeBar(`entity:${text(fields, "requestId")}`, timestamp, "completed");
        break;
      case "EntityOperationFailed":
        closeBar(`entity:${text(fields, "requestId")}`, timestamp, "failed");
        break;
      default:
        break;
    }
  }
  return bars;
}
