// `GET /providers/Microsoft.DurableTask/operations` (Operations_List): the provider's ARM operations, in the
// common-types v6 OperationListResult shape of the spec's example
// (`examples/2025-11-01/Operations_List.json`: display {provider, resource, operation, description}, isDataAction).
import { PROVIDER } from "../resourceIds";
import { durableTaskVersion, type ArmContext } from "./common";

const PROVIDER_DISPLAY = "Durable Task Scheduler";

const OPERATIONS: ReadonlyArray<{ name: string; resource: string; operation: string }> = [
  { name: "schedulers/read", resource: "Scheduler", operation: "Get Durable Task Scheduler" },
  {
    name: "schedulers/write",
    resource: "Scheduler",
    operation: "Create or Update Durable Task Scheduler",
  },
  { name: "schedulers/delete", resource: "Scheduler", operation: "Delete Durable Task Scheduler" },
  { name: "schedulers/taskHubs/read", resource: "Task Hub", operation: "Get Task Hub" },
  {
    name: "schedulers/taskHubs/write",
    resource: "Task Hub",
    operation: "Create or Update Task Hub",
  },
  { name: "schedulers/taskHubs/delete", resource: "Task Hub", operation: "Delete Task Hub" },
  {
    name: "schedulers/retentionPolicies/read",
    resource: "Retention Policy",
    operation: "Get Retention Policy",
  },
  {
    name: "schedulers/retentionPolicies/write",
    resource: "Retention Policy",
    operation: "Create or Update Retention Policy",
  },
  {
    name: "schedulers/retentionPolicies/delete",
    resource: "Retention Policy",
    operation: "Delete Retention Policy",
  },
  {
    name: "locations/operationStatuses/read",
    resource: "Operation Status",
    operation: "Get Operation Status",
  },
  { name: "operations/read", resource: "Operation", operation: "List Operations" },
];

export function registerProviderOperationRoutes(context: ArmContext): void {
  context.router.get(`/providers/${PROVIDER}/operations`, (request, reply, params) => {
    durableTaskVersion(request, context, params, `${PROVIDER}/operations`);
    return reply.send({
      value: OPERATIONS.map((op) => ({
        name: `${PROVIDER}/${op.name}`,
        isDataAction: false,
        display: {
          provider: PROVIDER_DISPLAY,
          resource: op.resource,
          operation: op.operation,
          description: op.operation,
        },
      })),
    });
  });
}
