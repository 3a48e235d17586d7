// The narrow interfaces the scheduler's collaborators depend on. Each collaborator (client operations,
// completions, entities, purge) receives only the capabilities it uses, so a reader sees from its constructor what
// it can touch, and tests can hand it small fakes. The implementations are the engine's parts: InstanceCache
// (instances.ts), Dispatcher (dispatch.ts), InFlightItems (inFlight.ts) and HubRegistry (hubs.ts).
import type { InstanceRow, Store, StoreBatch } from "../store/store";
import type { CachedInstance, HubState, InboxMessage } from "./hubState";
import type { CompletionCaller, InFlight, NewInFlight, RetiredReason } from "./inFlight";
import type { OutgoingMessage } from "./step/types";
import type { pb } from "./proto";
import type { WorkerConnection, WorkItemKind } from "./workers";

/** Rows and histories of orchestration instances, hot cache first; and the waiters on them. */
export interface InstanceRows {
  row(hub: HubState, instanceId: string): InstanceRow | undefined;
  /** The row, or NOT_FOUND naming the instance and the hub. */
  requireRow(hub: HubState, instanceId: string): InstanceRow;
  /** History bytes of a cached instance, loaded from the store on first use. */
  loadHistory(hub: HubState, cached: CachedInstance): Uint8Array[];
  /** Decoded committed history of an instance known to exist. */
  committedHistory(hub: HubState, instanceId: string): pb.HistoryEvent[];
  /** Drops every piece of hot state of an instance (after a purge or a replacement). */
  forgetInstance(hub: HubState, instanceId: string): void;
  /** Wakes the waiters of an instance (WaitForInstance*) so they re-check its row. */
  notify(hub: HubState, instanceId: string): void;
}

/** Making messages dispatchable: persisting, queueing in memory and re-evaluating readiness. */
export interface Messaging {
  /** Persists messages (plus any extra batch parts) in one store commit and makes them dispatchable. */
  enqueue(hub: HubState, messages: OutgoingMessage[], extra?: StoreBatch): void;
  /** Queues an already persisted message in memory. */
  addMessage(hub: HubState, instanceId: string, message: InboxMessage): void;
  /** Re-evaluates whether an instance or entity has deliverable messages. */
  refresh(hub: HubState, instanceId: string): void;
  /** Runs a dispatch pass for the hub on the next turn of the event loop. */
  schedulePump(hub: HubState): void;
}

/** Work items in flight: tokens, completion lookup, release and redelivery. */
export interface WorkItems {
  /** A fresh, unguessable completion token (IdGenerator.completionToken). */
  nextToken(): string;
  /** Starts tracking a dispatched item; its lease starts now. */
  track(item: NewInFlight): void;
  /** The item a completion names, or a refusal naming the token rule (InFlightItems.take). */
  takeInFlight<K extends InFlight["kind"]>(
    hubName: string,
    token: string,
    kind: K,
    caller?: CompletionCaller,
  ): Extract<InFlight, { kind: K }>;
  releaseItem(item: InFlight, reason?: RetiredReason): void;
  /** Releases the item and makes its work deliverable again after `delayMs`. */
  requeue(item: InFlight, delayMs: number, reason?: RetiredReason): void;
  /** Abandon*: requeue with the delivery backoff. */
  abandon(hubName: string, token: string, kind: WorkItemKind, caller?: CompletionCaller): void;
}

/** The durable store, as far as the collaborators write and read it. */
export type StoreAccess = Pick<Store, "commit" | "queryInstances">;

/** Hub lookup by name: NOT_FOUND naming the hub when it does not exist. */
export interface HubLookup {
  hub(name: string): HubState;
}

/** Hands one entity's ready messages to a worker stream. */
export interface EntityDelivery {
  dispatch(hub: HubState, connection: WorkerConnection, entityId: string): void;
}
