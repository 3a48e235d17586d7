// StreamInstanceHistory's executionId (docs/reference/sidecar.md "Queries and history"): the current execution streams
// its events, an earlier execution (replaced by continue-as-new) or an unknown one is NOT_FOUND, and no executionId
// means the current one.
import { status as GrpcStatus } from "@grpc/grpc-js";
import type { OrchestrationContext } from "@microsoft/durabletask-js";
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import { StringValue } from "google-protobuf/google/protobuf/wrappers_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawCall, startTestEmulator, type TestEmulator } from "../../helpers/emulator";

let emulator: TestEmulator;

// eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/require-await -- durabletask-js 0.4.0 drives async generator orchestrators
async function* generations(ctx: OrchestrationContext, input: number): any {
  if (input === 0) {
    yield ctx.waitForExternalEvent("go");
    ctx.continueAsNew(1, false);
    return;
  }
  return input;
}

beforeAll(async () => {
  emulator = await startTestEmulator();
  await emulator.worker("default", (worker) => worker.addOrchestrator(generations)).start();
});
afterAll(async () => {
  await emulator?.close();
});

async function currentExecutionId(instanceId: string): Promise<string> {
  const raw = emulator.raw();
  const request = new pb.GetInstanceRequest();
  request.setInstanceid(instanceId);
  const response = await rawCall<pb.GetInstanceRequest, pb.GetInstanceResponse>(
    raw.getInstance.bind(raw),
    request,
    emulator.metadata(),
  );
  return response.getOrchestrationstate()?.getExecutionid()?.getValue() ?? "";
}

function streamHistory(instanceId: string, executionId?: string): Promise<pb.HistoryEvent[]> {
  const raw = emulator.raw();
  const request = new pb.StreamInstanceHistoryRequest();
  request.setInstanceid(instanceId);
  if (executionId !== undefined) {
    const value = new StringValue();
    value.setValue(executionId);
    request.setExecutionid(value);
  }
  return new Promise((resolve, reject) => {
    const events: pb.HistoryEvent[] = [];
    const stream = raw.streamInstanceHistory(request, emulator.metadata());
    stream.on("data", (chunk: pb.HistoryChunk) => events.push(...chunk.getEventsList()));
    stream.on("end", () => resolve(events));
    stream.on("error", reject);
  });
}

describe("StreamInstanceHistory executionId", () => {
  it("streams the current execution and refuses an earlier or unknown one with NOT_FOUND", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration(generations, 0);
    await client.waitForOrchestrationStart(id, false, 30);
    const first = await currentExecutionId(id);
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect((await streamHistory(id, first)).some((event) => event.hasExecutionstarted())).toBe(
      true,
    );

    await client.raiseOrchestrationEvent(id, "go", null);
    const done = await client.waitForOrchestrationCompletion(id, true, 30);
    expect(done?.serializedOutput).toBe("1");
    const second = await currentExecutionId(id);
    expect(second).not.toBe(first);

    const current = await streamHistory(id, second);
    const started = current.find((event) => event.hasExecutionstarted())?.getExecutionstarted();
    expect(started?.getOrchestrationinstance()?.getExecutionid()?.getValue()).toBe(second);
    expect(current.some((event) => event.hasExecutioncompleted())).toBe(true);
    expect((await streamHistory(id)).map((event) => event.getEventtypeCase())).toEqual(
      current.map((event) => event.getEventtypeCase()),
    );

    for (const stale of [first, "0".repeat(32)]) {
      const error = (await streamHistory(id, stale).catch((err: unknown) => err)) as {
        code?: number;
        details?: string;
      };
      expect(error.code).toBe(GrpcStatus.NOT_FOUND);
      expect(error.details).toContain(`execution '${stale}' of orchestration instance '${id}'`);
    }
  });
});
