// Typed calls to the dashboard's JSON API. Non-2xx answers become ApiFailure carrying the server's code and exact
// message, which dialogs show verbatim.
import {
  DASHBOARD_REQUEST_HEADER,
  type ActionResult,
  type ApiError,
  type EntityPage,
  type HubMetrics,
  type HubSummary,
  type InstanceDetail,
  type InstancePage,
  type SessionInfo,
  type StartRequest,
} from "../api-types";

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiFailure";
  }
}

/** One line for a page's error banner: `<code>: <server's message>` for API failures, else the error text. */
export function failureText(failure: unknown): string {
  return failure instanceof ApiFailure ? `${failure.code}: ${failure.message}` : String(failure);
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: {
      [DASHBOARD_REQUEST_HEADER]: "1",
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? null : JSON.stringify(body),
    credentials: "same-origin",
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = (parsed as ApiError | undefined)?.error;
    throw new ApiFailure(
      response.status,
      error?.code ?? `HTTP ${response.status}`,
      error?.message ?? text,
    );
  }
  return parsed as T;
}

const hubPath = (hub: string) => `/dashboard/api/hubs/${encodeURIComponent(hub)}`;
const instancePath = (hub: string, instanceId: string) =>
  `${hubPath(hub)}/orchestrations/${encodeURIComponent(instanceId)}`;

export type InstanceAction =
  "raise-event" | "suspend" | "resume" | "terminate" | "restart" | "rewind" | "purge";

export const api = {
  session: () => request<SessionInfo>("GET", "/dashboard/api/session"),
  signIn: (principalId: string) =>
    request<SessionInfo>("POST", "/dashboard/api/session", { principalId }),
  signOut: () => request<SessionInfo>("DELETE", "/dashboard/api/session"),
  hubs: () => request<HubSummary[]>("GET", "/dashboard/api/hubs"),
  instances: (hub: string, query: URLSearchParams) =>
    request<InstancePage>("GET", `${hubPath(hub)}/orchestrations?${query.toString()}`),
  instance: (hub: string, instanceId: string) =>
    request<InstanceDetail>("GET", instancePath(hub, instanceId)),
  entities: (hub: string, query: URLSearchParams) =>
    request<EntityPage>("GET", `${hubPath(hub)}/entities?${query.toString()}`),
  metrics: (hub: string) => request<HubMetrics>("GET", `${hubPath(hub)}/metrics`),
  start: (hub: string, body: StartRequest) =>
    request<ActionResult>("POST", `${hubPath(hub)}/orchestrations`, body),
  act: (
    hub: string,
    instanceId: string,
    action: InstanceAction,
    body: Record<string, unknown> = {},
  ) => request<ActionResult>("POST", `${instancePath(hub, instanceId)}/${action}`, body),
};
