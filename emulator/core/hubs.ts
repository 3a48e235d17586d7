// Task hub lifecycle: create, delete, look up. The hub rows are durable (Store); each live hub has one HubState
// with its hot dispatch state.
import type { Logger } from "pino";
import type { Clock } from "../clock";
import type { HubRow, Store } from "../store/store";
import { engineErrors } from "./errors";
import { HubState } from "./hubState";
import type { HubLookup } from "./ports";

/** Hub names: letters, digits and hyphens, 1–64 characters (docs/reference/limits.md "Scheduler and task hub quotas"). */
export const HUB_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

export class HubRegistry implements HubLookup {
  private readonly hubs = new Map<string, HubState>();

  constructor(
    private readonly store: Pick<Store, "listHubs" | "insertHub" | "deleteHub">,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    for (const row of this.store.listHubs()) {
      this.hubs.set(row.name, new HubState(row.name, row.scheduler, row.createdAt));
    }
  }

  create(name: string, options: { scheduler?: string } = {}): HubRow {
    if (!HUB_NAME_PATTERN.test(name)) {
      throw engineErrors.invalidArgument(
        `task hub name "${name}" is invalid: expected 1–64 letters, digits or hyphens, starting with a letter or digit`,
      );
    }
    if (this.hubs.has(name)) throw engineErrors.alreadyExists(`task hub '${name}' already exists`);
    const row: HubRow = {
      name,
      scheduler: options.scheduler ?? "emulator",
      createdAt: this.clock.now(),
    };
    this.store.insertHub(row);
    this.hubs.set(name, new HubState(row.name, row.scheduler, row.createdAt));
    this.logger.info({ hub: name, scheduler: row.scheduler }, "task hub created");
    return row;
  }

  /** Deletes the hub row and forgets its state; returns the removed state, undefined if it did not exist. */
  delete(name: string): HubState | undefined {
    const hub = this.hubs.get(name);
    if (!hub) return undefined;
    this.store.deleteHub(name);
    this.hubs.delete(name);
    return hub;
  }

  get(name: string): HubRow | undefined {
    const hub = this.hubs.get(name);
    return hub ? { name: hub.name, scheduler: hub.scheduler, createdAt: hub.createdAt } : undefined;
  }

  list(scheduler?: string): HubRow[] {
    return [...this.hubs.values()]
      .filter((hub) => scheduler === undefined || hub.scheduler === scheduler)
      .map((hub) => ({ name: hub.name, scheduler: hub.scheduler, createdAt: hub.createdAt }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** The hub state, or NOT_FOUND naming the hub. */
  hub(name: string): HubState {
    const hub = this.hubs.get(name);
    if (!hub) throw engineErrors.notFound(`task hub '${name}' was not found`);
    return hub;
  }

  /** The hub state, or undefined. */
  find(name: string): HubState | undefined {
    return this.hubs.get(name);
  }

  has(name: string): boolean {
    return this.hubs.has(name);
  }

  all(): IterableIterator<HubState> {
    return this.hubs.values();
  }
}
