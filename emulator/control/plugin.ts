// The ARM control plane as one fastify plugin on the emulator's HTTP port. Registered without
// fastify-plugin, so its error handler — which turns every failure into the ARM envelope, never a crash or a
// fastify-shaped body — applies to these routes only.
import type { FastifyError, FastifyInstance } from "fastify";
import { ArmError, armErrors } from "./armErrors";
import type { ControlPlane } from "./controlPlane";
import { registerOperationStatusRoutes } from "./handlers/operationStatus";
import { registerRetentionPolicyRoutes } from "./handlers/retentionPolicies";
import { registerRoleAssignmentRoutes } from "./handlers/roleAssignments";
import { registerSchedulerRoutes } from "./handlers/schedulers";
import { registerTaskHubRoutes } from "./handlers/taskHubs";
import type { OperationLog } from "./operations";

export interface ArmPluginOptions {
  controlPlane: ControlPlane;
  operations: OperationLog;
}

/** Maps fastify's own request errors (body parsing, media type) and anything unexpected to ARM errors. */
export function toArmError(error: unknown): ArmError {
  if (error instanceof ArmError) return error;
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return armErrors.unsupportedMediaType(
        String(fastifyError.message ?? "")
          .split(": ")
          .pop() ?? "",
      );
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return armErrors.invalidRequestContent("the request body is empty.");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new ArmError(413, "RequestEntityTooLarge", "The request body is too large.");
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return armErrors.invalidRequestContent(fastifyError.message ?? "invalid JSON.");
    default:
      break;
  }
  if (error instanceof SyntaxError || fastifyError.statusCode === 400) {
    return armErrors.invalidRequestContent(fastifyError.message ?? "invalid JSON.");
  }
  return armErrors.internal(
    `The local control plane failed to process the request: ${fastifyError.message ?? String(error)}`,
  );
}

export function armPlugin(app: FastifyInstance, options: ArmPluginOptions, done: () => void): void {
  const context = { controlPlane: options.controlPlane, operations: options.operations };

  app.setErrorHandler((error, request, reply) => {
    const armError = toArmError(error);
    if (armError.statusCode >= 500) request.log.error({ err: error }, "control plane error");
    else request.log.info({ code: armError.code }, armError.message);
    return reply.code(armError.statusCode).send(armError.toBody());
  });

  registerSchedulerRoutes(app, context);
  registerTaskHubRoutes(app, context);
  registerRetentionPolicyRoutes(app, context);
  registerRoleAssignmentRoutes(app, context);
  registerOperationStatusRoutes(app, context);
  done();
}
