// Entities: every durable entity of the hub with its state and lock owner.
import { html, nothing } from "lit-html";
import type { EntityPage } from "../../api-types";
import type { AppContext, View } from "../view";
import { api, failureText } from "../api";
import { formatCount, formatTime, prettyJson } from "../format";
import { paths } from "../router";
import { poll } from "./poll";

export function createEntitiesView(ctx: AppContext, hub: string, params: URLSearchParams): View {
  const tokens: (string | undefined)[] = [undefined];
  let pageIndex = 0;
  let page: EntityPage | undefined;
  let error: string | undefined;
  let loadSeq = 0;
  const prefix = params.get("prefix") ?? "";

  const load = async () => {
    const seq = ++loadSeq;
    const query = new URLSearchParams({ pageSize: "50" });
    if (prefix) query.set("prefix", prefix);
    const token = tokens[pageIndex];
    if (token) query.set("token", token);
    try {
      const result = await api.entities(hub, query);
      if (seq !== loadSeq) return;
      page = result;
      error = undefined;
    } catch (failure) {
      if (seq !== loadSeq) return;
      error = failureText(failure);
    }
    ctx.update();
  };
  void load();
  const stopPolling = poll(5, load);

  const table = () => {
    if (!page) return html`<div class="empty-state">Loading…</div>`;
    if (page.entities.length === 0)
      return html`<div class="empty-state" data-testid="no-entities">
        No entities in this task hub.
      </div>`;
    return html`<div class="table-wrap">
      <table class="grid" data-testid="entities">
        <thead>
          <tr>
            <th>Entity ID</th>
            <th>Name</th>
            <th>Key</th>
            <th>State</th>
            <th>Locked by</th>
            <th>Last modified</th>
          </tr>
        </thead>
        <tbody>
          ${page.entities.map(
            (entity) =>
              html`<tr data-entity-id=${entity.entityId}>
                <td class="mono">${entity.entityId}</td>
                <td>${entity.name}</td>
                <td class="mono">${entity.key}</td>
                <td>
                  ${
                    entity.state === undefined
                      ? html`<span class="muted">—</span>`
                      : html`<pre class="json compact" data-testid="entity-state">
${prettyJson(entity.state)}</pre>`
                  }
                </td>
                <td class="mono">
                  ${
                    entity.lockedBy
                      ? html`<a
                          href=${paths.instance(hub, entity.lockedBy)}
                          data-testid="lock-owner"
                          >${entity.lockedBy}</a
                        >`
                      : html`<span class="muted">unlocked</span>`
                  }
                </td>
                <td>${formatTime(entity.lastModifiedAt)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  };

  return {
    template: () =>
      html`<div class="page">
        <header class="page-header">
          <div>
            <h1>Entities</h1>
            <p class="muted">
              Task hub
              <b class="mono">${hub}</b
              >${page ? html` · ${formatCount(page.total)} entities` : nothing}
            </p>
          </div>
          <form
            class="actions"
            @submit=${(event: Event) => {
              event.preventDefault();
              const value = new FormData(event.target as HTMLFormElement).get("prefix");
              const next =
                typeof value === "string" && value.trim()
                  ? `?prefix=${encodeURIComponent(value.trim())}`
                  : "";
              ctx.navigate(`${paths.entities(hub)}${next}`);
            }}
          >
            <input
              name="prefix"
              placeholder="Entity name prefix"
              .value=${prefix}
              aria-label="Entity name prefix"
            />
            <button class="button" type="submit">Filter</button>
          </form>
        </header>
        ${error ? html`<div class="alert error" role="alert">${error}</div>` : nothing} ${table()}
        ${
          page && (pageIndex > 0 || page.continuationToken)
            ? html`<div class="pager">
                <button
                  class="button"
                  ?disabled=${pageIndex === 0}
                  @click=${() => {
                    pageIndex--;
                    void load();
                  }}
                >
                  Previous
                </button>
                <button
                  class="button"
                  ?disabled=${!page.continuationToken}
                  @click=${() => {
                    tokens[pageIndex + 1] = page?.continuationToken;
                    pageIndex++;
                    void load();
                  }}
                >
                  Next
                </button>
              </div>`
            : nothing
        }
      </div>`,
    dispose: () => {
      loadSeq++;
      stopPolling();
    },
  };
}
