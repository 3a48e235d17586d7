// Dashboard actions over the gRPC data plane: the dashboard is just another client, so
// the CallGuard, RBAC, payload limits and every semantic rule apply exactly as for the SDKs, and a refusal
// reaches the user as the server's own status and message.
import { credentials, Metadata, status, type ServiceError } from "@grpc/grpc-js";
import { TaskHubSidecarServiceClient } from "@microsoft/durabletask-js/dist/proto/orchestrator_service_grpc_pb";
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import { StringValue } from "google-protobuf/google/protobuf/wrappers_pb";
import { Timestamp } from "google-protobuf/google/protobuf/timestamp_pb";
import { FORWARDED_CLIENT_METADATA, FORWARDED_KEY_METADATA } from "../auth/ipAllowlist";
import type { Caller, DashboardActions } from "./backend";

/** A data-plane refusal, carried to the HTTP layer unchanged. */
export class DataPlaneError extends Error {
  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
    this.name = "DataPlaneError";
  }
  get codeName(): string {
    return status[this.code] ?? String(this.code);
  }
}

function stringValue(value: string): StringValue {
  const wrapper = new StringValue();
  wrapper.setValue(value);
  return wrapper;
}

function isServiceError(error: unknown): error is ServiceError {
  return typeof error === "object" && error !== null && "code" in error && "details" in error;
}

type Callback<Res> = (error: ServiceError | null, response: Res) => void;
type Invoke<Req, Res> = (
  client: TaskHubSidecarServiceClient,
  request: Req,
  metadata: Metadata,
  callback: Callback<Res>,
) => unknown;

/**
 * `target` is resolved per call because the gRPC port is only known once the emulator has bound it. With
 * `forwardingKey`, each call carries the browser's address so the data plane's network rules judge the browser,
 * not this loopback connection (auth/ipAllowlist.ts).
 */
export function createGrpcActions(target: () => string, forwardingKey?: string): DashboardActions {
  let client: TaskHubSidecarServiceClient | undefined;
  let clientTarget = "";
  const getClient = () => {
    const wanted = target();
    if (!client || clientTarget !== wanted) {
      client?.close();
      client = new TaskHubSidecarServiceClient(wanted, credentials.createInsecure(), {
        "grpc.max_receive_message_length": 16 * 1024 * 1024,
        "grpc.max_send_message_length": 16 * 1024 * 1024,
      });
      clientTarget = wanted;
    }
    return client;
  };

  const call = <Req, Res>(
    invoke: Invoke<Req, Res>,
    caller: Caller,
    hub: string,
    request: Req,
  ): Promise<Res> => {
    const metadata = new Metadata();
    metadata.set("taskhub", hub);
    if (caller.token) metadata.set("authorization", `Bearer ${caller.token}`);
    if (forwardingKey !== undefined && caller.clientAddress) {
      metadata.set(FORWARDED_CLIENT_METADATA, caller.clientAddress);
      metadata.set(FORWARDED_KEY_METADATA, forwardingKey);
    }
    const client = getClient();
    return new Promise<Res>((resolve, reject) => {
      invoke(client, request, metadata, (error, response) => {
        if (error) {
          reject(
            isServiceError(error)
              ? new DataPlaneError(error.code, error.details || error.message)
              : error,
          );
        } else {
          resolve(response);
        }
      });
    });
  };

  return {
    async start(caller, hub, request) {
      const message = new pb.CreateInstanceRequest();
      message.setName(request.name);
      message.setInstanceid(request.instanceId || crypto.randomUUID().replaceAll("-", ""));
      if (request.version) message.setVersion(stringValue(request.version));
      if (request.input !== undefined && request.input !== "")
        message.setInput(stringValue(request.input));
      if (request.scheduledStartAt) {
        message.setScheduledstarttimestamp(Timestamp.fromDate(new Date(request.scheduledStartAt)));
      }
      for (const [key, value] of Object.entries(request.tags ?? {}))
        message.getTagsMap().set(key, value);
      const response = await call<pb.CreateInstanceRequest, pb.CreateInstanceResponse>(
        (c, r, md, cb) => c.startInstance(r, md, cb),
        caller,
        hub,
        message,
      );
      const instanceId = response.getInstanceid();
      return { message: `Started orchestration '${request.name}' as ${instanceId}.`, instanceId };
    },
    async raiseEvent(caller, hub, instanceId, request) {
      const message = new pb.RaiseEventRequest();
      message.setInstanceid(instanceId);
      message.setName(request.eventName);
      if (request.data !== undefined && request.data !== "")
        message.setInput(stringValue(request.data));
      await call<pb.RaiseEventRequest, pb.RaiseEventResponse>(
        (c, r, md, cb) => c.raiseEvent(r, md, cb),
        caller,
        hub,
        message,
      );
      return { message: `Raised event '${request.eventName}' on ${instanceId}.`, instanceId };
    },
    async suspend(caller, hub, instanceId, reason) {
      const message = new pb.SuspendRequest();
      message.setInstanceid(instanceId);
      if (reason) message.setReason(stringValue(reason));
      await call<pb.SuspendRequest, pb.SuspendResponse>(
        (c, r, md, cb) => c.suspendInstance(r, md, cb),
        caller,
        hub,
        message,
      );
      return { message: `Suspended ${instanceId}.`, instanceId };
    },
    async resume(caller, hub, instanceId, reason) {
      const message = new pb.ResumeRequest();
      message.setInstanceid(instanceId);
      if (reason) message.setReason(stringValue(reason));
      await call<pb.ResumeRequest, pb.ResumeResponse>(
        (c, r, md, cb) => c.resumeInstance(r, md, cb),
        caller,
        hub,
        message,
      );
      return { message: `Resumed ${instanceId}.`, instanceId };
    },
    async terminate(caller, hub, instanceId, request) {
      const message = new pb.TerminateRequest();
      message.setInstanceid(instanceId);
      // The terminate "output" is what SDKs show as the reason; DTS stores it as the instance output (JSON).
      if (request.reason) message.setOutput(stringValue(JSON.stringify(request.reason)));
      message.setRecursive(request.recursive ?? false);
      await call<pb.TerminateRequest, pb.TerminateResponse>(
        (c, r, md, cb) => c.terminateInstance(r, md, cb),
        caller,
        hub,
        message,
      );
      return {
        message: `Terminated ${instanceId}${request.recursive ? " and its sub-orchestrations" : ""}.`,
        instanceId,
      };
    },
    async restart(caller, hub, instanceId, request) {
      const message = new pb.RestartInstanceRequest();
      message.setInstanceid(instanceId);
      message.setRestartwithnewinstanceid(request.newInstanceId ?? false);
      const response = await call<pb.RestartInstanceRequest, pb.RestartInstanceResponse>(
        (c, r, md, cb) => c.restartInstance(r, md, cb),
        caller,
        hub,
        message,
      );
      const restartedId = response.getInstanceid() || instanceId;
      return { message: `Restarted ${instanceId} as ${restartedId}.`, instanceId: restartedId };
    },
    async rewind(caller, hub, instanceId, request) {
      const message = new pb.RewindInstanceRequest();
      message.setInstanceid(instanceId);
      if (request.reason) message.setReason(stringValue(request.reason));
      await call<pb.RewindInstanceRequest, pb.RewindInstanceResponse>(
        (c, r, md, cb) => c.rewindInstance(r, md, cb),
        caller,
        hub,
        message,
      );
      return { message: `Rewound ${instanceId}.`, instanceId };
    },
    async purge(caller, hub, instanceId, request) {
      const message = new pb.PurgeInstancesRequest();
      message.setInstanceid(instanceId);
      message.setRecursive(request.recursive ?? false);
      const response = await call<pb.PurgeInstancesRequest, pb.PurgeInstancesResponse>(
        (c, r, md, cb) => c.purgeInstances(r, md, cb),
        caller,
        hub,
        message,
      );
      const count = response.getDeletedinstancecount();
      return { message: `Purged ${count} instance${count === 1 ? "" : "s"}.`, instanceId };
    },
    close() {
      client?.close();
      client = undefined;
    },
  };
}
