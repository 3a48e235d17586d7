// Autopurge under time skipping: the fixture scheduler's policy is
// { default: 7, completed: 1, failed: 30 }. Completed goes after a day, Terminated after the 7-day default,
// Failed only after its 30 days, Running never. The clock moves through POST /admin/clock/advance on the real port.
import {
  NoOpLogger,
  OrchestrationStatus,
  TaskHubGrpcClient,
  TaskHubGrpcWorker,
  type OrchestrationContext,
  type TOrchestrator,
} from "@microsoft/durabletask-js";
import { Metadata } from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../../../emulator/server";
import { startFixtureEmulator } from "../topology/authFixture";

const DAY = 24 * 60 * 60;

let handle: EmulatorHandle;
let client: TaskHubGrpcClient;
let worker: TaskHubGrpcWorker;

// eslint-disable-next-line @typescript-eslint/require-await -- durabletask-js 0.4.0 drives async orchestrators
const succeed: TOrchestrator = async (_context: OrchestrationContext) => "done";
// eslint-disable-next-line @typescript-eslint/require-await -- as above
const fail: TOrchestrator = async (_context: OrchestrationContext) => {
  throw new Error("boom");
};
// eslint-disable-next-line @typescript-eslint/require-await -- as above
const waitForever: TOrchestrator = async function* (context: OrchestrationContext) {
  yield context.waitForExternalEvent("never");
};
// eslint-disable-next-line @typescript-eslint/require-await -- as above
const sleepAnHour: TOrchestrator = async function* (context: OrchestrationContext) {
  yield context.createTimer(60 * 60);
  return "woke";
};

async function advance(seconds: number): Promise<{ now: string; advancedSeconds: number }> {
  const response = await fetch(`${handle.httpEndpoint}/admin/clock/advance`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ seconds }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { now: string; advancedSeconds: number };
}

beforeAll(async () => {
  handle = await startFixtureEmulator({ auth: "none", timeSkipping: true });
  const metadataGenerator = () => {
    const metadata = new Metadata();
    metadata.set("taskhub", "orders");
    return Promise.resolve(metadata);
  };
  const hostAddress = `localhost:${handle.grpcPort}`;
  client = new TaskHubGrpcClient({ hostAddress, metadataGenerator, logger: new NoOpLogger() });
  worker = new TaskHubGrpcWorker({
    hostAddress,
    metadataGenerator,
    logger: new NoOpLogger(),
    shutdownTimeoutMs: 2000,
  });
  for (const orchestrator of [succeed, fail, waitForever, sleepAnHour])
    worker.addOrchestrator(orchestrator);
  await worker.start();
});
afterAll(async () => {
  await worker.stop().catch(() => undefined);
  await client.stop();
  await handle.close();
});

describe("time skipping", () => {
  it("fires a one-hour timer when the clock is advanced an hour", async () => {
    const id = await client.scheduleNewOrchestration(sleepAnHour);
    await client.waitForOrchestrationStart(id, false, 30);
    await advance(60 * 60 + 1);
    // Without the skip this wait (30 s) would time out long before the hour is over.
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.serializedOutput).toBe(JSON.stringify("woke"));
  });

  it("validates the body", async () => {
    const bad = await fetch(`${handle.httpEndpoint}/admin/clock/advance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ seconds: -5 }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(
      /^seconds: expected a number greater than 0 and at most \d+, got -5/,
    );
  });
});

describe("autopurge", () => {
  it("purges each terminal state after its own days and never a running orchestration", async () => {
    const completed = await client.scheduleNewOrchestration(succeed);
    const failed = await client.scheduleNewOrchestration(fail);
    const terminated = await client.scheduleNewOrchestration(waitForever);
    const running = await client.scheduleNewOrchestration(waitForever);
    expect((await client.waitForOrchestrationCompletion(completed, false, 30))?.runtimeStatus).toBe(
      OrchestrationStatus.COMPLETED,
    );
    expect((await client.waitForOrchestrationCompletion(failed, false, 30))?.runtimeStatus).toBe(
      OrchestrationStatus.FAILED,
    );
    await client.waitForOrchestrationStart(running, false, 30);
    await client.waitForOrchestrationStart(terminated, false, 30);
    await client.terminateOrchestration(terminated, "stop");
    expect(
      (await client.waitForOrchestrationCompletion(terminated, false, 30))?.runtimeStatus,
    ).toBe(OrchestrationStatus.TERMINATED);

    const exists = async (id: string) => (await client.getOrchestrationState(id)) !== undefined;
    const snapshot = async () => ({
      completed: await exists(completed),
      failed: await exists(failed),
      terminated: await exists(terminated),
      running: await exists(running),
    });

    await advance(DAY / 2); // the advance response comes after the autopurge sweep
    expect(await snapshot()).toEqual({
      completed: true,
      failed: true,
      terminated: true,
      running: true,
    });
    await advance(DAY); // 1.5 days: Completed (1 day) is gone
    expect(await snapshot()).toEqual({
      completed: false,
      failed: true,
      terminated: true,
      running: true,
    });
    await advance(6 * DAY); // 7.5 days: Terminated (default 7) is gone, Failed (30) is kept
    expect(await snapshot()).toEqual({
      completed: false,
      failed: true,
      terminated: false,
      running: true,
    });
    await advance(23 * DAY); // 30.5 days: Failed is gone; Running is never purged
    expect(await snapshot()).toEqual({
      completed: false,
      failed: false,
      terminated: false,
      running: true,
    });
    expect((await client.getOrchestrationState(running))?.runtimeStatus).toBe(
      OrchestrationStatus.RUNNING,
    );
  });
});
