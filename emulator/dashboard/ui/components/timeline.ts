// The instance timeline: one row per activity, timer, sub-orchestration or entity call, positioned over the
// orchestration's lifetime. Pending tasks extend to "now" (or to the instance's last update once it stopped).
import { html, nothing } from "lit-html";
import type { InstanceDetail, TimelineBar, TimelineKind } from "../../api-types";
import { TERMINAL_STATUSES } from "../../api-types";
import { formatDuration, formatTimePrecise } from "../format";
import { paths } from "../router";

const KIND_LABEL: Record<TimelineKind, string> = {
  activity: "Activity",
  timer: "Timer",
  subOrchestration: "Sub-orchestration",
  entity: "Entity",
};

const MAX_ROWS = 400;

/** Bars too narrow for their duration label show it beside them: to the right, or to the left near the end. */
function labelPlacement(left: number, width: number): string {
  if (width >= 7) return "";
  return left + width > 88 ? "narrow label-before" : "narrow";
}

export function timelineView(hub: string, detail: InstanceDetail, now: number) {
  const terminal = TERMINAL_STATUSES.includes(detail.status);
  const stop = terminal ? new Date(detail.completedAt ?? detail.lastUpdatedAt).getTime() : now;
  const start = Math.min(
    new Date(detail.createdAt).getTime(),
    ...detail.timeline.map((bar) => new Date(bar.start).getTime()),
  );
  const end = Math.max(
    stop,
    start + 1,
    ...detail.timeline.map((bar) => (bar.end ? new Date(bar.end).getTime() : stop)),
  );
  const span = end - start;
  const pct = (t: number) => ((t - start) / span) * 100;
  const ticks = [0, 0.25, 0.5, 0.75, 1];

  const row = (bar: TimelineBar) => {
    const from = new Date(bar.start).getTime();
    const to = bar.end ? new Date(bar.end).getTime() : stop;
    const left = pct(from);
    const width = Math.max(pct(to) - left, 0.4);
    const title = `${KIND_LABEL[bar.kind]} ${bar.name}: ${bar.outcome}, ${formatDuration(to - from)} (from ${formatTimePrecise(bar.start)})`;
    const label =
      bar.kind === "subOrchestration" && bar.instanceId
        ? html`<a
            href=${paths.instance(hub, bar.instanceId)}
            data-testid="timeline-child-link"
            title=${bar.instanceId}
            >${bar.name} <span class="muted mono">${bar.instanceId}</span></a
          >`
        : bar.kind === "timer" && bar.fireAt
          ? `due ${formatTimePrecise(bar.fireAt).slice(11)}`
          : bar.name;
    return html`<div class="tl-row" data-kind=${bar.kind} data-outcome=${bar.outcome}>
      <div class="tl-label" title=${bar.name}>
        <span class="kind kind-${bar.kind}">${KIND_LABEL[bar.kind]}</span
        ><span class="tl-name">${label}</span>
      </div>
      <div class="tl-track">
        <div
          class="tl-bar kind-${bar.kind} outcome-${bar.outcome} ${labelPlacement(left, width)}"
          style="left:${left}%;width:${width}%"
          title=${title}
        >
          <span>${formatDuration(to - from)}</span>
        </div>
      </div>
    </div>`;
  };

  const bars = detail.timeline.slice(0, MAX_ROWS);
  return html`<div class="timeline" data-testid="timeline">
    <div class="tl-row tl-axis">
      <div class="tl-label muted">
        ${detail.timeline.length} task${detail.timeline.length === 1 ? "" : "s"}
      </div>
      <div class="tl-track">
        ${ticks.map(
          (tick) =>
            html`<span class="tl-tick" style="left:${tick * 100}%"
              >+${formatDuration(tick * span)}</span
            >`,
        )}
      </div>
    </div>
    <div class="tl-row tl-orchestration">
      <div class="tl-label">
        <span class="kind kind-orchestration">Orchestration</span>${detail.name}
      </div>
      <div class="tl-track">
        <div
          class="tl-bar kind-orchestration status-${detail.status.toLowerCase()}"
          style="left:${pct(new Date(detail.createdAt).getTime())}%;width:${Math.max(pct(stop) - pct(new Date(detail.createdAt).getTime()), 0.4)}%"
          title="${detail.status}, ${formatDuration(stop - new Date(detail.createdAt).getTime())}"
        >
          <span>${formatDuration(stop - new Date(detail.createdAt).getTime())}</span>
        </div>
      </div>
    </div>
    ${bars.map(row)}
    ${
      detail.timeline.length > MAX_ROWS
        ? html`<p class="muted">
            Showing the first ${MAX_ROWS} of ${detail.timeline.length} tasks; the History tab has
            all events.
          </p>`
        : nothing
    }
    ${detail.timeline.length === 0 ? html`<p class="muted empty">No activities, timers or sub-orchestrations yet.</p>` : nothing}
  </div>`;
}
