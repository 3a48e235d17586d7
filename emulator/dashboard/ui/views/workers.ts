// Workers & metrics: connected workers, pending and in-flight work items per kind, and throughput.
import { html, nothing } from "lit-html";
import type { HubMetrics, WorkKind } from "../../api-types";
import type { AppContext, View } from "../view";
import { api, failureText } from "../api";
import { throughputChart } from "../components/chart";
import { formatCount, formatRelative, formatTime } from "../format";
import { poll } from "./poll";

const KINDS: { kind: WorkKind; label: string }[] = [
  { kind: "orchestration", label: "Orchestrations" },
  { kind: "activity", label: "Activities" },
  { kind: "entity", label: "Entities" },
];

export function createWorkersView(ctx: AppContext, hub: string): View {
  let metrics: HubMetrics | undefined;
  let error: string | undefined;
  let loadSeq = 0;
  const load = async () => {
    const seq = ++loadSeq;
    try {
      const result = await api.metrics(hub);
      if (seq !== loadSeq) return;
      metrics = result;
      error = undefined;
    } catch (failure) {
      if (seq !== loadSeq) return;
      error = failureText(failure);
    }
    ctx.update();
  };
  void load();
  const stopPolling = poll(3, load);

  const body = (current: HubMetrics) =>
    html` <div class="metric-grid" data-testid="work-items">
        ${KINDS.map(
          ({ kind, label }) =>
            html`<div class="metric" data-kind=${kind}>
              <h3>${label}</h3>
              <div class="metric-values">
                <div>
                  <span class="value" data-testid=${`pending-${kind}`}
                    >${formatCount(current.pending[kind])}</span
                  ><span class="muted">pending</span>
                </div>
                <div>
                  <span class="value" data-testid=${`inflight-${kind}`}
                    >${formatCount(current.inFlight[kind])}</span
                  ><span class="muted">in flight</span>
                </div>
              </div>
            </div>`,
        )}
      </div>
      <section class="panel">
        <h2>Throughput</h2>
        ${throughputChart(current.throughput)}
      </section>
      <section class="panel">
        <h2>
          Connected workers
          <span class="count" data-testid="worker-count">${current.workers.length}</span>
        </h2>
        ${
          current.workers.length === 0
            ? html`<div class="empty-state">No worker is connected to this task hub.</div>`
            : html`<div class="table-wrap">
                <table class="grid" data-testid="workers">
                  <thead>
                    <tr>
                      <th>Worker ID</th>
                      <th>User agent</th>
                      <th>Task hub</th>
                      <th>Connected since</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${current.workers.map(
                      (worker) =>
                        html`<tr>
                          <td class="mono">${worker.workerId}</td>
                          <td class="mono">${worker.userAgent}</td>
                          <td>${worker.hub}</td>
                          <td title=${formatRelative(worker.connectedSince)}>
                            ${formatTime(worker.connectedSince)}
                          </td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </div>`
        }
      </section>`;

  return {
    template: () =>
      html`<div class="page">
        <header class="page-header">
          <div>
            <h1>Workers & metrics</h1>
            <p class="muted">Task hub <b class="mono">${hub}</b> · refreshes every 3 s</p>
          </div>
        </header>
        ${error ? html`<div class="alert error" role="alert">${error}</div>` : nothing}
        ${metrics ? body(metrics) : error ? nothing : html`<div class="empty-state">Loading…</div>`}
      </div>`,
    dispose: () => {
      loadSeq++;
      stopPolling();
    },
  };
}
