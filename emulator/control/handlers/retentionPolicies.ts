// ARM handlers for Microsoft.DurableTask/schedulers/retentionPolicies, the singleton `default`
// (docs/reference/arm.md "Retention policy properties"; docs/reference/retention.md): PUT (create or replace), PATCH
// (JSON merge patch), GET, DELETE (disables autopurge), list.
import { armErrors } from "../armErrors";
import { refOf } from "../controlPlane";
import { RETENTION_POLICY_TYPE, retentionPolicyId } from "../resourceIds";
import { applyRetentionPatch, parseRetentionBody } from "../validation";
import {
  durableTaskVersion,
  param,
  schedulerRef,
  SCHEDULER_PATH,
  sendDeleted,
  sendWritten,
  type ArmContext,
} from "./common";

const POLICY_PATH = `${SCHEDULER_PATH}/retentionPolicies/{policy}`;

/** The policy is a singleton whose name is the literal `default` (docs/reference/arm.md "Name rules"). */
function requireDefaultName(name: string): void {
  if (name !== "default") {
    throw armErrors.invalidResourceName(
      `The retention policy name '${name}' is invalid: a scheduler has one retention policy and its name is 'default'.`,
    );
  }
}

export function registerRetentionPolicyRoutes(context: ArmContext): void {
  const { controlPlane, router } = context;

  router.put(POLICY_PATH, (request, reply, params) => {
    const version = durableTaskVersion(request, context, params, RETENTION_POLICY_TYPE);
    requireDefaultName(param(params, "policy"));
    const ref = schedulerRef(params);
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

  router.patch(POLICY_PATH, (request, reply, params) => {
    durableTaskVersion(request, context, params, RETENTION_POLICY_TYPE);
    requireDefaultName(param(params, "policy"));
    const ref = schedulerRef(params);
    const sku = controlPlane.skuOf(ref);
    const { record } = controlPlane.getRetention(ref);
    const entries = applyRetentionPatch(record.entries, request.body, sku);
    const { scheduler, record: updated } = controlPlane.patchRetention(ref, entries);
    return reply.code(200).send(controlPlane.renderRetention(scheduler, updated));
  });

  router.get(POLICY_PATH, (request, reply, params) => {
    durableTaskVersion(request, context, params, RETENTION_POLICY_TYPE);
    requireDefaultName(param(params, "policy"));
    const { scheduler, record } = controlPlane.getRetention(schedulerRef(params));
    return reply.send(controlPlane.renderRetention(scheduler, record));
  });

  router.delete(POLICY_PATH, (request, reply, params) => {
    const version = durableTaskVersion(request, context, params, RETENTION_POLICY_TYPE);
    requireDefaultName(param(params, "policy"));
    const ref = schedulerRef(params);
    const existed = controlPlane.deleteRetention(ref);
    return sendDeleted(request, reply, context, {
      existed,
      subscriptionId: ref.subscriptionId,
      location: controlPlane.findScheduler(ref.scheduler)?.spec.location ?? "local",
      resourceId: retentionPolicyId(ref),
      version,
    });
  });

  router.get(`${SCHEDULER_PATH}/retentionPolicies`, (request, reply, params) => {
    durableTaskVersion(request, context, params, RETENTION_POLICY_TYPE);
    const ref = schedulerRef(params);
    const scheduler = controlPlane.getParentScheduler(ref);
    const record = controlPlane.retentionOf(scheduler.name);
    return reply.send({
      value: record === undefined ? [] : [controlPlane.renderRetention(scheduler, record)],
    });
  });
}
