// The autopurge loop: every scheduler's retention policy applied to all its hubs. It runs on an
// interval and right after a time skip (`clock.onAdvance`), purges in batches of `batchSize` instances and yields to
// the event loop after each batch so dispatch never stalls behind a large backlog, and logs what it deleted. History and instance go together: the engine's
// `purgeTerminal` deletes both in one store commit.
import type { Logger } from "pino";
import type { Clock } from "../clock";
import { purgeBatches, type RetentionEntry } from "./policy";

/** A task hub and the scheduler whose retention policy applies to it. */
export interface PurgeableHub {
  name: string;
  scheduler: string;
}

/** Where the retention policies come from (the control plane's registry). */
export interface RetentionPolicies {
  retentionOf(schedulerName: string): { entries: readonly RetentionEntry[] } | undefined;
}

export interface PurgeTarget {
  listHubs(): PurgeableHub[] | Promise<PurgeableHub[]>;
  /** Purges at most `limit` instances; fewer than `limit` means the backlog for this cut-off is gone. */
  purgeTerminal(
    hub: string,
    options: { statuses: number[]; completedBefore: number; limit: number },
  ): number;
}

export interface AutopurgeOptions {
  engine: PurgeTarget;
  controlPlane: RetentionPolicies;
  clock: Clock;
  logger?: Pick<Logger, "info" | "error">;
  /**
   * How often to sweep without a time skip. Azure keeps no strict schedule (docs/reference/retention.md); a minute is
   * plenty.
   */
  intervalMs?: number;
  /** Instances purged per engine call; the loop yields to the event loop between calls. */
  batchSize?: number;
}

export const DEFAULT_PURGE_BATCH_SIZE = 500;

export interface AutopurgeResult {
  /** hub → instances purged in this sweep. */
  purged: Record<string, number>;
  total: number;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Autopurge {
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private running: Promise<AutopurgeResult> | undefined;
  private queued: Promise<AutopurgeResult> | undefined;
  private closed = false;

  constructor(private readonly options: AutopurgeOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs ?? 60_000);
    this.timer.unref();
    this.unsubscribe = this.options.clock.onAdvance(() => void this.sweep());
  }

  /**
   * One pass over every hub. A request made while a pass is running gets a follow-up pass that starts after it
   * (concurrent requests share it), so after a time skip the caller always waits for a pass that saw the new time.
   */
  sweep(): Promise<AutopurgeResult> {
    if (this.running === undefined) {
      this.running = this.runSweep().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = undefined;
      return this.sweep();
    });
    return this.queued;
  }

  private async runSweep(): Promise<AutopurgeResult> {
    const purged: Record<string, number> = {};
    let total = 0;
    try {
      for (const hub of await this.options.engine.listHubs()) {
        const entries = this.options.controlPlane.retentionOf(hub.scheduler)?.entries;
        for (const batch of purgeBatches(entries, this.options.clock.now())) {
          const count = await this.purgeInBatches(hub.name, batch.statuses, batch.completedBefore);
          if (this.closed) return { purged, total };
          if (count > 0) {
            purged[hub.name] = (purged[hub.name] ?? 0) + count;
            total += count;
            this.options.logger?.info(
              { hub: hub.name, scheduler: hub.scheduler, purged: count, retentionDays: batch.days },
              "autopurge deleted terminal orchestrations",
            );
          }
        }
      }
    } catch (error) {
      this.options.logger?.error({ err: error }, "autopurge sweep failed");
    }
    return { purged, total };
  }

  /**
   * Purges one cut-off's backlog `batchSize` instances at a time, yielding to the event loop after every batch so
   * work-item dispatch and RPCs keep running however large the backlog is. Stops early on close.
   */
  private async purgeInBatches(
    hub: string,
    statuses: number[],
    completedBefore: number,
  ): Promise<number> {
    const limit = this.options.batchSize ?? DEFAULT_PURGE_BATCH_SIZE;
    let total = 0;
    while (!this.closed) {
      const count = this.options.engine.purgeTerminal(hub, { statuses, completedBefore, limit });
      total += count;
      await yieldToEventLoop();
      if (count < limit) break;
    }
    return total;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.unsubscribe?.();
    await this.running;
    await this.queued;
  }
}
