// The emulator's single source of time. Everything that compares against "now" or waits for a later instant
// (timers, abandon backoff, retention, status timestamps) goes through a Clock, so that `--time-skipping` can move
// time forward for all of it (docs/control-plane.md, `--time-skipping`).
import { EventEmitter } from "node:events";

export interface Clock {
  /** Milliseconds since the Unix epoch, as the emulator sees it. */
  now(): number;
  /** Called after the clock jumps forward, so that waiters (the timer heap, retention) re-check what is due. */
  onAdvance(listener: (now: number) => void): () => void;
  /**
   * Calls `callback` once, after at most `delayMs` of wall time (it never keeps the process alive); returns a
   * function that cancels it. A clock that jumps forward also notifies `onAdvance` listeners, which is how waiters
   * learn that their instant came early.
   */
  setTimer(delayMs: number, callback: () => void): () => void;
}

function wallTimer(delayMs: number, callback: () => void): () => void {
  const handle = setTimeout(callback, delayMs);
  handle.unref();
  return () => clearTimeout(handle);
}

/** Wall-clock time; never jumps. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }
  onAdvance(): () => void {
    return () => undefined;
  }
  setTimer(delayMs: number, callback: () => void): () => void {
    return wallTimer(delayMs, callback);
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

  setTimer(delayMs: number, callback: () => void): () => void {
    return wallTimer(delayMs, callback);
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
