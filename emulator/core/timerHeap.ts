// A binary min-heap of due times: timers, scheduled starts and abandon backoff all make an inbox message visible
// at some future instant; Readiness arms one wake-up for the earliest (docs/reference/sidecar.md "Actions and
// their effects").
import type { QueuedActivity } from "./hubState";

export interface TimerEntry {
  dueAt: number;
  hub: string;
  instanceId: string;
  /** An abandoned activity that goes back to the hub's activity queue at `dueAt` (instead of a readiness check). */
  activity?: QueuedActivity;
}

export class TimerHeap {
  private readonly items: TimerEntry[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): TimerEntry | undefined {
    return this.items[0];
  }

  push(entry: TimerEntry): void {
    const items = this.items;
    items.push(entry);
    let index = items.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (items[parent]!.dueAt <= entry.dueAt) break;
      items[index] = items[parent]!;
      index = parent;
    }
    items[index] = entry;
  }

  pop(): TimerEntry | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || !last) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child = right < items.length && items[right]!.dueAt < items[left]!.dueAt ? right : left;
      if (items[child]!.dueAt >= last.dueAt) break;
      items[index] = items[child]!;
      index = child;
    }
    items[index] = last;
    return top;
  }

  /** Removes every entry of a hub (hub deletion). */
  removeHub(hub: string): void {
    const kept = this.items.filter((entry) => entry.hub !== hub);
    this.items.length = 0;
    for (const entry of kept) this.push(entry);
  }
}
