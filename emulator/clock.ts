// The emulator's single source of time. Everything that compares against "now" (timers, retention, status
// timestamps) reads it from a Clock, so that `--time-skipping` (issue 5 §8) can move time forward for all of it.
import { EventEmitter } from "node:events";

export interface Clock {
  /** Milliseconds since the Unix epoch, as the emulator sees it. */
  now(): number;
  /** Called after the clock jumps forward, so that waiters (the timer heap, retention) re-check what is due. */
  onAdvance(listener: (now: number) => void): () => void;
}

/** Wall-clock time; never jumps. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
  onAdvance(): () => void {
    return () => undefined;
  }
}

/** Wall-clock time plus an offset that only grows: `advance()` skips ahead, as Temporal's test server does. */
export class SkippableClock implements Clock {
  private offsetMs = 0;
  private readonly events = new EventEmitter();

  now(): number {
    return Date.now() + this.offsetMs;
  }

  onAdvance(listener: (now: number) => void): () => void {
    this.events.on("advance", listener);
    return () => this.events.off("advance", listener);
  }

  /** Moves the clock forward by `ms` milliseconds and notifies listeners; returns the new time. */
  advance(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`advance: expected a non-negative number of milliseconds, got ${ms}`);
    }
    this.offsetMs += ms;
    const now = this.now();
    this.events.emit("advance", now);
    return now;
  }
}
