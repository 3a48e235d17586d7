// `--workers N`: N SDK worker processes next to the benchmark process, which then only runs the client. Each
// worker's CPU is read from /proc like the emulator's, so the table shows where the machine's time went.
import { fork } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { join } from "node:path";
import { readProcessCpuMs } from "../test/helpers/spawnEmulator";
import type {
  ParentMessage,
  WorkerCounts,
  WorkerMessage,
  WorkerProcessSpec,
} from "./workerProcess";

export interface WorkerPool {
  size: number;
  /** CPU time all worker processes have used so far, in ms. */
  cpuMs(): number | undefined;
  /** The summed counters of every worker. */
  counts(): Promise<WorkerCounts>;
  stop(): Promise<void>;
}

function nextMessage<T extends WorkerMessage["type"]>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<WorkerMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`worker process ${child.pid} sent no "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: WorkerMessage): void => {
      if (message.type === "failed") {
        cleanup();
        reject(new Error(`worker process ${child.pid} failed: ${message.error}`));
      } else if (message.type === type) {
        cleanup();
        resolve(message as Extract<WorkerMessage, { type: T }>);
      }
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new Error(`worker process ${child.pid} exited (code ${code}) before "${type}"`));
    };
    const cleanup = (): void => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

export async function startWorkerPool(size: number, spec: WorkerProcessSpec): Promise<WorkerPool> {
  const children = Array.from({ length: size }, () =>
    fork(join(__dirname, "workerProcess.ts"), [JSON.stringify(spec)], {
      execArgv: ["--require", "tsx/cjs"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    }),
  );
  const stop = async (): Promise<void> => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
            child.once("exit", () => {
              clearTimeout(killer);
              resolve();
            });
            if (child.connected) child.send({ type: "stop" } satisfies ParentMessage);
            else child.kill("SIGTERM");
          }),
      ),
    );
  };
  try {
    await Promise.all(children.map((child) => nextMessage(child, "ready", 60_000)));
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    size,
    cpuMs() {
      let total = 0;
      for (const child of children) {
        const ms = child.pid === undefined ? undefined : readProcessCpuMs(child.pid);
        if (ms === undefined) return undefined;
        total += ms;
      }
      return total;
    },
    async counts() {
      const replies = await Promise.all(
        children.map((child) => {
          const reply = nextMessage(child, "counts", 30_000);
          child.send({ type: "report" } satisfies ParentMessage);
          return reply;
        }),
      );
      return replies.reduce<WorkerCounts>(
        (sum, { counts }) => ({
          orchestrationEpisodes: sum.orchestrationEpisodes + counts.orchestrationEpisodes,
          activityExecutions: sum.activityExecutions + counts.activityExecutions,
          entityOperations: sum.entityOperations + counts.entityOperations,
        }),
        { orchestrationEpisodes: 0, activityExecutions: 0, entityOperations: 0 },
      );
    },
    stop,
  };
}
