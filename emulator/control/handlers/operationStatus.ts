// The operation-status endpoints the LRO headers point at (docs/reference/arm.md "Long-running operations"):
// `Azure-AsyncOperation` → operationStatuses/{id} (a status body), `Location` → operationResults/{id} (204 once done).
import type { FastifyInstance } from "fastify";
import { armErrors } from "../armErrors";
import { DURABLE_TASK_API_VERSIONS, requireApiVersion } from "../apiVersions";
import type { ArmContext, ArmQuery } from "./common";

type OperationParams = { subscriptionId: string; location: string; operationId: string };

const BASE = "/subscriptions/:subscriptionId/providers/Microsoft.DurableTask/locations/:location";

export function registerOperationStatusRoutes(app: FastifyInstance, context: ArmContext): void {
  const find = (params: OperationParams, query: unknown) => {
    requireApiVersion(
      (query as ArmQuery)["api-version"],
      DURABLE_TASK_API_VERSIONS,
      "Microsoft.DurableTask/locations/operationStatuses",
    );
    const operation = context.operations.get(params.operationId);
    if (operation === undefined) {
      throw armErrors.resourceNotFound(
        `Microsoft.DurableTask/locations/${params.location}/operationStatuses/${params.operationId}`,
        "(none)",
      );
    }
    return operation;
  };

  app.get<{ Params: OperationParams }>(`${BASE}/operationStatuses/:operationId`, (request, reply) =>
    reply.send(find(request.params, request.query)),
  );

  app.get<{ Params: OperationParams }>(
    `${BASE}/operationResults/:operationId`,
    (request, reply) => {
      find(request.params, request.query);
      return reply.code(204).send();
    },
  );
}
