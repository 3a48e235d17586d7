// Task hub routing and DTS limits: hubs are isolated by `taskhub` metadata, unknown hubs are
// NOT_FOUND naming the hub, the CallGuard sees every RPC, oversized payloads / ids / tags are INVALID_ARGUMENT
// naming field, size and limit, and a rejected call stores nothing. Also the ID reuse policy (raw protocol: the JS
// SDK 0.4.0 cannot send one).
// Orchestrators are the SDK's generator functions, whose yields the SDK types as `any` (TOrchestrator).
/* eslint-disable @typescript-eslint/require-await, @typescript-eslint/no-explicit-any, require-yield */
import { status as GrpcStatus, type ServiceError } from "@grpc/grpc-js";
import { OrchestrationStatus, type OrchestrationContext } from "@microsoft/durabletask-js";
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import { StringValue } from "google-protobuf/google/protobuf/wrappers_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CallGuardContext } from "../../../emulator/grpc/callGuard";
import { grpcErrors } from "../../../emulator/grpc/errors";
import { rawCall, startTestEmulator, type TestEmulator } from "../../helpers/emulator";

let emulator: TestEmulator;
const guardCalls: CallGuardContext[] = [];

async function* echo(_: OrchestrationContext, input: unknown): any {
  return input;
}
async function* waiter(ctx: OrchestrationContext): any {
  return yield ctx.waitForExternalEvent("go");
}
async function* hubName(_: OrchestrationContext): any {
  return "served";
}

beforeAll(async () => {
  emulator = await startTestEmulator({
    taskHubNames: ["alpha", "beta"],
    callGuard: (context) => {
      guardCalls.push(context);
      if (context.metadata.get("x-deny")[0] === "yes") {
        throw grpcErrors.permissionDenied("denied by test guard");
      }
    },
  });
  const alpha = emulator.worker("alpha", (w) => {
    w.addOrchestrator(echo);
    w.addOrchestrator(waiter);
  });
  await alpha.start();
});
afterAll(async () => {
  await emulator?.close();
});

function startRequest(instanceId: string, input?: string): pb.CreateInstanceRequest {
  const request = new pb.CreateInstanceRequest();
  request.setInstanceid(instanceId);
  request.setName("echo");
  if (input !== undefined) {
    const value = new StringValue();
    value.setValue(input);
    request.setInput(value);
  }
  return request;
}

describe("task hubs", () => {
  it("isolates hubs: an instance of one hub is invisible to another and only its workers run it", async () => {
    const alpha = emulator.client("alpha");
    const beta = emulator.client("beta");
    const id = await alpha.scheduleNewOrchestration(echo, "from alpha");
    expect((await alpha.waitForOrchestrationCompletion(id, true, 30))?.serializedOutput).toBe(
      JSON.stringify("from alpha"),
    );
    expect(await beta.getOrchestrationState(id)).toBeUndefined();
    // No worker serves beta: its instance stays PENDING while alpha's worker is connected.
    const betaId = await beta.scheduleNewOrchestration(hubName);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await beta.getOrchestrationState(betaId))?.runtimeStatus).toBe(
      OrchestrationStatus.PENDING,
    );
    const betaWorker = emulator.worker("beta", (w) => w.addOrchestrator(hubName));
    await betaWorker.start();
    expect((await beta.waitForOrchestrationCompletion(betaId, true, 30))?.serializedOutput).toBe(
      JSON.stringify("served"),
    );
  });

  it("fails with NOT_FOUND naming an unknown hub", async () => {
    const client = emulator.client("gamma");
    await expect(client.scheduleNewOrchestration(echo)).rejects.toThrow(/gamma/);
    const raw = emulator.raw();
    const error = (await rawCall(
      raw.startInstance.bind(raw),
      startRequest("x"),
      emulator.metadata("gamma"),
    ).catch((e: unknown) => e)) as ServiceError;
    expect(error.code).toBe(GrpcStatus.NOT_FOUND);
    expect(error.details).toContain("'gamma'");
  });

  it("calls the CallGuard for every RPC with the resolved hub, and a refusal stops the call", async () => {
    guardCalls.length = 0;
    const raw = emulator.raw();
    const metadata = emulator.metadata("beta");
    metadata.set("x-deny", "yes");
    const error = (await rawCall(
      raw.startInstance.bind(raw),
      startRequest("denied"),
      metadata,
    ).catch((e: unknown) => e)) as ServiceError;
    expect(error.code).toBe(GrpcStatus.PERMISSION_DENIED);
    expect(await emulator.client("beta").getOrchestrationState("denied")).toBeUndefined();
    const observed = guardCalls.filter(
      (call) => call.rpc === "StartInstance" || call.rpc === "GetInstance",
    );
    expect(observed.map((call) => [call.rpc, call.hub])).toEqual([
      ["StartInstance", "beta"],
      ["GetInstance", "beta"],
    ]);
  });
});

describe("payload and metadata limits (docs/reference/limits.md)", () => {
  const raw = () => emulator.raw();

  it("rejects an input over 1 MB naming field, size and limit, and stores nothing", async () => {
    const client = emulator.client("alpha");
    const big = "x".repeat(1024 * 1024 + 10);
    const error = (await rawCall(
      raw().startInstance.bind(raw()),
      startRequest("too-big", big),
      emulator.metadata("alpha"),
    ).catch((e: unknown) => e)) as ServiceError;
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(error.details).toMatch(/input is 1048586 bytes.*limit of 1048576 bytes/);
    expect(await client.getOrchestrationState("too-big")).toBeUndefined();
  });

  it("rejects instance ids over 100 characters and tags over 1,000 bytes", async () => {
    const client = emulator.client("alpha");
    await expect(
      client.scheduleNewOrchestration(echo, 1, { instanceId: "i".repeat(101) }),
    ).rejects.toThrow(/101 characters.*100/);
    await expect(
      client.scheduleNewOrchestration(echo, 1, {
        instanceId: "big-tags",
        tags: { key: "v".repeat(1000) },
      }),
    ).rejects.toThrow(/tags are \d+ bytes.*1000 bytes/);
    expect(await client.getOrchestrationState("big-tags")).toBeUndefined();
  });

  it("rejects an oversized external event and stores nothing", async () => {
    const client = emulator.client("alpha");
    const id = await client.scheduleNewOrchestration(waiter);
    await expect(client.raiseOrchestrationEvent(id, "go", "y".repeat(1024 * 1024))).rejects.toThrow(
      /INVALID_ARGUMENT|limit/,
    );
    await client.raiseOrchestrationEvent(id, "go", "small");
    expect((await client.waitForOrchestrationCompletion(id, true, 30))?.serializedOutput).toBe(
      JSON.stringify("small"),
    );
  });
});

describe("orchestration ID reuse policy (docs/reference/sidecar.md, Instance lifecycle)", () => {
  const start = (id: string, replaceable?: number[]) => {
    const request = startRequest(id, '"v"');
    if (replaceable) {
      const policy = new pb.OrchestrationIdReusePolicy();
      policy.setReplaceablestatusList(replaceable);
      request.setOrchestrationidreusepolicy(policy);
    }
    const client = emulator.raw();
    return rawCall(client.startInstance.bind(client), request, emulator.metadata("alpha"));
  };
  const S = pb.OrchestrationStatus;

  it("without a policy: ALREADY_EXISTS for a running instance, replace a terminal one", async () => {
    const client = emulator.client("alpha");
    const running = await client.scheduleNewOrchestration(waiter);
    const error = (await start(running).catch((e: unknown) => e)) as ServiceError;
    expect(error.code).toBe(GrpcStatus.ALREADY_EXISTS);
    const done = await client.scheduleNewOrchestration(echo, 1);
    await client.waitForOrchestrationCompletion(done, false, 30);
    await start(done);
    expect((await client.waitForOrchestrationCompletion(done, true, 30))?.serializedOutput).toBe(
      '"v"',
    );
    await client.terminateOrchestration(running, "cleanup");
  });

  it("with a policy: replaces a running instance when RUNNING is replaceable; refuses other statuses", async () => {
    const client = emulator.client("alpha");
    const id = await client.scheduleNewOrchestration(waiter);
    await client.waitForOrchestrationStart(id, false, 30);
    const error = (await start(id, [S.ORCHESTRATION_STATUS_COMPLETED]).catch(
      (e: unknown) => e,
    )) as ServiceError;
    expect(error.code).toBe(GrpcStatus.ALREADY_EXISTS);
    await start(id, [
      S.ORCHESTRATION_STATUS_RUNNING,
      S.ORCHESTRATION_STATUS_TERMINATED,
      S.ORCHESTRATION_STATUS_COMPLETED,
    ]);
    const state = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(state?.name).toBe("echo");
    expect(state?.serializedOutput).toBe('"v"');
  });

  it("rejects a policy that reuses running instances but not terminated ones", async () => {
    const error = (await start("bad-policy", [S.ORCHESTRATION_STATUS_RUNNING]).catch(
      (e: unknown) => e,
    )) as ServiceError;
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(error.details).toContain("cannot exclude 'Terminated'");
  });
});
