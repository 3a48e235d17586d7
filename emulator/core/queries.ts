// The engine's read side (docs/reference/sidecar.md "Queries and history"): instance query pages, ListInstanceIds
// pages and the dashboard's hub metrics. Pure functions of the store and a hub's hot state: they never change
// anything, which is why they live apart from dispatch and the client operations.
import type { InstanceFilter, InstanceRow, Store } from "../store/store";
import { engineErrors } from "./errors";
import type { HubState } from "./hubState";
import { WORK_ITEM_KINDS, type WorkItemKind } from "./workers";

export interface InstanceQuery extends InstanceFilter {
  pageSize?: number;
  continuationToken?: string;
}

export interface InstanceQueryResult {
  instances: InstanceRow[];
  continuationToken?: string;
  totalCount: number;
}

export interface WorkerInfo {
  workerId: string;
  userAgent: string;
  hub: string;
  connectedSince: number;
}

export interface HubMetrics {
  workers: WorkerInfo[];
  pending: Record<WorkItemKind, number>;
  inFlight: Record<WorkItemKind, number>;
  /** Oldest first, 15 entries: completed work items per minute. */
  completedPerMinute: { minute: number; count: number }[];
}

/** QueryInstances / dashboard list: one page (default 100, at most 1,000) with an offset token and the total. */
export function queryInstancePage(
  store: Store,
  hubName: string,
  query: InstanceQuery,
): InstanceQueryResult {
  const pageSize = query.pageSize && query.pageSize > 0 ? Math.min(query.pageSize, 1000) : 100;
  const offset = parseOffsetToken(query.continuationToken);
  const page = store.queryInstances(hubName, query, { offset, limit: pageSize });
  return {
    instances: page.rows,
    continuationToken: page.nextOffset === undefined ? undefined : String(page.nextOffset),
    totalCount: store.countInstances(hubName, query),
  };
}

/** ListInstanceIds: terminal instances by (completedTime, instanceId) after `lastInstanceKey`. */
export function listInstanceIdPage(
  store: Store,
  hubName: string,
  filter: InstanceFilter,
  pageSize: number,
  lastInstanceKey: string | undefined,
): { instanceIds: string[]; lastInstanceKey?: string } {
  let after: { completedAt: number; instanceId: string } | undefined;
  if (lastInstanceKey) {
    const separator = lastInstanceKey.indexOf("|");
    const completedAt = Number(lastInstanceKey.slice(0, separator));
    if (separator < 0 || !Number.isFinite(completedAt)) {
      throw engineErrors.invalidArgument(
        `lastInstanceKey "${lastInstanceKey}" is not a key returned by ListInstanceIds`,
      );
    }
    after = { completedAt, instanceId: lastInstanceKey.slice(separator + 1) };
  }
  const limit = pageSize > 0 ? Math.min(pageSize, 1000) : 100;
  const rows = store.listCompletedInstanceIds(hubName, filter, after, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    instanceIds: page.map((row) => row.instanceId),
    lastInstanceKey:
      rows.length > limit && last ? `${last.completedAt}|${last.instanceId}` : undefined,
  };
}

/** Dashboard metrics: workers, pending and in-flight work per kind, completions per minute (15 min). */
export function hubMetrics(hub: HubState, now: number): HubMetrics {
  const inFlight: Record<WorkItemKind, number> = { orchestration: 0, activity: 0, entity: 0 };
  for (const connection of hub.connections) {
    for (const kind of WORK_ITEM_KINDS) inFlight[kind] += connection.inFlight[kind];
  }
  const minute = Math.floor(now / 60_000);
  const completedPerMinute: HubMetrics["completedPerMinute"] = [];
  for (let index = 14; index >= 0; index--) {
    completedPerMinute.push({
      minute: (minute - index) * 60_000,
      count: hub.completedPerMinute.get(minute - index) ?? 0,
    });
  }
  return {
    workers: [...hub.connections].map((connection) => ({
      workerId: connection.options.workerId,
      userAgent: connection.options.userAgent,
      hub: hub.name,
      connectedSince: connection.connectedSince,
    })),
    pending: {
      orchestration: hub.readyOrchestrations.size,
      activity: hub.activities.length,
      entity: hub.readyEntities.size,
    },
    inFlight,
    completedPerMinute,
  };
}

function parseOffsetToken(token: string | undefined): number {
  if (!token) return 0;
  const offset = Number(token);
  if (!Number.isInteger(offset) || offset < 0) {
    throw engineErrors.invalidArgument(
      `continuationToken "${token}" is not a token returned by this query`,
    );
  }
  return offset;
}
