// Throughput over the last 15 minutes as SVG bars;
// no chart library needed for fifteen bars.
import { html, svg } from "lit-html";
import type { HubMetrics } from "../../api-types";

export function throughputChart(throughput: HubMetrics["throughput"]) {
  const width = 640;
  const height = 170;
  const pad = { left: 44, right: 8, top: 12, bottom: 22 };
  const max = Math.max(1, ...throughput.map((minute) => minute.completed));
  const slot = (width - pad.left - pad.right) / Math.max(throughput.length, 1);
  const scale = (value: number) => (value / max) * (height - pad.top - pad.bottom);
  const baseline = height - pad.bottom;
  const total = throughput.reduce((sum, minute) => sum + minute.completed, 0);

  return html`<figure class="chart" data-testid="throughput-chart" data-total=${total}>
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="Completed work items per minute">
      <line x1=${pad.left} x2=${width - pad.right} y1=${pad.top} y2=${pad.top} class="grid-line" />
      <line x1=${pad.left} x2=${width - pad.right} y1=${baseline} y2=${baseline} class="axis" />
      <text x=${pad.left - 6} y=${pad.top + 4} class="axis-label" text-anchor="end">
        ${max.toLocaleString("en-US")}
      </text>
      <text x=${pad.left - 6} y=${baseline} class="axis-label" text-anchor="end">0</text>
      ${throughput.map((minute, index) => {
        const x = pad.left + index * slot + slot * 0.15;
        const h = scale(minute.completed);
        const label = new Date(minute.minute);
        return svg`<g>
          <title>${label.toTimeString().slice(0, 5)}: ${minute.completed} completed</title>
          <rect x=${x} y=${baseline - h} width=${slot * 0.7} height=${h} rx="2" class="bar" />
          ${
            index % 3 === 2 || index === throughput.length - 1
              ? svg`<text x=${x + slot * 0.35} y=${height - 6} class="axis-label" text-anchor="middle">${label
                  .toTimeString()
                  .slice(0, 5)}</text>`
              : svg``
          }
        </g>`;
      })}
    </svg>
    <figcaption class="muted">
      Completed work items per minute (orchestrations, activities and entities), last
      ${throughput.length} minutes:
      <b>${total.toLocaleString("en-US")}</b> in total.
    </figcaption>
  </figure>`;
}
