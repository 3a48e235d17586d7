// Orchestrations through the official JS SDK: start, activities, timers, sub-orchestrations, events, query,
// terminate, purge (docs/reference/sidecar.md).
// Orchestrators are the SDK's generator functions, whose yields the SDK types as `any` (TOrchestrator) and which
// need no `await`; these rules cannot hold for them.
/* eslint-disable @typescript-eslint/require-await, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, require-yield */
import {
  OrchestrationStatus,
  type ActivityContext,
  type OrchestrationContext,
  whenAll,
} from "@microsoft/durabletask-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../helpers/emulator";

let emulator: TestEmulator;

const hello = async (_: ActivityContext, city: string) => `Hello, ${city}!`;
async function* sequence(ctx: OrchestrationContext): any {
  const results: string[] = [];
  for (const city of ["Tokyo", "Seattle", "London"])
    results.push(yield ctx.callActivity(hello, city));
  return results;
}
async function* fanOut(ctx: OrchestrationContext, count: number): any {
  const tasks = [];
  for (let index = 0; index < count; index++) tasks.push(ctx.callActivity(hello, `c${index}`));
  const results: string[] = yield whenAll(tasks);
  return results.length;
}
async function* child(_: OrchestrationContext, input: number): any {
  return input * 2;
}
async function* parent(ctx: OrchestrationContext): any {
  const doubled: number = yield ctx.callSubOrchestrator(child, 21);
  return doubled;
}
async function* waitsForEvent(ctx: OrchestrationContext): any {
  const value: string = yield ctx.waitForExternalEvent("approve");
  return `approved:${value}`;
}
async function* withTimer(ctx: OrchestrationContext): any {
  yield ctx.createTimer(1);
  return "timer fired";
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  const worker = emulator.worker("default", (w) => {
    w.addActivity(hello);
    w.addOrchestrator(sequence);
    w.addOrchestrator(fanOut);
    w.addOrchestrator(child);
    w.addOrchestrator(parent);
    w.addOrchestrator(waitsForEvent);
    w.addOrchestrator(withTimer);
  });
  await worker.start();
});
afterAll(async () => {
  await emulator?.close();
});

describe("orchestrations", () => {
  it("runs a sequence of activities and returns their results", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(sequence);
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.runtimeStatus).toBe(OrchestrationStatus.COMPLETED);
    expect(JSON.parse(state!.serializedOutput!)).toEqual([
      "Hello, Tokyo!",
      "Hello, Seattle!",
      "Hello, London!",
    ]);
    expect(state?.failureDetails).toBeUndefined();
  });

  it("fans out 200 activities and fans in", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(fanOut, 200);
    const state = await client.waitForOrchestrationCompletion(id, true, 60);
    expect(state?.serializedOutput).toBe("200");
  });

  it("runs a sub-orchestration", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(parent);
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.serializedOutput).toBe("42");
  });

  it("delivers an external event", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(waitsForEvent);
    await client.waitForOrchestrationStart(id, false, 30);
    await client.raiseOrchestrationEvent(id, "approve", "yes");
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.serializedOutput).toBe(JSON.stringify("approved:yes"));
  });

  it("fires a durable timer", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(withTimer);
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.serializedOutput).toBe(JSON.stringify("timer fired"));
  });

  it("terminates a waiting orchestration with the given output", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(waitsForEvent);
    await client.waitForOrchestrationStart(id, false, 30);
    await client.terminateOrchestration(id, "some reason for termination");
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.runtimeStatus).toBe(OrchestrationStatus.TERMINATED);
    expect(state?.serializedOutput).toBe(JSON.stringify("some reason for termination"));
  });

  it("purges a completed orchestration", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(child, 1);
    await client.waitForOrchestrationCompletion(id, false, 30);
    const result = await client.purgeOrchestration(id);
    expect(result?.deletedInstanceCount).toBe(1);
    expect(await client.getOrchestrationState(id)).toBeUndefined();
  });
});
