// ARM handlers for Microsoft.DurableTask/schedulers (docs/reference/arm.md "Resource types and paths",
// "Scheduler properties"): PUT, PATCH, GET, DELETE, and list by resource group and by subscription.
import { refOf } from "../controlPlane";
import { SCHEDULER_TYPE, schedulerId } from "../resourceIds";
import { applySchedulerPatch, parseSchedulerPut } from "../validation";
import {
  durableTaskVersion,
  param,
  schedulerRef,
  SCHEDULER_PATH,
  SCHEDULERS_PATH,
  sendDeleted,
  sendWritten,
  type ArmContext,
} from "./common";

export function registerSchedulerRoutes(context: ArmContext): void {
  const { controlPlane, router } = context;

  router.put(SCHEDULER_PATH, (request, reply, params) => {
    const version = durableTaskVersion(request, context, params, SCHEDULER_TYPE);
    const spec = parseSchedulerPut(request.body, version);
    const ref = schedulerRef(params);
    const { resource, created } = controlPlane.putScheduler(ref, spec, version);
    return sendWritten(request, reply, context, {
      created,
      subscriptionId: ref.subscriptionId,
      location: spec.location,
      resourceId: schedulerId(refOf(resource)),
      version,
      body: controlPlane.renderScheduler(resource, version),
    });
  });

  router.patch(SCHEDULER_PATH, (request, reply, params) => {
    const version = durableTaskVersion(request, context, params, SCHEDULER_TYPE);
    const updated = controlPlane.patchScheduler(schedulerRef(params), (existing) =>
      applySchedulerPatch(existing, request.body, version),
    );
    return reply.code(200).send(controlPlane.renderScheduler(updated, version));
  });

  router.get(SCHEDULER_PATH, (request, reply, params) => {
    const version = durableTaskVersion(request, context, params, SCHEDULER_TYPE);
    const record = controlPlane.getScheduler(schedulerRef(params));
    return reply.send(controlPlane.renderScheduler(record, version));
  });

  router.delete(SCHEDULER_PATH, async (request, reply, params) => {
    const version = durableTaskVersion(request, context, params, SCHEDULER_TYPE);
    const ref = schedulerRef(params);
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

  router.get(SCHEDULERS_PATH, (request, reply, params) => {
    const version = durableTaskVersion(request, context, params, SCHEDULER_TYPE);
    const value = controlPlane
      .listSchedulers(param(params, "subscriptionId"), param(params, "resourceGroup"))
      .map((record) => controlPlane.renderScheduler(record, version));
    return reply.send({ value });
  });

  router.get(
    "/subscriptions/{subscriptionId}/providers/Microsoft.DurableTask/schedulers",
    (request, reply, params) => {
      const version = durableTaskVersion(request, context, params, SCHEDULER_TYPE);
      const value = controlPlane
        .listSchedulers(param(params, "subscriptionId"))
        .map((record) => controlPlane.renderScheduler(record, version));
      return reply.send({ value });
    },
  );
}
