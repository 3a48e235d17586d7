// The emulator columns of the benchmark: `dtsx emulator` as a child process (so its RSS is its own), driven by the
// official SDK client and worker over gRPC with the `taskhub` metadata DTS clients send (docs/reference/sidecar.md
// "Per-call metadata").
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Metadata } from "@grpc/grpc-js";
import type { EntityFactory, TActivity, TOrchestrator } from "@microsoft/durabletask-js";
import { NoOpLogger, TaskHubGrpcClient, TaskHubGrpcWorker } from "@microsoft/durabletask-js";
import type { SpawnedEmulator } from "../test/helpers/spawnEmulator";
import { readProcessCpuMs, readProcessMemory, spawnEmulator } from "../test/helpers/spawnEmulator";
import type { WorkerPool } from "./workerPool";
import { startWorkerPool } from "./workerPool";
import type { BenchClient, BenchRegistry, Probe, WorkloadName } from "./workloads";

export type EmulatorStoreKind = "file" | "memory";

export interface EmulatorTargetOptions {
  store: EmulatorStoreKind;
  taskHub: string;
  logLevel: string;
  /** When set, the emulator runs under `node --cpu-prof` and writes its profile here on shutdown. */
  cpuProfileDir?: string;
  /** Extra node flags for the emulator child, e.g. `--max-old-space-size=256`. */
  nodeArgs?: readonly string[];
  /** `--workers N`: N worker processes instead of a worker in this process. */
  workerProcesses?: number;
  /** The workload the worker processes register (required with `workerProcesses`). */
  workload?: WorkloadName;
}

export interface EmulatorTarget {
  registry: BenchRegistry;
  client: BenchClient;
  emulator: SpawnedEmulator;
  start(): Promise<void>;
  /** Peak RSS (VmHWM) of the emulator process so far, in bytes. */
  peakRssBytes(): number;
  /** Resident set size of the emulator process now, in bytes. */
  currentRssBytes(): number | undefined;
  /** CPU time the emulator process has used so far, in ms. */
  emulatorCpuMs(): number | undefined;
  /** CPU time the worker processes have used so far, in ms (`workerProcesses` only). */
  workerCpuMs(): number | undefined;
  /** Adds the worker processes' counters to `probe` (`workerProcesses` only; otherwise the worker fills it). */
  collectWorkerCounts(probe: Probe): Promise<void>;
  stop(): Promise<void>;
}

export async function createEmulatorTarget(
  options: EmulatorTargetOptions,
): Promise<EmulatorTarget> {
  const dataDir = options.store === "file" ? mkdtempSync(join(tmpdir(), "dtsx-bench-")) : undefined;
  const emulator = await spawnEmulator({
    store: dataDir ? { dataDir } : { inMemory: true },
    logLevel: options.logLevel,
    nodeArgs: [
      ...(options.nodeArgs ?? []),
      ...(options.cpuProfileDir ? ["--cpu-prof", "--cpu-prof-dir", options.cpuProfileDir] : []),
    ],
  });
  const metadataGenerator = (): Promise<Metadata> => {
    const metadata = new Metadata();
    metadata.set("taskhub", options.taskHub);
    return Promise.resolve(metadata);
  };
  const logger = new NoOpLogger();
  const connection = { hostAddress: emulator.hostAddress, metadataGenerator, logger };
  const worker = new TaskHubGrpcWorker({ ...connection, shutdownTimeoutMs: 5000 });
  const workerProcesses = options.workerProcesses ?? 0;
  if (workerProcesses > 0 && !options.workload) {
    throw new Error("workerProcesses needs the workload the worker processes register");
  }
  let pool: WorkerPool | undefined;
  const grpcClient = new TaskHubGrpcClient(connection);

  let peak = 0;
  const sample = (): void => {
    const memory = readProcessMemory(emulator.pid);
    if (memory) peak = Math.max(peak, memory.peakRssBytes, memory.rssBytes);
  };
  const sampler = setInterval(sample, 250);
  sampler.unref();

  return {
    // With worker processes each of them registers the workload itself; this process only runs the client.
    registry:
      workerProcesses > 0
        ? {
            addNamedOrchestrator: () => undefined,
            addNamedActivity: () => undefined,
            addNamedEntity: () => undefined,
          }
        : {
            addNamedOrchestrator: (name: string, fn: TOrchestrator) =>
              worker.addNamedOrchestrator(name, fn),
            addNamedActivity: (name: string, fn: TActivity<never, unknown>) =>
              worker.addNamedActivity(name, fn as TActivity<unknown, unknown>),
            addNamedEntity: (name: string, factory: EntityFactory) =>
              worker.addNamedEntity(name, factory),
          },
    client: {
      scheduleNewOrchestration: (name, input, instanceId) =>
        grpcClient.scheduleNewOrchestration(name, input, instanceId),
      waitForOrchestrationCompletion: (instanceId, fetchPayloads, timeoutSeconds) =>
        grpcClient.waitForOrchestrationCompletion(instanceId, fetchPayloads, timeoutSeconds),
      signalEntity: (id, operation, input) => grpcClient.signalEntity(id, operation, input),
      getEntity: (id) => grpcClient.getEntity(id, true),
    },
    emulator,
    async start() {
      if (workerProcesses === 0) {
        await worker.start();
        return;
      }
      pool = await startWorkerPool(workerProcesses, {
        hostAddress: emulator.hostAddress,
        taskHub: options.taskHub,
        workload: options.workload!,
      });
    },
    workerCpuMs: () => pool?.cpuMs(),
    async collectWorkerCounts(probe) {
      if (!pool) return;
      const counts = await pool.counts();
      probe.orchestrationEpisodes += counts.orchestrationEpisodes;
      probe.activityExecutions += counts.activityExecutions;
      probe.entityOperations += counts.entityOperations;
    },
    emulatorCpuMs: () => readProcessCpuMs(emulator.pid),
    currentRssBytes: () => readProcessMemory(emulator.pid)?.rssBytes,
    peakRssBytes() {
      sample();
      return peak;
    },
    async stop() {
      clearInterval(sampler);
      if (pool) await pool.stop();
      else await worker.stop().catch(() => undefined);
      await grpcClient.stop().catch(() => undefined);
      // SIGINT: graceful shutdown, which is also when `--cpu-prof` writes the profile.
      await emulator.stop("SIGINT", 60_000);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
