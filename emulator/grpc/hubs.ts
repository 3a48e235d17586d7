// CreateTaskHub / DeleteTaskHub (docs/reference/sidecar.md "RPC surface"): no SDK calls them; they act on the hub named
// by the call's `taskhub` metadata, which must therefore exist — hubs are created by the topology or control plane.
import type { UntypedServiceImplementation } from "@grpc/grpc-js";
import { pb } from "../core/proto";
import { type GrpcContext, unary } from "./context";

export function hubHandlers(context: GrpcContext): UntypedServiceImplementation {
  const { engine } = context;
  return {
    createTaskHub: unary(context, "CreateTaskHub", (hub, request: pb.CreateTaskHubRequest) => {
      if (request.getRecreateifexists()) {
        const existing = engine.getHub(hub)!;
        engine.deleteHub(hub);
        engine.createHub(hub, { scheduler: existing.scheduler });
      }
      return new pb.CreateTaskHubResponse();
    }),
    deleteTaskHub: unary(context, "DeleteTaskHub", (hub) => {
      // DTS semantics: deleting a hub's data, not the hub resource (that is an ARM operation).
      const existing = engine.getHub(hub)!;
      engine.deleteHub(hub);
      engine.createHub(hub, { scheduler: existing.scheduler });
      return new pb.DeleteTaskHubResponse();
    }),
  };
}
