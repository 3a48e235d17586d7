// Orchestration instance rows and histories as the scheduler reads them: the hub's hot cache first, then the
// store. Non-terminal rows stay cached (they change with every step); terminal rows are read from the store on
// demand. Also the waiters of WaitForInstanceStart/Completion, woken whenever an instance changes.
import type { InstanceRow, Store } from "../store/store";
import { engineErrors } from "./errors";
import { decodeEvent } from "./events";
import type { CachedInstance, HubState } from "./hubState";
import type { InstanceRows } from "./ports";
import type { pb } from "./proto";
import { isTerminal } from "./status";

export class InstanceCache implements InstanceRows {
  constructor(
    private readonly store: Pick<Store, "getInstance" | "readHistory">,
    /** Whether the hub still exists: a waiter on a deleted hub resolves with "missing". */
    private readonly isLive: (hub: HubState) => boolean,
  ) {}

  row(hub: HubState, instanceId: string): InstanceRow | undefined {
    const cached = hub.instances.get(instanceId);
    if (cached) return cached.row;
    const row = this.store.getInstance(hub.name, instanceId);
    if (row && !isTerminal(row.status)) hub.instances.set(instanceId, { row });
    return row;
  }

  requireRow(hub: HubState, instanceId: string): InstanceRow {
    const row = this.row(hub, instanceId);
    if (!row)
      throw engineErrors.notFound(
        `orchestration instance '${instanceId}' was not found in task hub '${hub.name}'`,
      );
    return row;
  }

  loadHistory(hub: HubState, cached: CachedInstance): Uint8Array[] {
    if (!cached.history) cached.history = this.store.readHistory(hub.name, cached.row.instanceId);
    return cached.history;
  }

  /** History of an instance known to exist: the hot cache's bytes when present, else the store's. */
  committedHistory(hub: HubState, instanceId: string): pb.HistoryEvent[] {
    const cached = hub.instances.get(instanceId);
    if (cached?.history) return cached.history.map(decodeEvent);
    return this.store.readHistory(hub.name, instanceId).map(decodeEvent);
  }

  forgetInstance(hub: HubState, instanceId: string): void {
    hub.instances.delete(instanceId);
    hub.inboxes.delete(instanceId);
    hub.readyOrchestrations.delete(instanceId);
    hub.activities.removeWhere((activity) => activity.instanceId === instanceId);
  }

  notify(hub: HubState, instanceId: string): void {
    const waiters = hub.waiters.get(instanceId);
    if (waiters) for (const wake of [...waiters]) wake();
  }

  /** Resolves once `done(row)` holds (re-checked on every change), the instance is missing, or `signal` aborts. */
  waitFor(
    hub: HubState,
    instanceId: string,
    done: (row: InstanceRow) => boolean,
    signal: AbortSignal,
  ): Promise<InstanceRow | undefined> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (!this.isLive(hub)) {
          finish();
          resolve(undefined);
          return true;
        }
        const row = this.row(hub, instanceId);
        if (!row || done(row)) {
          finish();
          resolve(row);
          return true;
        }
        return false;
      };
      const onAbort = (): void => {
        finish();
        reject(signal.reason instanceof Error ? signal.reason : new Error("wait cancelled"));
      };
      const finish = (): void => {
        const set = hub.waiters.get(instanceId);
        set?.delete(wake);
        if (set && set.size === 0) hub.waiters.delete(instanceId);
        signal.removeEventListener("abort", onAbort);
      };
      const wake = (): void => {
        check();
      };
      if (check()) return;
      if (signal.aborted) return onAbort();
      let set = hub.waiters.get(instanceId);
      if (!set) hub.waiters.set(instanceId, (set = new Set()));
      set.add(wake);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }
}
