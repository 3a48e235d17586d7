// The TaskHubSidecarService implementation: the service definition comes from the generated bindings in the
// pinned @microsoft/durabletask-js package; one handler module per RPC group.
import type { ServerWritableStream, UntypedServiceImplementation } from "@grpc/grpc-js";
import { TaskHubSidecarServiceService } from "@microsoft/durabletask-js/dist/proto/orchestrator_service_grpc_pb";
import type { pb } from "../core/proto";
import type { GrpcContext } from "./context";
import { entityHandlers } from "./entities";
import { historyHandlers } from "./history";
import { hubHandlers } from "./hubs";
import { instanceHandlers } from "./instances";
import { workItemHandlers } from "./workItems";

/**
 * The service definition with one change: GetWorkItems may also write an already encoded WorkItem (a Buffer), which
 * the engine produces for orchestrator requests so that histories are not re-encoded per episode (core/wire.ts).
 */
export const sidecarServiceDefinition: typeof TaskHubSidecarServiceService = {
  ...TaskHubSidecarServiceService,
  getWorkItems: {
    ...TaskHubSidecarServiceService.getWorkItems,
    responseSerialize: (value: pb.WorkItem | Buffer) =>
      Buffer.isBuffer(value)
        ? value
        : TaskHubSidecarServiceService.getWorkItems.responseSerialize(value),
  },
};

export function createSidecarService(
  context: GrpcContext,
  openStreams: Set<ServerWritableStream<pb.GetWorkItemsRequest, pb.WorkItem | Buffer>>,
): UntypedServiceImplementation {
  const implementation: UntypedServiceImplementation = {
    ...instanceHandlers(context),
    ...workItemHandlers(context, openStreams),
    ...entityHandlers(context),
    ...historyHandlers(context),
    ...hubHandlers(context),
  };
  const missing = Object.keys(TaskHubSidecarServiceService).filter(
    (method) => !(method in implementation),
  );
  if (missing.length > 0)
    throw new Error(`TaskHubSidecarService methods without a handler: ${missing.join(", ")}`);
  return implementation;
}
