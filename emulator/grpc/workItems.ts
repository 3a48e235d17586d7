// Worker-side RPCs (docs/reference/sidecar.md "RPC surface", "Work-item dispatch"): the push-model GetWorkItems
// stream with health pings and authorization re-checked for its whole life, and the Complete*/Abandon* calls keyed
// by completion token.
// A token is honoured only from the channel (peer address, one HTTP/2 connection) of the stream that received the
// item; unknown, retired and foreign tokens are refused with NOT_FOUND / FAILED_PRECONDITION naming the rule.
import type { Metadata, ServerWritableStream, UntypedServiceImplementation } from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { pb } from "../core/proto";
import { parseWorkItemFilters } from "../core/workers";
import { type GrpcContext, serverStream, unary } from "./context";
import { watchStreamAuthorization } from "./streamAuthorization";

function header(metadata: Metadata, key: string): string | undefined {
  const value = metadata.get(key)[0];
  if (value === undefined) return undefined;
  return typeof value === "string" ? value : value.toString("utf8");
}

export function workItemHandlers(
  context: GrpcContext,
  openStreams: Set<ServerWritableStream<pb.GetWorkItemsRequest, pb.WorkItem | Buffer>>,
): UntypedServiceImplementation {
  const { engine } = context;
  const positiveOr = (value: number, fallback: number): number => (value > 0 ? value : fallback);
  return {
    hello: unary(context, "Hello", () => new Empty()),
    getWorkItems: serverStream(
      context,
      "GetWorkItems",
      (hub, call: ServerWritableStream<pb.GetWorkItemsRequest, pb.WorkItem | Buffer>) => {
        const request = call.request;
        const defaults = context.defaultMaxConcurrent;
        const connection = engine.connectWorker({
          hub,
          workerId: header(call.metadata, "workerid") ?? call.getPeer(),
          userAgent:
            header(call.metadata, "x-user-agent") ??
            header(call.metadata, "user-agent") ??
            "unknown",
          maxConcurrent: {
            orchestration: positiveOr(
              request.getMaxconcurrentorchestrationworkitems(),
              defaults.orchestration,
            ),
            activity: positiveOr(request.getMaxconcurrentactivityworkitems(), defaults.activity),
            entity: positiveOr(request.getMaxconcurrententityworkitems(), defaults.entity),
          },
          filters: parseWorkItemFilters(
            request.hasWorkitemfilters() ? request.getWorkitemfilters() : undefined,
          ),
          send: (item) => {
            if (!call.writableEnded && !call.destroyed) call.write(item);
          },
          end: () => {
            if (!call.writableEnded) call.end();
          },
          channel: call.getPeer(),
          isAlive: () => !call.cancelled && !call.destroyed,
        });
        openStreams.add(call);
        // Python and .NET reconnect after 120 s of silence; pings keep the stream alive
        // (docs/reference/sidecar.md "Work-item dispatch").
        const ping = setInterval(() => {
          const item = new pb.WorkItem();
          item.setHealthping(new pb.HealthPing());
          if (!call.writableEnded && !call.destroyed) call.write(item);
        }, context.healthPingIntervalMs);
        ping.unref();
        const stopAuthorization = watchStreamAuthorization({
          callGuard: context.callGuard,
          logger: context.logger,
          rpc: "GetWorkItems",
          hub,
          metadata: call.metadata,
          peerAddress: call.getPeer(),
          recheckMs: context.streamAuthRecheckMs,
          // grpc-js ends a server stream with the status of an emitted error (server-call.js ServerWritableStreamImpl).
          revoke: (error) => {
            if (!call.writableEnded && !call.destroyed) call.emit("error", error);
          },
        });
        let closed = false;
        const close = (): void => {
          if (closed) return;
          closed = true;
          clearInterval(ping);
          stopAuthorization();
          openStreams.delete(call);
          engine.disconnectWorker(connection);
        };
        call.on("cancelled", close);
        call.on("close", close);
        call.on("finish", close);
        call.on("error", close);
      },
    ),
    completeOrchestratorTask: unary(
      context,
      "CompleteOrchestratorTask",
      (hub, request: pb.OrchestratorResponse, call) => {
        engine.completeOrchestration(hub, request, { channel: call.getPeer() });
        return new pb.CompleteTaskResponse();
      },
    ),
    completeActivityTask: unary(
      context,
      "CompleteActivityTask",
      (hub, request: pb.ActivityResponse, call) => {
        engine.completeActivity(hub, request, { channel: call.getPeer() });
        return new pb.CompleteTaskResponse();
      },
    ),
    completeEntityTask: unary(
      context,
      "CompleteEntityTask",
      (hub, request: pb.EntityBatchResult, call) => {
        engine.entities.complete(hub, request, { channel: call.getPeer() });
        return new pb.CompleteTaskResponse();
      },
    ),
    abandonTaskOrchestratorWorkItem: unary(
      context,
      "AbandonTaskOrchestratorWorkItem",
      (hub, request: pb.AbandonOrchestrationTaskRequest, call) => {
        engine.abandon(hub, request.getCompletiontoken(), "orchestration", {
          channel: call.getPeer(),
        });
        return new pb.AbandonOrchestrationTaskResponse();
      },
    ),
    abandonTaskActivityWorkItem: unary(
      context,
      "AbandonTaskActivityWorkItem",
      (hub, request: pb.AbandonActivityTaskRequest, call) => {
        engine.abandon(hub, request.getCompletiontoken(), "activity", {
          channel: call.getPeer(),
        });
        return new pb.AbandonActivityTaskResponse();
      },
    ),
    abandonTaskEntityWorkItem: unary(
      context,
      "AbandonTaskEntityWorkItem",
      (hub, request: pb.AbandonEntityTaskRequest, call) => {
        engine.abandon(hub, request.getCompletiontoken(), "entity", {
          channel: call.getPeer(),
        });
        return new pb.AbandonEntityTaskResponse();
      },
    ),
  };
}
