// Runs one workload against one target and measures it. One run = one fresh process (see runWorkloadProcess.ts),
// so JIT state, heap growth and the emulator's database never leak from one measurement into the next.
import { createEmulatorTarget } from "./emulatorTarget";
import { createInProcessTarget } from "./inProcessTarget";
import { percentile } from "./stats";
import { registerWarmup, warmUp } from "./warmup";
import type { BenchClient, BenchRegistry, WorkloadName } from "./workloads";
import { Probe, workloads } from "./workloads";

export const targetNames = ["in-process", "emulator-file", "emulator-memory"] as const;
export type TargetName = (typeof targetNames)[number];

export interface RunSpec {
  target: TargetName;
  workload: WorkloadName;
  size: number;
  timeoutSeconds: number;
  emulatorLogLevel: string;
  cpuProfileDir?: string;
  emulatorNodeArgs?: readonly string[];
  /**
   * `--workers N`: N SDK worker processes, the client alone in this process. Undefined: client and worker share
   * this process (the default mode).
   */
  workers?: number;
}

export interface BenchResult {
  target: TargetName;
  workload: WorkloadName;
  size: number;
  status: "ok" | "failed" | "n/a";
  /** Worker processes (`--workers`); undefined when the worker shares the benchmark process. */
  workers?: number;
  error?: string;
  workItems: number;
  orchestrationEpisodes: number;
  activityExecutions: number;
  entityOperations: number;
  durationMs: number;
  workItemsPerSecond: number;
  latencyKind: string;
  latencySamples: number;
  p50Ms?: number;
  p99Ms?: number;
  peakRssBytes?: number;
  /** The emulator's RSS once the workload completed (after the last verified completion). */
  finalRssBytes?: number;
  rssScope: string;
  /** CPU used during the measurement: the emulator child, and this process (client + worker, or everything in-process). */
  emulatorCpuMs?: number;
  runnerCpuMs?: number;
  /** CPU of the worker processes during the measurement (`--workers` only). */
  workerCpuMs?: number;
  /** RSS of the emulator once started and warmed up, before the measurement. */
  startRssBytes?: number;
}

interface PreparedTarget {
  registry: BenchRegistry;
  client: BenchClient;
  start(): Promise<void> | void;
  stop(): Promise<void>;
  peakRssBytes(): number;
  emulatorCpuMs(): number | undefined;
  currentRssBytes(): number | undefined;
  rssScope: string;
  /** Worker-process CPU so far (`--workers` only). */
  workerCpuMs(): number | undefined;
  /** Adds the worker processes' counters to the probe (`--workers` only). */
  collectWorkerCounts(probe: Probe): Promise<void>;
}

async function prepareTarget(spec: RunSpec): Promise<PreparedTarget> {
  switch (spec.target) {
    case "in-process": {
      const target = createInProcessTarget();
      return {
        ...target,
        // maxRSS is in KiB; client, worker and backend share this process, so that is what is measured.
        peakRssBytes: () => process.resourceUsage().maxRSS * 1024,
        emulatorCpuMs: () => undefined,
        currentRssBytes: () => process.memoryUsage.rss(),
        rssScope: "whole process (client + worker + backend)",
        workerCpuMs: () => undefined,
        collectWorkerCounts: () => Promise.resolve(),
      };
    }
    case "emulator-file":
    case "emulator-memory": {
      const target = await createEmulatorTarget({
        store: spec.target === "emulator-file" ? "file" : "memory",
        taskHub: "default",
        logLevel: spec.emulatorLogLevel,
        cpuProfileDir: spec.cpuProfileDir,
        nodeArgs: spec.emulatorNodeArgs,
        workerProcesses: spec.workers,
        workload: spec.workload,
      });
      return { ...target, rssScope: "emulator process" };
    }
  }
}

export async function runWorkload(spec: RunSpec): Promise<BenchResult> {
  const workload = workloads[spec.workload];
  const base = {
    target: spec.target,
    workload: spec.workload,
    size: spec.size,
    workers: spec.workers,
    workItems: 0,
    orchestrationEpisodes: 0,
    activityExecutions: 0,
    entityOperations: 0,
    durationMs: 0,
    workItemsPerSecond: 0,
    latencyKind: "",
    latencySamples: 0,
  };
  const target = await prepareTarget(spec);
  const probe = new Probe();
  const started = { at: 0 };
  try {
    registerWarmup(target.registry);
    workload.register(target.registry, probe);
    await target.start();
    await warmUp(target.client, spec.workers ?? 1);
    const startRssBytes = target.currentRssBytes();
    const emulatorCpuAtStart = target.emulatorCpuMs();
    const workerCpuAtStart = target.workerCpuMs();
    const runnerCpuAtStart = process.cpuUsage();
    started.at = performance.now();
    const outcome = await workload.run({
      client: target.client,
      probe,
      size: spec.size,
      deadline: Date.now() + spec.timeoutSeconds * 1000,
    });
    const durationMs = performance.now() - started.at;
    const runnerCpu = process.cpuUsage(runnerCpuAtStart);
    const emulatorCpuAtEnd = target.emulatorCpuMs();
    const workerCpuAtEnd = target.workerCpuMs();
    await target.collectWorkerCounts(probe);
    return {
      ...base,
      status: "ok",
      workItems: probe.workItems,
      orchestrationEpisodes: probe.orchestrationEpisodes,
      activityExecutions: probe.activityExecutions,
      entityOperations: probe.entityOperations,
      durationMs,
      workItemsPerSecond: probe.workItems / (durationMs / 1000),
      latencyKind: outcome.latencyKind,
      latencySamples: outcome.latenciesMs.length,
      p50Ms: percentile(outcome.latenciesMs, 50),
      p99Ms: percentile(outcome.latenciesMs, 99),
      peakRssBytes: target.peakRssBytes(),
      finalRssBytes: target.currentRssBytes(),
      rssScope: target.rssScope,
      emulatorCpuMs:
        emulatorCpuAtStart === undefined || emulatorCpuAtEnd === undefined
          ? undefined
          : emulatorCpuAtEnd - emulatorCpuAtStart,
      runnerCpuMs: (runnerCpu.user + runnerCpu.system) / 1000,
      workerCpuMs:
        workerCpuAtStart === undefined || workerCpuAtEnd === undefined
          ? undefined
          : workerCpuAtEnd - workerCpuAtStart,
      startRssBytes,
    };
  } catch (error) {
    return {
      ...base,
      status: "failed",
      error: error instanceof Error ? error.message : String(error),
      workItems: probe.workItems,
      durationMs: started.at ? performance.now() - started.at : 0,
      peakRssBytes: target.peakRssBytes(),
      rssScope: target.rssScope,
    };
  } finally {
    await target.stop();
  }
}
