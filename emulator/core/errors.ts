// Engine-level refusals. The engine is transport-neutral: the gRPC adapter maps these to status codes
// (emulator/grpc/errors.ts), the dashboard and control plane map them to their own envelopes.
export type EngineErrorCode =
  "InvalidArgument" | "NotFound" | "AlreadyExists" | "FailedPrecondition";

export class EngineError extends Error {
  constructor(
    readonly code: EngineErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "EngineError";
  }
}

export const engineErrors = {
  invalidArgument: (message: string) => new EngineError("InvalidArgument", message),
  notFound: (message: string) => new EngineError("NotFound", message),
  alreadyExists: (message: string) => new EngineError("AlreadyExists", message),
  failedPrecondition: (message: string) => new EngineError("FailedPrecondition", message),
};
