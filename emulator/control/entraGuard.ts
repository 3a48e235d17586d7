// The data-plane CallGuard. For every RPC, in the order Azure applies them:
//   1. network: the scheduler's publicNetworkAccess and ipAllowlist against the client address (empty list = deny
//      all; dts/network.ts) → PERMISSION_DENIED
//   2. authentication (entra mode): `authorization: Bearer <JWT>` from the identity endpoint → UNAUTHENTICATED
//   3. authorization (entra mode): a role on the hub or its scheduler that grants the RPC → PERMISSION_DENIED
// Hubs without a control-plane scheduler (no topology, scheduler `emulator`) have no allowlist and no role
// assignments: in entra mode every call to them is refused, so a misconfigured topology is caught, not ignored.
// It reads the control plane's state (schedulers, role assignments), so it lives here; the pure decisions it
// applies (roles, RBAC, ipAllowlist) are in ../auth/, which imports nothing from the control plane.
import type { Metadata } from "@grpc/grpc-js";
import type { ControlPlane } from "./controlPlane";
import { refOf } from "./controlPlane";
import type { HubDirectory } from "./hubDirectory";
import { schedulerId, taskHubId } from "./resourceIds";
import type { CallGuard, CallGuardContext } from "../grpc/callGuard";
import { grpcErrors } from "../grpc/errors";
import { TokenRejectedError, type TokenService, type VerifiedPrincipal } from "../identity/tokens";
import {
  effectiveClientAddress,
  networkRefusalMessage,
  parsePeerAddress,
} from "../auth/ipAllowlist";
import { decide } from "../auth/rbac";

export type AuthMode = "none" | "entra";

export interface EntraGuardOptions {
  mode: AuthMode;
  tokens: TokenService;
  controlPlane: ControlPlane;
  hubs: HubDirectory;
  /** The dashboard's key for forwarding its browser's address (ipAllowlist.ts FORWARDED_KEY_METADATA). */
  forwardingKey?: string;
}

/** The bearer token from gRPC metadata (`authorization`, any case: metadata keys are lower-cased). */
export function bearerToken(metadata: Metadata): string {
  const values = metadata.get("authorization");
  if (values.length === 0) {
    throw grpcErrors.unauthenticated(
      "missing 'authorization' metadata: entra auth is on, every call needs 'authorization: Bearer <token>' from the identity endpoint (scope https://durabletask.io/.default).",
    );
  }
  const raw = values[0];
  const value = typeof raw === "string" ? raw : (raw?.toString("utf8") ?? "");
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value);
  if (match?.[1] === undefined) {
    throw grpcErrors.unauthenticated(
      "the 'authorization' metadata is not a Bearer token ('authorization: Bearer <token>').",
    );
  }
  return match[1];
}

async function authenticate(tokens: TokenService, metadata: Metadata): Promise<VerifiedPrincipal> {
  const token = bearerToken(metadata);
  try {
    return await tokens.verify(token);
  } catch (error) {
    if (error instanceof TokenRejectedError) {
      throw grpcErrors.unauthenticated(`invalid bearer token: ${error.message}`);
    }
    throw error;
  }
}

export interface AuthorizeRequest {
  rpc: string;
  hub: string;
  /** Undefined skips the allowlist (the dashboard's own reads come from the emulator process itself). */
  peerAddress?: string;
  metadata: Metadata;
}

/**
 * The network half of the decision: the scheduler's publicNetworkAccess and ipAllowlist against the client
 * address (dts/network.ts). Hubs without a control-plane scheduler have no network rules.
 */
export function createNetworkCheck(options: Pick<EntraGuardOptions, "controlPlane" | "hubs">) {
  return async (hubName: string, clientAddress: string): Promise<void> => {
    const hub = await options.hubs.getHub(hubName);
    const scheduler =
      hub === undefined ? undefined : options.controlPlane.findScheduler(hub.scheduler);
    if (scheduler === undefined) return;
    const message = networkRefusalMessage(
      scheduler.name,
      {
        ipAllowlist: scheduler.spec.ipAllowlist,
        publicNetworkAccess: scheduler.spec.publicNetworkAccess,
      },
      parsePeerAddress(clientAddress) ?? clientAddress,
    );
    if (message !== undefined) throw grpcErrors.permissionDenied(message);
  };
}

/** The guard's decision as a reusable function (the dashboard authorizes its reads with it too). */
export function createAuthorizer(options: EntraGuardOptions) {
  const checkNetwork = createNetworkCheck(options);
  return async (request: AuthorizeRequest): Promise<VerifiedPrincipal | undefined> => {
    const hub = await options.hubs.getHub(request.hub);
    const scheduler =
      hub === undefined ? undefined : options.controlPlane.findScheduler(hub.scheduler);

    if (request.peerAddress !== undefined) await checkNetwork(request.hub, request.peerAddress);

    switch (options.mode) {
      case "none":
        return undefined;
      case "entra": {
        const principal = await authenticate(options.tokens, request.metadata);
        if (scheduler === undefined) {
          throw grpcErrors.permissionDenied(
            `principal '${principal.principalId}' is not allowed to call ${request.rpc} on task hub '${request.hub}': the hub belongs to scheduler '${hub?.scheduler ?? "?"}', which is not a control-plane scheduler, so no role can be assigned on it. Declare the hub in the stack topology or create it through the ARM API.`,
          );
        }
        const ref = refOf(scheduler);
        const hubScope = taskHubId(ref, request.hub);
        const decision = decide({
          principalId: principal.principalId,
          ...(principal.clientId === undefined ? {} : { clientId: principal.clientId }),
          rpc: request.rpc,
          hub: request.hub,
          hubScope,
          schedulerScope: schedulerId(ref),
          assignments: options.controlPlane.roleAssignmentsFor(scheduler, request.hub).map((a) => ({
            role: a.spec.role,
            principalId: a.spec.principalId,
            scope: a.scope,
          })),
        });
        if (!decision.allowed) throw grpcErrors.permissionDenied(decision.message);
        return principal;
      }
      default: {
        const unreachable: never = options.mode;
        return unreachable;
      }
    }
  };
}

/** The CallGuard for `startEmulator({ callGuard })`. */
export function createEntraGuard(options: EntraGuardOptions): CallGuard {
  const authorize = createAuthorizer(options);
  return async (context: CallGuardContext) => {
    await authorize({
      rpc: context.rpc,
      hub: context.hub,
      peerAddress: effectiveClientAddress(
        context.peerAddress,
        context.metadata,
        options.forwardingKey,
      ),
      metadata: context.metadata,
    });
  };
}
