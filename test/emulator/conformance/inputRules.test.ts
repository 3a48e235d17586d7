// Input rules on every field the protocol carries (docs/reference/limits.md; the table in docs/emulator.md): the
// reserved entity id form and non-printable ids are refused for orchestrations, names and versions are bounded,
// reasons and failure details count as payloads — each refusal is INVALID_ARGUMENT naming field, size and limit,
// and nothing is stored. Client calls go through the official SDK client; worker completions, whose status the
// SDK worker swallows, go over raw gRPC.
import { status as GrpcStatus, type ClientReadableStream, type ServiceError } from "@grpc/grpc-js";
import { EntityInstanceId, OrchestrationStatus } from "@microsoft/durabletask-js";
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import { StringValue } from "google-protobuf/google/protobuf/wrappers_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawCall, startTestEmulator, type TestEmulator } from "../../helpers/emulator";

let emulator: TestEmulator;
const MB = 1024 * 1024;

beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

const refusal = async (call: Promise<unknown>): Promise<ServiceError> => {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as ServiceError | undefined;
  expect(error, "the call was accepted").toBeDefined();
  expect(error!.code).toBe(GrpcStatus.INVALID_ARGUMENT);
  return error!;
};

function stringValue(value: string): StringValue {
  const wrapper = new StringValue();
  wrapper.setValue(value);
  return wrapper;
}

describe("reserved and malformed instance ids", () => {
  it("refuses an orchestration id of the entity form @name@key, naming the rule, and stores nothing", async () => {
    const client = emulator.client();
    const error = await refusal(
      client.scheduleNewOrchestration("anything", undefined, "@counter@k1"),
    );
    expect(error.details).toBe(
      `instanceId "@counter@k1" starts with '@', which is reserved for entity ids (@name@key); an orchestration id must not start with it`,
    );
    expect(await client.getOrchestrationState("@counter@k1")).toBeUndefined();
    expect(await client.getEntity(new EntityInstanceId("counter", "k1"))).toBeUndefined();
    await refusal(client.scheduleNewOrchestration("anything", undefined, "@plain"));
  });

  it("refuses ids outside printable ASCII", async () => {
    const error = await refusal(
      emulator.client().scheduleNewOrchestration("anything", undefined, "caf\u00e9\n"),
    );
    expect(error.details).toContain("outside printable ASCII (0x20–0x7E)");
  });
});

describe("names, versions and reasons", () => {
  it("refuses a 5 MB orchestration name and a 2 KB version, naming field, size and limit", async () => {
    const client = emulator.client();
    const name = await refusal(
      client.scheduleNewOrchestration("n".repeat(5 * MB), undefined, "big-name"),
    );
    expect(name.details).toMatch(
      /^name "n{20}…" is 5242880 bytes, which exceeds the limit of 1024 bytes for names and versions$/,
    );
    const version = await refusal(
      client.scheduleNewOrchestration("ok", undefined, {
        instanceId: "big-version",
        version: "v".repeat(2048),
      }),
    );
    expect(version.details).toContain("version");
    expect(version.details).toContain("2048 bytes");
    expect(await client.getOrchestrationState("big-name")).toBeUndefined();
    expect(await client.getOrchestrationState("big-version")).toBeUndefined();
  });

  it("refuses an oversized event name and suspend/resume/terminate reasons, changing nothing", async () => {
    const client = emulator.client();
    const id = await client.scheduleNewOrchestration("waits-forever", undefined, "target");
    const eventName = await refusal(client.raiseOrchestrationEvent(id, "e".repeat(5 * MB), "x"));
    expect(eventName.details).toContain("exceeds the limit of 1024 bytes");
    // The JS client sends no suspend/resume reason; the .NET and Python clients do, so raw gRPC here.
    const raw = emulator.raw();
    const suspendRequest = new pb.SuspendRequest();
    suspendRequest.setInstanceid(id);
    suspendRequest.setReason(stringValue("r".repeat(2 * MB)));
    const suspend = await refusal(
      rawCall(raw.suspendInstance.bind(raw), suspendRequest, emulator.metadata()),
    );
    expect(suspend.details).toBe(
      "reason is 2097152 bytes, which exceeds the limit of 1048576 bytes (1 MB)",
    );
    const resumeRequest = new pb.ResumeRequest();
    resumeRequest.setInstanceid(id);
    resumeRequest.setReason(stringValue("r".repeat(2 * MB)));
    await refusal(rawCall(raw.resumeInstance.bind(raw), resumeRequest, emulator.metadata()));
    await refusal(client.terminateOrchestration(id, "r".repeat(2 * MB)));
    expect((await client.getOrchestrationState(id))?.runtimeStatus).toBe(
      OrchestrationStatus.PENDING,
    );
    expect(emulator.handle.engine.getHistory("default", id)?.length ?? 0).toBeLessThan(2);
  });

  it("refuses a 5 MB entity operation name", async () => {
    const error = await refusal(
      emulator.client().signalEntity(new EntityInstanceId("counter", "big-op"), "o".repeat(5 * MB)),
    );
    expect(error.details).toContain("name (entity operation)");
    expect(
      await emulator.client().getEntity(new EntityInstanceId("counter", "big-op")),
    ).toBeUndefined();
  });
});

describe("worker completions (raw gRPC)", () => {
  let stream: ClientReadableStream<pb.WorkItem>;
  const items: pb.WorkItem[] = [];

  beforeAll(() => {
    const raw = emulator.raw();
    stream = raw.getWorkItems(new pb.GetWorkItemsRequest(), emulator.metadata());
    stream.on("error", () => undefined);
    stream.on("data", (item: pb.WorkItem) => items.push(item));
  });
  afterAll(() => stream.cancel());

  const nextOrchestratorItem = async (instanceId: string): Promise<pb.WorkItem> => {
    let found: pb.WorkItem | undefined;
    await expect
      .poll(
        () =>
          (found = items.find(
            (item) => item.getOrchestratorrequest()?.getInstanceid() === instanceId,
          )),
        { timeout: 10_000, interval: 20 },
      )
      .toBeDefined();
    return found!;
  };

  const complete = (item: pb.WorkItem, action: pb.OrchestratorAction) => {
    const response = new pb.OrchestratorResponse();
    response.setInstanceid(item.getOrchestratorrequest()!.getInstanceid());
    response.setCompletiontoken(item.getCompletiontoken());
    response.addActions(action);
    const raw = emulator.raw();
    return rawCall(raw.completeOrchestratorTask.bind(raw), response, emulator.metadata());
  };

  it("refuses an activity name of 5 MB and an 8 MB failure, and the history does not grow", async () => {
    await emulator.client().scheduleNewOrchestration("raw-orchestrator", undefined, "raw-limits");
    const item = await nextOrchestratorItem("raw-limits");
    const historyBefore = emulator.handle.engine.getHistory("default", "raw-limits")?.length;

    const schedule = new pb.OrchestratorAction();
    schedule.setId(0);
    const task = new pb.ScheduleTaskAction();
    task.setName("a".repeat(5 * MB));
    schedule.setScheduletask(task);
    const taskError = await refusal(complete(item, schedule));
    expect(taskError.details).toMatch(/^scheduleTask\[0\]\.name "a{20}…" is 5242880 bytes/);

    const fail = new pb.OrchestratorAction();
    fail.setId(1);
    const completeAction = new pb.CompleteOrchestrationAction();
    completeAction.setOrchestrationstatus(pb.OrchestrationStatus.ORCHESTRATION_STATUS_FAILED);
    const details = new pb.TaskFailureDetails();
    details.setErrortype("Error");
    details.setErrormessage("boom");
    details.setStacktrace(stringValue("s".repeat(8 * MB)));
    completeAction.setFailuredetails(details);
    fail.setCompleteorchestration(completeAction);
    const failureError = await refusal(complete(item, fail));
    expect(failureError.details).toContain("completeOrchestration.failureDetails is at least");
    expect(failureError.details).toContain("exceeds the limit of 1048576 bytes (1 MB)");

    expect(emulator.handle.engine.getHistory("default", "raw-limits")?.length).toBe(historyBefore);
    expect(emulator.handle.engine.getInstance("default", "raw-limits")?.status).not.toBe(
      pb.OrchestrationStatus.ORCHESTRATION_STATUS_FAILED,
    );
  });
});
