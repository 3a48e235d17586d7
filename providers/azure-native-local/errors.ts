// The one error factory of the local azure-native bridge: every failure the engine shows (and so the user reads
// after `pulumi up`) is built here, naming the resource, the ARM request and ARM's own code and message.

export class BridgeError extends Error {
  override readonly name = "BridgeError";
}

/** An ARM request answered with an error envelope `{"error":{"code","message"}}` (or something that isn't one). */
export class ArmRequestError extends BridgeError {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly statusCode: number,
    readonly code: string,
    readonly armMessage: string,
  ) {
    super(`ARM ${method} ${path} failed with ${statusCode} ${code}: ${armMessage}`);
  }
}

export const bridgeErrors = {
  missingEndpoint: () =>
    new BridgeError(
      "DTSX_ARM_ENDPOINT is not set: the local azure-native bridge needs the local scheduler's ARM base URL " +
        "(e.g. http://127.0.0.1:8082). Run `npm run up:local`, which starts the emulator and sets it.",
    ),
  invalidEndpoint: (value: string) =>
    new BridgeError(`DTSX_ARM_ENDPOINT: expected an http(s) URL, got ${JSON.stringify(value)}`),
  unreachable: (endpoint: string, method: string, path: string, cause: unknown) =>
    new BridgeError(
      `cannot reach the local ARM API at ${endpoint} (DTSX_ARM_ENDPOINT) for ${method} ${path}: ` +
        `${cause instanceof Error ? cause.message : String(cause)}. Is the emulator running (npm start)?`,
    ),
  armFailure: (method: string, path: string, statusCode: number, body: unknown) => {
    const envelope = armEnvelope(body);
    return new ArmRequestError(
      method,
      path,
      statusCode,
      envelope?.code ?? "UnexpectedResponse",
      envelope?.message ?? `unexpected response body ${JSON.stringify(body)}`,
    );
  },
  asyncOperationFailed: (path: string, status: string, body: unknown) => {
    const envelope = armEnvelope(body);
    return new ArmRequestError(
      "PUT",
      path,
      200,
      envelope?.code ?? `AsyncOperation${status}`,
      envelope?.message ?? `the asynchronous operation ended with status ${status}`,
    );
  },
  asyncOperationTimeout: (path: string, seconds: number) =>
    new BridgeError(`ARM operation on ${path} did not finish within ${seconds} s`),
  unknownType: (type: string, supported: readonly string[]) =>
    new BridgeError(
      `the local azure-native bridge does not serve resource type ${type}; it serves ${supported.join(", ")}`,
    ),
  /** Prefixes a failure with the resource it happened to, as the engine prints it next to the URN anyway. */
  forResource: (type: string, name: string, error: unknown) =>
    new BridgeError(`${type} '${name}': ${error instanceof Error ? error.message : String(error)}`),
};

function armEnvelope(body: unknown): { code: string; message: string } | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== "object" || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code !== "string" || typeof message !== "string") return undefined;
  return { code, message };
}
