// Orchestrations list: filters by name, runtime status, tag, created from/to and instance id prefix, free
// text search, server-side paging with a total (stays fast with 10k+ instances), auto-refresh, and every filter
// in the URL so the view can be shared.
import { html, nothing } from "lit-html";
import { RUNTIME_STATUSES, type InstancePage } from "../../api-types";
import type { AppContext, View } from "../view";
import { api, failureText } from "../api";
import { statusBadge } from "../components/status";
import { displayName, tagChips } from "../components/tags";
import { formatCount, formatRelative, formatTime, fromLocalInput, toLocalInput } from "../format";
import { paths } from "../router";
import { poll, REFRESH_CHOICES } from "./poll";
import { openStartDialog } from "./start-dialog";

const PAGE_SIZES = [25, 50, 100, 200];
const FILTER_KEYS = ["q", "name", "status", "tag", "createdFrom", "createdTo", "prefix"] as const;

export function createOrchestrationsView(
  ctx: AppContext,
  hub: string,
  params: URLSearchParams,
): View {
  const pageSize = Number(params.get("pageSize") ?? 50) || 50;
  let refresh = Number(params.get("refresh") ?? 0) || 0;
  /** Continuation tokens of the pages visited so far; index 0 is the first page. */
  const tokens: (string | undefined)[] = [undefined];
  /** The page being requested, and the page whose rows are on screen (they differ while a page loads). */
  let pageIndex = 0;
  let shownIndex = 0;
  let page: InstancePage | undefined;
  let error: string | undefined;
  let loading = false;
  let loadSeq = 0;
  let lastLoaded = 0;
  let stopPolling = () => undefined as void;

  const statuses = new Set((params.get("status") ?? "").split(",").filter(Boolean));
  const activeFilters = FILTER_KEYS.filter((key) => params.get(key));
  /** Newest first unless the URL says `order=oldest`. */
  const oldestFirst = params.get("order") === "oldest";

  const load = async () => {
    const seq = ++loadSeq;
    loading = true;
    ctx.update();
    const query = new URLSearchParams();
    for (const key of [...FILTER_KEYS, "order"]) {
      const value = params.get(key);
      if (value) query.set(key, value);
    }
    query.set("pageSize", String(pageSize));
    const requested = pageIndex;
    const token = tokens[requested];
    if (token) query.set("token", token);
    try {
      const result = await api.instances(hub, query);
      if (seq !== loadSeq) return;
      page = result;
      shownIndex = requested;
      error = undefined;
      lastLoaded = Date.now();
    } catch (failure) {
      if (seq !== loadSeq) return;
      error = failureText(failure);
    } finally {
      if (seq === loadSeq) loading = false;
      ctx.update();
    }
  };

  const startPolling = () => {
    stopPolling();
    stopPolling = poll(refresh, load);
  };

  const urlWith = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    return paths.orchestrations(hub, next);
  };

  const applyFilters = (event: Event) => {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => {
      const value = data.get(name);
      return typeof value === "string" && value.trim() ? value.trim() : undefined;
    };
    ctx.navigate(
      urlWith({
        q: text("q"),
        name: text("name"),
        tag: text("tag"),
        prefix: text("prefix"),
        createdFrom: fromLocalInput(text("createdFrom") ?? ""),
        createdTo: fromLocalInput(text("createdTo") ?? ""),
        status:
          data
            .getAll("status")
            .filter((value): value is string => typeof value === "string")
            .join(",") || undefined,
      }),
    );
  };

  const clearFilters = () =>
    ctx.navigate(urlWith(Object.fromEntries(FILTER_KEYS.map((key) => [key, undefined]))));

  const setRefresh = (seconds: number) => {
    refresh = seconds;
    history.replaceState(null, "", urlWith({ refresh: seconds ? String(seconds) : undefined }));
    params.set("refresh", String(seconds));
    startPolling();
    ctx.update();
  };

  const goto = (index: number) => {
    pageIndex = index;
    void load();
  };

  void load();
  startPolling();

  const filterBar = () =>
    html`<form class="filters" data-testid="filters" @submit=${applyFilters}>
      <div class="filter-row">
        <input
          class="search"
          type="search"
          name="q"
          placeholder="Search id, name, custom status"
          .value=${params.get("q") ?? ""}
          aria-label="Search"
        />
        <input
          name="name"
          placeholder="Orchestration name"
          .value=${params.get("name") ?? ""}
          aria-label="Name"
        />
        <input
          name="prefix"
          placeholder="Instance ID prefix"
          .value=${params.get("prefix") ?? ""}
          aria-label="Instance ID prefix"
        />
        <input
          name="tag"
          placeholder="Tag (key or key=value)"
          .value=${params.get("tag") ?? ""}
          aria-label="Tag"
        />
      </div>
      <div class="filter-row">
        <label class="inline"
          >Created from
          <input
            type="datetime-local"
            name="createdFrom"
            .value=${toLocalInput(params.get("createdFrom"))}
            aria-label="Created from"
        /></label>
        <label class="inline"
          >to
          <input
            type="datetime-local"
            name="createdTo"
            .value=${toLocalInput(params.get("createdTo"))}
            aria-label="Created to"
        /></label>
        <fieldset class="status-filter" aria-label="Runtime status">
          ${RUNTIME_STATUSES.filter((status) => status !== "ContinuedAsNew").map(
            (status) =>
              html`<label class="chip"
                ><input
                  type="checkbox"
                  name="status"
                  value=${status}
                  ?checked=${statuses.has(status)}
                />${status}</label
              >`,
          )}
        </fieldset>
        <span class="spacer"></span>
        ${activeFilters.length ? html`<button type="button" class="button" @click=${clearFilters}>Clear</button>` : nothing}
        <button type="submit" class="button primary" data-testid="apply-filters">Apply</button>
      </div>
    </form>`;

  const table = () => {
    if (!page) return html`<div class="empty-state">${loading ? "Loading…" : ""}</div>`;
    if (page.instances.length === 0) {
      return html`<div class="empty-state" data-testid="no-instances">
        No orchestrations${activeFilters.length ? " match these filters" : " in this task hub yet"}.
      </div>`;
    }
    return html`<div class="table-wrap">
      <table class="grid" data-testid="instances">
        <thead>
          <tr>
            <th>Instance ID</th>
            <th>Name</th>
            <th>Status</th>
            <th aria-sort=${oldestFirst ? "ascending" : "descending"}>
              <button
                class="sort"
                data-testid="sort-created"
                title=${oldestFirst ? "Oldest first; click for newest first" : "Newest first; click for oldest first"}
                @click=${() => ctx.navigate(urlWith({ order: oldestFirst ? undefined : "oldest" }))}
              >
                Created ${oldestFirst ? "↑" : "↓"}
              </button>
            </th>
            <th>Last updated</th>
            <th>Tags</th>
          </tr>
        </thead>
        <tbody>
          ${page.instances.map(
            (instance) =>
              html`<tr data-instance-id=${instance.instanceId}>
                <td class="mono">
                  <a href=${paths.instance(hub, instance.instanceId)}>${instance.instanceId}</a>
                </td>
                <td>${displayName(instance.name, instance.tags)}</td>
                <td>${statusBadge(instance.status)}</td>
                <td title=${formatRelative(instance.createdAt)}>
                  ${formatTime(instance.createdAt)}
                </td>
                <td title=${formatRelative(instance.lastUpdatedAt)}>
                  ${formatTime(instance.lastUpdatedAt)}
                </td>
                <td>${tagChips(instance.tags)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  };

  const pager = () => {
    if (!page) return nothing;
    const first = shownIndex * pageSize + (page.instances.length ? 1 : 0);
    const last = shownIndex * pageSize + page.instances.length;
    return html`<div class="pager">
      <span data-testid="range"
        >${formatCount(first)}–${formatCount(last)} of ${formatCount(page.total)}</span
      >
      <label class="inline"
        >Rows
        <select
          @change=${(event: Event) => ctx.navigate(urlWith({ pageSize: (event.target as HTMLSelectElement).value }), { replace: true })}
        >
          ${PAGE_SIZES.map((size) => html`<option value=${size} ?selected=${size === pageSize}>${size}</option>`)}
        </select></label
      >
      <button class="button" ?disabled=${shownIndex === 0} @click=${() => goto(0)}>First</button>
      <button class="button" ?disabled=${shownIndex === 0} @click=${() => goto(shownIndex - 1)}>
        Previous
      </button>
      <button
        class="button"
        data-testid="next-page"
        ?disabled=${!page.continuationToken}
        @click=${() => {
          tokens[shownIndex + 1] = page?.continuationToken;
          goto(shownIndex + 1);
        }}
      >
        Next
      </button>
    </div>`;
  };

  return {
    template: () =>
      html`<div class="page">
        <header class="page-header">
          <div>
            <h1>Orchestrations</h1>
            <p class="muted">
              Task hub
              <b class="mono">${hub}</b
              >${lastLoaded ? html` · updated ${formatTime(new Date(lastLoaded).toISOString())}` : nothing}
            </p>
          </div>
          <div class="actions">
            <label class="inline"
              >Auto-refresh
              <select
                data-testid="auto-refresh"
                @change=${(event: Event) => setRefresh(Number((event.target as HTMLSelectElement).value))}
              >
                ${REFRESH_CHOICES.map((seconds) => html`<option value=${seconds} ?selected=${seconds === refresh}>${seconds ? `${seconds} s` : "Off"}</option>`)}
              </select></label
            >
            <button class="button" @click=${() => void load()} ?disabled=${loading}>Refresh</button>
            <button
              class="button"
              @click=${() => {
                void navigator.clipboard?.writeText(location.href);
                ctx.toast("Link copied.");
              }}
            >
              Copy link
            </button>
            <button
              class="button primary"
              data-testid="new-orchestration"
              @click=${() => openStartDialog(ctx, hub)}
            >
              + New orchestration
            </button>
          </div>
        </header>
        ${filterBar()}
        ${error ? html`<div class="alert error" role="alert" data-testid="list-error">${error}</div>` : nothing}
        ${table()} ${pager()}
      </div>`,
    dispose: () => {
      loadSeq++;
      stopPolling();
    },
  };
}
