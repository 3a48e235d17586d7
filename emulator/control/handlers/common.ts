// Shared by the ARM handler files: route variants, the api-version check, and the LRO response shapes
// (docs/reference/arm.md "Long-running operations": 201 + Azure-AsyncOperation on create, 200 on update, DELETE 202 +
// Location or 204).
import type { FastifyReply, FastifyRequest } from "fastify";
import type { ControlPlane } from "../controlPlane";
import type { OperationLog } from "../operations";
import { normalizeLocation } from "../validation";
import {
  requireApiVersion,
  DURABLE_TASK_API_VERSIONS,
  type DurableTaskApiVersion,
} from "../apiVersions";
import type { SchedulerRef } from "../resourceIds";

export interface ArmContext {
  controlPlane: ControlPlane;
  operations: OperationLog;
}

export interface SchedulerParams {
  subscriptionId: string;
  resourceGroup: string;
  scheduler: string;
}

export type ArmQuery = Record<string, string | string[] | undefined>;

const RG =
  "/subscriptions/:subscriptionId/resourceGroups/:resourceGroup/providers/Microsoft.DurableTask";

/** ARM paths are case-insensitive; clients use `resourceGroups`/`resourcegroups` and `taskHubs`/`taskhubs`. */
export function pathVariants(path: string): string[] {
  const variants = new Set<string>([path]);
  for (const [canonical, lower] of [
    ["resourceGroups", "resourcegroups"],
    ["taskHubs", "taskhubs"],
    ["retentionPolicies", "retentionpolicies"],
  ] as const) {
    for (const variant of [...variants])
      variants.add(variant.replace(`/${canonical}`, `/${lower}`));
  }
  return [...variants];
}

export const SCHEDULERS_PATH = `${RG}/schedulers`;
export const SCHEDULER_PATH = `${RG}/schedulers/:scheduler`;

export function schedulerRef(params: SchedulerParams): SchedulerRef {
  return {
    subscriptionId: params.subscriptionId,
    resourceGroup: params.resourceGroup,
    scheduler: params.scheduler,
  };
}

export function durableTaskVersion(
  request: FastifyRequest,
  resourceType: string,
): DurableTaskApiVersion {
  return requireApiVersion(
    (request.query as ArmQuery)["api-version"],
    DURABLE_TASK_API_VERSIONS,
    resourceType,
  );
}

function baseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

/** 201 with `Azure-AsyncOperation` (create) or 200 (update), body = the resource. */
export function sendWritten(
  request: FastifyRequest,
  reply: FastifyReply,
  context: ArmContext,
  options: {
    created: boolean;
    subscriptionId: string;
    location: string;
    resourceId: string;
    version: string;
    body: unknown;
  },
): FastifyReply {
  if (!options.created) return reply.code(200).send(options.body);
  const operation = context.operations.record(
    options.subscriptionId,
    normalizeLocation(options.location),
    options.resourceId,
  );
  return reply
    .code(201)
    .header(
      "Azure-AsyncOperation",
      `${baseUrl(request)}${operation.id}?api-version=${options.version}`,
    )
    .header("Retry-After", "0")
    .send(options.body);
}

/** 202 with `Location` (deleted) or 204 (did not exist). */
export function sendDeleted(
  request: FastifyRequest,
  reply: FastifyReply,
  context: ArmContext,
  options: {
    existed: boolean;
    subscriptionId: string;
    location: string;
    resourceId: string;
    version: string;
  },
): FastifyReply {
  if (!options.existed) return reply.code(204).send();
  const operation = context.operations.record(
    options.subscriptionId,
    normalizeLocation(options.location),
    options.resourceId,
  );
  const resultsPath = operation.id.replace("/operationStatuses/", "/operationResults/");
  return reply
    .code(202)
    .header("Location", `${baseUrl(request)}${resultsPath}?api-version=${options.version}`)
    .header("Retry-After", "0")
    .send();
}
