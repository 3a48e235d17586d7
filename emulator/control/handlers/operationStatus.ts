// The operation-status endpoints the LRO headers point at (docs/reference/arm.md "Long-running operations"):
// `Azure-AsyncOperation` → operationStatuses/{id} (a status body), `Location` → operationResults/{id} (204 once done).
import { armErrors } from "../armErrors";
import { DURABLE_TASK_API_VERSIONS, requireApiVersion } from "../apiVersions";
import type { RouteParams } from "../router";
import { param, type ArmContext, type ArmQuery } from "./common";

const BASE = "/subscriptions/{subscriptionId}/providers/Microsoft.DurableTask/locations/{location}";

export function registerOperationStatusRoutes(context: ArmContext): void {
  const { router } = context;
  const find = (params: RouteParams, query: unknown) => {
    requireApiVersion(
      (query as ArmQuery)["api-version"],
      DURABLE_TASK_API_VERSIONS,
      "Microsoft.DurableTask/locations/operationStatuses",
    );
    const operationId = param(params, "operationId");
    const operation = context.operations.get(operationId);
    if (operation === undefined) {
      throw armErrors.resourceNotFound(
        `Microsoft.DurableTask/locations/${param(params, "location")}/operationStatuses/${operationId}`,
        "(none)",
      );
    }
    return operation;
  };

  router.get(`${BASE}/operationStatuses/{operationId}`, (request, reply, params) =>
    reply.send(find(params, request.query)),
  );

  router.get(`${BASE}/operationResults/{operationId}`, (request, reply, params) => {
    find(params, request.query);
    return reply.code(204).send();
  });
}
