// Work-item leases and completion tokens under faults, on the wire: a worker process frozen with SIGSTOP (its TCP
// connection stays open) loses its items to a second worker within a bounded time, through the official JS SDK;
// a completion forged from another channel (raw gRPC: the SDK cannot present someone else's token) is refused and
// leaves the instance untouched.
/* eslint-disable @typescript-eslint/require-await, @typescript-eslint/no-explicit-any, @typescript-eslint/no-unsafe-assignment -- SDK generator orchestrators yield `any` */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { credentials, status, type ClientReadableStream, type ServiceError } from "@grpc/grpc-js";
import {
  OrchestrationStatus,
  type ActivityContext,
  type OrchestrationContext,
} from "@microsoft/durabletask-js";
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import { TaskHubSidecarServiceClient } from "@microsoft/durabletask-js/dist/proto/orchestrator_service_grpc_pb";
import { StringValue } from "google-protobuf/google/protobuf/wrappers_pb";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { rawCall, startTestEmulator, type TestEmulator } from "../../helpers/emulator";

const LOCK_SECONDS = 2;
let emulator: TestEmulator;
const children: ChildProcess[] = [];
const streams: ClientReadableStream<pb.WorkItem>[] = [];
const channels: TaskHubSidecarServiceClient[] = [];

beforeAll(async () => {
  emulator = await startTestEmulator({ workItemLockSeconds: LOCK_SECONDS });
});
afterEach(() => {
  for (const child of children.splice(0)) {
    // A stopped process ignores SIGKILL's exit until continued on some kernels; continue it first.
    child.kill("SIGCONT");
    child.kill("SIGKILL");
  }
  for (const stream of streams.splice(0)) stream.cancel();
  for (const channel of channels.splice(0)) channel.close();
});
afterAll(async () => {
  await emulator?.close();
});

/** A worker child process; resolves once it said `worker started`, and collects what it holds. */
async function spawnHoldingWorker(): Promise<{ child: ChildProcess; holding: Set<string> }> {
  const script = join(__dirname, "fixtures", "holdingWorker.ts");
  const child = spawn(process.execPath, ["--require", "tsx/cjs", script, emulator.hostAddress], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const holding = new Set<string>();
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(
      () => reject(new Error(`worker child did not start: ${output}`)),
      30_000,
    );
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => (output += chunk));
    child.stdout.on("data", (chunk: string) => {
      output += chunk;
      for (const line of chunk.split("\n")) {
        if (line === "worker started") {
          clearTimeout(timeout);
          resolve();
        }
        const held = /^holding (.+)$/.exec(line)?.[1];
        if (held !== undefined) holding.add(held);
      }
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timeout);
      reject(new Error(`worker child exited (${code ?? signal}): ${output}`));
    });
  });
  return { child, holding };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function* leased(ctx: OrchestrationContext, input: string): any {
  const result: string = yield ctx.callActivity("hold", input);
  return result;
}

describe("a frozen worker (SIGSTOP)", () => {
  it("loses its work items to another worker within a bounded time", async () => {
    const { child, holding } = await spawnHoldingWorker();
    const client = emulator.client();
    const inputs = ["frozen-a", "frozen-b", "frozen-c"];
    const ids = await Promise.all(
      inputs.map((input) => client.scheduleNewOrchestration("leased", input)),
    );
    await until(() => holding.size === inputs.length, 20_000, "the child to hold every activity");

    child.kill("SIGSTOP");
    const frozenAt = Date.now();
    const rescuer = emulator.worker("default", (worker) => {
      worker.addNamedOrchestrator("leased", leased);
      worker.addNamedActivity(
        "hold",
        async (_: ActivityContext, input: string) => `rescued ${input}`,
      );
    });
    await rescuer.start();
    const states = await Promise.all(
      ids.map((id) => client.waitForOrchestrationCompletion(id, true, 30)),
    );
    const elapsedMs = Date.now() - frozenAt;
    expect(states.map((state) => state?.runtimeStatus)).toEqual(
      inputs.map(() => OrchestrationStatus.COMPLETED),
    );
    expect(states.map((state) => state?.serializedOutput)).toEqual(
      inputs.map((input) => JSON.stringify(`rescued ${input}`)),
    );
    // Keepalive pings every max(1 s, lock/4) and waits as long for the ack: a frozen worker is cut off within
    // about two of those, well inside a few lock periods even on a loaded machine.
    expect(elapsedMs).toBeLessThan(LOCK_SECONDS * 1000 * 5);
    await rescuer.stop();
  });
});

/** A client with its own TCP connection: grpc-js otherwise shares one connection between clients of a target. */
function separateChannel(): TaskHubSidecarServiceClient {
  const channel = new TaskHubSidecarServiceClient(
    emulator.hostAddress,
    credentials.createInsecure(),
    { "grpc.use_local_subchannel_pool": 1 },
  );
  channels.push(channel);
  return channel;
}

function completion(instanceId: string, token: string, output: string): pb.OrchestratorResponse {
  const response = new pb.OrchestratorResponse();
  response.setInstanceid(instanceId);
  response.setCompletiontoken(token);
  const action = new pb.OrchestratorAction();
  action.setId(-1);
  const complete = new pb.CompleteOrchestrationAction();
  complete.setOrchestrationstatus(pb.OrchestrationStatus.ORCHESTRATION_STATUS_COMPLETED);
  const value = new StringValue();
  value.setValue(output);
  complete.setResult(value);
  action.setCompleteorchestration(complete);
  response.setActionsList([action]);
  return response;
}

async function refusal(call: Promise<unknown>): Promise<ServiceError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e as ServiceError,
  );
  if (error === undefined) throw new Error("the call should have been refused");
  return error;
}

describe("a forged completion", () => {
  it("is refused from another channel, with a real or a guessed token, and changes nothing", async () => {
    const worker = separateChannel();
    const stream = worker.getWorkItems(new pb.GetWorkItemsRequest(), emulator.metadata());
    streams.push(stream);
    stream.on("error", () => undefined);
    const items: pb.WorkItem[] = [];
    stream.on("data", (item: pb.WorkItem) => {
      if (item.hasOrchestratorrequest()) items.push(item);
    });
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration("forgery-target", "x");
    await until(() => items.length > 0, 10_000, "the work item");
    const item = items[0]!;
    const token = item.getCompletiontoken();
    expect(token).toMatch(/^[0-9a-f]{32}$/);

    const attacker = separateChannel();
    const forge = (candidate: string) =>
      rawCall(
        attacker.completeOrchestratorTask.bind(attacker),
        completion(id, candidate, '"forged"'),
        emulator.metadata(),
      );
    const stolen = await refusal(forge(token));
    expect(stolen.code).toBe(status.FAILED_PRECONDITION);
    expect(stolen.details).toContain("issued to a GetWorkItems stream on another channel");
    for (const guess of ["o1", "o2", "1", "a1", "e1"]) {
      const guessed = await refusal(forge(guess));
      expect(guessed.code).toBe(status.NOT_FOUND);
      expect(guessed.details).toContain("names no orchestration work item in flight");
    }
    const abandon = new pb.AbandonOrchestrationTaskRequest();
    abandon.setCompletiontoken(token);
    expect(
      (
        await refusal(
          rawCall(
            attacker.abandonTaskOrchestratorWorkItem.bind(attacker),
            abandon,
            emulator.metadata(),
          ),
        )
      ).code,
    ).toBe(status.FAILED_PRECONDITION);

    const untouched = await client.getOrchestrationState(id);
    expect(untouched?.runtimeStatus).toBe(OrchestrationStatus.PENDING);
    expect(untouched?.serializedOutput).toBeUndefined();

    await rawCall(
      worker.completeOrchestratorTask.bind(worker),
      completion(id, token, '"genuine"'),
      emulator.metadata(),
    );
    const done = await client.waitForOrchestrationCompletion(id, true, 10);
    expect(done?.runtimeStatus).toBe(OrchestrationStatus.COMPLETED);
    expect(done?.serializedOutput).toBe('"genuine"');
  });
});
