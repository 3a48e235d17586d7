// Runs one workload against one target and measures it. One run = one fresh process (see runWorkloadProcess.ts),
// so JIT state, heap growth and the emulator's database never leak from one measurement into the next.
import type { ActivityContext, OrchestrationContext } from "@microsoft/durabletask-js";
import { OrchestrationStatus } from "@microsoft/durabletask-js";
import { createEmulatorTarget } from "./emulatorTarget";
import { createInProcessTarget } from "./inProcessTarget";
import { percentile } from "./stats";
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
}

export interface BenchResult {
  target: TargetName;
  workload: WorkloadName;
  size: number;
  status: "ok" | "failed" | "n/a";
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
      });
      return { ...target, rssScope: "emulator process" };
    }
  }
}

// One orchestration + one activity before the clock starts: connects the worker stream and warms the JIT on
// both sides, so the measurement starts in steady state for every target alike.
function registerWarmup(registry: BenchRegistry): void {
  registry.addNamedActivity(
    "benchWarmupActivity",
    (_ctx: ActivityContext, value: number) => value + 1,
  );
  // eslint-disable-next-line @typescript-eslint/require-await -- durabletask-js 0.4.0 drives only async generators
  registry.addNamedOrchestrator("benchWarmup", async function* (ctx: OrchestrationContext) {
    return (yield ctx.callActivity("benchWarmupActivity", 1)) as number;
  });
}

async function warmUp(client: BenchClient): Promise<void> {
  const id = `warmup-${Date.now().toString(36)}`;
  await client.scheduleNewOrchestration("benchWarmup", null, id);
  const state = await client.waitForOrchestrationCompletion(id, true, 120);
  if (state?.runtimeStatus !== OrchestrationStatus.COMPLETED || state.serializedOutput !== "2") {
    throw new Error(`warm-up orchestration did not complete correctly: ${JSON.stringify(state)}`);
  }
}

export async function runWorkload(spec: RunSpec): Promise<BenchResult> {
  const workload = workloads[spec.workload];
  const base = {
    target: spec.target,
    workload: spec.workload,
    size: spec.size,
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
    await warmUp(target.client);
    const emulatorCpuAtStart = target.emulatorCpuMs();
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
