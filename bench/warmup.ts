// The warm-up orchestration every measurement runs before its clock starts: it connects the worker stream and
// warms the JIT on both sides, so the measurement starts in steady state for every target alike.
import type { ActivityContext, OrchestrationContext } from "@microsoft/durabletask-js";
import { OrchestrationStatus } from "@microsoft/durabletask-js";
import type { BenchClient, BenchRegistry } from "./workloads";

export function registerWarmup(registry: BenchRegistry): void {
  registry.addNamedActivity(
    "benchWarmupActivity",
    (_ctx: ActivityContext, value: number) => value + 1,
  );
  // eslint-disable-next-line @typescript-eslint/require-await -- durabletask-js 0.4.0 drives only async generators
  registry.addNamedOrchestrator("benchWarmup", async function* (ctx: OrchestrationContext) {
    return (yield ctx.callActivity("benchWarmupActivity", 1)) as number;
  });
}

/** Runs `count` warm-up orchestrations at once (one per worker process, so each one's JIT is warm too). */
export async function warmUp(client: BenchClient, count = 1): Promise<void> {
  const runId = `warmup-${Date.now().toString(36)}`;
  await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const id = `${runId}-${index}`;
      await client.scheduleNewOrchestration("benchWarmup", null, id);
      const state = await client.waitForOrchestrationCompletion(id, true, 120);
      if (
        state?.runtimeStatus !== OrchestrationStatus.COMPLETED ||
        state.serializedOutput !== "2"
      ) {
        throw new Error(
          `warm-up orchestration did not complete correctly: ${JSON.stringify(state)}`,
        );
      }
    }),
  );
}
