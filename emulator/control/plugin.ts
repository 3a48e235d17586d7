// The ARM control plane as one fastify plugin on the emulator's HTTP port. Registered without fastify-plugin, so
// its body parser and error handler — which turn every failure into the ARM envelope, never a crash or a
// fastify-shaped body — apply to these routes only. Every path under `/subscriptions/` and `/providers/` goes
// through the ARM route table (router.ts), so an unknown path or verb also answers in the envelope.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { isGuid } from "../../dts";
import { ArmError, armErrors } from "./armErrors";
import type { ControlPlane } from "./controlPlane";
import { parseArmJson } from "./jsonBody";
import type { ArmContext } from "./handlers/common";
import { registerOperationStatusRoutes } from "./handlers/operationStatus";
import { registerProviderOperationRoutes } from "./handlers/providerOperations";
import { registerRetentionPolicyRoutes } from "./handlers/retentionPolicies";
import { registerRoleAssignmentRoutes } from "./handlers/roleAssignments";
import { registerSchedulerRoutes } from "./handlers/schedulers";
import { registerTaskHubRoutes } from "./handlers/taskHubs";
import type { OperationLog } from "./operations";
import { ArmRouter } from "./router";

export interface ArmPluginOptions {
  controlPlane: ControlPlane;
  operations: OperationLog;
}

/**
 * Maps fastify's own request errors (body parsing, media type) and anything unexpected to ARM errors.
 * `contentType` is the request's header, which fastify's media-type error does not repeat.
 */
export function toArmError(error: unknown, contentType?: string): ArmError {
  if (error instanceof ArmError) return error;
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return armErrors.unsupportedMediaType(contentType ?? "(none)");
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

/** Refusals ARM itself makes before a provider sees the request. */
function checkEnvelope(params: Record<string, string>): void {
  const subscriptionId = params["subscriptionId"];
  if (subscriptionId !== undefined && !isGuid(subscriptionId)) {
    throw armErrors.invalidSubscriptionId(subscriptionId);
  }
}

export function armPlugin(app: FastifyInstance, options: ArmPluginOptions, done: () => void): void {
  const router = new ArmRouter();
  const context: ArmContext = {
    controlPlane: options.controlPlane,
    operations: options.operations,
    router,
  };

  // Only JSON bodies, parsed by one function that also accepts an empty body (a DELETE sent with
  // `Content-Type: application/json`), refuses absurd nesting with a 400 and blocks prototype poisoning.
  // Any other media type is then fastify's FST_ERR_CTP_INVALID_MEDIA_TYPE → 415 naming it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    "application/json",
    { parseAs: "string" },
    (request: FastifyRequest, body: string | Buffer, parsed) => {
      try {
        parsed(null, parseArmJson(String(body), request.method));
      } catch (error) {
        parsed(error as Error, undefined);
      }
    },
  );

  app.setErrorHandler((error, request, reply) => {
    const armError = toArmError(error, request.headers["content-type"]);
    if (armError.statusCode >= 500) request.log.error({ err: error }, "control plane error");
    else request.log.info({ code: armError.code }, armError.message);
    return reply.code(armError.statusCode).send(armError.toBody());
  });

  registerProviderOperationRoutes(context);
  registerSchedulerRoutes(context);
  registerTaskHubRoutes(context);
  registerRetentionPolicyRoutes(context);
  registerRoleAssignmentRoutes(context);
  registerOperationStatusRoutes(context);

  const dispatch = async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const path = request.url.split("?")[0] ?? "";
    const match = router.match(request.method, path);
    switch (match.kind) {
      case "found":
        checkEnvelope(match.params);
        return match.handler(request, reply, match.params);
      case "methodNotAllowed":
        reply.header("Allow", match.allowed.join(", "));
        throw armErrors.methodNotAllowed(request.method, path, match.allowed);
      case "notFound":
        throw armErrors.invalidResourceType(path);
      default: {
        const unreachable: never = match;
        return unreachable;
      }
    }
  };
  for (const prefix of ["/subscriptions/*", "/providers/*"]) app.all(prefix, dispatch);
  done();
}
