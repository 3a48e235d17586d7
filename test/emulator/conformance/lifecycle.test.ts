// Instance lifecycle through the official JS SDK (docs/reference/sidecar.md
// "Orchestration episodes and history layout", "Queries and history"): the exact DTS history layout, executionIds,
// suspend/resume, continue-as-new, custom status, tags, scheduled start, restart, rewind, recursive terminate and
// purge, queries with paging, ListInstanceIds and Wait deadlines. Orchestrators are the SDK's generator functions,
// whose yields the SDK types as `any` (TOrchestrator) and which need no `await`; these rules cannot hold for them.
/* eslint-disable @typescript-eslint/require-await, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-call, require-yield */
import { status as GrpcStatus } from "@grpc/grpc-js";
import {
  OrchestrationStatus,
  PurgeInstanceCriteria,
  terminateOptions,
  type ActivityContext,
  type OrchestrationContext,
} from "@microsoft/durabletask-js";
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawCall, startTestEmulator, type TestEmulator } from "../../helpers/emulator";

let emulator: TestEmulator;
let flakyCalls = 0;

const greet = async (_: ActivityContext, name: string) => `Hello, ${name}!`;
const flaky = async () => {
  flakyCalls++;
  if (flakyCalls === 1) throw new Error("first call fails");
  return "recovered";
};
async function* childEcho(_: OrchestrationContext, input: unknown): any {
  return input;
}
async function* layout(ctx: OrchestrationContext): any {
  const greeting: string = yield ctx.callActivity(greet, "layout");
  yield ctx.createTimer(0.2);
  const echoed: string = yield ctx.callSubOrchestrator(childEcho, greeting);
  return echoed;
}
async function* waiter(ctx: OrchestrationContext): any {
  const value: unknown = yield ctx.waitForExternalEvent("go");
  return value;
}
async function* counter(ctx: OrchestrationContext, input: { n: number; notify?: string }): any {
  if (input.n < 3) {
    if (input.notify) ctx.sendEvent(input.notify, "go", `generation ${input.n}`);
    ctx.continueAsNew({ n: input.n + 1 }, false);
    return;
  }
  return input.n;
}
async function* statusSetter(ctx: OrchestrationContext): any {
  ctx.setCustomStatus("");
  yield ctx.createTimer(0.05);
  return "done";
}
async function* usesFlaky(ctx: OrchestrationContext): any {
  return yield ctx.callActivity(flaky);
}
async function* parentOfFlaky(ctx: OrchestrationContext): any {
  const result: string = yield ctx.callSubOrchestrator(usesFlaky);
  return `parent got ${result}`;
}
async function* parentOfWaiter(ctx: OrchestrationContext, childId: string): any {
  return yield ctx.callSubOrchestrator(waiter, undefined, { instanceId: childId });
}
async function* quick(_: OrchestrationContext, input: unknown): any {
  return input;
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  const worker = emulator.worker("default", (w) => {
    w.addActivity(greet);
    w.addActivity(flaky);
    for (const orchestrator of [
      parentOfFlaky,
      childEcho,
      layout,
      waiter,
      counter,
      statusSetter,
      usesFlaky,
      parentOfWaiter,
      quick,
    ]) {
      w.addOrchestrator(orchestrator);
    }
  });
  await worker.start();
});
afterAll(async () => {
  await emulator?.close();
});

async function eventually(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("history layout (docs/reference/sidecar.md, Orchestration episodes)", () => {
  it("matches DTS exactly: no OrchestratorCompleted, ExecutionCompleted last, eventIds from actions", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(layout);
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.serializedOutput).toBe(JSON.stringify("Hello, layout!"));
    const history: any[] = await client.getOrchestrationHistory(id);
    expect(history.map((event) => event.type)).toEqual([
      "OrchestratorStarted",
      "ExecutionStarted",
      "TaskScheduled",
      "OrchestratorStarted",
      "TaskCompleted",
      "TimerCreated",
      "OrchestratorStarted",
      "TimerFired",
      "SubOrchestrationInstanceCreated",
      "OrchestratorStarted",
      "SubOrchestrationInstanceCompleted",
      "ExecutionCompleted",
    ]);
    expect(history[4].taskScheduledId).toBe(history[2].eventId);
    expect(history[7].timerId).toBe(history[5].eventId);
    expect(history[10].taskScheduledId).toBe(history[8].eventId);
    const ids = history.map((event) => event.eventId as number).filter((eventId) => eventId >= 0);
    expect(ids.length).toBe(3);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    for (const event of history) expect(event.timestamp).toBeInstanceOf(Date);
    const executionId: string = history[1].orchestrationInstance.executionId;
    expect(executionId).toMatch(/^[0-9a-f]{32}$/);
    // JS derives default sub-orchestration ids from the executionId (docs/reference/sidecar.md
    // "Orchestration episodes and history layout").
    expect(history[8].instanceId).toMatch(/^[0-9a-f]{32}:[0-9a-f]{4}$/);
    expect(history[8].instanceId.startsWith(executionId)).toBe(true);
  });
});

describe("instance operations", () => {
  it("suspends and resumes; events raised while suspended are delivered after resume", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(waiter);
    await client.waitForOrchestrationStart(id, false, 30);
    await client.suspendOrchestration(id);
    await eventually(
      async () =>
        (await client.getOrchestrationState(id))?.runtimeStatus === OrchestrationStatus.SUSPENDED,
    );
    await client.raiseOrchestrationEvent(id, "go", "while suspended");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await client.getOrchestrationState(id))?.runtimeStatus).toBe(
      OrchestrationStatus.SUSPENDED,
    );
    await client.resumeOrchestration(id);
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.runtimeStatus).toBe(OrchestrationStatus.COMPLETED);
    expect(state?.serializedOutput).toBe(JSON.stringify("while suspended"));
  });

  it("continues as new with a fresh executionId and still executes the response's other actions", async () => {
    const client = emulator.client();
    const listener = await client.scheduleNewOrchestration(waiter);
    const id = await client.scheduleNewOrchestration(counter, { n: 0, notify: listener });
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.serializedOutput).toBe("3");
    const history: any[] = await client.getOrchestrationHistory(id);
    expect(history[1].type).toBe("ExecutionStarted");
    expect(history[1].input).toBe(JSON.stringify({ n: 3 }));
    const listened = await client.waitForOrchestrationCompletion(listener, true, 30);
    expect(listened?.serializedOutput).toBe(JSON.stringify("generation 0"));
  });

  it("keeps an explicitly empty custom status", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(statusSetter);
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.serializedCustomStatus).toBe('""');
  });

  it("stores tags and returns them", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(quick, 1, {
      tags: { team: "dtsx", env: "test" },
    });
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.tags).toEqual({ team: "dtsx", env: "test" });
  });

  it("keeps a scheduled orchestration PENDING until its start time", async () => {
    const client = emulator.client();
    const startAt = new Date(Date.now() + 1500);
    const id = await client.scheduleNewOrchestration(quick, "later", { startAt });
    expect((await client.getOrchestrationState(id))?.runtimeStatus).toBe(
      OrchestrationStatus.PENDING,
    );
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.runtimeStatus).toBe(OrchestrationStatus.COMPLETED);
    expect(Date.now()).toBeGreaterThanOrEqual(startAt.getTime());
  });

  it("restarts a completed instance with the same or a new id, and refuses a running one", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(quick, "again");
    await client.waitForOrchestrationCompletion(id, false, 30);
    expect(await client.restartOrchestration(id)).toBe(id);
    const restarted = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(restarted?.serializedOutput).toBe(JSON.stringify("again"));
    const newId = await client.restartOrchestration(id, true);
    expect(newId).not.toBe(id);
    expect((await client.waitForOrchestrationCompletion(newId, true, 30))?.serializedOutput).toBe(
      JSON.stringify("again"),
    );
    const running = await client.scheduleNewOrchestration(waiter);
    await expect(client.restartOrchestration(running)).rejects.toThrow(
      // The SDK maps FAILED_PRECONDITION to its own message for restart.
      `An orchestration with the instanceId '${running}' cannot be restarted.`,
    );
    await expect(client.restartOrchestration("no-such-instance")).rejects.toThrow(
      "An orchestration with the instanceId 'no-such-instance' was not found.",
    );
    await client.terminateOrchestration(running, "cleanup");
  });

  it("rewinds a failed orchestration so it completes", async () => {
    const client = emulator.client();
    flakyCalls = 0;
    const id = await client.scheduleNewOrchestration(usesFlaky);
    const failed = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(failed?.runtimeStatus).toBe(OrchestrationStatus.FAILED);
    await client.rewindInstance(id, "try again");
    expect((await client.getOrchestrationState(id))?.runtimeStatus).toBe(
      OrchestrationStatus.RUNNING,
    );
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.runtimeStatus).toBe(OrchestrationStatus.COMPLETED);
    expect(state?.serializedOutput).toBe(JSON.stringify("recovered"));
    expect(state?.failureDetails).toBeUndefined();
    await expect(client.rewindInstance(id, "not failed")).rejects.toThrow(
      `orchestration '${id}' is Completed; only a Failed instance can be rewound`,
    );
  });

  it("rewinds a failed parent together with its failed sub-orchestration", async () => {
    const client = emulator.client();
    flakyCalls = 0;
    const id = await client.scheduleNewOrchestration(parentOfFlaky);
    expect((await client.waitForOrchestrationCompletion(id, true, 30))?.runtimeStatus).toBe(
      OrchestrationStatus.FAILED,
    );
    const history: any[] = await client.getOrchestrationHistory(id);
    const childId: string = history.find(
      (event) => event.type === "SubOrchestrationInstanceCreated",
    ).instanceId;
    expect((await client.getOrchestrationState(childId))?.runtimeStatus).toBe(
      OrchestrationStatus.FAILED,
    );
    await client.rewindInstance(id, "retry the family");
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.runtimeStatus).toBe(OrchestrationStatus.COMPLETED);
    expect(state?.serializedOutput).toBe(JSON.stringify("parent got recovered"));
    expect((await client.getOrchestrationState(childId))?.runtimeStatus).toBe(
      OrchestrationStatus.COMPLETED,
    );
  });

  it("terminates recursively and purges recursively", async () => {
    const client = emulator.client();
    const childId = `child-${Date.now()}`;
    const id = await client.scheduleNewOrchestration(parentOfWaiter, childId);
    await eventually(
      async () =>
        (await client.getOrchestrationState(childId))?.runtimeStatus ===
        OrchestrationStatus.RUNNING,
    );
    await client.terminateOrchestration(id, terminateOptions({ output: "stop", recursive: true }));
    expect((await client.waitForOrchestrationCompletion(id, true, 30))?.runtimeStatus).toBe(
      OrchestrationStatus.TERMINATED,
    );
    const child = await client.waitForOrchestrationCompletion(childId, true, 30);
    expect(child?.runtimeStatus).toBe(OrchestrationStatus.TERMINATED);
    const purged = await client.purgeOrchestration(id, { recursive: true });
    expect(purged?.deletedInstanceCount).toBe(2);
    expect(await client.getOrchestrationState(childId)).toBeUndefined();
  });

  it("purges by filter only terminal instances", async () => {
    const client = emulator.client("default");
    const from = new Date();
    const done = await client.scheduleNewOrchestration(quick, 1);
    await client.waitForOrchestrationCompletion(done, false, 30);
    const running = await client.scheduleNewOrchestration(waiter);
    await client.waitForOrchestrationStart(running, false, 30);
    const criteria = new PurgeInstanceCriteria();
    criteria.setCreatedTimeFrom(from);
    const result = await client.purgeOrchestration(criteria);
    expect(result?.deletedInstanceCount).toBe(1);
    expect(await client.getOrchestrationState(done)).toBeUndefined();
    expect(await client.getOrchestrationState(running)).toBeDefined();
    await client.terminateOrchestration(running, "cleanup");
  });
});

describe("queries", () => {
  it("pages QueryInstances by prefix with continuation tokens", async () => {
    const client = emulator.client();
    const prefix = `page-${Date.now()}-`;
    for (let index = 0; index < 5; index++) {
      await client.scheduleNewOrchestration(quick, index, { instanceId: `${prefix}${index}` });
    }
    const pages: string[][] = [];
    for await (const page of client
      .getAllInstances({ instanceIdPrefix: prefix, pageSize: 2 })
      .asPages()) {
      pages.push(page.values.map((state) => state.instanceId));
    }
    expect(pages.map((page) => page.length)).toEqual([2, 2, 1]);
    expect(pages.flat().sort()).toEqual([0, 1, 2, 3, 4].map((index) => `${prefix}${index}`));
  });

  it("lists terminal instance ids by completion time with a cursor", async () => {
    const client = emulator.client();
    const from = new Date();
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) {
      const id = await client.scheduleNewOrchestration(quick, index);
      await client.waitForOrchestrationCompletion(id, false, 30);
      ids.push(id);
    }
    const first = await client.listInstanceIds({ completedTimeFrom: from, pageSize: 2 });
    expect(first.values).toEqual(ids.slice(0, 2));
    expect(first.continuationToken).toBeTruthy();
    const second = await client.listInstanceIds({
      completedTimeFrom: from,
      pageSize: 2,
      lastInstanceKey: first.continuationToken,
    });
    expect(second.values).toEqual(ids.slice(2));
  });

  it("honours the client deadline of WaitForInstanceCompletion (DEADLINE_EXCEEDED)", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(waiter);
    const raw = emulator.raw();
    const request = new pb.GetInstanceRequest();
    request.setInstanceid(id);
    const started = Date.now();
    const error = await new Promise<{ code: number }>((resolve) => {
      raw.waitForInstanceCompletion(
        request,
        emulator.metadata(),
        { deadline: Date.now() + 500 },
        (err) => resolve(err as { code: number }),
      );
    });
    expect(error.code).toBe(GrpcStatus.DEADLINE_EXCEEDED);
    expect(Date.now() - started).toBeLessThan(5000);
    await client.raiseOrchestrationEvent(id, "go", 1);
    const response = await rawCall<pb.GetInstanceRequest, pb.GetInstanceResponse>(
      raw.waitForInstanceCompletion.bind(raw),
      request,
      emulator.metadata(),
    );
    expect(response.getOrchestrationstate()?.getOrchestrationstatus()).toBe(
      pb.OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED,
    );
  });

  it("returns an empty history for unknown instances (NOT_FOUND mapped by the SDK)", async () => {
    expect(await emulator.client().getOrchestrationHistory("does-not-exist")).toEqual([]);
  });
});
