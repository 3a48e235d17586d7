// Connected GetWorkItems streams (docs/reference/sidecar.md "Work-item dispatch"): per-stream caps, in-flight
// accounting and work item filters.
import type { pb } from "./proto";

export type WorkItemKind = "orchestration" | "activity" | "entity";
export const WORK_ITEM_KINDS: readonly WorkItemKind[] = ["orchestration", "activity", "entity"];

/** Parsed `WorkItemFilters`; a missing category means "everything", an empty list means "nothing". */
export interface WorkItemFilterSpec {
  orchestrations: { name: string; versions: string[] }[];
  activities: { name: string; versions: string[] }[];
  entities: { name: string }[];
}

export function parseWorkItemFilters(
  filters: pb.WorkItemFilters | undefined,
): WorkItemFilterSpec | undefined {
  if (!filters) return undefined;
  return {
    orchestrations: filters
      .getOrchestrationsList()
      .map((filter) => ({ name: filter.getName(), versions: filter.getVersionsList() })),
    activities: filters
      .getActivitiesList()
      .map((filter) => ({ name: filter.getName(), versions: filter.getVersionsList() })),
    entities: filters.getEntitiesList().map((filter) => ({ name: filter.getName() })),
  };
}

export function filterMatches(
  list: { name: string; versions?: string[] }[],
  name: string,
  version: string | null,
): boolean {
  return list.some(
    (filter) =>
      filter.name === name &&
      (!filter.versions ||
        filter.versions.length === 0 ||
        (version !== null && filter.versions.includes(version))),
  );
}

export interface WorkerConnectionOptions {
  hub: string;
  workerId: string;
  userAgent: string;
  maxConcurrent: Record<WorkItemKind, number>;
  filters?: WorkItemFilterSpec;
  /** Pushes one work item onto the stream (a message, or an already encoded WorkItem). */
  send(item: pb.WorkItem | Buffer): void;
  /** Ends the stream from the server side (its hub was deleted). */
  end?: () => void;
  /**
   * The channel the stream came over (the gRPC peer address: one HTTP/2 connection). When set, completions and
   * abandons of this stream's items are accepted only from the same channel.
   */
  channel?: string;
  /** Whether the transport still sees the worker (renews its leases); open streams count as alive by default. */
  isAlive?: () => boolean;
}

export class WorkerConnection {
  readonly inFlight: Record<WorkItemKind, number> = { orchestration: 0, activity: 0, entity: 0 };
  readonly tokens = new Set<string>();
  closed = false;

  constructor(
    readonly id: string,
    readonly connectedSince: number,
    readonly options: WorkerConnectionOptions,
  ) {}

  isAlive(): boolean {
    return !this.closed && (this.options.isAlive?.() ?? true);
  }

  hasCapacity(kind: WorkItemKind): boolean {
    return this.isAlive() && this.inFlight[kind] < this.options.maxConcurrent[kind];
  }

  accepts(kind: WorkItemKind, name: string, version: string | null): boolean {
    const filters = this.options.filters;
    if (!filters) return true;
    switch (kind) {
      case "orchestration":
        return filterMatches(filters.orchestrations, name, version);
      case "activity":
        return filterMatches(filters.activities, name, version);
      case "entity":
        return filterMatches(filters.entities, name, null);
      default: {
        const unreachable: never = kind;
        return unreachable;
      }
    }
  }
}
