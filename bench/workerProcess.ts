// Child-process entry of `--workers N`: one official SDK worker (TaskHubGrpcWorker) in a process of its own,
// registered with one workload. The benchmark process (the client) asks each worker for its counters over the
// IPC channel once the workload has completed; work items are counted where they run, as in the shared mode.
import { Metadata } from "@grpc/grpc-js";
import type { EntityFactory, TActivity, TOrchestrator } from "@microsoft/durabletask-js";
import { NoOpLogger, TaskHubGrpcWorker } from "@microsoft/durabletask-js";
import { registerWarmup } from "./warmup";
import type { WorkloadName } from "./workloads";
import { Probe, workloads } from "./workloads";

export interface WorkerProcessSpec {
  hostAddress: string;
  taskHub: string;
  workload: WorkloadName;
}

export interface WorkerCounts {
  orchestrationEpisodes: number;
  activityExecutions: number;
  entityOperations: number;
}

export type ParentMessage = { type: "report" } | { type: "stop" };
export type WorkerMessage =
  { type: "ready" } | { type: "counts"; counts: WorkerCounts } | { type: "failed"; error: string };

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? "") as WorkerProcessSpec;
  const send = (message: WorkerMessage): void => {
    process.send?.(message);
  };
  const metadataGenerator = (): Promise<Metadata> => {
    const metadata = new Metadata();
    metadata.set("taskhub", spec.taskHub);
    return Promise.resolve(metadata);
  };
  const worker = new TaskHubGrpcWorker({
    hostAddress: spec.hostAddress,
    metadataGenerator,
    logger: new NoOpLogger(),
    shutdownTimeoutMs: 5000,
  });
  const probe = new Probe();
  const registry = {
    addNamedOrchestrator: (name: string, fn: TOrchestrator) =>
      worker.addNamedOrchestrator(name, fn),
    addNamedActivity: (name: string, fn: TActivity<never, unknown>) =>
      worker.addNamedActivity(name, fn as TActivity<unknown, unknown>),
    addNamedEntity: (name: string, factory: EntityFactory) => worker.addNamedEntity(name, factory),
  };
  registerWarmup(registry);
  workloads[spec.workload].register(registry, probe);
  process.on("message", (message: ParentMessage) => {
    if (message.type === "report") {
      send({
        type: "counts",
        counts: {
          orchestrationEpisodes: probe.orchestrationEpisodes,
          activityExecutions: probe.activityExecutions,
          entityOperations: probe.entityOperations,
        },
      });
    } else {
      void worker.stop().finally(() => process.exit(0));
    }
  });
  // The benchmark process holds the IPC channel; when it goes, so does this worker.
  process.on("disconnect", () => process.exit(130));
  await worker.start();
  send({ type: "ready" });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.send?.({
      type: "failed",
      error: error instanceof Error ? error.message : String(error),
    } satisfies WorkerMessage);
    process.exit(1);
  });
}
