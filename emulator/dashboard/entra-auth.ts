// Entra mode for the dashboard: sign in locally as one of the topology's identities, call
// the data plane with a token the emulator's identity module issues for it, and authorize reads with the very
// function the gRPC CallGuard uses (control/entraGuard.ts `createAuthorizer`), so the dashboard can never see more
// than an SDK client with the same identity.
import { Metadata } from "@grpc/grpc-js";
import type { AuthorizeRequest } from "../control/entraGuard";
import type { IdentityDirectory } from "../identity/identities";
import type { TokenService } from "../identity/tokens";
import type { DashboardIdentity } from "./api-types";
import type { DashboardAuth } from "./backend";

export interface EntraDashboardAuthOptions {
  identities: IdentityDirectory;
  tokens: TokenService;
  /** `createAuthorizer(...)` from emulator/control/entraGuard.ts. */
  authorize: (request: AuthorizeRequest) => Promise<unknown>;
}

/** Re-issue a cached token this long before it expires. */
const TOKEN_REFRESH_MARGIN_SECONDS = 300;

export function createEntraDashboardAuth(options: EntraDashboardAuthOptions): DashboardAuth {
  const cache = new Map<string, { token: string; expiresOn: number }>();
  return {
    mode: "entra",
    identities: (): DashboardIdentity[] =>
      options.identities.list().map((identity) => ({
        name: identity.name,
        principalId: identity.principalId,
        ...(identity.clientId ? { clientId: identity.clientId } : {}),
        principalType: identity.principalType,
      })),
    async tokenFor(identity) {
      const cached = cache.get(identity.principalId);
      if (cached && cached.expiresOn - TOKEN_REFRESH_MARGIN_SECONDS > Date.now() / 1000)
        return cached.token;
      const issued = await options.tokens.issue({
        principalId: identity.principalId,
        ...(identity.clientId ? { clientId: identity.clientId } : {}),
      });
      cache.set(identity.principalId, issued);
      return issued.token;
    },
    async authorize({ token, hub, rpc }) {
      const metadata = new Metadata();
      metadata.set("authorization", `Bearer ${token}`);
      // No peer address: the dashboard's reads run inside the emulator; its actions go through gRPC, where the
      // allowlist applies to the dashboard's own connection as to any client.
      await options.authorize({ rpc, hub, metadata });
    },
  };
}
