// The authorisation hook: called for EVERY RPC after the hub is resolved and before anything
// else happens; throw a `grpcErrors.*` to refuse. The control owner's entra guard implements it.
import type { Metadata } from "@grpc/grpc-js";

export interface CallGuardContext {
  /** Method name as in the proto: `StartInstance`, `GetWorkItems`, … */
  rpc: string;
  hub: string;
  metadata: Metadata;
  peerAddress: string;
}

export type CallGuard = (context: CallGuardContext) => void | Promise<void>;

export const allowAll: CallGuard = () => undefined;
