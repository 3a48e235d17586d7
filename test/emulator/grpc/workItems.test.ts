// The worker protocol on the wire (docs/reference/sidecar.md "Work-item dispatch"), through the generated gRPC
// client — the paths the JS SDK worker does not exercise: work item filters, per-stream caps, health pings, re-queue
// on stream loss, abandon, .NET-style chunked completions (isPartial) and retired tokens.
import { status, type ClientReadableStream, type ServiceError } from "@grpc/grpc-js";
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import { StringValue } from "google-protobuf/google/protobuf/wrappers_pb";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rawCall, startTestEmulator, type TestEmulator } from "../../helpers/emulator";

let emulator: TestEmulator;
const streams: ClientReadableStream<pb.WorkItem>[] = [];

beforeAll(async () => {
  emulator = await startTestEmulator({ healthPingIntervalMs: 200 });
});
afterEach(() => {
  for (const stream of streams.splice(0)) stream.cancel();
});
afterAll(async () => {
  await emulator?.close();
});

interface Inbox {
  items: pb.WorkItem[];
  next(predicate?: (item: pb.WorkItem) => boolean, timeoutMs?: number): Promise<pb.WorkItem>;
  stream: ClientReadableStream<pb.WorkItem>;
}

function openStream(configure: (request: pb.GetWorkItemsRequest) => void = () => undefined): Inbox {
  const raw = emulator.raw();
  const request = new pb.GetWorkItemsRequest();
  configure(request);
  const stream = raw.getWorkItems(request, emulator.metadata());
  streams.push(stream);
  stream.on("error", () => undefined);
  const items: pb.WorkItem[] = [];
  let cursor = 0;
  stream.on("data", (item: pb.WorkItem) => items.push(item));
  return {
    items,
    stream,
    async next(predicate = (item) => !item.hasHealthping(), timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (cursor < items.length) {
          const item = items[cursor++]!;
          if (predicate(item)) return item;
        }
        if (Date.now() > deadline) throw new Error("no matching work item arrived");
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}

async function start(name: string, instanceId: string, version?: string): Promise<void> {
  const request = new pb.CreateInstanceRequest();
  request.setName(name);
  request.setInstanceid(instanceId);
  if (version) {
    const value = new StringValue();
    value.setValue(version);
    request.setVersion(value);
  }
  const raw = emulator.raw();
  await rawCall(raw.startInstance.bind(raw), request, emulator.metadata());
}

function completeAction(
  status = pb.OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED,
): pb.OrchestratorAction {
  const action = new pb.OrchestratorAction();
  action.setId(-1);
  const complete = new pb.CompleteOrchestrationAction();
  complete.setOrchestrationstatus(status);
  action.setCompleteorchestration(complete);
  return action;
}

function scheduleAction(id: number, name: string): pb.OrchestratorAction {
  const action = new pb.OrchestratorAction();
  action.setId(id);
  const task = new pb.ScheduleTaskAction();
  task.setName(name);
  action.setScheduletask(task);
  return action;
}

async function respond(
  item: pb.WorkItem,
  actions: pb.OrchestratorAction[],
  isPartial = false,
): Promise<void> {
  const response = new pb.OrchestratorResponse();
  response.setInstanceid(item.getOrchestratorrequest()!.getInstanceid());
  response.setCompletiontoken(item.getCompletiontoken());
  response.setActionsList(actions);
  response.setIspartial(isPartial);
  const raw = emulator.raw();
  await rawCall(raw.completeOrchestratorTask.bind(raw), response, emulator.metadata());
}

/** The refusal of a call that must fail. */
async function refused(call: Promise<unknown>): Promise<ServiceError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e as ServiceError,
  );
  if (error === undefined) throw new Error("the call should have been refused");
  return error;
}

function expectNotFound(error: ServiceError, reason: string): void {
  expect(error.code).toBe(status.NOT_FOUND);
  expect(error.details).toContain(reason);
}

const instanceOf = (item: pb.WorkItem) => item.getOrchestratorrequest()?.getInstanceid();
const statusOf = async (instanceId: string) => {
  const request = new pb.GetInstanceRequest();
  request.setInstanceid(instanceId);
  const raw = emulator.raw();
  const response = await rawCall<pb.GetInstanceRequest, pb.GetInstanceResponse>(
    raw.getInstance.bind(raw),
    request,
    emulator.metadata(),
  );
  return response.getOrchestrationstate()?.getOrchestrationstatus();
};

describe("GetWorkItems", () => {
  it("sends health pings on an idle stream", async () => {
    const inbox = openStream();
    const ping = await inbox.next((item) => item.hasHealthping(), 5000);
    expect(ping.hasHealthping()).toBe(true);
  });

  it("honours work item filters: name and version must match; others stay PENDING for other workers", async () => {
    const filtered = openStream((request) => {
      const filters = new pb.WorkItemFilters();
      const orchestration = new pb.OrchestrationFilter();
      orchestration.setName("wanted");
      orchestration.setVersionsList(["2.0"]);
      filters.setOrchestrationsList([orchestration]);
      request.setWorkitemfilters(filters);
    });
    await start("unwanted", "filter-unwanted");
    await start("wanted", "filter-wrong-version", "1.0");
    await start("wanted", "filter-match", "2.0");
    const item = await filtered.next();
    expect(instanceOf(item)).toBe("filter-match");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(filtered.items.filter((candidate) => candidate.hasOrchestratorrequest())).toHaveLength(
      1,
    );
    expect(await statusOf("filter-unwanted")).toBe(
      pb.OrchestrationStatus.ORCHESTRATION_STATUS_PENDING,
    );
    await respond(item, [completeAction()]);
    // An unfiltered worker picks up what the filtered one left.
    const everything = openStream();
    const leftovers = [await everything.next(), await everything.next()].map(instanceOf).sort();
    expect(leftovers).toEqual(["filter-unwanted", "filter-wrong-version"]);
    for (const candidate of everything.items.filter((entry) => entry.hasOrchestratorrequest())) {
      await respond(candidate, [completeAction()]);
    }
  });

  it("caps in-flight orchestrations per stream and re-queues them when the stream ends", async () => {
    const capped = openStream((request) => request.setMaxconcurrentorchestrationworkitems(1));
    await start("capped", "cap-1");
    await start("capped", "cap-2");
    const first = await capped.next();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(capped.items.filter((item) => item.hasOrchestratorrequest())).toHaveLength(1);
    capped.stream.cancel();
    const replacement = openStream();
    const redelivered = [await replacement.next(), await replacement.next()];
    expect(redelivered.map(instanceOf).sort()).toEqual(["cap-1", "cap-2"]);
    // The old token is retired now: completing with it is refused, naming why, and changes nothing.
    expectNotFound(
      await refused(respond(first, [completeAction()])),
      "redelivered because its GetWorkItems stream ended",
    );
    expect(await statusOf(instanceOf(first)!)).toBe(
      pb.OrchestrationStatus.ORCHESTRATION_STATUS_PENDING,
    );
    for (const item of redelivered) await respond(item, [completeAction()]);
    expect(await statusOf("cap-1")).toBe(pb.OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED);
  });

  it("redelivers an abandoned work item after a backoff", async () => {
    const inbox = openStream();
    await start("abandoned", "abandon-1");
    const item = await inbox.next();
    const abandon = new pb.AbandonOrchestrationTaskRequest();
    abandon.setCompletiontoken(item.getCompletiontoken());
    const raw = emulator.raw();
    const before = Date.now();
    await rawCall(raw.abandonTaskOrchestratorWorkItem.bind(raw), abandon, emulator.metadata());
    const again = await inbox.next();
    expect(instanceOf(again)).toBe("abandon-1");
    expect(Date.now() - before).toBeGreaterThanOrEqual(900);
    await respond(again, [completeAction()]);
  });

  it("redelivers an abandoned activity after a backoff and applies its result once", async () => {
    const inbox = openStream();
    await start("withActivity", "abandon-activity");
    await respond(await inbox.next(), [scheduleAction(0, "work")]);
    const activity = await inbox.next((item) => item.hasActivityrequest());
    const abandon = new pb.AbandonActivityTaskRequest();
    abandon.setCompletiontoken(activity.getCompletiontoken());
    const raw = emulator.raw();
    const before = Date.now();
    await rawCall(raw.abandonTaskActivityWorkItem.bind(raw), abandon, emulator.metadata());
    const again = await inbox.next((item) => item.hasActivityrequest());
    expect(Date.now() - before).toBeGreaterThanOrEqual(900);
    expect(again.getActivityrequest()?.getTaskid()).toBe(0);
    const complete = (token: string) => {
      const response = new pb.ActivityResponse();
      response.setInstanceid("abandon-activity");
      response.setTaskid(0);
      response.setCompletiontoken(token);
      const result = new StringValue();
      result.setValue('"done"');
      response.setResult(result);
      return rawCall(raw.completeActivityTask.bind(raw), response, emulator.metadata());
    };
    await complete(again.getCompletiontoken());
    // A second completion and one with the abandoned delivery's token are refused: the result applies once.
    expectNotFound(await refused(complete(again.getCompletiontoken())), "was completed");
    expectNotFound(await refused(complete(activity.getCompletiontoken())), "was abandoned");
    const episode = await inbox.next((item) => item.hasOrchestratorrequest());
    const C = pb.HistoryEvent.EventtypeCase;
    expect(
      episode
        .getOrchestratorrequest()!
        .getNeweventsList()
        .map((event) => event.getEventtypeCase()),
    ).toEqual([C.ORCHESTRATORSTARTED, C.TASKCOMPLETED]);
    await respond(episode, [completeAction()]);
  });

  it("applies chunked completions (isPartial) atomically with the final chunk", async () => {
    const inbox = openStream();
    await start("chunked", "chunk-1");
    const item = await inbox.next();
    await respond(item, [scheduleAction(0, "first")], true);
    const history = async () => {
      const request = new pb.StreamInstanceHistoryRequest();
      request.setInstanceid("chunk-1");
      const raw = emulator.raw();
      const events: pb.HistoryEvent[] = [];
      await new Promise<void>((resolve, reject) => {
        const stream = raw.streamInstanceHistory(request, emulator.metadata());
        stream.on("data", (chunk: pb.HistoryChunk) => events.push(...chunk.getEventsList()));
        stream.on("end", () => resolve());
        stream.on("error", reject);
      });
      return events.map((event) => event.getEventtypeCase());
    };
    expect(await history()).toEqual([]);
    await respond(item, [scheduleAction(1, "second")]);
    const C = pb.HistoryEvent.EventtypeCase;
    expect(await history()).toEqual([
      C.ORCHESTRATORSTARTED,
      C.EXECUTIONSTARTED,
      C.TASKSCHEDULED,
      C.TASKSCHEDULED,
    ]);
    const activities = [await inbox.next(), await inbox.next()].map((entry) =>
      entry.getActivityrequest()?.getName(),
    );
    expect(activities.sort()).toEqual(["first", "second"]);
  });
});
