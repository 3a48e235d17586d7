// Readiness and timers: which instances and entities have a deliverable message now, and a wake-up for the ones
// whose next message becomes visible later (durable timers, scheduled starts, abandon backoff), and abandoned
// activities waiting for their redelivery. One timer heap for all of them; the earliest entry is armed on the
// Clock, and a clock advance (time skipping) fires everything now due.
import type { Clock } from "../clock";
import { hasDeliverableEntityMessage } from "./entityLocks";
import type { HubState, QueuedActivity } from "./hubState";
import { TimerHeap } from "./timerHeap";

const MAX_TIMER_DELAY_MS = 60 * 60 * 1000;

export class Readiness {
  private readonly timers = new TimerHeap();
  private cancelTimer: (() => void) | undefined;
  private timerDueAt = Number.POSITIVE_INFINITY;
  private stopped = false;
  private readonly unsubscribeClock: () => void;

  constructor(
    private readonly clock: Clock,
    /** The live hub of a name (timers of deleted hubs are skipped). */
    private readonly hubNamed: (name: string) => HubState | undefined,
    /** Called for every hub whose readiness a fired timer changed. */
    private readonly onReady: (hub: HubState) => void,
  ) {
    this.unsubscribeClock = this.clock.onAdvance(() => this.onTimer());
  }

  /** Re-evaluates whether an instance/entity has deliverable messages; arms a timer for future ones. */
  refresh(hub: HubState, instanceId: string): void {
    const isEntity = instanceId.startsWith("@");
    const ready = isEntity ? hub.readyEntities : hub.readyOrchestrations;
    if (hub.busy.has(instanceId)) return;
    // A ready orchestration stays ready when more messages arrive: skip the O(inbox) scan (fan-in of 10k results).
    if (!isEntity && ready.has(instanceId)) return;
    const inbox = hub.inboxes.get(instanceId);
    if (!inbox || inbox.length === 0) {
      ready.delete(instanceId);
      return;
    }
    const now = this.clock.now();
    let visible = false;
    let nextDue = Number.POSITIVE_INFINITY;
    let blockedUntil = 0;
    for (const message of inbox) {
      if (message.visibleAt <= now) visible = true;
      else nextDue = Math.min(nextDue, message.visibleAt);
      // An orchestration whose (re)start is not yet due receives nothing before it (scheduled starts).
      if (!isEntity && message.event.hasExecutionstarted() && message.visibleAt > now)
        blockedUntil = message.visibleAt;
    }
    if (blockedUntil > 0) visible = false;
    if (isEntity && visible) visible = hasDeliverableEntityMessage(hub, instanceId, inbox, now);
    if (nextDue !== Number.POSITIVE_INFINITY) this.wake(hub, instanceId, blockedUntil || nextDue);
    if (visible) ready.add(instanceId);
    else ready.delete(instanceId);
  }

  /**
   * Puts an abandoned activity back on the hub's queue at `dueAt`. Its row stays in the store meanwhile, so a
   * restart delivers it at once; a clock advance past `dueAt` delivers it at once too.
   */
  delayActivity(hub: HubState, activity: QueuedActivity, dueAt: number): void {
    this.timers.push({ dueAt, hub: hub.name, instanceId: activity.instanceId, activity });
    this.armTimer();
  }

  /** Forgets every timer of a deleted hub. */
  removeHub(name: string): void {
    this.timers.removeHub(name);
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribeClock();
    this.cancelTimer?.();
  }

  private wake(hub: HubState, instanceId: string, dueAt: number): void {
    const existing = hub.wakeAt.get(instanceId);
    if (existing !== undefined && existing <= dueAt && existing > this.clock.now()) return;
    hub.wakeAt.set(instanceId, dueAt);
    this.timers.push({ dueAt, hub: hub.name, instanceId });
    this.armTimer();
  }

  private armTimer(): void {
    if (this.stopped) return;
    const next = this.timers.peek();
    if (!next) return;
    if (this.cancelTimer && next.dueAt >= this.timerDueAt) return;
    this.cancelTimer?.();
    const delay = Math.min(Math.max(0, next.dueAt - this.clock.now()), MAX_TIMER_DELAY_MS);
    this.timerDueAt = next.dueAt;
    this.cancelTimer = this.clock.setTimer(delay, () => this.onTimer());
  }

  private onTimer(): void {
    if (this.stopped) return;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.timerDueAt = Number.POSITIVE_INFINITY;
    const now = this.clock.now();
    const touched = new Set<HubState>();
    for (let next = this.timers.peek(); next && next.dueAt <= now; next = this.timers.peek()) {
      this.timers.pop();
      const hub = this.hubNamed(next.hub);
      if (!hub) continue;
      touched.add(hub);
      if (next.activity) {
        hub.activities.push(next.activity);
        continue;
      }
      if (hub.wakeAt.get(next.instanceId) === next.dueAt) hub.wakeAt.delete(next.instanceId);
      this.refresh(hub, next.instanceId);
    }
    for (const hub of touched) this.onReady(hub);
    this.armTimer();
  }
}
