import { html } from "lit-html";
import type { AppContext, View } from "../view";
import { formatCount, formatTime } from "../format";
import { paths } from "../router";

/** Home: every scheduler and its task hubs (docs/reference/sidecar.md "Dashboard"). */
export function createHubsView(ctx: AppContext): View {
  return {
    template: () => {
      const schedulers = [...new Set(ctx.hubs.map((hub) => hub.scheduler))];
      return html`<div class="page">
        <header class="page-header">
          <div>
            <h1>Task hubs</h1>
            <p class="muted">
              ${ctx.hubs.length} task hub${ctx.hubs.length === 1 ? "" : "s"} in ${schedulers.length}
              scheduler${schedulers.length === 1 ? "" : "s"}
            </p>
          </div>
        </header>
        ${
          ctx.hubs.length === 0
            ? html`<div class="empty-state">
                No task
                hubs${ctx.session.authMode === "entra" ? " that this identity can read" : ""}.
              </div>`
            : schedulers.map(
                (scheduler) =>
                  html`<section class="scheduler">
                    <h2>Scheduler <span class="mono">${scheduler}</span></h2>
                    <div class="cards">
                      ${ctx.hubs
                        .filter((hub) => hub.scheduler === scheduler)
                        .map(
                          (hub) =>
                            html`<a
                              class="card hub-card"
                              href=${paths.orchestrations(hub.name)}
                              data-testid="hub-card"
                            >
                              <h3>${hub.name}</h3>
                              <p class="muted">Created ${formatTime(hub.createdAt)}</p>
                              <p class="hub-counts" data-testid="hub-counts">
                                <b>${formatCount(hub.counts.total)}</b> orchestration${
                                  hub.counts.total === 1 ? "" : "s"
                                }
                                ${(["running", "pending", "suspended", "failed"] as const)
                                  .filter((key) => hub.counts[key] > 0)
                                  .map(
                                    (key) =>
                                      html`<span class="count-chip count-${key}"
                                        >${formatCount(hub.counts[key])} ${key}</span
                                      >`,
                                  )}
                              </p>
                              <p class="card-links"><span>Orchestrations →</span></p>
                            </a>`,
                        )}
                    </div>
                  </section>`,
              )
        }
      </div>`;
    },
    dispose: () => undefined,
  };
}
