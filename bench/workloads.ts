// The benchmark workloads of docs/reference/limits.md "Benchmark workloads". Each one registers its orchestrators,
// activities and entities on a worker, drives a client, checks every output, and reports latencies.
// The same code runs against the emulator (gRPC, official SDK worker/client) and the SDK's in-process
// InMemoryOrchestrationBackend, so the two columns of the table measure the same thing.
import type {
  ActivityContext,
  EntityFactory,
  OrchestrationContext,
  OrchestrationState,
  TActivity,
  TOrchestrator,
} from "@microsoft/durabletask-js";
import {
  EntityInstanceId,
  OrchestrationStatus,
  TaskEntity,
  whenAll,
} from "@microsoft/durabletask-js";
import { mapWithConcurrency, range } from "./stats";

export const workloadNames = [
  "hello-cities",
  "fan-out-1k",
  "fan-out-10k",
  "tiny-10k",
  "chain-1k",
  "timers-1k",
  "entities",
  "rss-100k",
] as const;
export type WorkloadName = (typeof workloadNames)[number];

/** What a workload needs from a worker; TaskHubGrpcWorker and the in-process worker both provide it. */
export interface BenchRegistry {
  addNamedOrchestrator(name: string, fn: TOrchestrator): unknown;
  addNamedActivity(name: string, fn: TActivity<never, unknown>): unknown;
  /** Absent on the in-process backend, which has no entity support. */
  addNamedEntity?: (name: string, factory: EntityFactory) => unknown;
}

/** What a workload needs from a client; TaskHubGrpcClient and TestOrchestrationClient both provide it. */
export interface BenchClient {
  scheduleNewOrchestration(name: string, input: unknown, instanceId: string): Promise<string>;
  waitForOrchestrationCompletion(
    instanceId: string,
    fetchPayloads: boolean,
    timeoutSeconds: number,
  ): Promise<OrchestrationState | undefined>;
  signalEntity?: (id: EntityInstanceId, operation: string, input?: unknown) => Promise<void>;
  getEntity?: (id: EntityInstanceId) => Promise<{ state?: unknown } | undefined>;
}

/**
 * Worker-side counters. An orchestrator function runs once per orchestration work item (the SDK replays the
 * whole function each episode), so counting calls counts dispatched work items without touching the server.
 */
export class Probe {
  orchestrationEpisodes = 0;
  activityExecutions = 0;
  entityOperations = 0;
  readonly latenciesMs: number[] = [];
  readonly marks = new Map<string, number>();
  private entityWaiter: { target: number; resolve: () => void } | undefined;

  get workItems(): number {
    return this.orchestrationEpisodes + this.activityExecutions + this.entityOperations;
  }

  recordEntityOperation(sentAt: number): void {
    this.entityOperations += 1;
    this.latenciesMs.push(Date.now() - sentAt);
    if (this.entityWaiter && this.entityOperations >= this.entityWaiter.target) {
      this.entityWaiter.resolve();
    }
  }

  entityOperationsReached(target: number): Promise<void> {
    if (this.entityOperations >= target) return Promise.resolve();
    return new Promise((resolve) => {
      this.entityWaiter = { target, resolve };
    });
  }
}

export interface WorkloadOutcome {
  /** One sample per orchestration, step, activity or signal — see `latencyKind`. */
  latenciesMs: number[];
  latencyKind: string;
}

export interface RunContext {
  client: BenchClient;
  probe: Probe;
  size: number;
  deadline: number;
}

export interface Workload {
  name: WorkloadName;
  description: string;
  defaultSize: number;
  quickSize: number;
  register(registry: BenchRegistry, probe: Probe): void;
  run(context: RunContext): Promise<WorkloadOutcome>;
}

const cities = ["Tokyo", "Seattle", "London", "Cairo", "Lima"];
const startWindow = 256;
const waitWindow = 128;

function secondsLeft(deadline: number): number {
  return Math.max(1, Math.ceil((deadline - Date.now()) / 1000));
}

/** Starts `count` orchestrations, waits for all, checks each output, returns server-side e2e latencies. */
async function runOrchestrations(
  context: RunContext,
  prefix: string,
  orchestrator: string,
  count: number,
  input: (index: number) => unknown,
  expectedOutput: (index: number) => unknown,
): Promise<number[]> {
  const runId = `${prefix}-${Date.now().toString(36)}`;
  const ids = range(count).map((index) => `${runId}-${index}`);
  const waiting = mapWithConcurrency(ids, startWindow, (id, index) =>
    context.client.scheduleNewOrchestration(orchestrator, input(index), id),
  );
  await waiting;
  const states = await mapWithConcurrency(ids, waitWindow, (id) =>
    context.client.waitForOrchestrationCompletion(id, true, secondsLeft(context.deadline)),
  );
  return states.map((state, index) => {
    const id = ids[index] ?? "";
    if (!state) throw new Error(`orchestration ${id} not found after completion wait`);
    if (state.runtimeStatus !== OrchestrationStatus.COMPLETED) {
      throw new Error(
        `orchestration ${id} ended ${OrchestrationStatus[state.runtimeStatus]}: ${state.failureDetails?.message ?? ""}`,
      );
    }
    const expected = JSON.stringify(expectedOutput(index));
    if (state.serializedOutput !== expected) {
      throw new Error(
        `orchestration ${id} output ${state.serializedOutput} != expected ${expected}`,
      );
    }
    // Both timestamps come from the scheduler (created at StartInstance, updated at the completing commit).
    return state.lastUpdatedAt.getTime() - state.createdAt.getTime();
  });
}

const helloCities: Workload = {
  name: "hello-cities",
  description:
    "N orchestrations × 5 sequential activities (Microsoft's DTS throughput methodology)",
  defaultSize: 1000,
  quickSize: 100,
  register(registry, probe) {
    registry.addNamedActivity("sayHello", (_ctx: ActivityContext, city: string) => {
      probe.activityExecutions += 1;
      return `Hello, ${city}!`;
    });
    // eslint-disable-next-line @typescript-eslint/require-await -- durabletask-js 0.4.0 drives only async generators
    registry.addNamedOrchestrator("helloCities", async function* (ctx: OrchestrationContext) {
      probe.orchestrationEpisodes += 1;
      const greetings: string[] = [];
      for (const city of cities) {
        greetings.push((yield ctx.callActivity("sayHello", city)) as string);
      }
      return greetings;
    });
  },
  async run(context) {
    const expected = cities.map((city) => `Hello, ${city}!`);
    const latenciesMs = await runOrchestrations(
      context,
      "hello",
      "helloCities",
      context.size,
      () => null,
      () => expected,
    );
    return { latenciesMs, latencyKind: "orchestration end-to-end" };
  },
};

function fanOut(name: WorkloadName, defaultSize: number, quickSize: number): Workload {
  const orchestrator = `fanOut_${name}`;
  return {
    name,
    description: `1 orchestration scheduling K activities at once, then whenAll`,
    defaultSize,
    quickSize,
    register(registry, probe) {
      registry.addNamedActivity(`square_${name}`, (ctx: ActivityContext, value: number) => {
        probe.activityExecutions += 1;
        const scheduledAt = probe.marks.get(ctx.orchestrationId);
        if (scheduledAt !== undefined) probe.latenciesMs.push(Date.now() - scheduledAt);
        return value * 2;
      });
      registry.addNamedOrchestrator(
        orchestrator,
        // eslint-disable-next-line @typescript-eslint/require-await -- durabletask-js 0.4.0 drives only async generators
        async function* (ctx: OrchestrationContext, count: number) {
          probe.orchestrationEpisodes += 1;
          // Side channel for the latency sample: when the (first, non-replayed) episode scheduled the activities.
          if (!ctx.isReplaying && !probe.marks.has(ctx.instanceId))
            probe.marks.set(ctx.instanceId, Date.now());
          const results = (yield whenAll(
            range(count).map((index) => ctx.callActivity(`square_${name}`, index)),
          )) as number[];
          return results.reduce((sum, value) => sum + value, 0);
        },
      );
    },
    async run(context) {
      const k = context.size;
      await runOrchestrations(
        context,
        name,
        orchestrator,
        1,
        () => k,
        () => k * (k - 1),
      );
      return {
        latenciesMs: context.probe.latenciesMs,
        latencyKind: "activity start after its scheduling episode",
      };
    },
  };
}

function tinyOrchestrations(name: WorkloadName, defaultSize: number, quickSize: number): Workload {
  const orchestrator = `tiny_${name}`;
  return {
    name,
    description:
      "many empty orchestrations started as fast as possible (create/dispatch/commit overhead)",
    defaultSize,
    quickSize,
    register(registry, probe) {
      registry.addNamedOrchestrator(orchestrator, (_ctx: OrchestrationContext, value: number) => {
        probe.orchestrationEpisodes += 1;
        return value + 1;
      });
    },
    async run(context) {
      const latenciesMs = await runOrchestrations(
        context,
        name,
        orchestrator,
        context.size,
        (index) => index,
        (index) => index + 1,
      );
      return { latenciesMs, latencyKind: "orchestration end-to-end" };
    },
  };
}

const chain: Workload = {
  name: "chain-1k",
  description: "1 orchestration × N sequential activities (replay cost grows with history)",
  defaultSize: 1000,
  quickSize: 200,
  register(registry, probe) {
    let previousStepAt: number | undefined;
    registry.addNamedActivity("increment", (_ctx: ActivityContext, value: number) => {
      probe.activityExecutions += 1;
      // One sample per step: activity → completion → orchestrator episode → next activity dispatched.
      const now = Date.now();
      if (previousStepAt !== undefined) probe.latenciesMs.push(now - previousStepAt);
      previousStepAt = now;
      return value + 1;
    });
    registry.addNamedOrchestrator(
      "chain",
      // eslint-disable-next-line @typescript-eslint/require-await -- durabletask-js 0.4.0 drives only async generators
      async function* (ctx: OrchestrationContext, steps: number) {
        probe.orchestrationEpisodes += 1;
        let value = 0;
        for (let step = 0; step < steps; step++) {
          value = (yield ctx.callActivity("increment", value)) as number;
        }
        return value;
      },
    );
  },
  async run(context) {
    const steps = context.size;
    await runOrchestrations(
      context,
      "chain",
      "chain",
      1,
      () => steps,
      () => steps,
    );
    return {
      latenciesMs: context.probe.latenciesMs,
      latencyKind: "chain step (activity to next activity)",
    };
  },
};

const timers: Workload = {
  name: "timers-1k",
  description: "N orchestrations each waiting on a durable 1 s timer",
  defaultSize: 1000,
  quickSize: 200,
  register(registry, probe) {
    // eslint-disable-next-line @typescript-eslint/require-await -- durabletask-js 0.4.0 drives only async generators
    registry.addNamedOrchestrator("sleeper", async function* (ctx: OrchestrationContext) {
      probe.orchestrationEpisodes += 1;
      yield ctx.createTimer(1);
      return "woke";
    });
  },
  async run(context) {
    const latenciesMs = await runOrchestrations(
      context,
      "timer",
      "sleeper",
      context.size,
      () => null,
      () => "woke",
    );
    return { latenciesMs, latencyKind: "orchestration end-to-end (includes the 1 s timer)" };
  },
};

const entityCount = 100;

class BenchCounter extends TaskEntity<number> {
  constructor(private readonly probe: Probe) {
    super();
  }
  add(sentAt: number): void {
    this.state += 1;
    this.probe.recordEntityOperation(sentAt);
  }
  protected override initializeState(): number {
    return 0;
  }
}

const entities: Workload = {
  name: "entities",
  description: `${entityCount} counter entities × N signals each (FIFO batching); size = signals per entity`,
  defaultSize: 1000,
  quickSize: 100,
  register(registry, probe) {
    if (!registry.addNamedEntity) throw new Error("this target has no entity support");
    registry.addNamedEntity("benchcounter", () => new BenchCounter(probe));
  },
  async run(context) {
    const { client, probe, size } = context;
    const signalEntity = client.signalEntity;
    const getEntity = client.getEntity;
    if (!signalEntity || !getEntity) throw new Error("this target has no entity support");
    const runKey = Date.now().toString(36);
    const ids = range(entityCount).map(
      (index) => new EntityInstanceId("benchcounter", `${runKey}-${index}`),
    );
    // Round-robin over the entities so every entity's queue is busy the whole time.
    const signals = range(entityCount * size).map(
      (index) => ids[index % entityCount] as EntityInstanceId,
    );
    await mapWithConcurrency(signals, startWindow, (id) =>
      signalEntity.call(client, id, "add", Date.now()),
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      probe.entityOperationsReached(entityCount * size),
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new Error(
                `only ${probe.entityOperations} of ${entityCount * size} signals processed`,
              ),
            ),
          Math.max(0, context.deadline - Date.now()),
        );
      }),
    ]).finally(() => clearTimeout(timer));
    await mapWithConcurrency(ids, 16, async (id) => {
      const metadata = await getEntity.call(client, id);
      if (metadata?.state !== size) {
        throw new Error(
          `entity ${id.toString()} state ${JSON.stringify(metadata?.state)} != ${size}`,
        );
      }
    });
    return { latenciesMs: probe.latenciesMs, latencyKind: "signal sent to operation executed" };
  },
};

export const workloads: Readonly<Record<WorkloadName, Workload>> = {
  "hello-cities": helloCities,
  "fan-out-1k": fanOut("fan-out-1k", 1000, 200),
  "fan-out-10k": fanOut("fan-out-10k", 10_000, 1000),
  "tiny-10k": tinyOrchestrations("tiny-10k", 10_000, 1000),
  "chain-1k": chain,
  "timers-1k": timers,
  entities,
  // The RSS target: peak RSS of the emulator after this many completed orchestrations.
  "rss-100k": tinyOrchestrations("rss-100k", 100_000, 10_000),
};

/** Pure: parses `--workloads a,b`; names the unknown entry and the allowed ones. */
export function parseWorkloadList(value: string): WorkloadName[] {
  return value.split(",").map((raw) => {
    const name = raw.trim();
    if (!(workloadNames as readonly string[]).includes(name)) {
      throw new Error(
        `--workloads: unknown workload "${name}" (allowed: ${workloadNames.join(", ")})`,
      );
    }
    return name as WorkloadName;
  });
}
