// The Engine API used by the control plane, retention and dashboard (hubs, timers, queries, purge, metrics),
// driven directly with a fake worker connection that records pushed work items and answers them with hand-built
// responses.
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { SkippableClock } from "../../../emulator/clock";
import { Engine } from "../../../emulator/core/engine";
import { EngineError } from "../../../emulator/core/errors";
import { pb, StringValue, Timestamp } from "../../../emulator/core/proto";
import { Status } from "../../../emulator/core/status";
import { openSqliteStore } from "../../../emulator/store/sqliteStore";
import type { StoreBatch } from "../../../emulator/store/store";

const engines: Engine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) {
    engine.stop();
    engine.store.close();
  }
});

function newEngine(clock = new SkippableClock()): Engine {
  const engine = new Engine({
    store: openSqliteStore({ location: { inMemory: true } }),
    clock,
    logger: pino({ level: "silent" }),
  });
  engines.push(engine);
  engine.createHub("default");
  return engine;
}

function connect(engine: Engine, hub = "default"): pb.WorkItem[] {
  const items: pb.WorkItem[] = [];
  engine.connectWorker({
    hub,
    workerId: "test-worker",
    userAgent: "engine-test",
    maxConcurrent: { orchestration: 10, activity: 10, entity: 10 },
    send: (item) => items.push(Buffer.isBuffer(item) ? pb.WorkItem.deserializeBinary(item) : item),
  });
  return items;
}

async function until<T>(read: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function complete(token: string, instanceId: string, result: string): pb.OrchestratorResponse {
  const response = new pb.OrchestratorResponse();
  response.setInstanceid(instanceId);
  response.setCompletiontoken(token);
  const action = new pb.OrchestratorAction();
  action.setId(-1);
  const body = new pb.CompleteOrchestrationAction();
  body.setOrchestrationstatus(pb.OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED);
  const value = new StringValue();
  value.setValue(result);
  body.setResult(value);
  action.setCompleteorchestration(body);
  response.setActionsList([action]);
  return response;
}

describe("hubs", () => {
  it("creates, lists by scheduler, gets and deletes hubs", () => {
    const engine = newEngine();
    engine.createHub("orders", { scheduler: "prod" });
    expect(engine.listHubs().map((hub) => hub.name)).toEqual(["default", "orders"]);
    expect(engine.listHubs("prod").map((hub) => hub.name)).toEqual(["orders"]);
    expect(engine.getHub("orders")?.scheduler).toBe("prod");
    expect(() => engine.createHub("orders")).toThrow(/already exists/);
    expect(() => engine.createHub("bad name!")).toThrow(/task hub name "bad name!" is invalid/);
    engine.startOrchestration("orders", { name: "o", instanceId: "x" });
    expect(engine.deleteHub("orders")).toBe(true);
    expect(engine.deleteHub("orders")).toBe(false);
    expect(engine.getHub("orders")).toBeUndefined();
    engine.createHub("orders");
    expect(engine.getInstance("orders", "x")).toBeUndefined();
  });

  it("refuses calls to unknown hubs with NotFound naming the hub", () => {
    const engine = newEngine();
    try {
      engine.getInstance("nope", "x");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EngineError);
      expect((error as EngineError).code).toBe("NotFound");
      expect((error as EngineError).message).toContain("'nope'");
    }
  });
});

describe("dispatch and completion", () => {
  it("pushes [OrchestratorStarted, ExecutionStarted] with a 32-hex executionId and refuses unknown tokens", async () => {
    const engine = newEngine();
    const items = connect(engine);
    engine.startOrchestration("default", { name: "hello", instanceId: "i1", input: '"x"' });
    const item = await until(() => items[0]);
    const request = item.getOrchestratorrequest()!;
    expect(request.getExecutionid()?.getValue()).toMatch(/^[0-9a-f]{32}$/);
    expect(request.getPasteventsList()).toEqual([]);
    expect(request.getNeweventsList().map((event) => event.getEventtypeCase())).toEqual([
      pb.HistoryEvent.EventtypeCase.ORCHESTRATORSTARTED,
      pb.HistoryEvent.EventtypeCase.EXECUTIONSTARTED,
    ]);
    expect(item.getCompletiontoken()).toMatch(/^[0-9a-f]{32}$/);
    expect(() =>
      engine.completeOrchestration("default", complete("unknown-token", "i1", '"no"')),
    ).toThrow(/names no orchestration work item in flight/);
    expect(() =>
      engine.completeOrchestration(
        "default",
        complete(item.getCompletiontoken(), "other-instance", '"no"'),
      ),
    ).toThrow(/does not match the work item/);
    expect(engine.getInstance("default", "i1")?.status).toBe(Status.ORCHESTRATION_STATUS_PENDING);
    engine.completeOrchestration("default", complete(item.getCompletiontoken(), "i1", '"yes"'));
    expect(() =>
      engine.completeOrchestration("default", complete(item.getCompletiontoken(), "i1", '"twice"')),
    ).toThrow(/the item was completed/);
    const row = engine.getInstance("default", "i1")!;
    expect(row.status).toBe(Status.ORCHESTRATION_STATUS_COMPLETED);
    expect(row.output).toBe('"yes"');
    expect(engine.getHistory("default", "i1")!.map((event) => event.getEventtypeCase())).toEqual([
      pb.HistoryEvent.EventtypeCase.ORCHESTRATORSTARTED,
      pb.HistoryEvent.EventtypeCase.EXECUTIONSTARTED,
      pb.HistoryEvent.EventtypeCase.EXECUTIONCOMPLETED,
    ]);
  });

  it("fires a durable timer as soon as a SkippableClock advances past it", async () => {
    const clock = new SkippableClock();
    const engine = newEngine(clock);
    const items = connect(engine);
    engine.startOrchestration("default", { name: "sleepy", instanceId: "t1" });
    const first = await until(() => items[0]);
    const response = new pb.OrchestratorResponse();
    response.setInstanceid("t1");
    response.setCompletiontoken(first.getCompletiontoken());
    const action = new pb.OrchestratorAction();
    action.setId(1);
    const timer = new pb.CreateTimerAction();
    const fireAt = new Timestamp();
    fireAt.setSeconds(Math.floor((clock.now() + 3_600_000) / 1000));
    timer.setFireat(fireAt);
    action.setCreatetimer(timer);
    response.setActionsList([action]);
    engine.completeOrchestration("default", response);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(items).toHaveLength(1);
    clock.advance(3_600_000 + 1000);
    const second = await until(() => items[1]);
    const events = second.getOrchestratorrequest()!.getNeweventsList();
    expect(events[1]?.getTimerfired()?.getTimerid()).toBe(1);
  });

  it("re-queues in-flight work when the worker disconnects", async () => {
    const engine = newEngine();
    const items: pb.WorkItem[] = [];
    const connection = engine.connectWorker({
      hub: "default",
      workerId: "w",
      userAgent: "u",
      maxConcurrent: { orchestration: 1, activity: 1, entity: 1 },
      send: (item) =>
        items.push(Buffer.isBuffer(item) ? pb.WorkItem.deserializeBinary(item) : item),
    });
    engine.startOrchestration("default", { name: "o", instanceId: "r1" });
    await until(() => items[0]);
    expect(engine.metrics("default").inFlight.orchestration).toBe(1);
    engine.disconnectWorker(connection);
    expect(engine.metrics("default").pending.orchestration).toBe(1);
    const again = connect(engine);
    const redelivered = await until(() => again[0]);
    expect(redelivered.getOrchestratorrequest()?.getInstanceid()).toBe("r1");
  });
});

describe("queries, purge and metrics", () => {
  it("queries with filters, paging and total count", () => {
    const engine = newEngine();
    for (let index = 0; index < 5; index++) {
      engine.startOrchestration("default", {
        name: index % 2 ? "odd" : "even",
        instanceId: `q${index}`,
        tags: { n: String(index) },
      });
    }
    const first = engine.queryInstances("default", { pageSize: 2 });
    expect(first.instances.map((row) => row.instanceId)).toEqual(["q0", "q1"]);
    expect(first.totalCount).toBe(5);
    const second = engine.queryInstances("default", {
      pageSize: 2,
      continuationToken: first.continuationToken,
    });
    expect(second.instances.map((row) => row.instanceId)).toEqual(["q2", "q3"]);
    expect(engine.queryInstances("default", { name: "odd" }).totalCount).toBe(2);
    expect(
      engine.queryInstances("default", { tag: { key: "n", value: "4" } }).instances[0]?.instanceId,
    ).toBe("q4");
    expect(() => engine.queryInstances("default", { continuationToken: "garbage" })).toThrow(
      /continuationToken "garbage"/,
    );
  });

  it("purgeTerminal deletes only terminal instances completed before the cutoff", () => {
    const clock = new SkippableClock();
    const engine = newEngine(clock);
    engine.startOrchestration("default", { name: "o", instanceId: "old" });
    engine.startOrchestration("default", { name: "o", instanceId: "running" });
    expect(engine.forceTerminate("default", "old", "retention test")).toBe(true);
    const cutoff = clock.advance(1000);
    engine.startOrchestration("default", { name: "o", instanceId: "new" });
    engine.forceTerminate("default", "new", undefined);
    expect(
      engine.purgeTerminal("default", {
        statuses: [Status.ORCHESTRATION_STATUS_COMPLETED],
        completedBefore: cutoff,
      }),
    ).toBe(0);
    expect(
      engine.purgeTerminal("default", {
        statuses: [Status.ORCHESTRATION_STATUS_TERMINATED],
        completedBefore: cutoff,
      }),
    ).toBe(1);
    expect(engine.getInstance("default", "old")).toBeUndefined();
    expect(engine.getInstance("default", "new")?.status).toBe(
      Status.ORCHESTRATION_STATUS_TERMINATED,
    );
    expect(engine.getInstance("default", "running")?.status).toBe(
      Status.ORCHESTRATION_STATUS_PENDING,
    );
  });

  it("reports workers, pending/in-flight counts and completions per minute", async () => {
    const engine = newEngine();
    const items = connect(engine);
    engine.startOrchestration("default", { name: "o", instanceId: "m1" });
    const item = await until(() => items[0]);
    let metrics = engine.metrics("default");
    expect(metrics.workers).toEqual([
      expect.objectContaining({
        workerId: "test-worker",
        userAgent: "engine-test",
        hub: "default",
      }),
    ]);
    expect(metrics.inFlight.orchestration).toBe(1);
    engine.completeOrchestration("default", complete(item.getCompletiontoken(), "m1", "1"));
    metrics = engine.metrics("default");
    expect(metrics.inFlight.orchestration).toBe(0);
    expect(metrics.completedPerMinute).toHaveLength(15);
    expect(metrics.completedPerMinute.at(-1)?.count).toBe(1);
    const detail = engine.instanceDetail("default", "m1");
    expect(detail?.history).toHaveLength(3);
  });

  it("waitForInstance resolves on change and rejects when aborted", async () => {
    const engine = newEngine();
    engine.startOrchestration("default", { name: "o", instanceId: "w1" });
    const controller = new AbortController();
    const waiting = engine.waitForInstance(
      "default",
      "w1",
      (row) => row.status === Status.ORCHESTRATION_STATUS_TERMINATED,
      controller.signal,
    );
    engine.forceTerminate("default", "w1", "done");
    expect((await waiting)?.status).toBe(Status.ORCHESTRATION_STATUS_TERMINATED);
    engine.startOrchestration("default", { name: "o", instanceId: "w2" });
    const aborted = new AbortController();
    const pending = engine.waitForInstance("default", "w2", () => false, aborted.signal);
    aborted.abort(new Error("stop waiting"));
    await expect(pending).rejects.toThrow("stop waiting");
    expect(
      await engine.waitForInstance("default", "missing", () => false, new AbortController().signal),
    ).toBeUndefined();
  });
});

describe("entity batches", () => {
  it("commits an orchestration started by an entity in the same store batch as the entity's state", async () => {
    const store = openSqliteStore({ location: { inMemory: true } });
    const commits: StoreBatch[] = [];
    const commit = store.commit.bind(store);
    store.commit = (batch) => {
      commits.push(batch);
      return commit(batch);
    };
    const engine = new Engine({
      store,
      clock: new SkippableClock(),
      logger: pino({ level: "silent" }),
    });
    engines.push(engine);
    engine.createHub("default");
    const items = connect(engine);
    engine.entities.signal("default", { instanceId: "@counter@a", operation: "go" });
    const entityItem = await until(() => items.find((item) => item.hasEntityrequestv2()));

    const result = new pb.EntityBatchResult();
    result.setCompletiontoken(entityItem.getCompletiontoken());
    const state = new StringValue();
    state.setValue("1");
    result.setEntitystate(state);
    const outcome = new pb.OperationResult();
    outcome.setSuccess(new pb.OperationResultSuccess());
    result.setResultsList([outcome]);
    const start = new pb.StartNewOrchestrationAction();
    start.setInstanceid("from-entity");
    start.setName("child");
    const action = new pb.OperationAction();
    action.setId(0);
    action.setStartneworchestration(start);
    result.setActionsList([action]);
    commits.length = 0;
    engine.entities.complete("default", result);

    const entityCommits = commits.filter((batch) =>
      batch.upsertEntities?.some((row) => row.instanceId === "@counter@a"),
    );
    expect(entityCommits).toHaveLength(1);
    const [batch] = entityCommits;
    expect(batch?.upsertInstances?.map((row) => row.instanceId)).toEqual(["from-entity"]);
    expect(batch?.insertInbox?.map((row) => row.instanceId)).toContain("from-entity");
    expect(commits).toHaveLength(1);
    const started = await until(() =>
      items.find((item) => item.getOrchestratorrequest()?.getInstanceid() === "from-entity"),
    );
    expect(
      started
        .getOrchestratorrequest()
        ?.getNeweventsList()
        .some((e) => e.hasExecutionstarted()),
    ).toBe(true);
    expect(engine.entities.get("default", "@counter@a")?.row.state).toBe("1");
  });
});
