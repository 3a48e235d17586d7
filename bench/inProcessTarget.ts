// The ceiling column of the benchmark: the SDK's own InMemoryOrchestrationBackend, client, backend and worker
// in one process — no network, no persistence. The SDK's TestOrchestrationWorker always logs
// through ConsoleLogger; this loop is the same algorithm (one orchestration then one activity per turn,
// `dist/testing/test-worker.js runProcessingLoop`) with the executors given a NoOpLogger, so logging is off on
// both sides of the comparison.
import type { EntityFactory, TActivity, TOrchestrator } from "@microsoft/durabletask-js";
import {
  InMemoryOrchestrationBackend,
  NoOpLogger,
  TestOrchestrationClient,
} from "@microsoft/durabletask-js";
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import * as pbh from "@microsoft/durabletask-js/dist/utils/pb-helper.util";
import { ActivityExecutor } from "@microsoft/durabletask-js/dist/worker/activity-executor";
import { OrchestrationExecutor } from "@microsoft/durabletask-js/dist/worker/orchestration-executor";
import { Registry } from "@microsoft/durabletask-js/dist/worker/registry";
import type { BenchClient, BenchRegistry } from "./workloads";

export interface InProcessTarget {
  registry: BenchRegistry;
  client: BenchClient;
  start(): void;
  stop(): Promise<void>;
}

// The fan-out of 10k activities needs ~20k history events; the backend's default cap is 10k.
const maxHistoryEvents = 1_000_000;

export function createInProcessTarget(): InProcessTarget {
  const backend = new InMemoryOrchestrationBackend(maxHistoryEvents);
  const registry = new Registry();
  const logger = new NoOpLogger();
  const testClient = new TestOrchestrationClient(backend);
  let stopRequested = false;
  let loop: Promise<void> | undefined;

  const processOrchestration = async (
    instance: NonNullable<ReturnType<InMemoryOrchestrationBackend["getNextOrchestrationWorkItem"]>>,
  ): Promise<void> => {
    try {
      const executor = new OrchestrationExecutor(registry, logger);
      const result = await executor.execute(
        instance.instanceId,
        instance.history,
        instance.pendingEvents,
        instance.executionId,
      );
      backend.completeOrchestration(
        instance.instanceId,
        instance.completionToken,
        result.actions,
        result.customStatus,
      );
    } catch (error) {
      const failAction = pbh.newCompleteOrchestrationAction(
        -1,
        pb.OrchestrationStatus.ORCHESTRATION_STATUS_FAILED,
        undefined,
        pbh.newFailureDetails(error),
      );
      backend.completeOrchestration(instance.instanceId, instance.completionToken, [failAction]);
    }
  };

  const processActivity = async (
    item: NonNullable<ReturnType<InMemoryOrchestrationBackend["getNextActivityWorkItem"]>>,
  ): Promise<void> => {
    try {
      const executor = new ActivityExecutor(registry, logger);
      const result = await executor.execute(item.instanceId, item.name, item.taskId, item.input);
      backend.completeActivity(item.instanceId, item.taskId, result);
    } catch (error) {
      backend.completeActivity(
        item.instanceId,
        item.taskId,
        undefined,
        error instanceof Error ? error : new Error(String(error)),
      );
    }
  };

  const runLoop = async (): Promise<void> => {
    let turnStarted = performance.now();
    while (!stopRequested) {
      // The SDK loop only yields when idle, starving timers (deadlines, waitForState timeouts) under load;
      // yielding every 20 ms of continuous work keeps them alive at a negligible cost to the ceiling.
      if (performance.now() - turnStarted > 20) {
        await new Promise((resolve) => setImmediate(resolve));
        turnStarted = performance.now();
      }
      let processed = false;
      const orchestration = backend.getNextOrchestrationWorkItem();
      if (orchestration) {
        await processOrchestration(orchestration);
        processed = true;
      }
      const activity = backend.getNextActivityWorkItem();
      if (activity) {
        await processActivity(activity);
        processed = true;
      }
      if (!processed) await new Promise((resolve) => setImmediate(resolve));
    }
  };

  return {
    registry: {
      addNamedOrchestrator: (name: string, fn: TOrchestrator) =>
        registry.addNamedOrchestrator(name, fn),
      addNamedActivity: (name: string, fn: TActivity<never, unknown>) =>
        registry.addNamedActivity(name, fn as TActivity<unknown, unknown>),
      // No addNamedEntity: the in-memory backend has no entity support (dist/testing/in-memory-backend.js).
    } satisfies BenchRegistry & {
      addNamedEntity?: (name: string, factory: EntityFactory) => unknown;
    },
    client: {
      scheduleNewOrchestration: (name, input, instanceId) =>
        testClient.scheduleNewOrchestration(name, input, instanceId),
      waitForOrchestrationCompletion: (instanceId, fetchPayloads, timeoutSeconds) =>
        testClient.waitForOrchestrationCompletion(instanceId, fetchPayloads, timeoutSeconds),
    },
    start() {
      loop = runLoop();
    },
    async stop() {
      stopRequested = true;
      await loop;
    },
  };
}
