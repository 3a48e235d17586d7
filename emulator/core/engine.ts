// The scheduler's facade: task hubs, client operations, work item dispatch and completion, queries and purging, as
// the gRPC handlers, the ARM control plane, retention and the dashboard call them. The parts live apart by
// concern: hub lifecycle (hubs.ts), instance rows and waiters (instances.ts), readiness and timers (readiness.ts),
// dispatch, in-flight items and their leases (dispatch.ts, inFlight.ts, leases.ts), start-up recovery
// (recovery.ts), client operations (clientOperations.ts), completions (completions.ts), entities (entities.ts),
// purging (purge.ts) and the read side (queries.ts). This file only wires them together. Durable state lives in the Store; the parts keep only hot
// dispatch state (HubState) that is rebuilt at start-up. Every step that changes durable state is ONE
// Store.commit.
import type { Logger } from "pino";
import type { Clock } from "../clock";
import { randomIds, type IdGenerator } from "../ids";
import type { EntityRow, HubRow, InstanceFilter, InstanceRow, Store } from "../store/store";
import {
  ClientOperations,
  type PreparedStart,
  type StartOrchestrationArgs,
} from "./clientOperations";
import { WorkItemCompletions } from "./completions";
import { Dispatcher } from "./dispatch";
import { EntityDispatcher } from "./entities";
import type { HubState } from "./hubState";
import { HubRegistry } from "./hubs";
import { InFlightItems, type CompletionCaller } from "./inFlight";
import { InstanceCache } from "./instances";
import { DEFAULT_WORK_ITEM_LOCK_MS, WorkItemLeases } from "./leases";
import type { pb } from "./proto";
import { InstancePurger } from "./purge";
import {
  hubMetrics,
  listInstanceIdPage,
  queryInstancePage,
  type HubMetrics,
  type InstanceQuery,
  type InstanceQueryResult,
} from "./queries";
import { Readiness } from "./readiness";
import { recoverHotState } from "./recovery";
import type { WorkerConnection, WorkItemKind, WorkerConnectionOptions } from "./workers";

export interface EngineOptions {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Where execution, instance and request ids come from; random UUID-derived ids by default. */
  ids?: IdGenerator;
  /** How long a dispatched work item stays locked to its stream without renewal (leases.ts). @default 120000 */
  workItemLockMs?: number;
}

export { HUB_NAME_PATTERN } from "./hubs";
export type { CompletionCaller, EntityInFlight, InFlight, OrchestrationInFlight } from "./inFlight";
export { DEFAULT_WORK_ITEM_LOCK_MS } from "./leases";
export type { HubMetrics, InstanceQuery, InstanceQueryResult, WorkerInfo } from "./queries";
export type { PreparedStart, StartOrchestrationArgs } from "./clientOperations";
export { validateReusePolicy } from "./clientOperations";

export class Engine {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly entities: EntityDispatcher;
  private readonly hubs: HubRegistry;
  private readonly instances: InstanceCache;
  private readonly inFlight: InFlightItems;
  private readonly leases: WorkItemLeases;
  private readonly readiness: Readiness;
  private readonly dispatcher: Dispatcher;
  private readonly purger: InstancePurger;
  private readonly operations: ClientOperations;
  private readonly completions: WorkItemCompletions;

  constructor(options: EngineOptions) {
    const { store, clock, logger } = options;
    const ids = options.ids ?? randomIds;
    this.store = store;
    this.clock = clock;
    this.logger = logger;
    const hubs = (this.hubs = new HubRegistry(store, clock, logger));
    const find = (name: string): HubState | undefined => hubs.find(name);
    const instances = (this.instances = new InstanceCache(store, (hub) => hubs.has(hub.name)));
    this.inFlight = new InFlightItems(logger);
    this.leases = new WorkItemLeases({
      clock,
      logger,
      inFlight: this.inFlight,
      lockMs: options.workItemLockMs ?? DEFAULT_WORK_ITEM_LOCK_MS,
      expire: (item) => this.dispatcher.requeue(item, 0, "redelivered because its lease expired"),
    });
    this.readiness = new Readiness(clock, find, (hub) => this.dispatcher.schedulePump(hub));
    const dispatcher = (this.dispatcher = new Dispatcher({
      store,
      clock,
      ids,
      logger,
      hubs,
      instances,
      readiness: this.readiness,
      inFlight: this.inFlight,
      leases: this.leases,
      entities: { dispatch: (hub, connection, id) => this.entities.dispatch(hub, connection, id) },
    }));
    const common = { store, clock, ids, logger, instances, messaging: dispatcher };
    this.operations = new ClientOperations(common);
    this.entities = new EntityDispatcher({
      ...common,
      hubs,
      workItems: dispatcher,
      starts: this.operations,
    });
    this.purger = new InstancePurger({ store, instances, entities: this.entities });
    this.completions = new WorkItemCompletions({
      ...common,
      workItems: dispatcher,
      operations: this.operations,
    });
    recoverHotState(store, find, hubs.all(), dispatcher, logger);
  }

  // ---------------------------------------------------------------- hubs

  createHub(name: string, options: { scheduler?: string } = {}): HubRow {
    return this.hubs.create(name, options);
  }

  /** Deletes the hub with all its orchestrations and entities; returns false if it did not exist. */
  deleteHub(name: string): boolean {
    const hub = this.hubs.delete(name);
    if (!hub) return false;
    for (const connection of hub.connections) {
      connection.closed = true;
      connection.options.end?.();
    }
    this.inFlight.dropHub(hub);
    this.readiness.removeHub(name);
    for (const waiters of hub.waiters.values()) for (const wake of waiters) wake();
    this.logger.info({ hub: name }, "task hub deleted");
    return true;
  }

  getHub(name: string): HubRow | undefined {
    return this.hubs.get(name);
  }

  listHubs(scheduler?: string): HubRow[] {
    return this.hubs.list(scheduler);
  }

  /** The hub state, or NOT_FOUND naming the hub. */
  hub(name: string): HubState {
    return this.hubs.hub(name);
  }

  // ---------------------------------------------------------------- client operations

  startOrchestration(hubName: string, args: StartOrchestrationArgs): string {
    return this.operations.startOrchestration(this.hub(hubName), args);
  }

  /** See ClientOperations.prepareStart: a validated, uncommitted start (entity batches fold it into theirs). */
  prepareStart(hub: HubState, args: StartOrchestrationArgs, claimed?: Set<string>): PreparedStart {
    return this.operations.prepareStart(hub, args, claimed);
  }

  /** RaiseEvent: queued even before the instance starts; dropped for terminal instances. */
  raiseEvent(hubName: string, instanceId: string, name: string, input: string | undefined): void {
    this.operations.raiseEvent(this.hub(hubName), instanceId, name, input);
  }

  terminate(
    hubName: string,
    instanceId: string,
    output: string | undefined,
    recursive: boolean,
  ): void {
    this.operations.terminate(this.hub(hubName), instanceId, output, recursive);
  }

  suspend(hubName: string, instanceId: string, reason: string | undefined): void {
    this.operations.suspend(this.hub(hubName), instanceId, reason);
  }

  resume(hubName: string, instanceId: string, reason: string | undefined): void {
    this.operations.resume(this.hub(hubName), instanceId, reason);
  }

  /** RestartInstance: re-create with the original name, input and version; PENDING before returning. */
  restart(hubName: string, instanceId: string, withNewInstanceId: boolean): string {
    return this.operations.restart(this.hub(hubName), instanceId, withNewInstanceId);
  }

  /** RewindInstance: RUNNING before returning, then [OrchestratorStarted, ExecutionRewound] is dispatched. */
  rewind(hubName: string, instanceId: string, reason: string | undefined): void {
    this.operations.rewind(this.hub(hubName), instanceId, reason);
  }

  /** SkipGracefulOrchestrationTerminations: see ClientOperations.forceTerminate. */
  forceTerminate(hubName: string, instanceId: string, reason: string | undefined): boolean {
    return this.operations.forceTerminate(this.hub(hubName), instanceId, reason);
  }

  getInstance(hubName: string, instanceId: string): InstanceRow | undefined {
    return this.instances.row(this.hub(hubName), instanceId);
  }

  /** Committed history of the current execution (StreamInstanceHistory, dashboard detail). */
  getHistory(hubName: string, instanceId: string): pb.HistoryEvent[] | undefined {
    const hub = this.hub(hubName);
    if (!this.instances.row(hub, instanceId)) return undefined;
    return this.instances.committedHistory(hub, instanceId);
  }

  /** Resolves once `done(row)` holds (re-checked on every change), the instance is missing, or `signal` aborts. */
  waitForInstance(
    hubName: string,
    instanceId: string,
    done: (row: InstanceRow) => boolean,
    signal: AbortSignal,
  ): Promise<InstanceRow | undefined> {
    return this.instances.waitFor(this.hub(hubName), instanceId, done, signal);
  }

  // ---------------------------------------------------------------- queries, purge

  queryInstances(hubName: string, query: InstanceQuery): InstanceQueryResult {
    return queryInstancePage(this.store, this.hub(hubName).name, query);
  }

  /** ListInstanceIds: terminal instances by (completedTime, instanceId) after `lastInstanceKey`. */
  listInstanceIds(
    hubName: string,
    filter: InstanceFilter,
    pageSize: number,
    lastInstanceKey: string | undefined,
  ): { instanceIds: string[]; lastInstanceKey?: string } {
    return listInstanceIdPage(
      this.store,
      this.hub(hubName).name,
      filter,
      pageSize,
      lastInstanceKey,
    );
  }

  /** Purges one terminal instance (and, if `recursive`, its sub-orchestrations); returns the count purged. */
  purgeInstance(hubName: string, instanceId: string, recursive: boolean): number {
    return this.purger.purgeInstance(this.hub(hubName), instanceId, recursive);
  }

  purgeByFilter(hubName: string, filter: InstanceFilter, recursive: boolean): number {
    return this.purger.purgeByFilter(this.hub(hubName), filter, recursive);
  }

  /**
   * Retention: purge instances of `statuses` that became terminal before `completedBefore`; with `limit`, at most
   * that many per call (see InstancePurger.purgeTerminal).
   */
  purgeTerminal(
    hubName: string,
    options: { statuses: number[]; completedBefore: number; limit?: number },
  ): number {
    return this.purger.purgeTerminal(this.hub(hubName), options);
  }

  /** Dashboard: state plus full history. */
  instanceDetail(
    hubName: string,
    instanceId: string,
  ): { instance: InstanceRow; history: pb.HistoryEvent[] } | undefined {
    // One row lookup: for a terminal (uncached) instance, getInstance + getHistory would read the row twice.
    const hub = this.hub(hubName);
    const instance = this.instances.row(hub, instanceId);
    if (!instance) return undefined;
    return { instance, history: this.instances.committedHistory(hub, instanceId) };
  }

  metrics(hubName: string): HubMetrics {
    return hubMetrics(this.hub(hubName), this.clock.now());
  }

  // ---------------------------------------------------------------- worker streams

  connectWorker(options: WorkerConnectionOptions): WorkerConnection {
    return this.dispatcher.connectWorker(options);
  }

  /** Stream ended: every item still in flight on it is re-queued. */
  disconnectWorker(connection: WorkerConnection): void {
    this.dispatcher.disconnectWorker(connection);
  }

  /** How long a work item stays locked to its stream without renewal. */
  get workItemLockMs(): number {
    return this.leases.lockMs;
  }

  /**
   * Abandon*: re-queue with a linear backoff of one second per delivery, capped at 5 minutes. The token rules of
   * completions apply (InFlightItems.take).
   */
  abandon(hubName: string, token: string, kind: WorkItemKind, caller?: CompletionCaller): void {
    this.dispatcher.abandon(hubName, token, kind, caller);
  }

  /** CompleteOrchestratorTask: see WorkItemCompletions.completeOrchestration. */
  completeOrchestration(
    hubName: string,
    response: pb.OrchestratorResponse,
    caller?: CompletionCaller,
  ): void {
    this.completions.completeOrchestration(hubName, response, caller);
  }

  /** CompleteActivityTask: see WorkItemCompletions.completeActivity. */
  completeActivity(
    hubName: string,
    response: pb.ActivityResponse,
    caller?: CompletionCaller,
  ): void {
    this.completions.completeActivity(hubName, response, caller);
  }

  entityRow(hub: HubState, entityId: string): EntityRow | undefined {
    return hub.entities.get(entityId);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Stops timers and pumps; in-flight items are simply forgotten (they are re-queued from the store next start). */
  stop(): void {
    this.dispatcher.stop();
    this.leases.stop();
    this.readiness.stop();
    for (const hub of this.hubs.all()) {
      for (const waiters of hub.waiters.values()) for (const wake of waiters) wake();
    }
  }
}
