// Work-item leases in the core, driven by a fake Clock whose timers fire only when the test moves time: an item held
// by a live stream is renewed past its lock; one held by a stream that stopped answering, or across a time skip
// longer than the lock, is redelivered to another stream, and the first delivery's token is then refused. Also the
// token rules: 128-bit tokens from the IdGenerator, valid only on the channel of the stream that received them.
import { EventEmitter } from "node:events";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { Clock } from "../../../emulator/clock";
import { Engine } from "../../../emulator/core/engine";
import { EngineError } from "../../../emulator/core/errors";
import { pb, StringValue } from "../../../emulator/core/proto";
import { Status } from "../../../emulator/core/status";
import { randomIds } from "../../../emulator/ids";
import { openSqliteStore } from "../../../emulator/store/sqliteStore";

const LOCK_MS = 10_000;

/** Time moves only in advance(); timers due by then fire in order, as a wall clock would have fired them. */
class ManualClock implements Clock {
  private current = 1_700_000_000_000;
  private readonly events = new EventEmitter();
  private timers: { due: number; callback: () => void }[] = [];

  now(): number {
    return this.current;
  }
  onAdvance(listener: (now: number) => void): () => void {
    this.events.on("advance", listener);
    return () => this.events.off("advance", listener);
  }
  setTimer(delayMs: number, callback: () => void): () => void {
    const timer = { due: this.current + delayMs, callback };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((candidate) => candidate !== timer);
    };
  }
  /** Lets time pass in steps, firing the timers due on the way (no jump notification). */
  pass(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const next = this.timers.filter((timer) => timer.due <= end).sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.timers = this.timers.filter((timer) => timer !== next);
      this.current = Math.max(this.current, next.due);
      next.callback();
    }
    this.current = end;
  }
  /** A time skip: jumps and notifies onAdvance listeners, as SkippableClock.advance does. */
  skip(ms: number): void {
    this.current += ms;
    this.events.emit("advance", this.current);
  }
}

const engines: Engine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) {
    engine.stop();
    engine.store.close();
  }
});

interface Stream {
  items: pb.WorkItem[];
  alive: boolean;
}

function setup(): { engine: Engine; clock: ManualClock; connect: (channel: string) => Stream } {
  const clock = new ManualClock();
  const engine = new Engine({
    store: openSqliteStore({ location: { inMemory: true } }),
    clock,
    logger: pino({ level: "silent" }),
    workItemLockMs: LOCK_MS,
  });
  engines.push(engine);
  engine.createHub("default");
  return {
    engine,
    clock,
    connect: (channel) => {
      const stream: Stream = { items: [], alive: true };
      engine.connectWorker({
        hub: "default",
        workerId: channel,
        userAgent: "leases-test",
        maxConcurrent: { orchestration: 10, activity: 10, entity: 10 },
        channel,
        isAlive: () => stream.alive,
        send: (item) =>
          stream.items.push(Buffer.isBuffer(item) ? pb.WorkItem.deserializeBinary(item) : item),
      });
      return stream;
    },
  };
}

async function until<T>(probe: () => T | undefined, timeoutMs = 2000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function completion(item: pb.WorkItem, output: string): pb.OrchestratorResponse {
  const response = new pb.OrchestratorResponse();
  response.setInstanceid(item.getOrchestratorrequest()!.getInstanceid());
  response.setCompletiontoken(item.getCompletiontoken());
  const action = new pb.OrchestratorAction();
  action.setId(-1);
  const complete = new pb.CompleteOrchestrationAction();
  complete.setOrchestrationstatus(pb.OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED);
  const value = new StringValue();
  value.setValue(output);
  complete.setResult(value);
  action.setCompleteorchestration(complete);
  response.setActionsList([action]);
  return response;
}

function refusal(run: () => void): EngineError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngineError) return error;
    throw error;
  }
  throw new Error("the completion should have been refused");
}

describe("work-item leases", () => {
  it("renews the lease of an item held by a live stream for as long as the stream lives", async () => {
    const { engine, clock, connect } = setup();
    const first = connect("channel-a");
    engine.startOrchestration("default", { name: "held", instanceId: "held-1" });
    const item = await until(() => first.items[0]);
    const second = connect("channel-b");
    for (let elapsed = 0; elapsed < 5 * LOCK_MS; elapsed += LOCK_MS / 10) clock.pass(LOCK_MS / 10);
    await new Promise((resolve) => setImmediate(resolve));
    expect(second.items).toHaveLength(0);
    engine.completeOrchestration("default", completion(item, '"kept"'), { channel: "channel-a" });
    expect(engine.getInstance("default", "held-1")?.output).toBe('"kept"');
  });

  it("redelivers an item whose stream stopped answering once its lease runs out, and refuses the late completion", async () => {
    const { engine, clock, connect } = setup();
    const frozen = connect("channel-a");
    engine.startOrchestration("default", { name: "frozen", instanceId: "frozen-1" });
    const stale = await until(() => frozen.items[0]);
    frozen.alive = false;
    const rescuer = connect("channel-b");
    clock.pass(LOCK_MS - LOCK_MS / 4 - 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(rescuer.items, "redelivered before the lease ran out").toHaveLength(0);
    clock.pass(LOCK_MS / 2);
    const redelivered = await until(() => rescuer.items[0]);
    expect(redelivered.getOrchestratorrequest()?.getInstanceid()).toBe("frozen-1");
    expect(redelivered.getCompletiontoken()).not.toBe(stale.getCompletiontoken());

    const late = refusal(() =>
      engine.completeOrchestration("default", completion(stale, '"late"'), {
        channel: "channel-a",
      }),
    );
    expect(late.code).toBe("NotFound");
    expect(late.message).toContain("redelivered because its lease expired");
    expect(engine.getInstance("default", "frozen-1")?.status).toBe(
      Status.ORCHESTRATION_STATUS_PENDING,
    );

    engine.completeOrchestration("default", completion(redelivered, '"rescued"'), {
      channel: "channel-b",
    });
    const row = engine.getInstance("default", "frozen-1")!;
    expect(row.status).toBe(Status.ORCHESTRATION_STATUS_COMPLETED);
    expect(row.output).toBe('"rescued"');
    expect(
      engine.getHistory("default", "frozen-1")!.filter((e) => e.hasExecutioncompleted()),
    ).toHaveLength(1);
  });

  it("expires leases when the clock skips past them, even on a live stream", async () => {
    const { engine, clock, connect } = setup();
    const first = connect("channel-a");
    engine.startOrchestration("default", { name: "skipped", instanceId: "skipped-1" });
    const stale = await until(() => first.items[0]);
    clock.skip(LOCK_MS - 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(first.items).toHaveLength(1);
    clock.skip(2);
    // The instance is free again: the pump hands it out anew (here to the same, only stream).
    const again = await until(() => first.items[1]);
    expect(again.getOrchestratorrequest()?.getInstanceid()).toBe("skipped-1");
    expect(
      refusal(() =>
        engine.completeOrchestration("default", completion(stale, '"late"'), {
          channel: "channel-a",
        }),
      ).code,
    ).toBe("NotFound");
  });
});

describe("completion tokens", () => {
  it("are 128 random bits from the IdGenerator, never sequential", async () => {
    expect(randomIds.completionToken()).toMatch(/^[0-9a-f]{32}$/);
    const { engine, connect } = setup();
    const stream = connect("channel-a");
    for (let index = 0; index < 3; index++)
      engine.startOrchestration("default", { name: "t", instanceId: `t-${index}` });
    await until(() => (stream.items.length === 3 ? stream.items : undefined));
    const tokens = stream.items.map((item) => item.getCompletiontoken());
    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(tokens).size).toBe(3);
  });

  it("are refused on another channel than the stream's, and that changes nothing", async () => {
    const { engine, connect } = setup();
    const stream = connect("channel-a");
    engine.startOrchestration("default", { name: "bound", instanceId: "bound-1" });
    const item = await until(() => stream.items[0]);
    for (const caller of [{ channel: "channel-b" }, {}]) {
      const foreign = refusal(() =>
        engine.completeOrchestration("default", completion(item, '"forged"'), caller),
      );
      expect(foreign.code).toBe("FailedPrecondition");
      expect(foreign.message).toContain("issued to a GetWorkItems stream on another channel");
    }
    const abandon = refusal(() =>
      engine.abandon("default", item.getCompletiontoken(), "orchestration", {
        channel: "channel-b",
      }),
    );
    expect(abandon.code).toBe("FailedPrecondition");
    expect(engine.getInstance("default", "bound-1")?.status).toBe(
      Status.ORCHESTRATION_STATUS_PENDING,
    );
    engine.completeOrchestration("default", completion(item, '"real"'), { channel: "channel-a" });
    expect(engine.getInstance("default", "bound-1")?.output).toBe('"real"');
  });
});
