// ARM handlers for Microsoft.DurableTask/schedulers/taskHubs (docs/reference/arm.md "Resource types and paths",
// "Task hub properties"): PUT, GET, DELETE, list. No PATCH, as in the spec. The hubs themselves live in the core
// engine.
import { refOf } from "../controlPlane";
import { TASK_HUB_TYPE, taskHubId } from "../resourceIds";
import { parseTaskHubPut } from "../validation";
import {
  durableTaskVersion,
  param,
  schedulerRef,
  SCHEDULER_PATH,
  sendDeleted,
  sendWritten,
  type ArmContext,
} from "./common";

const TASK_HUB_PATH = `${SCHEDULER_PATH}/taskHubs/{taskHub}`;

export function registerTaskHubRoutes(context: ArmContext): void {
  const { controlPlane, router } = context;

  router.put(TASK_HUB_PATH, async (request, reply, params) => {
    const version = durableTaskVersion(request, context, params, TASK_HUB_TYPE);
    parseTaskHubPut(request.body);
    const ref = schedulerRef(params);
    const { resource, created } = await controlPlane.putTaskHub(ref, param(params, "taskHub"));
    return sendWritten(request, reply, context, {
      created,
      subscriptionId: ref.subscriptionId,
      location: resource.scheduler.spec.location,
      resourceId: taskHubId(refOf(resource.scheduler), resource.hub.name),
      version,
      body: controlPlane.renderTaskHub(resource.scheduler, resource.hub),
    });
  });

  router.get(TASK_HUB_PATH, async (request, reply, params) => {
    durableTaskVersion(request, context, params, TASK_HUB_TYPE);
    const { scheduler, hub } = await controlPlane.getTaskHub(
      schedulerRef(params),
      param(params, "taskHub"),
    );
    return reply.send(controlPlane.renderTaskHub(scheduler, hub));
  });

  router.delete(TASK_HUB_PATH, async (request, reply, params) => {
    const version = durableTaskVersion(request, context, params, TASK_HUB_TYPE);
    const ref = schedulerRef(params);
    const taskHub = param(params, "taskHub");
    const existed = await controlPlane.deleteTaskHub(ref, taskHub);
    return sendDeleted(request, reply, context, {
      existed,
      subscriptionId: ref.subscriptionId,
      location: controlPlane.findScheduler(ref.scheduler)?.spec.location ?? "local",
      resourceId: taskHubId(ref, taskHub),
      version,
    });
  });

  router.get(`${SCHEDULER_PATH}/taskHubs`, async (request, reply, params) => {
    durableTaskVersion(request, context, params, TASK_HUB_TYPE);
    const { scheduler, hubs } = await controlPlane.listTaskHubs(schedulerRef(params));
    return reply.send({ value: hubs.map((hub) => controlPlane.renderTaskHub(scheduler, hub)) });
  });
}
