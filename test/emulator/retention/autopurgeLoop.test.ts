// The Autopurge loop against a recording engine: policy per scheduler, 30-day default, a pass requested during a
// running pass waits for a follow-up pass that sees the new time; a large backlog goes in batches while dispatch runs.
import pino from "pino";
import { describe, expect, it } from "vitest";
import { SkippableClock } from "../../../emulator/clock";
import { Engine } from "../../../emulator/core/engine";
import { pb } from "../../../emulator/core/proto";
import type { RetentionRecord } from "../../../emulator/control/repository";
import { Autopurge } from "../../../emulator/retention/autopurge";
import { DAY_MS, STATE_STATUS } from "../../../emulator/retention/policy";
import { openSqliteStore } from "../../../emulator/store/sqliteStore";

function recordingEngine() {
  const calls: { hub: string; statuses: number[]; completedBefore: number }[] = [];
  return {
    calls,
    listHubs: () => [
      { name: "orders", scheduler: "dts-a", createdAt: 0 },
      { name: "default", scheduler: "emulator", createdAt: 0 },
    ],
    purgeTerminal(hub: string, options: { statuses: number[]; completedBefore: number }) {
      calls.push({ hub, ...options });
      return hub === "orders" ? 2 : 0;
    },
  };
}

const policies: Record<string, RetentionRecord> = {
  "dts-a": {
    schedulerName: "dts-a",
    entries: [
      { retentionPeriodInDays: 3 },
      { retentionPeriodInDays: 10, orchestrationState: "Failed" },
    ],
    createdAt: 0,
    lastModifiedAt: 0,
  },
};

describe("Autopurge", () => {
  it("applies each scheduler's policy, and 30 days where there is none", async () => {
    const clock = new SkippableClock();
    const engine = recordingEngine();
    const logs: unknown[] = [];
    const autopurge = new Autopurge({
      engine,
      controlPlane: { retentionOf: (name: string) => policies[name] },
      clock,
      logger: { info: (o: unknown) => logs.push(o), error: () => undefined },
    });
    const now = clock.now();
    const result = await autopurge.sweep();
    expect(result).toEqual({ purged: { orders: 4 }, total: 4 });
    const cutoffs = engine.calls.map((c) => ({
      hub: c.hub,
      days: Math.round((now - c.completedBefore) / DAY_MS),
      statuses: c.statuses,
    }));
    expect(cutoffs).toEqual([
      {
        hub: "orders",
        days: 3,
        statuses: [STATE_STATUS.Completed, STATE_STATUS.Terminated, STATE_STATUS.Canceled],
      },
      { hub: "orders", days: 10, statuses: [STATE_STATUS.Failed] },
      {
        hub: "default",
        days: 30,
        statuses: [
          STATE_STATUS.Completed,
          STATE_STATUS.Failed,
          STATE_STATUS.Terminated,
          STATE_STATUS.Canceled,
        ],
      },
    ]);
    expect(logs).toHaveLength(2);
    await autopurge.close();
  });

  it("a pass requested while one runs is followed by a pass with the new time", async () => {
    const clock = new SkippableClock();
    const engine = recordingEngine();
    const autopurge = new Autopurge({
      engine,
      controlPlane: { retentionOf: () => undefined },
      clock,
    });
    const first = autopurge.sweep();
    clock.advance(5 * DAY_MS);
    const second = autopurge.sweep();
    const third = autopurge.sweep();
    expect(third).toBe(second);
    await Promise.all([first, second]);
    const last = engine.calls.at(-1);
    expect(last && clock.now() - last.completedBefore).toBeLessThanOrEqual(30 * DAY_MS + 1000);
    expect(engine.calls).toHaveLength(4);
    await autopurge.close();
  });
});

describe("Autopurge over a real engine", () => {
  it("purges a backlog larger than one batch in several batches while dispatch keeps running", async () => {
    const clock = new SkippableClock();
    const engine = new Engine({
      store: openSqliteStore({ location: { inMemory: true } }),
      clock,
      logger: pino({ level: "silent" }),
    });
    try {
      engine.createHub("default");
      for (let i = 0; i < 25; i++) {
        const id = engine.startOrchestration("default", { name: "o", instanceId: `old-${i}` });
        engine.forceTerminate("default", id, "backlog");
      }
      clock.advance(31 * DAY_MS);
      const dispatched: string[] = [];
      engine.connectWorker({
        hub: "default",
        workerId: "w",
        userAgent: "autopurge-test",
        maxConcurrent: { orchestration: 100, activity: 100, entity: 100 },
        send: (item) => {
          const workItem = Buffer.isBuffer(item) ? pb.WorkItem.deserializeBinary(item) : item;
          dispatched.push(workItem.getOrchestratorrequest()?.getInstanceid() ?? "");
        },
      });
      // Before each batch, start an orchestration and record what had been dispatched so far: every orchestration
      // started before a batch must reach the worker before the next batch runs.
      const seenAtBatch: string[][] = [];
      const counts: number[] = [];
      const target = {
        listHubs: () => engine.listHubs(),
        purgeTerminal(
          hub: string,
          options: { statuses: number[]; completedBefore: number; limit: number },
        ) {
          seenAtBatch.push([...dispatched]);
          engine.startOrchestration(hub, { name: "live", instanceId: `live-${counts.length}` });
          const count = engine.purgeTerminal(hub, options);
          counts.push(count);
          return count;
        },
      };
      const autopurge = new Autopurge({
        engine: target,
        controlPlane: { retentionOf: () => undefined },
        clock,
        batchSize: 10,
      });
      const result = await autopurge.sweep();
      await autopurge.close();
      expect(result.total).toBe(25);
      expect(counts).toEqual([10, 10, 5]);
      for (let i = 0; i < 25; i++)
        expect(engine.getInstance("default", `old-${i}`)).toBeUndefined();
      expect(seenAtBatch[1]).toContain("live-0");
      expect(seenAtBatch[2]).toEqual(expect.arrayContaining(["live-0", "live-1"]));
    } finally {
      engine.stop();
      engine.store.close();
    }
  });
});
