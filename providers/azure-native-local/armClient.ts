// A minimal ARM REST client for the local scheduler: JSON over fetch, `api-version` on every request, the ARM error
// envelope turned into ArmRequestError, and ARM's long-running-operation protocol (Azure-AsyncOperation, then
// Location) followed to the end, as azure-native does.
import { bridgeErrors } from "./errors";

export interface ArmResponse {
  readonly statusCode: number;
  readonly body: unknown;
}

export interface ArmClientOptions {
  readonly endpoint: string;
  /** Upper bound for one long-running operation. */
  readonly operationTimeoutSeconds?: number;
  /** Delay between polls of an operation (ARM's Retry-After wins when smaller). */
  readonly pollIntervalMs?: number;
}

const TERMINAL_FAILURES = new Set(["Failed", "Canceled"]);

export class ArmClient {
  private readonly endpoint: string;
  private readonly operationTimeoutSeconds: number;
  private readonly pollIntervalMs: number;

  constructor(options: ArmClientOptions) {
    this.endpoint = options.endpoint;
    this.operationTimeoutSeconds = options.operationTimeoutSeconds ?? 120;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
  }

  /** GET; answers undefined on 404 so callers can tell "gone" from failure. */
  async get(path: string, apiVersion: string): Promise<unknown> {
    const response = await this.send("GET", path, apiVersion);
    if (response.statusCode === 404) return undefined;
    this.throwIfFailed("GET", path, response);
    return response.body;
  }

  /** PUT (create or replace), following the async operation; answers the resource as a final GET returns it. */
  async put(path: string, apiVersion: string, body: unknown): Promise<unknown> {
    const response = await this.send("PUT", path, apiVersion, body);
    this.throwIfFailed("PUT", path, response);
    await this.awaitOperation(path, response);
    const current = await this.get(path, apiVersion);
    if (current === undefined) throw bridgeErrors.armFailure("GET", path, 404, response.body);
    return current;
  }

  /** DELETE, following the async operation; a resource that is already gone counts as deleted. */
  async delete(path: string, apiVersion: string): Promise<void> {
    const response = await this.send("DELETE", path, apiVersion);
    if (response.statusCode === 404) return;
    this.throwIfFailed("DELETE", path, response);
    await this.awaitOperation(path, response);
  }

  private throwIfFailed(
    method: string,
    path: string,
    response: ArmResponse & { headers?: Headers },
  ): void {
    if (response.statusCode >= 400)
      throw bridgeErrors.armFailure(method, path, response.statusCode, response.body);
  }

  private async awaitOperation(
    path: string,
    response: ArmResponse & { headers?: Headers },
  ): Promise<void> {
    const operationUrl = response.headers?.get("azure-asyncoperation") ?? undefined;
    const locationUrl = response.headers?.get("location") ?? undefined;
    if (operationUrl === undefined && (locationUrl === undefined || response.statusCode !== 202))
      return;
    const deadline = Date.now() + this.operationTimeoutSeconds * 1000;
    for (;;) {
      if (operationUrl !== undefined) {
        const poll = await this.sendUrl("GET", this.absolute(operationUrl));
        if (poll.statusCode >= 400)
          throw bridgeErrors.armFailure("GET", operationUrl, poll.statusCode, poll.body);
        const status = operationStatus(poll.body);
        if (status === "Succeeded") return;
        if (status !== undefined && TERMINAL_FAILURES.has(status)) {
          throw bridgeErrors.asyncOperationFailed(path, status, poll.body);
        }
      } else if (locationUrl !== undefined) {
        const poll = await this.sendUrl("GET", this.absolute(locationUrl));
        if (poll.statusCode >= 400)
          throw bridgeErrors.armFailure("GET", locationUrl, poll.statusCode, poll.body);
        if (poll.statusCode !== 202) return;
      }
      if (Date.now() > deadline)
        throw bridgeErrors.asyncOperationTimeout(path, this.operationTimeoutSeconds);
      await new Promise((resolve) => setTimeout(resolve, this.pollIntervalMs));
    }
  }

  private absolute(url: string): string {
    return new URL(url, `${this.endpoint}/`).toString();
  }

  private send(
    method: string,
    path: string,
    apiVersion: string,
    body?: unknown,
  ): Promise<ArmResponse & { headers?: Headers }> {
    const url = new URL(`${this.endpoint}${path}`);
    url.searchParams.set("api-version", apiVersion);
    return this.sendUrl(method, url.toString(), body, path);
  }

  private async sendUrl(
    method: string,
    url: string,
    body?: unknown,
    pathForErrors: string = url,
  ): Promise<ArmResponse & { headers?: Headers }> {
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers:
          body === undefined
            ? { accept: "application/json" }
            : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (cause) {
      throw bridgeErrors.unreachable(this.endpoint, method, pathForErrors, cause);
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { statusCode: response.status, body: parsed, headers: response.headers };
  }
}

function operationStatus(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const status = (body as { status?: unknown }).status;
  return typeof status === "string" ? status : undefined;
}
