// Purging terminal instances (PurgeInstances, and autopurge retention: docs/reference/retention.md): history and
// instance go together in one store commit per batch, and only terminal instances are ever purged. Entities purge
// through the entity dispatcher.
import type { InstanceFilter, Store } from "../store/store";
import type { EntityDispatcher } from "./entities";
import { engineErrors } from "./errors";
import type { HubState } from "./hubState";
import type { InstanceRows } from "./ports";
import { TERMINAL_STATUSES, isTerminal } from "./status";

const PURGE_PAGE_SIZE = 500;

/** What purging uses: store commits and instance queries, instance rows, and the entity purge. */
export interface InstancePurgerDeps {
  store: Pick<Store, "commit" | "queryInstances">;
  instances: Pick<InstanceRows, "row" | "committedHistory" | "forgetInstance" | "notify">;
  entities: Pick<EntityDispatcher, "purge">;
}

export class InstancePurger {
  constructor(private readonly deps: InstancePurgerDeps) {}

  /** Purges one terminal instance (and, if `recursive`, its sub-orchestrations); returns the count purged. */
  purgeInstance(hub: HubState, instanceId: string, recursive: boolean): number {
    if (instanceId.startsWith("@")) return this.deps.entities.purge(hub, instanceId);
    const ids = this.collectPurgeable(hub, instanceId, recursive, new Set());
    this.deleteInstances(hub, ids);
    return ids.length;
  }

  purgeByFilter(hub: HubState, filter: InstanceFilter, recursive: boolean): number {
    const statuses = (
      filter.statuses && filter.statuses.length > 0 ? filter.statuses : TERMINAL_STATUSES
    ).filter(isTerminal);
    if (statuses.length === 0) return 0;
    let purged = 0;
    for (;;) {
      const page = this.deps.store.queryInstances(
        hub.name,
        { ...filter, statuses },
        { offset: 0, limit: PURGE_PAGE_SIZE },
      );
      if (page.rows.length === 0) break;
      const ids = new Set<string>();
      for (const row of page.rows) this.collectPurgeable(hub, row.instanceId, recursive, ids);
      const list = [...ids];
      this.deleteInstances(hub, list);
      purged += list.length;
      if (!page.nextOffset) break;
    }
    return purged;
  }

  /**
   * Retention hook (docs/reference/retention.md): purge instances of `statuses` that became terminal before
   * `completedBefore`. With `limit`, at most that many are purged in this call (one store commit), so the retention
   * loop can purge a large backlog in batches and let dispatch run between them; a return value below `limit` means
   * nothing older is left.
   */
  purgeTerminal(
    hub: HubState,
    options: { statuses: number[]; completedBefore: number; limit?: number },
  ): number {
    const filter = { statuses: options.statuses, completedTo: options.completedBefore };
    if (options.limit === undefined) return this.purgeByFilter(hub, filter, false);
    if (!Number.isInteger(options.limit) || options.limit < 1) {
      throw engineErrors.invalidArgument(
        `limit ${options.limit} is invalid: expected a positive integer`,
      );
    }
    const statuses = options.statuses.filter(isTerminal);
    if (statuses.length === 0) return 0;
    const page = this.deps.store.queryInstances(
      hub.name,
      { ...filter, statuses },
      { offset: 0, limit: options.limit },
    );
    const ids = page.rows.map((row) => row.instanceId);
    this.deleteInstances(hub, ids);
    return ids.length;
  }

  private collectPurgeable(
    hub: HubState,
    instanceId: string,
    recursive: boolean,
    into: Set<string>,
  ): string[] {
    const row = this.deps.instances.row(hub, instanceId);
    if (!row || !isTerminal(row.status) || into.has(instanceId)) return [...into];
    into.add(instanceId);
    if (recursive) {
      for (const event of this.deps.instances.committedHistory(hub, instanceId)) {
        const created = event.getSuborchestrationinstancecreated();
        if (created) this.collectPurgeable(hub, created.getInstanceid(), true, into);
      }
    }
    return [...into];
  }

  private deleteInstances(hub: HubState, ids: string[]): void {
    if (ids.length === 0) return;
    this.deps.store.commit({
      deleteInstances: ids.map((instanceId) => ({ hub: hub.name, instanceId })),
    });
    for (const id of ids) {
      this.deps.instances.forgetInstance(hub, id);
      this.deps.instances.notify(hub, id);
    }
  }
}
