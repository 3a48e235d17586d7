// Shared plumbing of the TaskHubSidecarService adapter: hub routing by `taskhub` metadata (docs/reference/sidecar.md
// "Per-call metadata"), the CallGuard, and mapping engine refusals onto gRPC status codes (docs/reference/sidecar.md
// "gRPC status codes clients react to").
import type {
  Metadata,
  sendUnaryData,
  ServerUnaryCall,
  ServerWritableStream,
  ServiceError,
} from "@grpc/grpc-js";
import type { Logger } from "pino";
import type { Engine } from "../core/engine";
import { EngineError } from "../core/errors";
import type { CallGuard } from "./callGuard";
import { GrpcStatusError, grpcErrors } from "./errors";

export interface GrpcContext {
  engine: Engine;
  callGuard: CallGuard;
  logger: Logger;
  healthPingIntervalMs: number;
  /** How often an open GetWorkItems stream runs the CallGuard again (streamAuthorization.ts). */
  streamAuthRecheckMs: number;
  defaultMaxConcurrent: { orchestration: number; activity: number; entity: number };
}

export const DEFAULT_HUB = "default";

/** The hub a call addresses: its `taskhub` metadata; without one, `default` or the only hub there is. */
export function resolveHub(engine: Engine, metadata: Metadata): string {
  const value = metadata.get("taskhub")[0];
  const requested =
    typeof value === "string" ? value.trim() : value ? value.toString("utf8").trim() : "";
  if (requested) {
    if (!engine.getHub(requested))
      throw grpcErrors.notFound(`task hub '${requested}' was not found`);
    return requested;
  }
  if (engine.getHub(DEFAULT_HUB)) return DEFAULT_HUB;
  const hubs = engine.listHubs();
  if (hubs.length === 1) return hubs[0]!.name;
  throw grpcErrors.notFound(
    `no 'taskhub' metadata was sent and there is no task hub named '${DEFAULT_HUB}'; available: ${hubs.map((hub) => hub.name).join(", ") || "none"}`,
  );
}

export function toServiceError(error: unknown, logger: Logger, rpc: string): ServiceError {
  if (error instanceof GrpcStatusError) return error;
  if (error instanceof EngineError) {
    switch (error.code) {
      case "InvalidArgument":
        return grpcErrors.invalidArgument(error.message);
      case "NotFound":
        return grpcErrors.notFound(error.message);
      case "AlreadyExists":
        return grpcErrors.alreadyExists(error.message);
      case "FailedPrecondition":
        return grpcErrors.failedPrecondition(error.message);
      default: {
        const unreachable: never = error.code;
        return grpcErrors.internal(String(unreachable));
      }
    }
  }
  logger.error({ err: error, rpc }, "unexpected error in RPC handler");
  return grpcErrors.internal(
    `${rpc} failed: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** Resolves the hub, runs the guard, then the handler; every refusal goes through the error factory. */
export async function guarded(
  context: GrpcContext,
  rpc: string,
  call: { metadata: Metadata; getPeer(): string },
): Promise<string> {
  const hub = resolveHub(context.engine, call.metadata);
  await context.callGuard({ rpc, hub, metadata: call.metadata, peerAddress: call.getPeer() });
  return hub;
}

export function unary<Request, Response>(
  context: GrpcContext,
  rpc: string,
  handler: (
    hub: string,
    request: Request,
    call: ServerUnaryCall<Request, Response>,
  ) => Response | Promise<Response>,
): (call: ServerUnaryCall<Request, Response>, callback: sendUnaryData<Response>) => void {
  return (call, callback) => {
    guarded(context, rpc, call)
      .then((hub) => handler(hub, call.request, call))
      .then(async (response) => {
        // Acknowledge only what is durable: wait for the group commit of this call's writes.
        await context.engine.store.flushed();
        return response;
      })
      .then(
        (response) => callback(null, response),
        (error: unknown) => callback(toServiceError(error, context.logger, rpc)),
      );
  };
}

export function serverStream<Request, Response>(
  context: GrpcContext,
  rpc: string,
  handler: (hub: string, call: ServerWritableStream<Request, Response>) => void | Promise<void>,
): (call: ServerWritableStream<Request, Response>) => void {
  return (call) => {
    guarded(context, rpc, call)
      .then((hub) => handler(hub, call))
      .catch((error: unknown) => {
        call.emit("error", toServiceError(error, context.logger, rpc));
      });
  };
}
