// ARM handlers for Microsoft.DurableTask/schedulers/retentionPolicies, the singleton `default`
// (docs/reference/arm.md "Retention policy properties"; docs/reference/retention.md): PUT (create or replace), PATCH,
// GET, DELETE (disables autopurge), list.
import type { FastifyInstance } from "fastify";
import { armErrors } from "../armErrors";
import { refOf } from "../controlPlane";
import { RETENTION_POLICY_TYPE, retentionPolicyId } from "../resourceIds";
import { parseRetentionBody } from "../validation";
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

type RetentionParams = SchedulerParams & { policy: string };

/** The policy is a singleton whose name is the literal `default` (docs/reference/arm.md "Name rules"). */
function requireDefaultName(name: string): void {
  if (name !== "default") {
    throw armErrors.invalidResourceName(
      `The retention policy name '${name}' is invalid: a scheduler has one retention policy and its name is 'default'.`,
    );
  }
}

export function registerRetentionPolicyRoutes(app: FastifyInstance, context: ArmContext): void {
  const { controlPlane } = context;

  for (const path of pathVariants(`${SCHEDULER_PATH}/retentionPolicies/:policy`)) {
    app.put<{ Params: RetentionParams }>(path, (request, reply) => {
      const version = durableTaskVersion(request, RETENTION_POLICY_TYPE);
      requireDefaultName(request.params.policy);
      const ref = schedulerRef(request.params);
      const entries = parseRetentionBody(request.body, controlPlane.skuOf(ref));
      const { resource, created } = controlPlane.putRetention(ref, entries);
      return sendWritten(request, reply, context, {
        created,
        subscriptionId: ref.subscriptionId,
        location: resource.scheduler.spec.location,
        resourceId: retentionPolicyId(refOf(resource.scheduler)),
        version,
        body: controlPlane.renderRetention(resource.scheduler, resource.record),
      });
    });

    app.patch<{ Params: RetentionParams }>(path, (request, reply) => {
      durableTaskVersion(request, RETENTION_POLICY_TYPE);
      requireDefaultName(request.params.policy);
      const ref = schedulerRef(request.params);
      const entries = parseRetentionBody(request.body, controlPlane.skuOf(ref));
      const { scheduler, record } = controlPlane.patchRetention(ref, entries);
      return reply.code(200).send(controlPlane.renderRetention(scheduler, record));
    });

    app.get<{ Params: RetentionParams }>(path, (request, reply) => {
      durableTaskVersion(request, RETENTION_POLICY_TYPE);
      requireDefaultName(request.params.policy);
      const { scheduler, record } = controlPlane.getRetention(schedulerRef(request.params));
      return reply.send(controlPlane.renderRetention(scheduler, record));
    });

    app.delete<{ Params: RetentionParams }>(path, (request, reply) => {
      const version = durableTaskVersion(request, RETENTION_POLICY_TYPE);
      requireDefaultName(request.params.policy);
      const ref = schedulerRef(request.params);
      const existed = controlPlane.deleteRetention(ref);
      return sendDeleted(request, reply, context, {
        existed,
        subscriptionId: ref.subscriptionId,
        location: controlPlane.findScheduler(ref.scheduler)?.spec.location ?? "local",
        resourceId: retentionPolicyId(ref),
        version,
      });
    });
  }

  for (const path of pathVariants(`${SCHEDULER_PATH}/retentionPolicies`)) {
    app.get<{ Params: SchedulerParams }>(path, (request, reply) => {
      durableTaskVersion(request, RETENTION_POLICY_TYPE);
      const ref = schedulerRef(request.params);
      controlPlane.skuOf(ref); // 404 when the scheduler does not exist
      const record = controlPlane.retentionOf(ref.scheduler);
      const scheduler = controlPlane.getScheduler(ref);
      return reply.send({
        value: record === undefined ? [] : [controlPlane.renderRetention(scheduler, record)],
      });
    });
  }
}
