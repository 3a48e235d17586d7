// Entity client RPCs (docs/reference/sidecar.md "RPC surface", "Entities"): signal, get, query, clean storage.
import type { UntypedServiceImplementation } from "@grpc/grpc-js";
import { stringValue, timestamp, timestampMs } from "../core/events";
import { pb } from "../core/proto";
import type { EntityRow } from "../store/store";
import { type GrpcContext, unary } from "./context";

function toMetadata(row: EntityRow, backlog: number, includeState: boolean): pb.EntityMetadata {
  const metadata = new pb.EntityMetadata();
  metadata.setInstanceid(row.instanceId);
  metadata.setLastmodifiedtime(timestamp(row.lastModifiedAt));
  metadata.setBacklogqueuesize(backlog);
  metadata.setLockedby(stringValue(row.lockedBy));
  if (includeState) metadata.setSerializedstate(stringValue(row.state));
  return metadata;
}

export function entityHandlers(context: GrpcContext): UntypedServiceImplementation {
  const { engine } = context;
  return {
    signalEntity: unary(context, "SignalEntity", (hub, request: pb.SignalEntityRequest) => {
      engine.entities.signal(hub, {
        instanceId: request.getInstanceid(),
        operation: request.getName(),
        input: request.getInput()?.getValue(),
        requestId: request.getRequestid(),
        scheduledAt: timestampMs(request.getScheduledtime()),
      });
      return new pb.SignalEntityResponse();
    }),
    getEntity: unary(context, "GetEntity", (hub, request: pb.GetEntityRequest) => {
      const found = engine.entities.get(hub, request.getInstanceid());
      const response = new pb.GetEntityResponse();
      response.setExists(found !== undefined);
      if (found)
        response.setEntity(toMetadata(found.row, found.backlog, request.getIncludestate()));
      return response;
    }),
    queryEntities: unary(context, "QueryEntities", (hub, request: pb.QueryEntitiesRequest) => {
      const query = request.getQuery();
      const result = engine.entities.query(hub, {
        instanceIdStartsWith: query?.getInstanceidstartswith()?.getValue(),
        lastModifiedFrom: timestampMs(query?.getLastmodifiedfrom()),
        lastModifiedTo: timestampMs(query?.getLastmodifiedto()),
        includeTransient: query?.getIncludetransient() ?? false,
        pageSize: query?.getPagesize()?.getValue(),
        continuationToken: query?.getContinuationtoken()?.getValue(),
      });
      const response = new pb.QueryEntitiesResponse();
      const includeState = query?.getIncludestate() ?? false;
      response.setEntitiesList(
        result.entities.map((item) => toMetadata(item.row, item.backlog, includeState)),
      );
      if (result.continuationToken)
        response.setContinuationtoken(stringValue(result.continuationToken));
      return response;
    }),
    cleanEntityStorage: unary(
      context,
      "CleanEntityStorage",
      (hub, request: pb.CleanEntityStorageRequest) => {
        const result = engine.entities.clean(hub, {
          removeEmptyEntities: request.getRemoveemptyentities(),
          releaseOrphanedLocks: request.getReleaseorphanedlocks(),
        });
        const response = new pb.CleanEntityStorageResponse();
        response.setEmptyentitiesremoved(result.emptyEntitiesRemoved);
        response.setOrphanedlocksreleased(result.orphanedLocksReleased);
        return response;
      },
    ),
  };
}
