// StreamInstanceHistory (docs/reference/sidecar.md "Queries and history"): committed history in chunks of 100 events;
// unknown instance → NOT_FOUND (the JS client maps it to an empty history, as DTS returns an empty stream).
// `executionId` selects one execution. Only the current execution's history is kept (continue-as-new, restart and
// rewind replace it, docs/reference/sidecar.md "Orchestration episodes and history layout", "Instance lifecycle"), so
// any other execution id is NOT_FOUND, like an unknown instance — never the current execution's events under another
// execution's name. `forWorkItemProcessing` needs no special path: this server never sets `requiresHistoryStreaming`
// (docs/reference/sidecar.md "Work-item dispatch"), so a worker that asks anyway gets the committed history, which is
// exactly its work item's `pastEvents`.
import type { ServerWritableStream, UntypedServiceImplementation } from "@grpc/grpc-js";
import { pb } from "../core/proto";
import { type GrpcContext, serverStream } from "./context";
import { grpcErrors } from "./errors";

const CHUNK_SIZE = 100;

export function historyHandlers(context: GrpcContext): UntypedServiceImplementation {
  return {
    streamInstanceHistory: serverStream(
      context,
      "StreamInstanceHistory",
      (hub, call: ServerWritableStream<pb.StreamInstanceHistoryRequest, pb.HistoryChunk>) => {
        const instanceId = call.request.getInstanceid();
        const executionId = call.request.getExecutionid()?.getValue() ?? "";
        const detail = context.engine.instanceDetail(hub, instanceId);
        if (!detail)
          throw grpcErrors.notFound(
            `orchestration instance '${instanceId}' was not found in task hub '${hub}'`,
          );
        const { instance, history } = detail;
        if (executionId !== "" && executionId !== instance.executionId)
          throw grpcErrors.notFound(
            `execution '${executionId}' of orchestration instance '${instanceId}' was not found in task hub ` +
              `'${hub}': only the current execution '${instance.executionId}' keeps its history`,
          );
        for (let start = 0; start < history.length; start += CHUNK_SIZE) {
          const chunk = new pb.HistoryChunk();
          chunk.setEventsList(history.slice(start, start + CHUNK_SIZE));
          call.write(chunk);
        }
        call.end();
      },
    ),
  };
}
