// The engine takes time and identifiers only from what it is given: every delay (durable timers, abandon backoff)
// is driven by the injected Clock, and every minted id comes from the injected IdGenerator. The clock here never
// fires on wall time, so anything that is delivered was delivered because the clock was advanced.
import { EventEmitter } from "node:events";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { Clock } from "../../../emulator/clock";
import { Engine } from "../../../emulator/core/engine";
import { pb, StringValue } from "../../../emulator/core/proto";
import type { IdGenerator } from "../../../emulator/ids";
import { openSqliteStore } from "../../../emulator/store/sqliteStore";

/** A clock that only moves when told to: its timers never fire on their own. */
class ManualClock implements Clock {
  private current = Date.UTC(2026, 0, 1);
  private readonly events = new EventEmitter();
  timersArmed = 0;

  now(): number {
    return this.current;
  }
  onAdvance(listener: (now: number) => void): () => void {
    this.events.on("advance", listener);
    return () => this.events.off("advance", listener);
  }
  setTimer(): () => void {
    this.timersArmed++;
    return () => undefined;
  }
  advance(ms: number): void {
    this.current += ms;
    this.events.emit("advance", this.current);
  }
}

function sequentialIds(): IdGenerator {
  let next = 0;
  const hex = (): string => (++next).toString(16).padStart(32, "0");
  return {
    executionId: hex,
    instanceId: () => `instance-${++next}`,
    requestId: () => `request-${++next}`,
    completionToken: () => `token-${++next}`,
  };
}

const engines: Engine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) {
    engine.stop();
    engine.store.close();
  }
});

function newEngine(clock: Clock, ids?: IdGenerator): { engine: Engine; items: pb.WorkItem[] } {
  const engine = new Engine({
    store: openSqliteStore({ location: { inMemory: true } }),
    clock,
    logger: pino({ level: "silent" }),
    ids,
  });
  engines.push(engine);
  engine.createHub("default");
  const items: pb.WorkItem[] = [];
  engine.connectWorker({
    hub: "default",
    workerId: "test-worker",
    userAgent: "injected-time-test",
    maxConcurrent: { orchestration: 10, activity: 10, entity: 10 },
    send: (item) => items.push(Buffer.isBuffer(item) ? pb.WorkItem.deserializeBinary(item) : item),
  });
  return { engine, items };
}

async function until<T>(read: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Bounded poll: fails as soon as `happened()` holds within `forMs`. */
async function staysFalse(happened: () => boolean, forMs = 200): Promise<void> {
  const deadline = Date.now() + forMs;
  while (Date.now() < deadline) {
    expect(happened()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function scheduleActivity(
  token: string,
  instanceId: string,
  name: string,
): pb.OrchestratorResponse {
  const response = new pb.OrchestratorResponse();
  response.setInstanceid(instanceId);
  response.setCompletiontoken(token);
  const action = new pb.OrchestratorAction();
  action.setId(1);
  const task = new pb.ScheduleTaskAction();
  task.setName(name);
  const input = new StringValue();
  input.setValue('"payload"');
  task.setInput(input);
  action.setScheduletask(task);
  response.setActionsList([action]);
  return response;
}

const activityItems = (items: pb.WorkItem[]): pb.WorkItem[] =>
  items.filter((item) => item.hasActivityrequest());

describe("injected clock", () => {
  it("redelivers an abandoned activity when the clock advances past its backoff, not before", async () => {
    const clock = new ManualClock();
    const { engine, items } = newEngine(clock);
    engine.startOrchestration("default", { name: "fanout", instanceId: "abandoned" });
    const episode = await until(() => items.find((item) => item.hasOrchestratorrequest()));
    engine.completeOrchestration(
      "default",
      scheduleActivity(episode.getCompletiontoken(), "abandoned", "flaky"),
    );
    const first = await until(() => activityItems(items)[0]);
    expect(first.getActivityrequest()?.getName()).toBe("flaky");

    engine.abandon("default", first.getCompletiontoken(), "activity");
    expect(engine.metrics("default").inFlight.activity).toBe(0);
    // First delivery abandoned: a backoff of 1 s. The clock's own timers never fire, and 999 ms is not enough.
    await staysFalse(() => activityItems(items).length > 1);
    clock.advance(999);
    await staysFalse(() => activityItems(items).length > 1);
    clock.advance(1);
    // Well inside the 1 s a wall-clock timer would take: only the advance can have delivered it.
    const second = await until(() => activityItems(items)[1], 300);
    expect(second.getActivityrequest()?.getName()).toBe("flaky");
    expect(second.getCompletiontoken()).not.toBe(first.getCompletiontoken());

    // Second delivery abandoned: 2 s.
    engine.abandon("default", second.getCompletiontoken(), "activity");
    clock.advance(1999);
    await staysFalse(() => activityItems(items).length > 2);
    clock.advance(1);
    await until(() => activityItems(items)[2], 500);
    expect(clock.timersArmed).toBeGreaterThan(0);
  });

  it("drops a delayed activity of a deleted hub", async () => {
    const clock = new ManualClock();
    const { engine, items } = newEngine(clock);
    engine.startOrchestration("default", { name: "o", instanceId: "gone" });
    const episode = await until(() => items.find((item) => item.hasOrchestratorrequest()));
    engine.completeOrchestration(
      "default",
      scheduleActivity(episode.getCompletiontoken(), "gone", "flaky"),
    );
    const first = await until(() => activityItems(items)[0]);
    engine.abandon("default", first.getCompletiontoken(), "activity");
    engine.deleteHub("default");
    engine.createHub("default");
    clock.advance(60_000);
    expect(engine.metrics("default").pending.activity).toBe(0);
  });
});

describe("injected ids", () => {
  it("mints instance and execution ids from the IdGenerator", async () => {
    const clock = new ManualClock();
    const { engine, items } = newEngine(clock, sequentialIds());
    const instanceId = engine.startOrchestration("default", { name: "o" });
    expect(instanceId).toBe("instance-1");
    expect(engine.getInstance("default", instanceId)?.executionId).toBe(
      "00000000000000000000000000000002",
    );
    const episode = await until(() => items.find((item) => item.hasOrchestratorrequest()));
    expect(episode.getOrchestratorrequest()?.getExecutionid()?.getValue()).toBe(
      "00000000000000000000000000000002",
    );
  });

  it("gives an entity signal sent without a request id one from the IdGenerator", () => {
    const clock = new ManualClock();
    const { engine } = newEngine(clock, sequentialIds());
    engine.entities.signal("default", { instanceId: "@counter@a", operation: "add" });
    const inbox = engine.hub("default").inboxes.get("@counter@a") ?? [];
    expect(
      inbox.map((message) => message.event.getEntityoperationsignaled()?.getRequestid()),
    ).toEqual(["request-1"]);
  });
});
