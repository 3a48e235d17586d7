// The one factory for gRPC errors on the data plane: every refusal the SDKs see is built here, so codes and
// message shapes stay consistent (docs/reference/sidecar.md "gRPC status codes clients react to").
import { Metadata, status, type ServiceError } from "@grpc/grpc-js";

export class GrpcStatusError extends Error implements ServiceError {
  readonly details: string;
  readonly metadata = new Metadata();

  constructor(
    readonly code: status,
    message: string,
  ) {
    super(message);
    this.name = "GrpcStatusError";
    this.details = message;
  }
}

export const grpcErrors = {
  invalidArgument: (message: string) => new GrpcStatusError(status.INVALID_ARGUMENT, message),
  notFound: (message: string) => new GrpcStatusError(status.NOT_FOUND, message),
  alreadyExists: (message: string) => new GrpcStatusError(status.ALREADY_EXISTS, message),
  failedPrecondition: (message: string) => new GrpcStatusError(status.FAILED_PRECONDITION, message),
  unauthenticated: (message: string) => new GrpcStatusError(status.UNAUTHENTICATED, message),
  permissionDenied: (message: string) => new GrpcStatusError(status.PERMISSION_DENIED, message),
  cancelled: (message: string) => new GrpcStatusError(status.CANCELLED, message),
  deadlineExceeded: (message: string) => new GrpcStatusError(status.DEADLINE_EXCEEDED, message),
  internal: (message: string) => new GrpcStatusError(status.INTERNAL, message),
};
