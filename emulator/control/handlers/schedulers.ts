// ARM handlers for Microsoft.DurableTask/schedulers (docs/reference/arm.md "Resource types and paths",
// "Scheduler properties"): PUT, PATCH, GET, DELETE, and list by resource group and by subscription.
import type { FastifyInstance } from "fastify";
import { refOf } from "../controlPlane";
import { SCHEDULER_TYPE, schedulerId } from "../resourceIds";
import { applySchedulerPatch, parseSchedulerPut } from "../validation";
import {
  durableTaskVersion,
  pathVariants,
  schedulerRef,
  SCHEDULER_PATH,
  SCHEDULERS_PATH,
  sendDeleted,
  sendWritten,
  type ArmContext,
  type SchedulerParams,
} from "./common";

export function registerSchedulerRoutes(app: FastifyInstance, context: ArmContext): void {
  const { controlPlane } = context;

  for (const path of pathVariants(SCHEDULER_PATH)) {
    app.put<{ Params: SchedulerParams }>(path, (request, reply) => {
      const version = durableTaskVersion(request, SCHEDULER_TYPE);
      const spec = parseSchedulerPut(request.body, version);
      const ref = schedulerRef(request.params);
      const { resource, created } = controlPlane.putScheduler(ref, spec);
      return sendWritten(request, reply, context, {
        created,
        subscriptionId: ref.subscriptionId,
        location: spec.location,
        resourceId: schedulerId(refOf(resource)),
        version,
        body: controlPlane.renderScheduler(resource, version),
      });
    });

    app.patch<{ Params: SchedulerParams }>(path, (request, reply) => {
      const version = durableTaskVersion(request, SCHEDULER_TYPE);
      const updated = controlPlane.patchScheduler(schedulerRef(request.params), (existing) =>
        applySchedulerPatch(existing, request.body, version),
      );
      return reply.code(200).send(controlPlane.renderScheduler(updated, version));
    });

    app.get<{ Params: SchedulerParams }>(path, (request, reply) => {
      const version = durableTaskVersion(request, SCHEDULER_TYPE);
      const record = controlPlane.getScheduler(schedulerRef(request.params));
      return reply.send(controlPlane.renderScheduler(record, version));
    });

    app.delete<{ Params: SchedulerParams }>(path, async (request, reply) => {
      const version = durableTaskVersion(request, SCHEDULER_TYPE);
      const ref = schedulerRef(request.params);
      const location = controlPlane.findScheduler(ref.scheduler)?.spec.location ?? "local";
      const existed = await controlPlane.deleteScheduler(ref);
      return sendDeleted(request, reply, context, {
        existed,
        subscriptionId: ref.subscriptionId,
        location,
        resourceId: schedulerId(ref),
        version,
      });
    });
  }

  for (const path of pathVariants(SCHEDULERS_PATH)) {
    app.get<{ Params: { subscriptionId: string; resourceGroup: string } }>(
      path,
      (request, reply) => {
        const version = durableTaskVersion(request, SCHEDULER_TYPE);
        const { subscriptionId, resourceGroup } = request.params;
        const value = controlPlane
          .listSchedulers(subscriptionId, resourceGroup)
          .map((record) => controlPlane.renderScheduler(record, version));
        return reply.send({ value });
      },
    );
  }

  app.get<{ Params: { subscriptionId: string } }>(
    "/subscriptions/:subscriptionId/providers/Microsoft.DurableTask/schedulers",
    (request, reply) => {
      const version = durableTaskVersion(request, SCHEDULER_TYPE);
      const value = controlPlane
        .listSchedulers(request.params.subscriptionId)
        .map((record) => controlPlane.renderScheduler(record, version));
      return reply.send({ value });
    },
  );
}
