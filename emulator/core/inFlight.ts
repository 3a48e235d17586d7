// Work items handed to a worker stream and not yet completed or abandoned, keyed by completion token. A token names
// one delivery to one stream: a completion whose token is unknown, already retired (completed, abandoned, or
// redelivered after its lease ended), of another kind, hub or channel is refused and changes nothing, so a late
// completion after a redelivery can never apply twice (docs/reference/sidecar.md, "Work-item dispatch").
import type { Logger } from "pino";
import { engineErrors } from "./errors";
import type { HubState, InboxMessage, QueuedActivity } from "./hubState";
import type { pb } from "./proto";
import type { WorkerConnection } from "./workers";

interface Leased {
  token: string;
  hub: HubState;
  connection: WorkerConnection;
  /** Clock time at which the lease ends unless renewed (leases.ts). */
  leaseExpiresAt: number;
}

export interface OrchestrationInFlight extends Leased {
  kind: "orchestration";
  instanceId: string;
  executionId: string;
  messages: InboxMessage[];
  newEvents: pb.HistoryEvent[];
  newEventBytes: Uint8Array[];
  partialActions: pb.OrchestratorAction[];
}

export interface ActivityInFlight extends Leased {
  kind: "activity";
  activity: QueuedActivity;
}

export interface EntityInFlight extends Leased {
  kind: "entity";
  instanceId: string;
  messages: InboxMessage[];
}

export type InFlight = OrchestrationInFlight | ActivityInFlight | EntityInFlight;

/** An item about to be tracked: its lease starts when it is tracked. */
export type NewInFlight<T extends InFlight = InFlight> = T extends InFlight
  ? Omit<T, "leaseExpiresAt">
  : never;

/** Why a token stopped naming an item in flight; named in the refusal of a later completion. */
export type RetiredReason =
  | "completed"
  | "abandoned"
  | "redelivered because its GetWorkItems stream ended"
  | "redelivered because its lease expired";

/** Who presents a token: the channel (peer address) of the completion call, when it came over the network. */
export interface CompletionCaller {
  channel?: string;
}

/** How many retired tokens are remembered for clearer refusals; older ones are simply unknown. */
const RETIRED_MEMORY = 10_000;

export class InFlightItems {
  private readonly items = new Map<string, InFlight>();
  private readonly retired = new Map<string, RetiredReason>();

  constructor(private readonly logger: Logger) {}

  get(token: string): InFlight | undefined {
    return this.items.get(token);
  }

  all(): IterableIterator<InFlight> {
    return this.items.values();
  }

  get size(): number {
    return this.items.size;
  }

  track(item: InFlight): void {
    if (this.items.has(item.token)) throw new Error("completion token minted twice");
    this.items.set(item.token, item);
    item.connection.tokens.add(item.token);
    item.connection.inFlight[item.kind]++;
  }

  /**
   * The in-flight item a completion (or abandon) names, or a refusal: NOT_FOUND for a token that names no item in
   * flight (unknown, or retired and why), FAILED_PRECONDITION for a token of another kind or presented over
   * another channel than the stream that received it.
   */
  take<K extends InFlight["kind"]>(
    hubName: string,
    token: string,
    kind: K,
    caller: CompletionCaller = {},
  ): Extract<InFlight, { kind: K }> {
    const item = this.items.get(token);
    if (!item || item.hub.name !== hubName) {
      const reason = item ? undefined : this.retired.get(token);
      this.logger.debug({ hub: hubName, kind, reason }, "refusing a completion token");
      throw engineErrors.notFound(
        reason === undefined
          ? `completionToken '${abbreviate(token)}' names no ${kind} work item in flight on task hub '${hubName}': a token is valid only for the one delivery it came with, until that item is completed, abandoned or its lease ends.`
          : `completionToken '${abbreviate(token)}' no longer names a work item in flight on task hub '${hubName}': the item was ${reason}; a token is valid only for the one delivery it came with.`,
      );
    }
    if (item.kind !== kind) {
      throw engineErrors.failedPrecondition(
        `completionToken '${abbreviate(token)}' names a ${item.kind} work item, not a ${kind} work item: complete it with the RPC of its kind.`,
      );
    }
    const channel = item.connection.options.channel;
    if (channel !== undefined && caller.channel !== channel) {
      this.logger.warn(
        { hub: hubName, kind, caller: caller.channel, connection: item.connection.id },
        "refusing a completion token presented over another channel",
      );
      throw engineErrors.failedPrecondition(
        `completionToken '${abbreviate(token)}' was issued to a GetWorkItems stream on another channel: a work item can be completed or abandoned only over the channel whose stream received it.`,
      );
    }
    return item as Extract<InFlight, { kind: K }>;
  }

  release(item: InFlight, reason: RetiredReason = "completed"): void {
    if (this.items.get(item.token) !== item) return;
    this.items.delete(item.token);
    this.retired.set(item.token, reason);
    if (this.retired.size > RETIRED_MEMORY) {
      const oldest = this.retired.keys().next().value;
      if (oldest !== undefined) this.retired.delete(oldest);
    }
    item.connection.tokens.delete(item.token);
    item.connection.inFlight[item.kind]--;
    if (item.kind !== "activity") item.hub.busy.delete(item.instanceId);
  }

  /** Forgets every item of a deleted hub (its streams are closed, so no completion can arrive). */
  dropHub(hub: HubState): void {
    for (const [token, item] of this.items) if (item.hub === hub) this.items.delete(token);
  }
}

/** Enough of a token to correlate logs and errors without echoing a secret in full. */
function abbreviate(token: string): string {
  return token.length > 12 ? `${token.slice(0, 8)}…` : token;
}
