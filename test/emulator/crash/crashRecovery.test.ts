// Crash recovery: the emulator CLI runs as a child process on a data directory, the official
// JS SDK worker/client drive a load of orchestrations, the emulator is SIGKILLed mid-run and restarted on the same
// data directory and port, and every orchestration must complete with the right output while its history shows
// each activity result applied exactly once. Activities may legitimately EXECUTE again after a crash
// (at-least-once); their side effects go to a log outside the emulator so the test can show the difference.
//
// DTSX_CRASH_ITERATIONS (default 3) repeats the whole crash/restart cycle on fresh data directories.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Metadata } from "@grpc/grpc-js";
import type {
  ActivityContext,
  HistoryEvent,
  OrchestrationContext,
} from "@microsoft/durabletask-js";
import {
  HistoryEventType,
  OrchestrationStatus,
  TaskHubGrpcClient,
  TaskHubGrpcWorker,
  whenAll,
} from "@microsoft/durabletask-js";
import { afterEach, describe, expect, it } from "vitest";
import type { SpawnedEmulator } from "../../helpers/spawnEmulator";
import { spawnEmulator } from "../../helpers/spawnEmulator";

const iterations = Number(process.env.DTSX_CRASH_ITERATIONS ?? "3");
const orchestrationCount = 24;
const sequentialSteps = 6;
const fanOutWidth = 4;
const activitiesPerOrchestration = sequentialSteps + fanOutWidth;
const totalActivities = orchestrationCount * activitiesPerOrchestration;
// Slow enough that a kill lands while most orchestrations are between steps.
const activityMillis = 60;

interface StepInput {
  step: string;
}

function expectedOutput(instanceId: string): { sequence: string[]; fanOut: string[] } {
  return {
    sequence: Array.from({ length: sequentialSteps }, (_, step) => `${instanceId}#s${step}`),
    fanOut: Array.from({ length: fanOutWidth }, (_, branch) => `${instanceId}#f${branch}`),
  };
}

function effectLines(logPath: string): string[] {
  return readFileSync(logPath, "utf8").split("\n").filter(Boolean);
}

async function waitFor(
  condition: () => boolean,
  what: () => string,
  timeoutMs: number,
): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Each activity result must be applied once: one TaskScheduled and one TaskCompleted per task id. */
function assertEachResultAppliedOnce(instanceId: string, history: readonly HistoryEvent[]): void {
  const scheduled = history
    .filter((event) => event.type === HistoryEventType.TaskScheduled)
    .map((e) => e.eventId);
  const completed = history.flatMap((event) =>
    event.type === HistoryEventType.TaskCompleted ? [event.taskScheduledId] : [],
  );
  expect(new Set(scheduled).size, `${instanceId}: distinct scheduled tasks`).toBe(
    activitiesPerOrchestration,
  );
  expect(scheduled.length, `${instanceId}: TaskScheduled events`).toBe(activitiesPerOrchestration);
  expect(
    [...completed].sort((a, b) => a - b),
    `${instanceId}: each TaskCompleted once per scheduled task`,
  ).toEqual([...scheduled].sort((a, b) => a - b));
  expect(history.filter((event) => event.type === HistoryEventType.TaskFailed)).toHaveLength(0);
  const completions = history.filter((event) => event.type === HistoryEventType.ExecutionCompleted);
  expect(completions, `${instanceId}: one ExecutionCompleted`).toHaveLength(1);
  expect(history.at(-1)?.type, `${instanceId}: ExecutionCompleted last`).toBe(
    HistoryEventType.ExecutionCompleted,
  );
}

describe("emulator crash recovery (SIGKILL mid-run, restart on the same data directory)", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it(
    `completes every orchestration exactly once across ${iterations} crash/restart cycle(s)`,
    async () => {
      for (let iteration = 0; iteration < iterations; iteration++) {
        const workDir = mkdtempSync(join(tmpdir(), "dtsx-crash-"));
        cleanups.push(() => rmSync(workDir, { recursive: true, force: true }));
        const dataDir = join(workDir, "data");
        const effectsLog = join(workDir, "effects.log");
        writeFileSync(effectsLog, "");

        let emulator: SpawnedEmulator = await spawnEmulator({ store: { dataDir } });
        cleanups.push(() => emulator.stop("SIGKILL").then(() => undefined));
        const metadataGenerator = (): Promise<Metadata> => {
          const metadata = new Metadata();
          metadata.set("taskhub", "default");
          return Promise.resolve(metadata);
        };
        // Only warnings and errors are kept, for the failure message: the SDK is chatty at info level.
        const sdkLog: string[] = [];
        const logger = {
          error: (message: string) => sdkLog.push(`error: ${message}`),
          warn: (message: string) => sdkLog.push(`warn: ${message}`),
          info: () => undefined,
          debug: () => undefined,
        };
        const connection = { hostAddress: emulator.hostAddress, metadataGenerator, logger };
        const worker = new TaskHubGrpcWorker({ ...connection, shutdownTimeoutMs: 2000 });
        const client = new TaskHubGrpcClient(connection);
        cleanups.push(async () => {
          await worker.stop().catch(() => undefined);
          await client.stop().catch(() => undefined);
        });

        worker.addNamedActivity("recordStep", async (ctx: ActivityContext, input: StepInput) => {
          await new Promise((resolve) => setTimeout(resolve, activityMillis));
          // The side effect, outside the emulator: an at-least-once execution log.
          appendFileSync(effectsLog, `${ctx.orchestrationId}:${input.step}\n`);
          return `${ctx.orchestrationId}#${input.step}`;
        });
        // eslint-disable-next-line @typescript-eslint/require-await -- durabletask-js 0.4.0 drives only async generators
        worker.addNamedOrchestrator("crashWorkflow", async function* (ctx: OrchestrationContext) {
          const sequence: string[] = [];
          for (let step = 0; step < sequentialSteps; step++) {
            sequence.push((yield ctx.callActivity("recordStep", { step: `s${step}` })) as string);
          }
          const fanOut = (yield whenAll(
            Array.from({ length: fanOutWidth }, (_, branch) =>
              ctx.callActivity("recordStep", { step: `f${branch}` }),
            ),
          )) as string[];
          return { sequence, fanOut };
        });
        await worker.start();

        const ids = Array.from(
          { length: orchestrationCount },
          (_, index) => `crash-${iteration}-${index}`,
        );
        for (const id of ids) await client.scheduleNewOrchestration("crashWorkflow", null, id);

        // Kill once about a third of the activities have run: mid-run by construction.
        await waitFor(
          () => effectLines(effectsLog).length >= Math.floor(totalActivities / 3),
          () =>
            `a third of the activities to run (${effectLines(effectsLog).length} ran)\n` +
            `SDK warnings/errors:\n${sdkLog.join("\n")}\nemulator output:\n${emulator.output()}`,
          120_000,
        );
        const exit = await emulator.stop("SIGKILL");
        expect(exit.signal).toBe("SIGKILL");
        const effectsAtKill = effectLines(effectsLog).length;
        expect(effectsAtKill, "the kill landed before the load finished").toBeLessThan(
          totalActivities,
        );

        // Same data directory, same port: the worker and client reconnect on their own, as they would in real life.
        emulator = await spawnEmulator({ store: { dataDir }, grpcPort: emulator.grpcPort });

        for (const id of ids) {
          const state = await client.waitForOrchestrationCompletion(id, true, 180);
          expect(
            state?.runtimeStatus,
            `${id} status (${state?.failureDetails?.message ?? ""})`,
          ).toBe(OrchestrationStatus.COMPLETED);
          expect(JSON.parse(state?.serializedOutput ?? "null"), `${id} output`).toEqual(
            expectedOutput(id),
          );
          assertEachResultAppliedOnce(id, await client.getOrchestrationHistory(id));
        }

        // At-least-once: every step's side effect happened; re-executions after the crash are allowed and shown.
        const lines = effectLines(effectsLog);
        const counts = new Map<string, number>();
        for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
        for (const id of ids) {
          for (const step of [
            ...Array.from({ length: sequentialSteps }, (_, s) => `s${s}`),
            ...Array.from({ length: fanOutWidth }, (_, f) => `f${f}`),
          ]) {
            expect(
              counts.get(`${id}:${step}`) ?? 0,
              `${id}:${step} executed`,
            ).toBeGreaterThanOrEqual(1);
          }
        }
        expect(counts.size).toBe(totalActivities);
        console.info(
          `crash iteration ${iteration + 1}/${iterations}: killed after ${effectsAtKill}/${totalActivities} activity executions; ` +
            `${lines.length - totalActivities} re-execution(s) after restart, every result applied once`,
        );

        for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
      }
    },
    iterations * 240_000,
  );
});
