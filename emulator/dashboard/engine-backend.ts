// DashboardReads over the core engine's query hooks. Pure translation: engine rows (epoch ms,
// proto status numbers, serialized protobuf) in, the dashboard's JSON shapes (ISO times, status names) out.
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import type { Engine } from "../core/engine";
import type { EntityRow, InstanceFilter, InstanceRow } from "../store/store";
import type {
  EntityPage,
  EntitySummary,
  HubMetrics,
  InstanceDetail,
  InstanceQuery,
  InstanceSummary,
  RuntimeStatus,
} from "./api-types";
import type { DashboardReads } from "./backend";
import { failureDetailsToView, historyEventToView } from "./history-view";
import { InvalidInputError } from "./query-params";
import { buildTimeline } from "./timeline";

const Status = pb.OrchestrationStatus;

export function statusName(status: number): RuntimeStatus {
  switch (status as pb.OrchestrationStatus) {
    case Status.ORCHESTRATION_STATUS_RUNNING:
      return "Running";
    case Status.ORCHESTRATION_STATUS_COMPLETED:
      return "Completed";
    case Status.ORCHESTRATION_STATUS_CONTINUED_AS_NEW:
      return "ContinuedAsNew";
    case Status.ORCHESTRATION_STATUS_FAILED:
      return "Failed";
    case Status.ORCHESTRATION_STATUS_CANCELED:
      return "Canceled";
    case Status.ORCHESTRATION_STATUS_TERMINATED:
      return "Terminated";
    case Status.ORCHESTRATION_STATUS_PENDING:
      return "Pending";
    case Status.ORCHESTRATION_STATUS_SUSPENDED:
      return "Suspended";
  }
}

export function statusNumber(status: RuntimeStatus): number {
  switch (status) {
    case "Running":
      return Status.ORCHESTRATION_STATUS_RUNNING;
    case "Completed":
      return Status.ORCHESTRATION_STATUS_COMPLETED;
    case "ContinuedAsNew":
      return Status.ORCHESTRATION_STATUS_CONTINUED_AS_NEW;
    case "Failed":
      return Status.ORCHESTRATION_STATUS_FAILED;
    case "Canceled":
      return Status.ORCHESTRATION_STATUS_CANCELED;
    case "Terminated":
      return Status.ORCHESTRATION_STATUS_TERMINATED;
    case "Pending":
      return Status.ORCHESTRATION_STATUS_PENDING;
    case "Suspended":
      return Status.ORCHESTRATION_STATUS_SUSPENDED;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Continuation tokens are row counts this API handed out; anything else is refused, naming the value. */
export function parseSkipToken(token: string | undefined): number {
  if (token === undefined || token === "") return 0;
  const skip = Number(token);
  if (!Number.isInteger(skip) || skip < 0) {
    throw new InvalidInputError(
      `token: '${token}' is not a continuation token returned by this API`,
    );
  }
  return skip;
}

/** The engine's filter for a dashboard query (created-to is exclusive in the store, as the UI's "to" means). */
export function toInstanceFilter(query: InstanceQuery): InstanceFilter {
  const filter: InstanceFilter = {};
  if (query.name) filter.name = query.name;
  if (query.statuses?.length) filter.statuses = query.statuses.map(statusNumber);
  if (query.tag) filter.tag = query.tag;
  if (query.createdFrom) filter.createdFrom = Date.parse(query.createdFrom);
  if (query.createdTo) filter.createdTo = Date.parse(query.createdTo);
  if (query.instanceIdPrefix) filter.instanceIdPrefix = query.instanceIdPrefix;
  if (query.search) filter.text = query.search;
  return filter;
}

export function toInstanceSummary(row: InstanceRow): InstanceSummary {
  return {
    instanceId: row.instanceId,
    name: row.name,
    ...(row.version ? { version: row.version } : {}),
    status: statusName(row.status),
    createdAt: iso(row.createdAt),
    lastUpdatedAt: iso(row.lastUpdatedAt),
    ...(row.completedAt !== null ? { completedAt: iso(row.completedAt) } : {}),
    ...(row.scheduledStartAt !== null ? { scheduledStartAt: iso(row.scheduledStartAt) } : {}),
    ...(row.parentInstanceId ? { parentInstanceId: row.parentInstanceId } : {}),
    tags: row.tags ?? {},
  };
}

/** "@counter@c1" → name "counter", key "c1" (entity instance ids: docs/reference/sidecar.md "Entities"). */
export function splitEntityId(entityId: string): { name: string; key: string } {
  const end = entityId.indexOf("@", 1);
  return end < 0
    ? { name: entityId.slice(1), key: "" }
    : { name: entityId.slice(1, end), key: entityId.slice(end + 1) };
}

function toEntitySummary(row: EntityRow): EntitySummary {
  return {
    entityId: row.instanceId,
    ...splitEntityId(row.instanceId),
    ...(row.state !== null ? { state: row.state } : {}),
    ...(row.lockedBy ? { lockedBy: row.lockedBy } : {}),
    lastModifiedAt: iso(row.lastModifiedAt),
  };
}

export function createEngineReads(engine: Engine): DashboardReads {
  return {
    listHubs: () =>
      engine
        .listHubs()
        .map((hub) => {
          const count = (status?: RuntimeStatus) =>
            engine.store.countInstances(
              hub.name,
              status ? { statuses: [statusNumber(status)] } : {},
            );
          return {
            name: hub.name,
            scheduler: hub.scheduler,
            createdAt: iso(hub.createdAt),
            counts: {
              total: count(),
              running: count("Running"),
              pending: count("Pending"),
              suspended: count("Suspended"),
              failed: count("Failed"),
            },
          };
        })
        .sort((a, b) => a.scheduler.localeCompare(b.scheduler) || a.name.localeCompare(b.name)),

    queryInstances(hub, query) {
      // The store pages by (created, id) ascending with an offset (store.ts); newest-first pages are the same
      // index read from the other end. The token is the number of rows already shown in the chosen order.
      const hubName = engine.hub(hub).name;
      const filter = toInstanceFilter(query);
      const skip = parseSkipToken(query.continuationToken);
      const total = engine.store.countInstances(hubName, filter);
      const offset = query.order === "oldest" ? skip : Math.max(0, total - skip - query.pageSize);
      const limit = query.order === "oldest" ? query.pageSize : Math.max(0, total - skip - offset);
      const rows =
        limit === 0 ? [] : engine.store.queryInstances(hubName, filter, { offset, limit }).rows;
      const ordered = query.order === "oldest" ? rows : [...rows].reverse();
      const shown = skip + ordered.length;
      return {
        instances: ordered.map(toInstanceSummary),
        total,
        ...(shown < total && ordered.length > 0 ? { continuationToken: String(shown) } : {}),
      };
    },

    getInstance(hub, instanceId) {
      const detail = engine.instanceDetail(hub, instanceId);
      if (!detail) return undefined;
      const { instance } = detail;
      const history = detail.history.map((event) => historyEventToView(event));
      const view: InstanceDetail = {
        ...toInstanceSummary(instance),
        executionId: instance.executionId,
        ...(instance.input !== null ? { input: instance.input } : {}),
        ...(instance.output !== null ? { output: instance.output } : {}),
        ...(instance.customStatus !== null ? { customStatus: instance.customStatus } : {}),
        ...(instance.failureDetails
          ? { failure: failureDetailsToView(instance.failureDetails) }
          : {}),
        history,
        timeline: buildTimeline(history),
      };
      return view;
    },

    listEntities(hub, query) {
      const offset = Number(query.continuationToken ?? 0) || 0;
      const all = [...engine.hub(hub).entities.values()]
        .filter(
          (row) =>
            !query.namePrefix || splitEntityId(row.instanceId).name.startsWith(query.namePrefix),
        )
        .sort((a, b) => a.instanceId.localeCompare(b.instanceId));
      const page: EntityPage = {
        entities: all.slice(offset, offset + query.pageSize).map(toEntitySummary),
        total: all.length,
      };
      if (offset + query.pageSize < all.length)
        page.continuationToken = String(offset + query.pageSize);
      return page;
    },

    metrics(hub): HubMetrics {
      const metrics = engine.metrics(hub);
      return {
        workers: metrics.workers.map((worker) => ({
          ...worker,
          connectedSince: iso(worker.connectedSince),
        })),
        pending: metrics.pending,
        inFlight: metrics.inFlight,
        throughput: metrics.completedPerMinute.map((minute) => ({
          minute: iso(minute.minute),
          completed: minute.count,
        })),
      };
    },
  };
}
