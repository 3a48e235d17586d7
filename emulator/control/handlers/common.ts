// Shared by the ARM handler files: route templates, the api-version check, and the LRO response shapes
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
import type { ArmRouter, RouteParams } from "../router";

export interface ArmContext {
  controlPlane: ControlPlane;
  operations: OperationLog;
  router: ArmRouter;
}

export type ArmQuery = Record<string, string | string[] | undefined>;

const RG =
  "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroup}/providers/Microsoft.DurableTask";

export const SCHEDULERS_PATH = `${RG}/schedulers`;
export const SCHEDULER_PATH = `${RG}/schedulers/{scheduler}`;

export function schedulerRef(params: RouteParams): SchedulerRef {
  return {
    subscriptionId: params["subscriptionId"] ?? "",
    resourceGroup: params["resourceGroup"] ?? "",
    scheduler: params["scheduler"] ?? "",
  };
}

/** A route parameter the template declares (the router fills every `{name}` of a matched template). */
export function param(params: RouteParams, name: string): string {
  return params[name] ?? "";
}

/**
 * The request's Microsoft.DurableTask api-version. ARM's refusal of an unsupported version names a location:
 * the body's, else the scheduler's, else `*` as ARM prints for location-less requests.
 */
export function durableTaskVersion(
  request: FastifyRequest,
  context: ArmContext,
  params: RouteParams,
  resourceType: string,
): DurableTaskApiVersion {
  const body = request.body as { location?: unknown } | undefined;
  const scheduler = params["scheduler"];
  const location =
    (typeof body?.location === "string" ? body.location : undefined) ??
    (scheduler === undefined
      ? undefined
      : context.controlPlane.findScheduler(scheduler)?.spec.location) ??
    "*";
  return requireApiVersion(
    (request.query as ArmQuery)["api-version"],
    DURABLE_TASK_API_VERSIONS,
    resourceType,
    location,
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
