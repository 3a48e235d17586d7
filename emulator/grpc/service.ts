// The TaskHubSidecarService implementation: the service definition comes from the generated bindings in the
// pinned @microsoft/durabletask-js package (issue 4 §1); one handler module per RPC group.
import type { ServerWritableStream, UntypedServiceImplementation } from "@grpc/grpc-js";
import { TaskHubSidecarServiceService } from "@microsoft/durabletask-js/dist/proto/orchestrator_service_grpc_pb";
import type { pb } from "../core/proto";
import type { GrpcContext } from "./context";
import { entityHandlers } from "./entities";
import { historyHandlers } from "./history";
import { hubHandlers } from "./hubs";
import { instanceHandlers } from "./instances";
import { workItemHandlers } from "./workItems";

export { TaskHubSidecarServiceService };

export function createSidecarService(
  context: GrpcContext,
  openStreams: Set<ServerWritableStream<pb.GetWorkItemsRequest, pb.WorkItem>>,
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
