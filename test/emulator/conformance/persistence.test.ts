// Persistence across restarts: on a file database, state, queued work and durable timers survive a
// clean stop; the hot dispatch state is rebuilt from SQLite at start.
// Orchestrators are the SDK's generator functions, whose yields the SDK types as `any` (TOrchestrator).
/* eslint-disable @typescript-eslint/require-await, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment, require-yield */
import {
  OrchestrationStatus,
  type ActivityContext,
  type OrchestrationContext,
} from "@microsoft/durabletask-js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../../helpers/emulator";

const dataDir = mkdtempSync(join(tmpdir(), "dtsx-persist-"));
let emulator: TestEmulator | undefined;

const greet = async (_: ActivityContext, name: string) => `Hello, ${name}!`;
async function* greetThenSleep(ctx: OrchestrationContext): any {
  const greeting: string = yield ctx.callActivity(greet, "restart");
  yield ctx.createTimer(2);
  return `${greeting} (after the timer)`;
}
async function* quick(_: OrchestrationContext, input: unknown): any {
  return input;
}

function register(worker: ReturnType<TestEmulator["worker"]>): void {
  worker.addActivity(greet);
  worker.addOrchestrator(greetThenSleep);
  worker.addOrchestrator(quick);
}

afterAll(async () => {
  await emulator?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("restart on a file database", () => {
  it("keeps completed state, runs queued work and fires timers that were pending at shutdown", async () => {
    emulator = await startTestEmulator({ inMemory: false, dataDir });
    const worker = emulator.worker("default", register);
    await worker.start();
    const client = emulator.client();
    const done = await client.scheduleNewOrchestration(quick, "kept");
    await client.waitForOrchestrationCompletion(done, false, 30);
    const sleeping = await client.scheduleNewOrchestration(greetThenSleep);
    // Wait until the timer is committed (TimerCreated in history), then stop everything.
    for (let attempt = 0; attempt < 200; attempt++) {
      const history = await client.getOrchestrationHistory(sleeping);
      if (history.some((event) => String(event.type) === "TimerCreated")) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await worker.stop();
    const queued = await client.scheduleNewOrchestration(quick, "queued while no worker");
    await emulator.close();

    emulator = await startTestEmulator({ inMemory: false, dataDir });
    const again = emulator.client();
    expect((await again.getOrchestrationState(done))?.serializedOutput).toBe(
      JSON.stringify("kept"),
    );
    expect((await again.getOrchestrationState(queued))?.runtimeStatus).toBe(
      OrchestrationStatus.PENDING,
    );
    const secondWorker = emulator.worker("default", register);
    await secondWorker.start();
    const slept = await again.waitForOrchestrationCompletion(sleeping, true, 30);
    expect(slept?.serializedOutput).toBe(JSON.stringify("Hello, restart! (after the timer)"));
    expect((await again.waitForOrchestrationCompletion(queued, true, 30))?.serializedOutput).toBe(
      JSON.stringify("queued while no worker"),
    );
    const history = await again.getOrchestrationHistory(sleeping);
    expect(history.filter((event) => String(event.type) === "TaskCompleted")).toHaveLength(1);
    expect(history.filter((event) => String(event.type) === "TimerFired")).toHaveLength(1);
  });
});
