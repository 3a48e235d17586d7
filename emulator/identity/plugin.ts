// The managed-identity token endpoint: the App Service protocol that @azure/identity's
// ManagedIdentityCredential (through MSAL's AppService source) and DefaultAzureCredential speak when
// IDENTITY_ENDPOINT and IDENTITY_HEADER are set:
//   GET {IDENTITY_ENDPOINT}?api-version=2019-08-01&resource=<aud>[&client_id=|principal_id=|object_id=]
//   X-IDENTITY-HEADER: {IDENTITY_HEADER}
// → 200 {access_token, expires_on, resource, token_type, client_id}. MSAL reads `error`/`error_description` on
// failure; 400/401 are not retried by MSAL, so a misconfigured app fails fast.
import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { IdentityDirectory, LocalIdentity } from "./identities";
import type { TokenService } from "./tokens";

export const IDENTITY_ENDPOINT_PATH = "/msi/token";
export const APP_SERVICE_MSI_API_VERSION = "2019-08-01";

export interface IdentityPluginOptions {
  tokens: TokenService;
  identities: IdentityDirectory;
  identityHeader: string;
}

type TokenQuery = Record<string, string | undefined>;

function refuse(reply: FastifyReply, statusCode: number, error: string, description: string) {
  return reply.code(statusCode).send({ error, error_description: description });
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function describe(identities: readonly LocalIdentity[]): string {
  const withClient = identities.filter((i) => i.clientId !== undefined);
  return withClient.length === 0
    ? "no identity in the topology has a clientId"
    : `known client ids: ${withClient.map((i) => `${i.clientId ?? ""} (${i.name})`).join(", ")}`;
}

/** Which identity a request names; the App Service protocol has no system-assigned identity here. */
export function selectIdentity(
  query: TokenQuery,
  identities: IdentityDirectory,
): { identity: LocalIdentity } | { error: string } {
  const clientId = query.client_id ?? query.clientid;
  const principalId = query.principal_id ?? query.object_id;
  if (clientId !== undefined) {
    const identity = identities.byClientId(clientId);
    return identity === undefined
      ? {
          error: `client_id '${clientId}' is not an identity of this emulator's topology; ${describe(identities.list())}.`,
        }
      : { identity };
  }
  if (principalId !== undefined) {
    const identity = identities.byPrincipalId(principalId);
    return identity === undefined
      ? { error: `principal_id '${principalId}' is not an identity of this emulator's topology.` }
      : { identity };
  }
  if (query.mi_res_id !== undefined) {
    return { error: "mi_res_id is not supported by the local identity endpoint; pass client_id." };
  }
  return {
    error: `no system-assigned identity exists locally: pass client_id (set AZURE_CLIENT_ID for DefaultAzureCredential, or clientId for ManagedIdentityCredential); ${describe(identities.list())}.`,
  };
}

export function identityPlugin(
  app: FastifyInstance,
  options: IdentityPluginOptions,
  done: () => void,
): void {
  app.get(IDENTITY_ENDPOINT_PATH, async (request, reply) => {
    const query = request.query as TokenQuery;
    const header = request.headers["x-identity-header"];
    if (typeof header !== "string" || !sameSecret(header, options.identityHeader)) {
      return refuse(
        reply,
        401,
        "unauthorized_client",
        "the X-IDENTITY-HEADER header is missing or does not match IDENTITY_HEADER printed by the emulator.",
      );
    }
    if (query["api-version"] !== APP_SERVICE_MSI_API_VERSION) {
      return refuse(
        reply,
        400,
        "invalid_request",
        `api-version must be '${APP_SERVICE_MSI_API_VERSION}', got '${query["api-version"] ?? ""}'.`,
      );
    }
    const resource = query.resource;
    if (resource === undefined || resource === "") {
      return refuse(reply, 400, "invalid_request", "the resource query parameter is required.");
    }
    const selected = selectIdentity(query, options.identities);
    if ("error" in selected) return refuse(reply, 400, "invalid_request", selected.error);
    const { identity } = selected;
    const { token, expiresOn } = await options.tokens.issue(
      {
        principalId: identity.principalId,
        ...(identity.clientId === undefined ? {} : { clientId: identity.clientId }),
      },
      { audience: resource.replace(/\/\.default$/, "") },
    );
    request.log.info({ identity: identity.name, resource }, "issued managed-identity token");
    return reply.send({
      access_token: token,
      expires_on: String(expiresOn),
      resource,
      token_type: "Bearer",
      client_id: identity.clientId ?? identity.principalId,
    });
  });
  done();
}
