// ARM handlers for Microsoft.Authorization/roleAssignments at scheduler and task hub scope
// (docs/reference/identity.md "Scopes"; api-version 2022-04-01): PUT, GET, DELETE, list at a scope.
import type { FastifyRequest } from "fastify";
import { ROLE_ASSIGNMENT_API_VERSIONS, requireApiVersion } from "../apiVersions";
import { ROLE_ASSIGNMENT_TYPE } from "../resourceIds";
import { parseRoleAssignmentPut } from "../validation";
import type { RouteParams } from "../router";
import { param, SCHEDULER_PATH, type ArmContext, type ArmQuery } from "./common";

const ASSIGNMENTS = "providers/Microsoft.Authorization/roleAssignments";

function scopeOf(params: RouteParams): string {
  const scheduler = `/subscriptions/${param(params, "subscriptionId")}/resourceGroups/${param(params, "resourceGroup")}/providers/Microsoft.DurableTask/schedulers/${param(params, "scheduler")}`;
  const taskHub = params["taskHub"];
  return taskHub === undefined ? scheduler : `${scheduler}/taskHubs/${taskHub}`;
}

function requireVersion(request: FastifyRequest): string {
  return requireApiVersion(
    (request.query as ArmQuery)["api-version"],
    ROLE_ASSIGNMENT_API_VERSIONS,
    ROLE_ASSIGNMENT_TYPE,
  );
}

export function registerRoleAssignmentRoutes(context: ArmContext): void {
  const { controlPlane, router } = context;
  const scopes = [SCHEDULER_PATH, `${SCHEDULER_PATH}/taskHubs/{taskHub}`];

  for (const scopePath of scopes) {
    const itemPath = `${scopePath}/${ASSIGNMENTS}/{assignment}`;

    router.put(itemPath, async (request, reply, params) => {
      requireVersion(request);
      const spec = parseRoleAssignmentPut(request.body);
      const { resource, created } = await controlPlane.putRoleAssignment(
        scopeOf(params),
        param(params, "assignment"),
        spec,
      );
      return reply.code(created ? 201 : 200).send(controlPlane.renderRoleAssignment(resource));
    });

    router.get(itemPath, async (request, reply, params) => {
      requireVersion(request);
      const record = await controlPlane.getRoleAssignment(
        scopeOf(params),
        param(params, "assignment"),
      );
      return reply.send(controlPlane.renderRoleAssignment(record));
    });

    // Microsoft.Authorization deletes synchronously: 200 with the deleted assignment, 204 when absent.
    router.delete(itemPath, async (request, reply, params) => {
      requireVersion(request);
      const record = await controlPlane.deleteRoleAssignment(
        scopeOf(params),
        param(params, "assignment"),
      );
      return record === undefined
        ? reply.code(204).send()
        : reply.code(200).send(controlPlane.renderRoleAssignment(record));
    });

    router.get(`${scopePath}/${ASSIGNMENTS}`, async (request, reply, params) => {
      requireVersion(request);
      const filter = (request.query as ArmQuery)["$filter"];
      const atScopeOnly = typeof filter === "string" && filter.replace(/\s/g, "") === "atScope()";
      const records = await controlPlane.listRoleAssignments(scopeOf(params), atScopeOnly);
      return reply.send({ value: records.map((r) => controlPlane.renderRoleAssignment(r)) });
    });
  }
}
