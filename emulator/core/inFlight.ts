// Work items handed to a worker stream and not yet completed or abandoned, keyed by completion token. A token
// names one delivery: a completion whose token is unknown, of another kind or of another hub is stale and ignored
// (docs/reference/sidecar.md, "Work items").
import type { Logger } from "pino";
import type { HubState, InboxMessage, QueuedActivity } from "./hubState";
import type { pb } from "./proto";
import type { WorkerConnection } from "./workers";

export interface OrchestrationInFlight {
  kind: "orchestration";
  token: string;
  hub: HubState;
  connection: WorkerConnection;
  instanceId: string;
  executionId: string;
  messages: InboxMessage[];
  newEvents: pb.HistoryEvent[];
  newEventBytes: Uint8Array[];
  partialActions: pb.OrchestratorAction[];
}

export interface ActivityInFlight {
  kind: "activity";
  token: string;
  hub: HubState;
  connection: WorkerConnection;
  activity: QueuedActivity;
}

export interface EntityInFlight {
  kind: "entity";
  token: string;
  hub: HubState;
  connection: WorkerConnection;
  instanceId: string;
  messages: InboxMessage[];
}

export type InFlight = OrchestrationInFlight | ActivityInFlight | EntityInFlight;

export class InFlightItems {
  private readonly items = new Map<string, InFlight>();
  private tokenSequence = 0;

  constructor(private readonly logger: Logger) {}

  /** A fresh completion token: `prefix` names the kind (o, a, e) so tokens read well in logs. */
  nextToken(prefix: string): string {
    return `${prefix}${++this.tokenSequence}`;
  }

  get(token: string): InFlight | undefined {
    return this.items.get(token);
  }

  track(item: InFlight): void {
    this.items.set(item.token, item);
    item.connection.tokens.add(item.token);
    item.connection.inFlight[item.kind]++;
  }

  /** Finds the in-flight item of a completion; unknown or mismatched tokens are stale and ignored. */
  take<K extends InFlight["kind"]>(
    hubName: string,
    token: string,
    kind: K,
  ): Extract<InFlight, { kind: K }> | undefined {
    const item = this.items.get(token);
    if (!item || item.kind !== kind || item.hub.name !== hubName) {
      this.logger.debug(
        { hub: hubName, token, kind },
        "ignoring stale or unknown completion token",
      );
      return undefined;
    }
    return item as Extract<InFlight, { kind: K }>;
  }

  release(item: InFlight): void {
    this.items.delete(item.token);
    item.connection.tokens.delete(item.token);
    item.connection.inFlight[item.kind]--;
    if (item.kind !== "activity") item.hub.busy.delete(item.instanceId);
  }

  /** Forgets every item of a deleted hub (its streams are closed, so no completion can arrive). */
  dropHub(hub: HubState): void {
    for (const [token, item] of this.items) if (item.hub === hub) this.items.delete(token);
  }
}
