// Authorization for the life of a GetWorkItems stream. The CallGuard runs when a stream opens; a stream then lives
// for hours, so the same guard runs again every `recheckMs` with the metadata and address the stream opened with.
// When it refuses — the bearer token expired (UNAUTHENTICATED), the caller's role assignment was deleted or the
// address left the ipAllowlist (PERMISSION_DENIED) — the stream ends with that status, prefixed so the worker's log
// says why; its items in flight are redelivered like those of any stream that ends (docs/emulator.md "Auth").
import type { Metadata } from "@grpc/grpc-js";
import type { Logger } from "pino";
import type { CallGuard } from "./callGuard";
import { GrpcStatusError } from "./errors";

export interface StreamAuthorizationOptions {
  callGuard: CallGuard;
  logger: Logger;
  rpc: string;
  hub: string;
  metadata: Metadata;
  peerAddress: string;
  recheckMs: number;
  /** Ends the stream with the guard's refusal. */
  revoke(error: GrpcStatusError): void;
}

/** Starts the periodic re-check; returns a function that stops it (call it when the stream closes). */
export function watchStreamAuthorization(options: StreamAuthorizationOptions): () => void {
  let stopped = false;
  let checking = false;
  const check = async (): Promise<void> => {
    if (checking || stopped) return;
    checking = true;
    try {
      await options.callGuard({
        rpc: options.rpc,
        hub: options.hub,
        metadata: options.metadata,
        peerAddress: options.peerAddress,
      });
    } catch (error) {
      if (stopped) return;
      if (error instanceof GrpcStatusError) {
        stopped = true;
        clearInterval(timer);
        options.logger.info(
          { hub: options.hub, peer: options.peerAddress, code: error.code, reason: error.details },
          "ending a GetWorkItems stream: its caller is no longer authorized",
        );
        options.revoke(
          new GrpcStatusError(
            error.code,
            `${options.rpc} stream ended: the caller is no longer authorized: ${error.details}`,
          ),
        );
        return;
      }
      // Not a refusal but a fault in the guard itself: keep the stream, say so.
      options.logger.error({ err: error, hub: options.hub }, "stream re-authorization failed");
    } finally {
      checking = false;
    }
  };
  const timer = setInterval(() => void check(), options.recheckMs);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
