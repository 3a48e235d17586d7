// Work-item leases. Every dispatched item holds a lease of `lockMs` (default 120 s: the lock the reference backend
// takes, microsoft/durabletask-go `backend/sqlite/sqlite.go`, `LockExpiration = now + 2 minutes`;
// docs/reference/sidecar.md "Work-item leases"). While the item's stream is open and its worker alive, the lease is
// renewed on every sweep; a worker that stops answering HTTP/2 keepalive has its connection closed by the gRPC
// server, which ends its stream and redelivers at once. A lease that runs out (its worker looks alive to nobody,
// or the Clock jumped past it) redelivers the item to another stream, and its token stops being valid.
// Time comes only from the injected Clock, so a time skip drives expiry like waiting would.
import type { Logger } from "pino";
import type { Clock } from "../clock";
import type { InFlight, InFlightItems } from "./inFlight";

/** The reference backends' lock duration (durabletask-go `backend/sqlite/sqlite.go`: 2 minutes). */
export const DEFAULT_WORK_ITEM_LOCK_MS = 120_000;

export interface WorkItemLeasesOptions {
  clock: Clock;
  logger: Logger;
  inFlight: InFlightItems;
  lockMs: number;
  /** Redelivers an item whose lease ran out (releases its token first). */
  expire(item: InFlight): void;
}

export class WorkItemLeases {
  /** Sweeps run this often while items are in flight: a lease ends at most a quarter of its length late. */
  private readonly sweepEveryMs: number;
  private cancelTimer: (() => void) | undefined;
  private readonly stopListening: () => void;
  private stopped = false;

  constructor(private readonly options: WorkItemLeasesOptions) {
    this.sweepEveryMs = Math.max(1, Math.floor(options.lockMs / 4));
    // A time skip is not evidence that any worker lived through the skipped span: check expiry, renew nothing.
    this.stopListening = options.clock.onAdvance(() => this.sweep(false));
  }

  get lockMs(): number {
    return this.options.lockMs;
  }

  /** The lease end of an item dispatched now. */
  leaseEnd(): number {
    return this.options.clock.now() + this.options.lockMs;
  }

  /** Called after an item is tracked: makes sure a sweep is armed. */
  arm(): void {
    if (this.cancelTimer || this.stopped) return;
    this.cancelTimer = this.options.clock.setTimer(this.sweepEveryMs, () => {
      this.cancelTimer = undefined;
      this.sweep();
    });
  }

  /** Expires what ran out, renews (if `renew`) what a live stream holds, and re-arms while anything is in flight. */
  sweep(renew = true): void {
    if (this.stopped) return;
    const now = this.options.clock.now();
    const expired: InFlight[] = [];
    for (const item of this.options.inFlight.all()) {
      if (now >= item.leaseExpiresAt) expired.push(item);
      else if (renew && item.connection.isAlive()) item.leaseExpiresAt = now + this.options.lockMs;
    }
    for (const item of expired) {
      this.options.logger.info(
        {
          hub: item.hub.name,
          kind: item.kind,
          connection: item.connection.id,
          workerId: item.connection.options.workerId,
          lockMs: this.options.lockMs,
        },
        "work item lease expired; redelivering it to another stream",
      );
      this.options.expire(item);
    }
    if (this.options.inFlight.size > 0) this.arm();
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.stopListening();
  }
}
