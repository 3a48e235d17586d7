// ARM handlers for Microsoft.DurableTask/schedulers/taskHubs (docs/reference/arm.md "Resource types and paths",
// "Task hub properties"): PUT, GET, DELETE, list. No PATCH, as in the spec. The hubs themselves live in the core
// engine.
import type { FastifyInstance } from "fastify";
import { refOf } from "../controlPlane";
import { TASK_HUB_TYPE, taskHubId } from "../resourceIds";
import { parseTaskHubPut } from "../validation";
import {
  durableTaskVersion,
  pathVariants,
  schedulerRef,
  SCHEDULER_PATH,
  sendDeleted,
  sendWritten,
  type ArmContext,
  type SchedulerParams,
} from "./common";

type TaskHubParams = SchedulerParams & { taskHub: string };

export function registerTaskHubRoutes(app: FastifyInstance, context: ArmContext): void {
  const { controlPlane } = context;

  for (const path of pathVariants(`${SCHEDULER_PATH}/taskHubs/:taskHub`)) {
    app.put<{ Params: TaskHubParams }>(path, async (request, reply) => {
      const version = durableTaskVersion(request, TASK_HUB_TYPE);
      parseTaskHubPut(request.body);
      const ref = schedulerRef(request.params);
      const { resource, created } = await controlPlane.putTaskHub(ref, request.params.taskHub);
      return sendWritten(request, reply, context, {
        created,
        subscriptionId: ref.subscriptionId,
        location: resource.scheduler.spec.location,
        resourceId: taskHubId(refOf(resource.scheduler), resource.hub.name),
        version,
        body: controlPlane.renderTaskHub(resource.scheduler, resource.hub),
      });
    });

    app.get<{ Params: TaskHubParams }>(path, async (request, reply) => {
      durableTaskVersion(request, TASK_HUB_TYPE);
      const { scheduler, hub } = await controlPlane.getTaskHub(
        schedulerRef(request.params),
        request.params.taskHub,
      );
      return reply.send(controlPlane.renderTaskHub(scheduler, hub));
    });

    app.delete<{ Params: TaskHubParams }>(path, async (request, reply) => {
      const version = durableTaskVersion(request, TASK_HUB_TYPE);
      const ref = schedulerRef(request.params);
      const existed = await controlPlane.deleteTaskHub(ref, request.params.taskHub);
      return sendDeleted(request, reply, context, {
        existed,
        subscriptionId: ref.subscriptionId,
        location: controlPlane.findScheduler(ref.scheduler)?.spec.location ?? "local",
        resourceId: taskHubId(ref, request.params.taskHub),
        version,
      });
    });
  }

  for (const path of pathVariants(`${SCHEDULER_PATH}/taskHubs`)) {
    app.get<{ Params: SchedulerParams }>(path, async (request, reply) => {
      durableTaskVersion(request, TASK_HUB_TYPE);
      const { scheduler, hubs } = await controlPlane.listTaskHubs(schedulerRef(request.params));
      return reply.send({ value: hubs.map((hub) => controlPlane.renderTaskHub(scheduler, hub)) });
    });
  }
}
