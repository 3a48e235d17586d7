// QueryInstances' taskHubNames (docs/reference/sidecar.md "RPC surface"): the taskhub metadata selects the hub; an
// empty list or one that names that hub is honoured, a list without it is INVALID_ARGUMENT naming the field — never
// silently ignored.
import { status as GrpcStatus } from "@grpc/grpc-js";
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import { StringValue } from "google-protobuf/google/protobuf/wrappers_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTaskHubNames } from "../../../emulator/grpc/instances";
import { rawCall, startTestEmulator, type TestEmulator } from "../../helpers/emulator";

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator();
  emulator.handle.engine.createHub("other");
  emulator.handle.engine.startOrchestration("default", { name: "o", instanceId: "in-default" });
  emulator.handle.engine.startOrchestration("other", { name: "o", instanceId: "in-other" });
});
afterAll(async () => {
  await emulator?.close();
});

function query(taskHubNames: string[], hub = "default"): Promise<pb.QueryInstancesResponse> {
  const raw = emulator.raw();
  const request = new pb.QueryInstancesRequest();
  const instanceQuery = new pb.InstanceQuery();
  instanceQuery.setTaskhubnamesList(
    taskHubNames.map((name) => {
      const value = new StringValue();
      value.setValue(name);
      return value;
    }),
  );
  request.setQuery(instanceQuery);
  return rawCall<pb.QueryInstancesRequest, pb.QueryInstancesResponse>(
    raw.queryInstances.bind(raw),
    request,
    emulator.metadata(hub),
  );
}

const ids = (response: pb.QueryInstancesResponse) =>
  response.getOrchestrationstateList().map((state) => state.getInstanceid());

describe("QueryInstances taskHubNames", () => {
  it("serves the metadata hub when the list is empty or names it", async () => {
    expect(ids(await query([]))).toEqual(["in-default"]);
    expect(ids(await query(["default"]))).toEqual(["in-default"]);
    expect(ids(await query(["other", "default"]))).toEqual(["in-default"]);
    expect(ids(await query(["other"], "other"))).toEqual(["in-other"]);
  });

  it("refuses a list without the metadata hub with INVALID_ARGUMENT naming the field", async () => {
    const error = (await query(["other"]).catch((err: unknown) => err)) as {
      code?: number;
      details?: string;
    };
    expect(error.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(error.details).toBe(
      `query.taskHubNames ["other"] does not include the task hub 'default' selected by the taskhub ` +
        `metadata: a query serves only that hub, so taskHubNames may be empty or name it`,
    );
  });

  it("checkTaskHubNames is pure: empty or containing passes, anything else throws", () => {
    expect(() => checkTaskHubNames([], "a")).not.toThrow();
    expect(() => checkTaskHubNames(["b", "a"], "a")).not.toThrow();
    expect(() => checkTaskHubNames(["b"], "a")).toThrow(/query\.taskHubNames \["b"\]/);
  });
});
