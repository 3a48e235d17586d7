// The dashboard's fastify plugin: the single-page UI on `/` and `/taskhubs/…` (the path shape of a DTS
// hub's `dashboardUrl`, docs/reference/arm.md "Endpoint and dashboard URLs"), its bundled assets, and the JSON API
// under `/dashboard/api`. Reads come from the engine's query hooks behind the same RBAC decision as the data plane;
// actions are gRPC calls (see actions.ts), so a refusal is the data plane's own.
import { status } from "@grpc/grpc-js";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ApiError, DashboardIdentity, SessionInfo } from "./api-types";
import { dashboardAssets, indexHtml } from "./assets";
import {
  AUTH_DISABLED,
  type Caller,
  type DashboardActions,
  type DashboardAuth,
  type DashboardReads,
} from "./backend";
import { EngineError, type EngineErrorCode } from "../core/errors";
import { DataPlaneError } from "./actions";
import { crossSiteRefusal } from "./requestGuard";
import {
  InvalidInputError,
  parseEntityQuery,
  parseInstanceQuery,
  parsePurgeRequest,
  parseRaiseEventRequest,
  parseReasonRequest,
  parseRestartRequest,
  parseStartRequest,
  parseTerminateRequest,
} from "./query-params";

export interface DashboardPluginOptions {
  reads: DashboardReads;
  actions: DashboardActions;
  /**
   * Absent or mode "none": everyone may view and act, as with the official emulator (docs/reference/identity.md
   * "Dashboard authorization").
   */
  auth?: DashboardAuth;
  /**
   * The hub's scheduler network rules (publicNetworkAccess, ipAllowlist) for the browser's address; throws the
   * data plane's PERMISSION_DENIED. Absent: no rules (hubs without a control-plane scheduler).
   */
  network?: (hub: string, clientAddress: string) => void | Promise<void>;
}

export const SESSION_COOKIE = "dtsx_dashboard_identity";

/** HTTP status for a gRPC status code, so the browser sees a meaningful code next to the server's message. */
export function httpStatusFor(code: status): number {
  switch (code) {
    case status.INVALID_ARGUMENT:
    case status.OUT_OF_RANGE:
      return 400;
    case status.UNAUTHENTICATED:
      return 401;
    case status.PERMISSION_DENIED:
      return 403;
    case status.NOT_FOUND:
      return 404;
    case status.ALREADY_EXISTS:
    case status.FAILED_PRECONDITION:
    case status.ABORTED:
      return 409;
    case status.RESOURCE_EXHAUSTED:
      return 429;
    case status.UNIMPLEMENTED:
      return 501;
    case status.DEADLINE_EXCEEDED:
      return 504;
    case status.UNAVAILABLE:
      return 503;
    case status.OK:
    case status.CANCELLED:
    case status.UNKNOWN:
    case status.DATA_LOSS:
    case status.INTERNAL:
      return 502;
  }
}

function hasGrpcCode(error: unknown): error is { code: status; message: string; details?: string } {
  return (
    typeof error === "object" &&
    error !== null &&
    "code" in error &&
    typeof error.code === "number" &&
    error.code in status
  );
}

const ENGINE_ERRORS: Record<EngineErrorCode, { statusCode: number; code: string }> = {
  InvalidArgument: { statusCode: 400, code: "INVALID_ARGUMENT" },
  NotFound: { statusCode: 404, code: "NOT_FOUND" },
  AlreadyExists: { statusCode: 409, code: "ALREADY_EXISTS" },
  FailedPrecondition: { statusCode: 409, code: "FAILED_PRECONDITION" },
};

/** One error envelope for the whole API: `{error:{code,message}}` with the gRPC status name as code. */
export function toApiError(error: unknown): { statusCode: number; body: ApiError } {
  if (error instanceof InvalidInputError) {
    return {
      statusCode: 400,
      body: { error: { code: "INVALID_ARGUMENT", message: error.message } },
    };
  }
  if (error instanceof EngineError) {
    const mapped = ENGINE_ERRORS[error.code];
    return {
      statusCode: mapped.statusCode,
      body: { error: { code: mapped.code, message: error.message } },
    };
  }
  if (error instanceof DataPlaneError) {
    return {
      statusCode: httpStatusFor(error.code),
      body: { error: { code: error.codeName, message: error.message } },
    };
  }
  if (hasGrpcCode(error)) {
    const message = error.details ?? error.message;
    return {
      statusCode: httpStatusFor(error.code),
      body: { error: { code: status[error.code] ?? String(error.code), message } },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { statusCode: 500, body: { error: { code: "INTERNAL", message } } };
}

function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

export function dashboardPlugin(
  app: FastifyInstance,
  options: DashboardPluginOptions,
  done: (error?: Error) => void,
): void {
  const { reads, actions } = options;
  const auth = options.auth ?? AUTH_DISABLED;
  const network = options.network ?? (() => undefined);
  app.addHook("onClose", () => actions.close());

  // Before the body is parsed, so a refused request has no effect at all.
  app.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith("/dashboard/api/")) return;
    const refusal = crossSiteRefusal(request.method, request.headers);
    if (refusal === undefined) return;
    const body: ApiError = { error: { code: "PERMISSION_DENIED", message: refusal } };
    await reply.code(403).header("cache-control", "no-store").send(body);
  });

  /** The TCP peer. Forwarding headers (X-Forwarded-For) are not believed: any client can set them. */
  const clientAddressOf = (request: FastifyRequest): string => request.socket.remoteAddress ?? "";

  const signedInIdentity = (request: FastifyRequest): DashboardIdentity | undefined => {
    const principalId = readCookie(request, SESSION_COOKIE);
    return principalId
      ? auth.identities().find((identity) => identity.principalId === principalId)
      : undefined;
  };

  /** Resolves the caller's token; in entra mode without a sign-in this refuses as the data plane would. */
  const signedInToken = async (request: FastifyRequest): Promise<string | undefined> => {
    if (auth.mode === "none") return undefined;
    const identity = signedInIdentity(request);
    if (!identity) {
      throw new DataPlaneError(
        status.UNAUTHENTICATED,
        "The dashboard runs with --auth entra: sign in as one of the declared identities first.",
      );
    }
    return auth.tokenFor(identity);
  };

  /** The network rules first (as Azure applies them before authentication), then the identity's token. */
  const callerFor = async (request: FastifyRequest, hub: string): Promise<Caller> => {
    const clientAddress = clientAddressOf(request);
    await network(hub, clientAddress);
    const token = await signedInToken(request);
    return token === undefined ? { clientAddress } : { token, clientAddress };
  };

  const authorizeRead = async (
    request: FastifyRequest,
    hub: string,
    rpc: string,
  ): Promise<void> => {
    const caller = await callerFor(request, hub);
    if (auth.mode === "entra") await auth.authorize({ token: caller.token ?? "", hub, rpc });
  };

  const send = async (reply: FastifyReply, work: () => Promise<unknown>) => {
    try {
      const result = await work();
      return await reply.header("cache-control", "no-store").send(result);
    } catch (error) {
      const { statusCode, body } = toApiError(error);
      if (statusCode >= 500) reply.log.error({ err: error }, "dashboard API error");
      return reply.code(statusCode).header("cache-control", "no-store").send(body);
    }
  };

  // ---- UI shell and assets -------------------------------------------------------------------------------------
  const servePage = async (_request: FastifyRequest, reply: FastifyReply) => {
    const assets = await dashboardAssets();
    return reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .send(indexHtml(assets));
  };
  app.get("/", servePage);
  app.get("/taskhubs", servePage);
  app.get("/taskhubs/*", servePage);
  app.get("/dashboard", servePage);
  app.get("/dashboard/assets/app.js", async (_request, reply) => {
    const assets = await dashboardAssets();
    return reply
      .type("text/javascript; charset=utf-8")
      .header("cache-control", "no-cache")
      .send(assets.script);
  });
  app.get("/dashboard/assets/styles.css", async (_request, reply) => {
    const assets = await dashboardAssets();
    return reply
      .type("text/css; charset=utf-8")
      .header("cache-control", "no-cache")
      .send(assets.styles);
  });

  // ---- session (entra mode: local sign-in as a declared identity) ------------------------------------------------
  app.get("/dashboard/api/session", (request, reply) =>
    send(reply, () => {
      const identity = auth.mode === "entra" ? signedInIdentity(request) : undefined;
      const session: SessionInfo = {
        authMode: auth.mode,
        identities: auth.identities(),
        ...(identity ? { identity } : {}),
      };
      return Promise.resolve(session);
    }),
  );
  app.post<{ Body: { principalId?: unknown } }>("/dashboard/api/session", (request, reply) =>
    send(reply, () => {
      const principalId = request.body?.principalId;
      const identity = auth.identities().find((candidate) => candidate.principalId === principalId);
      if (auth.mode !== "entra") {
        throw new InvalidInputError(
          "sign-in: the emulator runs with --auth none; there is nothing to sign in to",
        );
      }
      if (!identity) {
        throw new InvalidInputError(
          `principalId: '${String(principalId)}' is not a declared identity; expected one of ${auth
            .identities()
            .map((candidate) => candidate.principalId)
            .join(", ")}`,
        );
      }
      void reply.header(
        "set-cookie",
        `${SESSION_COOKIE}=${encodeURIComponent(identity.principalId)}; Path=/; HttpOnly; SameSite=Strict`,
      );
      return Promise.resolve({
        authMode: auth.mode,
        identities: auth.identities(),
        identity,
      } satisfies SessionInfo);
    }),
  );
  app.delete("/dashboard/api/session", (_request, reply) =>
    send(reply, () => {
      void reply.header(
        "set-cookie",
        `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`,
      );
      return Promise.resolve({
        authMode: auth.mode,
        identities: auth.identities(),
      } satisfies SessionInfo);
    }),
  );

  // ---- reads ---------------------------------------------------------------------------------------------------
  app.get("/dashboard/api/hubs", (request, reply) =>
    send(reply, async () => {
      const hubs = await reads.listHubs();
      await signedInToken(request); // signed out in entra mode: say so rather than list nothing
      // Only the hubs this caller may read (network rules, then the identity's roles), as the DTS dashboard
      // lists what the signed-in user can open.
      const readable = [];
      for (const hub of hubs) {
        try {
          await authorizeRead(request, hub.name, "QueryInstances");
          readable.push(hub);
        } catch {
          // not readable for this identity: leave it out
        }
      }
      return readable;
    }),
  );

  type HubParams = { hub: string };
  type InstanceParams = { hub: string; instanceId: string };

  app.get<{ Params: HubParams; Querystring: Record<string, string> }>(
    "/dashboard/api/hubs/:hub/orchestrations",
    (request, reply) =>
      send(reply, async () => {
        const query = parseInstanceQuery(request.query);
        await authorizeRead(request, request.params.hub, "QueryInstances");
        return reads.queryInstances(request.params.hub, query);
      }),
  );
  app.get<{ Params: InstanceParams }>(
    "/dashboard/api/hubs/:hub/orchestrations/:instanceId",
    (request, reply) =>
      send(reply, async () => {
        const { hub, instanceId } = request.params;
        await authorizeRead(request, hub, "GetInstance");
        const detail = await reads.getInstance(hub, instanceId);
        if (!detail) {
          throw new DataPlaneError(
            status.NOT_FOUND,
            `No orchestration instance '${instanceId}' in task hub '${hub}'.`,
          );
        }
        return detail;
      }),
  );
  app.get<{ Params: HubParams; Querystring: Record<string, string> }>(
    "/dashboard/api/hubs/:hub/entities",
    (request, reply) =>
      send(reply, async () => {
        const query = parseEntityQuery(request.query);
        await authorizeRead(request, request.params.hub, "QueryEntities");
        return reads.listEntities(request.params.hub, query);
      }),
  );
  app.get<{ Params: HubParams }>("/dashboard/api/hubs/:hub/metrics", (request, reply) =>
    send(reply, async () => {
      await authorizeRead(request, request.params.hub, "QueryInstances");
      return reads.metrics(request.params.hub);
    }),
  );

  // ---- actions (gRPC data plane) -------------------------------------------------------------------------------
  app.post<{ Params: HubParams }>("/dashboard/api/hubs/:hub/orchestrations", (request, reply) =>
    send(reply, async () => {
      const body = parseStartRequest(request.body);
      return actions.start(await callerFor(request, request.params.hub), request.params.hub, body);
    }),
  );

  const ACTIONS = [
    "raise-event",
    "suspend",
    "resume",
    "terminate",
    "restart",
    "rewind",
    "purge",
  ] as const;
  type ActionName = (typeof ACTIONS)[number];

  app.post<{ Params: InstanceParams & { action: string } }>(
    "/dashboard/api/hubs/:hub/orchestrations/:instanceId/:action",
    (request, reply) =>
      send(reply, async () => {
        const { hub, instanceId, action } = request.params;
        if (!(ACTIONS as readonly string[]).includes(action)) {
          throw new DataPlaneError(
            status.NOT_FOUND,
            `Unknown action '${action}'; expected one of ${ACTIONS.join(", ")}.`,
          );
        }
        const body: unknown = request.body;
        const name = action as ActionName;
        // Validate before resolving the caller so bad input is reported even when signed out.
        switch (name) {
          case "raise-event": {
            const parsed = parseRaiseEventRequest(body);
            return actions.raiseEvent(await callerFor(request, hub), hub, instanceId, parsed);
          }
          case "suspend":
            return actions.suspend(
              await callerFor(request, hub),
              hub,
              instanceId,
              parseReasonRequest(body).reason,
            );
          case "resume":
            return actions.resume(
              await callerFor(request, hub),
              hub,
              instanceId,
              parseReasonRequest(body).reason,
            );
          case "terminate": {
            const parsed = parseTerminateRequest(body);
            return actions.terminate(await callerFor(request, hub), hub, instanceId, parsed);
          }
          case "restart": {
            const parsed = parseRestartRequest(body);
            return actions.restart(await callerFor(request, hub), hub, instanceId, parsed);
          }
          case "rewind": {
            const parsed = parseReasonRequest(body);
            return actions.rewind(await callerFor(request, hub), hub, instanceId, parsed);
          }
          case "purge": {
            const parsed = parsePurgeRequest(body);
            return actions.purge(await callerFor(request, hub), hub, instanceId, parsed);
          }
        }
      }),
  );
  done();
}
