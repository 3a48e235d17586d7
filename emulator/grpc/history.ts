// StreamInstanceHistory (protocol.md §2.8): committed history in chunks of 100 events; unknown instance →
// NOT_FOUND (the JS client maps it to an empty history, as DTS returns an empty stream).
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
        const history = context.engine.getHistory(hub, instanceId);
        if (!history)
          throw grpcErrors.notFound(
            `orchestration instance '${instanceId}' was not found in task hub '${hub}'`,
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
