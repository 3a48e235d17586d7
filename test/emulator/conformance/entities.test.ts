// Durable entities through the official JS SDK (docs/reference/sidecar.md "Entities"): V2 work items, FIFO signals,
// calls from orchestrations, critical sections with lockedBy = the orchestration id, scheduled signals, deletion,
// queries, CleanEntityStorage and the 100-character id limit.
// Orchestrators are the SDK's generator functions, whose yields the SDK types as `any` (TOrchestrator) and which
// need no `await`; these rules cannot hold for them.
/* eslint-disable @typescript-eslint/require-await, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment */
import {
  EntityInstanceId,
  OrchestrationStatus,
  TaskEntity,
  type LockHandle,
  type OrchestrationContext,
} from "@microsoft/durabletask-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../helpers/emulator";

class Counter extends TaskEntity<number> {
  add(amount: number): number {
    this.state += amount;
    return this.state;
  }
  append(digit: number): string {
    // Encodes the order in which operations ran, to check FIFO delivery.
    this.state = this.state * 10 + digit;
    return String(this.state);
  }
  get(): number {
    return this.state;
  }
  protected override initializeState(): number {
    return 0;
  }
}

let emulator: TestEmulator;

async function* callsCounter(ctx: OrchestrationContext, key: string): any {
  const id = new EntityInstanceId("counter", key);
  yield ctx.entities.callEntity(id, "add", 5);
  const value: number = yield ctx.entities.callEntity(id, "get");
  return value;
}
async function* locksCounters(ctx: OrchestrationContext, keys: string[]): any {
  const lock: LockHandle = yield ctx.entities.lockEntities(
    ...keys.map((key) => new EntityInstanceId("counter", key)),
  );
  yield ctx.entities.callEntity(new EntityInstanceId("counter", keys[0]!), "add", 1);
  yield ctx.waitForExternalEvent("release");
  lock.release();
  return "released";
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  const worker = emulator.worker("default", (w) => {
    w.addNamedEntity("counter", () => new Counter());
    w.addOrchestrator(callsCounter);
    w.addOrchestrator(locksCounters);
  });
  await worker.start();
});
afterAll(async () => {
  await emulator?.close();
});

async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met in time; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("entities", () => {
  it("applies client signals in FIFO order", async () => {
    const client = emulator.client();
    const id = new EntityInstanceId("counter", `fifo-${Date.now()}`);
    for (const digit of [1, 2, 3, 4, 5]) await client.signalEntity(id, "append", digit);
    const entity = await eventually(
      () => client.getEntity<number>(id),
      (value) => value?.includesState === true && value.state === 12345,
    );
    expect(entity?.state).toBe(12345);
  });

  it("answers calls from an orchestration", async () => {
    const client = emulator.client();
    const key = `call-${Date.now()}`;
    const instanceId = await client.scheduleNewOrchestration(callsCounter, key);
    const state = await client.waitForOrchestrationCompletion(instanceId, true, 30);
    expect(state?.runtimeStatus).toBe(OrchestrationStatus.COMPLETED);
    expect(state?.serializedOutput).toBe("5");
  });

  it("locks entities for a critical section with lockedBy = the orchestration id", async () => {
    const client = emulator.client();
    const keys = [`lock-a-${Date.now()}`, `lock-b-${Date.now()}`];
    const instanceId = await client.scheduleNewOrchestration(locksCounters, keys);
    const locked = await eventually(
      () => client.getEntity<number>(new EntityInstanceId("counter", keys[0]!)),
      (value) => value?.includesState === true && value.state === 1,
    );
    expect(locked?.lockedBy).toBe(instanceId);
    const second = await client.getEntity(new EntityInstanceId("counter", keys[1]!));
    expect(second?.lockedBy).toBe(instanceId);
    // A signal from outside the critical section waits until the lock is released.
    await client.signalEntity(new EntityInstanceId("counter", keys[0]!), "add", 100);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await client.getEntity<number>(new EntityInstanceId("counter", keys[0]!)))?.state).toBe(
      1,
    );
    await client.raiseOrchestrationEvent(instanceId, "release");
    expect(
      (await client.waitForOrchestrationCompletion(instanceId, true, 30))?.serializedOutput,
    ).toBe(JSON.stringify("released"));
    const released = await eventually(
      () => client.getEntity<number>(new EntityInstanceId("counter", keys[0]!)),
      (value) => value?.includesState === true && value.state === 101,
    );
    expect(released?.lockedBy).toBeUndefined();
  });

  it("releases a lock orphaned by a terminated orchestration through CleanEntityStorage", async () => {
    const client = emulator.client();
    const key = `orphan-${Date.now()}`;
    const entity = new EntityInstanceId("counter", key);
    const instanceId = await client.scheduleNewOrchestration(locksCounters, [key]);
    await eventually(
      () => client.getEntity<number>(entity),
      (value) => value?.lockedBy === instanceId && value.includesState && value.state === 1,
    );
    await client.terminateOrchestration(instanceId, "abandon the critical section");
    await client.waitForOrchestrationCompletion(instanceId, false, 30);
    // The SDK does not release locks when terminated: the lock is orphaned until storage is cleaned.
    expect((await client.getEntity(entity))?.lockedBy).toBe(instanceId);
    const cleaned = await client.cleanEntityStorage({
      removeEmptyEntities: false,
      releaseOrphanedLocks: true,
      continuationToken: undefined,
    });
    const released = await client.getEntity<number>(entity);
    expect(cleaned.orphanedLocksReleased).toBeGreaterThanOrEqual(1);
    expect(released?.lockedBy).toBeUndefined();
    await client.signalEntity(entity, "add", 10);
    await eventually(
      () => client.getEntity<number>(entity),
      (value) => value?.includesState === true && value.state === 11,
    );
  });

  it("delivers a scheduled signal at its time but not before", async () => {
    const client = emulator.client();
    const id = new EntityInstanceId("counter", `scheduled-${Date.now()}`);
    const signalTime = new Date(Date.now() + 1200);
    await client.signalEntity(id, "add", 7, { signalTime });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await client.getEntity(id)).toBeUndefined();
    const entity = await eventually(
      () => client.getEntity<number>(id),
      (value) => value?.includesState === true && value.state === 7,
    );
    expect(entity?.state).toBe(7);
    expect(Date.now()).toBeGreaterThanOrEqual(signalTime.getTime());
  });

  it("deletes an entity's state and cleans storage; queries by prefix", async () => {
    const client = emulator.client();
    const prefix = `query${Date.now()}`;
    for (const suffix of ["a", "b", "c"])
      await client.signalEntity(new EntityInstanceId("counter", `${prefix}-${suffix}`), "add", 1);
    const all = await eventually(
      async () => {
        const found: string[] = [];
        for await (const entity of client.getEntities({
          instanceIdStartsWith: `@counter@${prefix}`,
          includeState: true,
        })) {
          found.push(entity.id.toString());
        }
        return found;
      },
      (found) => found.length === 3,
    );
    expect(all.sort()).toEqual(["a", "b", "c"].map((suffix) => `@counter@${prefix}-${suffix}`));
    const target = new EntityInstanceId("counter", `${prefix}-a`);
    await client.signalEntity(target, "delete");
    await eventually(
      () => client.getEntity(target),
      (value) => value === undefined,
    );
    const cleaned = await client.cleanEntityStorage();
    expect(cleaned.orphanedLocksReleased).toBe(0);
  });

  it("rejects an entity id over 100 characters with INVALID_ARGUMENT and stores nothing", async () => {
    const client = emulator.client();
    const id = new EntityInstanceId("counter", "k".repeat(120));
    await expect(client.signalEntity(id, "add", 1)).rejects.toThrow(
      /INVALID_ARGUMENT|100 characters/,
    );
    expect(await client.getEntity(id)).toBeUndefined();
  });
});
