// Messaging and less common paths through the official JS SDK and the raw protocol: sendEvent
// between orchestrations, events queued before a scheduled start, continue-as-new carrying unprocessed events,
// failure propagation from activities and sub-orchestrations, entity-initiated work and failing entity calls, and
// the admin RPCs no SDK calls (CreateTaskHub, DeleteTaskHub, SkipGracefulOrchestrationTerminations).
// Orchestrators are the SDK's generator functions, whose yields the SDK types as `any` (TOrchestrator).
/* eslint-disable @typescript-eslint/require-await, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, require-yield */
import {
  EntityInstanceId,
  OrchestrationStatus,
  TaskEntity,
  type ActivityContext,
  type OrchestrationContext,
} from "@microsoft/durabletask-js";
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawCall, startTestEmulator, type TestEmulator } from "../../helpers/emulator";

let emulator: TestEmulator;

const explode = async (_: ActivityContext, message: string) => {
  throw new Error(message);
};
async function* receiver(ctx: OrchestrationContext): any {
  const first: string = yield ctx.waitForExternalEvent("msg");
  const second: string = yield ctx.waitForExternalEvent("msg");
  return [first, second];
}
async function* sender(ctx: OrchestrationContext, target: string): any {
  ctx.sendEvent(target, "msg", "one");
  ctx.sendEvent(target, "msg", "two");
  return "sent";
}
async function* failsInActivity(ctx: OrchestrationContext): any {
  return yield ctx.callActivity(explode, "boom");
}
async function* parentOfFailure(ctx: OrchestrationContext): any {
  try {
    yield ctx.callSubOrchestrator(failsInActivity);
    return "unexpected";
  } catch (error) {
    return `caught: ${(error as Error).message}`;
  }
}
async function* collector(ctx: OrchestrationContext, seen: string[]): any {
  if (seen.length >= 3) return seen;
  const value: string = yield ctx.waitForExternalEvent("item");
  ctx.continueAsNew([...seen, value], true);
}
async function* startedByEntity(_: OrchestrationContext, input: string): any {
  return `started with ${input}`;
}
async function* callsFailingEntity(ctx: OrchestrationContext, key: string): any {
  try {
    yield ctx.entities.callEntity(new EntityInstanceId("launcher", key), "fail");
    return "unexpected";
  } catch {
    return "entity call failed";
  }
}

class Launcher extends TaskEntity<number> {
  launch(instanceId: string): void {
    this.context?.scheduleNewOrchestration("startedByEntity", "entity input", { instanceId });
    this.state += 1;
  }
  fail(): void {
    throw new Error("entity operation failed on purpose");
  }
  protected override initializeState(): number {
    return 0;
  }
}

beforeAll(async () => {
  emulator = await startTestEmulator({ taskHubNames: ["default", "scratch"] });
  const worker = emulator.worker("default", (w) => {
    w.addActivity(explode);
    for (const orchestrator of [
      receiver,
      sender,
      failsInActivity,
      parentOfFailure,
      collector,
      callsFailingEntity,
    ]) {
      w.addOrchestrator(orchestrator);
    }
    w.addNamedOrchestrator("startedByEntity", startedByEntity);
    w.addNamedEntity("launcher", () => new Launcher());
  });
  await worker.start();
});
afterAll(async () => {
  await emulator?.close();
});

describe("messaging", () => {
  it("delivers sendEvent messages from one orchestration to another, in order", async () => {
    const client = emulator.client();
    const target = await client.scheduleNewOrchestration(receiver);
    await client.scheduleNewOrchestration(sender, target);
    const state = await client.waitForOrchestrationCompletion(target, true, 30);
    expect(state?.serializedOutput).toBe(JSON.stringify(["one", "two"]));
  });

  it("queues events raised before a scheduled start and delivers them with ExecutionStarted", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(receiver, undefined, {
      startAt: new Date(Date.now() + 800),
    });
    await client.raiseOrchestrationEvent(id, "msg", "early-1");
    await client.raiseOrchestrationEvent(id, "msg", "early-2");
    expect((await client.getOrchestrationState(id))?.runtimeStatus).toBe(
      OrchestrationStatus.PENDING,
    );
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.serializedOutput).toBe(JSON.stringify(["early-1", "early-2"]));
  });

  it("carries unprocessed events over a continue-as-new", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(collector, []);
    await client.waitForOrchestrationStart(id, false, 30);
    for (const item of ["a", "b", "c"]) await client.raiseOrchestrationEvent(id, "item", item);
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(JSON.parse(state!.serializedOutput!)).toEqual(["a", "b", "c"]);
  });

  it("propagates activity failures to the orchestration and sub-orchestration failures to the parent", async () => {
    const client = emulator.client();
    const failing = await client.scheduleNewOrchestration(failsInActivity);
    const failed = await client.waitForOrchestrationCompletion(failing, true, 30);
    expect(failed?.runtimeStatus).toBe(OrchestrationStatus.FAILED);
    expect(failed?.failureDetails?.message).toContain("boom");
    const parent = await client.scheduleNewOrchestration(parentOfFailure);
    const state = await client.waitForOrchestrationCompletion(parent, true, 30);
    expect(state?.runtimeStatus).toBe(OrchestrationStatus.COMPLETED);
    expect(state?.serializedOutput).toContain("caught:");
  });
});

describe("entities starting work and failing", () => {
  it("starts an orchestration from an entity operation", async () => {
    const client = emulator.client();
    const instanceId = `from-entity-${Date.now()}`;
    await client.signalEntity(new EntityInstanceId("launcher", "l1"), "launch", instanceId);
    let state = await client.getOrchestrationState(instanceId);
    for (let attempt = 0; !state && attempt < 200; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = await client.getOrchestrationState(instanceId);
    }
    const completed = await client.waitForOrchestrationCompletion(instanceId, true, 30);
    expect(completed?.serializedOutput).toBe(JSON.stringify("started with entity input"));
  });

  it("routes a failed entity operation back to the calling orchestration", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(callsFailingEntity, "l2");
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.serializedOutput).toBe(JSON.stringify("entity call failed"));
  });
});

describe("admin RPCs", () => {
  it("DeleteTaskHub clears the hub's data; CreateTaskHub(recreateIfExists) too", async () => {
    const client = emulator.client("scratch");
    const id = await client.scheduleNewOrchestration("nobodyRunsThis");
    expect(await client.getOrchestrationState(id)).toBeDefined();
    const raw = emulator.raw();
    await rawCall(
      raw.deleteTaskHub.bind(raw),
      new pb.DeleteTaskHubRequest(),
      emulator.metadata("scratch"),
    );
    expect(await client.getOrchestrationState(id)).toBeUndefined();
    const again = await client.scheduleNewOrchestration("nobodyRunsThis");
    const recreate = new pb.CreateTaskHubRequest();
    recreate.setRecreateifexists(true);
    await rawCall(raw.createTaskHub.bind(raw), recreate, emulator.metadata("scratch"));
    expect(await client.getOrchestrationState(again)).toBeUndefined();
    expect(emulator.handle.engine.getHub("scratch")).toBeDefined();
  });

  it("SkipGracefulOrchestrationTerminations terminates idle instances and reports the rest", async () => {
    const client = emulator.client("scratch");
    const idle = await client.scheduleNewOrchestration("nobodyRunsThis");
    const request = new pb.SkipGracefulOrchestrationTerminationsRequest();
    const batch = new pb.InstanceBatch();
    batch.setInstanceidsList([idle, "missing-instance"]);
    request.setInstancebatch(batch);
    const raw = emulator.raw();
    const response = await rawCall<
      pb.SkipGracefulOrchestrationTerminationsRequest,
      pb.SkipGracefulOrchestrationTerminationsResponse
    >(raw.skipGracefulOrchestrationTerminations.bind(raw), request, emulator.metadata("scratch"));
    expect(response.getUnterminatedinstanceidsList()).toEqual(["missing-instance"]);
    expect((await client.getOrchestrationState(idle))?.runtimeStatus).toBe(
      OrchestrationStatus.TERMINATED,
    );
  });
});
