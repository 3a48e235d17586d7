// What the dashboard needs from the rest of the emulator. The fastify plugin depends only on
// these interfaces; `engine-backend.ts` implements reads over the core engine, `actions.ts` implements actions over
// the gRPC data plane, and the auth hooks come from the control plane's identity and RBAC modules.
import type {
  ActionResult,
  AuthMode,
  DashboardIdentity,
  EntityPage,
  HubMetrics,
  HubSummary,
  InstanceDetail,
  InstancePage,
  InstanceQuery,
  PurgeRequest,
  RaiseEventRequest,
  RestartRequest,
  RewindRequest,
  StartRequest,
  TerminateRequest,
} from "./api-types";

/** Read side: served from the engine's query hooks. Unknown hubs throw `grpcErrors.notFound`. */
export interface DashboardReads {
  listHubs(): HubSummary[] | Promise<HubSummary[]>;
  queryInstances(hub: string, query: InstanceQuery): InstancePage | Promise<InstancePage>;
  /** Undefined when the instance does not exist. */
  getInstance(
    hub: string,
    instanceId: string,
  ): InstanceDetail | undefined | Promise<InstanceDetail | undefined>;
  listEntities(
    hub: string,
    query: { pageSize: number; continuationToken?: string; namePrefix?: string },
  ): EntityPage | Promise<EntityPage>;
  metrics(hub: string): HubMetrics | Promise<HubMetrics>;
}

/** Who calls: the bearer token for the signed-in identity (entra mode) or nothing (auth off). */
export interface Caller {
  token?: string;
  /** The browser's address, which the data plane's network rules judge instead of the dashboard's own. */
  clientAddress?: string;
}

/** Write side: every action is a data-plane RPC, so auth applies exactly as it does for SDK clients. */
export interface DashboardActions {
  start(caller: Caller, hub: string, request: StartRequest): Promise<ActionResult>;
  raiseEvent(
    caller: Caller,
    hub: string,
    instanceId: string,
    request: RaiseEventRequest,
  ): Promise<ActionResult>;
  suspend(caller: Caller, hub: string, instanceId: string, reason?: string): Promise<ActionResult>;
  resume(caller: Caller, hub: string, instanceId: string, reason?: string): Promise<ActionResult>;
  terminate(
    caller: Caller,
    hub: string,
    instanceId: string,
    request: TerminateRequest,
  ): Promise<ActionResult>;
  restart(
    caller: Caller,
    hub: string,
    instanceId: string,
    request: RestartRequest,
  ): Promise<ActionResult>;
  rewind(
    caller: Caller,
    hub: string,
    instanceId: string,
    request: RewindRequest,
  ): Promise<ActionResult>;
  purge(
    caller: Caller,
    hub: string,
    instanceId: string,
    request: PurgeRequest,
  ): Promise<ActionResult>;
  close(): void;
}

/**
 * Entra mode: the dashboard signs in locally as one of the declared identities, obtains that
 * identity's token from the emulator's identity module, and checks reads with the same RBAC decision the gRPC
 * CallGuard makes. `authorize` throws the guard's `grpcErrors.*` (PERMISSION_DENIED / UNAUTHENTICATED) to refuse.
 */
export interface DashboardAuth {
  mode: AuthMode;
  identities(): DashboardIdentity[];
  tokenFor(identity: DashboardIdentity): Promise<string>;
  authorize(request: { token: string; hub: string; rpc: string }): void | Promise<void>;
}

export const AUTH_DISABLED: DashboardAuth = {
  mode: "none",
  identities: () => [],
  tokenFor: () => Promise.resolve(""),
  authorize: () => undefined,
};
