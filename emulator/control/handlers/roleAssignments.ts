// ARM handlers for Microsoft.Authorization/roleAssignments at scheduler and task hub scope
// (docs/reference/identity.md "Scopes"; api-version 2022-04-01): PUT, GET, DELETE, list at a scope.
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ROLE_ASSIGNMENT_API_VERSIONS, requireApiVersion } from "../apiVersions";
import { ROLE_ASSIGNMENT_TYPE } from "../resourceIds";
import { parseRoleAssignmentPut } from "../validation";
import {
  pathVariants,
  SCHEDULER_PATH,
  type ArmContext,
  type ArmQuery,
  type SchedulerParams,
} from "./common";

type ScopeParams = SchedulerParams & { taskHub?: string };
type AssignmentParams = ScopeParams & { assignment: string };

const ASSIGNMENTS = "providers/Microsoft.Authorization/roleAssignments";

function scopeOf(params: ScopeParams): string {
  const scheduler = `/subscriptions/${params.subscriptionId}/resourceGroups/${params.resourceGroup}/providers/Microsoft.DurableTask/schedulers/${params.scheduler}`;
  return params.taskHub === undefined ? scheduler : `${scheduler}/taskHubs/${params.taskHub}`;
}

function requireVersion(request: FastifyRequest): string {
  return requireApiVersion(
    (request.query as ArmQuery)["api-version"],
    ROLE_ASSIGNMENT_API_VERSIONS,
    ROLE_ASSIGNMENT_TYPE,
  );
}

export function registerRoleAssignmentRoutes(app: FastifyInstance, context: ArmContext): void {
  const { controlPlane } = context;
  const scopes = [SCHEDULER_PATH, `${SCHEDULER_PATH}/taskHubs/:taskHub`].flatMap(pathVariants);

  for (const scopePath of scopes) {
    const itemPath = `${scopePath}/${ASSIGNMENTS}/:assignment`;

    app.put<{ Params: AssignmentParams }>(itemPath, async (request, reply) => {
      requireVersion(request);
      const spec = parseRoleAssignmentPut(request.body);
      const { resource, created } = await controlPlane.putRoleAssignment(
        scopeOf(request.params),
        request.params.assignment,
        spec,
      );
      return reply.code(created ? 201 : 200).send(controlPlane.renderRoleAssignment(resource));
    });

    app.get<{ Params: AssignmentParams }>(itemPath, async (request, reply) => {
      requireVersion(request);
      const record = await controlPlane.getRoleAssignment(
        scopeOf(request.params),
        request.params.assignment,
      );
      return reply.send(controlPlane.renderRoleAssignment(record));
    });

    // Microsoft.Authorization deletes synchronously: 200 with the deleted assignment, 204 when absent.
    app.delete<{ Params: AssignmentParams }>(itemPath, async (request, reply) => {
      requireVersion(request);
      const record = await controlPlane.deleteRoleAssignment(
        scopeOf(request.params),
        request.params.assignment,
      );
      return record === undefined
        ? reply.code(204).send()
        : reply.code(200).send(controlPlane.renderRoleAssignment(record));
    });

    app.get<{ Params: ScopeParams }>(`${scopePath}/${ASSIGNMENTS}`, async (request, reply) => {
      requireVersion(request);
      const filter = (request.query as ArmQuery)["$filter"];
      const atScopeOnly = typeof filter === "string" && filter.replace(/\s/g, "") === "atScope()";
      const records = await controlPlane.listRoleAssignments(scopeOf(request.params), atScopeOnly);
      return reply.send({ value: records.map((r) => controlPlane.renderRoleAssignment(r)) });
    });
  }
}
