// Client-side management RPCs (docs/reference/sidecar.md "RPC surface" to "Queries and history").
import type { ServerUnaryCall, UntypedServiceImplementation } from "@grpc/grpc-js";
import { BoolValue } from "google-protobuf/google/protobuf/wrappers_pb";
import { stringValue, timestampMs } from "../core/events";
import { pb } from "../core/proto";
import { Status, isTerminal } from "../core/status";
import type { InstanceFilter, InstanceRow } from "../store/store";
import { type GrpcContext, unary } from "./context";
import { toOrchestrationState } from "./convert";
import { grpcErrors } from "./errors";

const MAX_BATCH = 500;

function checkBatchSize(ids: string[]): void {
  if (ids.length > MAX_BATCH) {
    throw grpcErrors.invalidArgument(
      `instanceBatch has ${ids.length} instance ids; the limit is ${MAX_BATCH}`,
    );
  }
}

function instanceResponse(
  row: InstanceRow | undefined,
  includeInputs: boolean,
): pb.GetInstanceResponse {
  const response = new pb.GetInstanceResponse();
  response.setExists(row !== undefined);
  if (row) response.setOrchestrationstate(toOrchestrationState(row, includeInputs));
  return response;
}

/**
 * `InstanceQuery.taskHubNames` (docs/reference/sidecar.md "RPC surface"): in DTS the `taskhub` metadata alone selects
 * the hub a call serves, so a query can never reach another hub. An empty list, or one naming the selected hub, is
 * honoured; a list without it is refused rather than silently ignored (it would otherwise return the metadata hub's
 * instances as if they belonged to the listed hubs).
 */
export function checkTaskHubNames(taskHubNames: readonly string[], hub: string): void {
  if (taskHubNames.length === 0 || taskHubNames.includes(hub)) return;
  throw grpcErrors.invalidArgument(
    `query.taskHubNames ${JSON.stringify(taskHubNames)} does not include the task hub '${hub}' selected by the ` +
      `taskhub metadata: a query serves only that hub, so taskHubNames may be empty or name it`,
  );
}

/**
 * Aborts when the client cancels or its deadline passes (Wait* RPCs, docs/reference/sidecar.md "Instance lifecycle").
 */
function callSignal<Request, Response>(call: ServerUnaryCall<Request, Response>): AbortSignal {
  const controller = new AbortController();
  call.on("cancelled", () => controller.abort(grpcErrors.cancelled("the call was cancelled")));
  const deadline = call.getDeadline();
  const deadlineMs = deadline instanceof Date ? deadline.getTime() : Number(deadline);
  if (Number.isFinite(deadlineMs) && deadlineMs > 0) {
    const timer = setTimeout(
      () =>
        controller.abort(
          grpcErrors.deadlineExceeded(
            "the deadline passed before the instance reached the requested state",
          ),
        ),
      Math.max(0, deadlineMs - Date.now()),
    );
    timer.unref();
    controller.signal.addEventListener("abort", () => clearTimeout(timer), { once: true });
  }
  return controller.signal;
}

export function instanceHandlers(context: GrpcContext): UntypedServiceImplementation {
  const { engine } = context;
  return {
    startInstance: unary(context, "StartInstance", (hub, request: pb.CreateInstanceRequest) => {
      const policy = request.getOrchestrationidreusepolicy();
      const tags = Object.fromEntries(request.getTagsMap().toArray());
      const instanceId = engine.startOrchestration(hub, {
        instanceId: request.getInstanceid(),
        name: request.getName(),
        version: request.getVersion()?.getValue(),
        input: request.getInput()?.getValue(),
        scheduledStartAt: timestampMs(request.getScheduledstarttimestamp()),
        tags,
        parentTraceContext: request.getParenttracecontext(),
        replaceableStatuses: policy ? policy.getReplaceablestatusList() : undefined,
      });
      const response = new pb.CreateInstanceResponse();
      response.setInstanceid(instanceId);
      return response;
    }),
    getInstance: unary(context, "GetInstance", (hub, request: pb.GetInstanceRequest) =>
      instanceResponse(
        engine.getInstance(hub, request.getInstanceid()),
        request.getGetinputsandoutputs(),
      ),
    ),
    waitForInstanceStart: unary(
      context,
      "WaitForInstanceStart",
      async (hub, request: pb.GetInstanceRequest, call) => {
        const row = await engine.waitForInstance(
          hub,
          request.getInstanceid(),
          (current) => current.status !== Status.ORCHESTRATION_STATUS_PENDING,
          callSignal(call),
        );
        return instanceResponse(row, request.getGetinputsandoutputs());
      },
    ),
    waitForInstanceCompletion: unary(
      context,
      "WaitForInstanceCompletion",
      async (hub, request: pb.GetInstanceRequest, call) => {
        const row = await engine.waitForInstance(
          hub,
          request.getInstanceid(),
          (current) => isTerminal(current.status),
          callSignal(call),
        );
        return instanceResponse(row, request.getGetinputsandoutputs());
      },
    ),
    raiseEvent: unary(context, "RaiseEvent", (hub, request: pb.RaiseEventRequest) => {
      engine.raiseEvent(
        hub,
        request.getInstanceid(),
        request.getName(),
        request.getInput()?.getValue(),
      );
      return new pb.RaiseEventResponse();
    }),
    terminateInstance: unary(context, "TerminateInstance", (hub, request: pb.TerminateRequest) => {
      engine.terminate(
        hub,
        request.getInstanceid(),
        request.getOutput()?.getValue(),
        request.getRecursive(),
      );
      return new pb.TerminateResponse();
    }),
    suspendInstance: unary(context, "SuspendInstance", (hub, request: pb.SuspendRequest) => {
      engine.suspend(hub, request.getInstanceid(), request.getReason()?.getValue());
      return new pb.SuspendResponse();
    }),
    resumeInstance: unary(context, "ResumeInstance", (hub, request: pb.ResumeRequest) => {
      engine.resume(hub, request.getInstanceid(), request.getReason()?.getValue());
      return new pb.ResumeResponse();
    }),
    rewindInstance: unary(context, "RewindInstance", (hub, request: pb.RewindInstanceRequest) => {
      engine.rewind(hub, request.getInstanceid(), request.getReason()?.getValue());
      return new pb.RewindInstanceResponse();
    }),
    restartInstance: unary(
      context,
      "RestartInstance",
      (hub, request: pb.RestartInstanceRequest) => {
        const response = new pb.RestartInstanceResponse();
        response.setInstanceid(
          engine.restart(hub, request.getInstanceid(), request.getRestartwithnewinstanceid()),
        );
        return response;
      },
    ),
    queryInstances: unary(context, "QueryInstances", (hub, request: pb.QueryInstancesRequest) => {
      const query = request.getQuery();
      checkTaskHubNames(
        (query?.getTaskhubnamesList() ?? []).map((name) => name.getValue()),
        hub,
      );
      const result = engine.queryInstances(hub, {
        statuses: query?.getRuntimestatusList(),
        createdFrom: timestampMs(query?.getCreatedtimefrom()),
        createdTo: timestampMs(query?.getCreatedtimeto()),
        instanceIdPrefix: query?.getInstanceidprefix()?.getValue(),
        pageSize: query?.getMaxinstancecount(),
        continuationToken: query?.getContinuationtoken()?.getValue(),
      });
      const response = new pb.QueryInstancesResponse();
      const includeInputs = query?.getFetchinputsandoutputs() ?? false;
      response.setOrchestrationstateList(
        result.instances.map((row) => toOrchestrationState(row, includeInputs)),
      );
      if (result.continuationToken)
        response.setContinuationtoken(stringValue(result.continuationToken));
      return response;
    }),
    listInstanceIds: unary(
      context,
      "ListInstanceIds",
      (hub, request: pb.ListInstanceIdsRequest) => {
        const filter: InstanceFilter = {
          statuses: request.getRuntimestatusList(),
          completedFrom: timestampMs(request.getCompletedtimefrom()),
          completedTo: timestampMs(request.getCompletedtimeto()),
        };
        const result = engine.listInstanceIds(
          hub,
          filter,
          request.getPagesize(),
          request.getLastinstancekey()?.getValue(),
        );
        const response = new pb.ListInstanceIdsResponse();
        response.setInstanceidsList(result.instanceIds);
        if (result.lastInstanceKey)
          response.setLastinstancekey(stringValue(result.lastInstanceKey));
        return response;
      },
    ),
    purgeInstances: unary(context, "PurgeInstances", (hub, request: pb.PurgeInstancesRequest) => {
      const Case = pb.PurgeInstancesRequest.RequestCase;
      const recursive = request.getRecursive();
      let deleted: number;
      const requestCase = request.getRequestCase();
      switch (requestCase) {
        case Case.INSTANCEID:
          deleted = engine.purgeInstance(hub, request.getInstanceid(), recursive);
          break;
        case Case.PURGEINSTANCEFILTER: {
          const filter = request.getPurgeinstancefilter()!;
          deleted = engine.purgeByFilter(
            hub,
            {
              statuses: filter.getRuntimestatusList(),
              createdFrom: timestampMs(filter.getCreatedtimefrom()),
              createdTo: timestampMs(filter.getCreatedtimeto()),
            },
            recursive,
          );
          break;
        }
        case Case.INSTANCEBATCH: {
          const ids = request.getInstancebatch()!.getInstanceidsList();
          checkBatchSize(ids);
          deleted = ids.reduce((sum, id) => sum + engine.purgeInstance(hub, id, recursive), 0);
          break;
        }
        case Case.REQUEST_NOT_SET:
          throw grpcErrors.invalidArgument(
            "PurgeInstancesRequest: one of instanceId, purgeInstanceFilter or instanceBatch is required",
          );
        default: {
          const unreachable: never = requestCase;
          throw grpcErrors.invalidArgument(`unknown purge request ${String(unreachable)}`);
        }
      }
      const response = new pb.PurgeInstancesResponse();
      response.setDeletedinstancecount(deleted);
      const complete = new BoolValue();
      complete.setValue(true);
      response.setIscomplete(complete);
      return response;
    }),
    skipGracefulOrchestrationTerminations: unary(
      context,
      "SkipGracefulOrchestrationTerminations",
      (hub, request: pb.SkipGracefulOrchestrationTerminationsRequest) => {
        const ids = request.getInstancebatch()?.getInstanceidsList() ?? [];
        checkBatchSize(ids);
        const response = new pb.SkipGracefulOrchestrationTerminationsResponse();
        response.setUnterminatedinstanceidsList(
          ids.filter((id) => !engine.forceTerminate(hub, id, request.getReason()?.getValue())),
        );
        return response;
      },
    ),
  };
}
