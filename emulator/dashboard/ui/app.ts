// The dashboard shell: session, hub picker, navigation, dialogs and toasts around the current page's view.
// Views are plain objects that load their data, call `ctx.update()` to re-render, and clean up their timers.
import { html, nothing, render, type TemplateResult } from "lit-html";
import type { HubSummary, SessionInfo } from "../api-types";
import { api, failureText } from "./api";
import { DialogHost } from "./components/dialog";
import { parseRoute, paths, type Route } from "./router";
import type { AppContext, View } from "./view";
import { createEntitiesView } from "./views/entities";
import { createHubsView } from "./views/hubs";
import { createInstanceView } from "./views/instance";
import { createOrchestrationsView } from "./views/orchestrations";
import { createSignInView } from "./views/signin";
import { createWorkersView } from "./views/workers";

interface Toast {
  id: number;
  message: string;
}

export class App implements AppContext {
  session: SessionInfo = { authMode: "none", identities: [] };
  hubs: HubSummary[] = [];
  readonly dialogs: DialogHost;
  private route: Route = { page: "hubs" };
  private view: View | undefined;
  private toasts: Toast[] = [];
  private toastSeq = 0;
  private fatal: string | undefined;
  private scheduled = false;

  constructor(private readonly root: HTMLElement) {
    this.dialogs = new DialogHost(
      () => this.update(),
      (message) => this.toast(message),
    );
  }

  async start(): Promise<void> {
    window.addEventListener("popstate", () => void this.resolveRoute(false));
    document.addEventListener("click", (event) => this.interceptLink(event));
    await this.resolveRoute(true);
  }

  update(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      render(this.template(), this.root);
    });
  }

  navigate(path: string, options: { replace?: boolean } = {}): void {
    if (options.replace) history.replaceState(null, "", path);
    else history.pushState(null, "", path);
    void this.resolveRoute(false);
  }

  toast(message: string): void {
    const id = ++this.toastSeq;
    this.toasts = [...this.toasts, { id, message }];
    this.update();
    setTimeout(() => {
      this.toasts = this.toasts.filter((toast) => toast.id !== id);
      this.update();
    }, 6000);
  }

  async signOut(): Promise<void> {
    this.session = await api.signOut();
    this.hubs = [];
    await this.resolveRoute(true);
  }

  async signIn(principalId: string): Promise<void> {
    this.session = await api.signIn(principalId);
    await this.resolveRoute(true);
  }

  private interceptLink(event: MouseEvent): void {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey
    )
      return;
    const anchor = (event.target as Element | null)?.closest?.("a");
    if (!anchor || anchor.target || anchor.hasAttribute("download")) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith("/dashboard/api")) return;
    event.preventDefault();
    this.navigate(url.pathname + url.search);
  }

  /** Resolves the current URL into a view; reloads session and hubs when asked (start, sign-in, sign-out). */
  private async resolveRoute(reloadSession: boolean): Promise<void> {
    this.view?.dispose();
    this.view = undefined;
    this.route = parseRoute(location);
    try {
      if (reloadSession) {
        this.session = await api.session();
        this.hubs = this.needsSignIn() ? [] : await api.hubs();
      }
      this.fatal = undefined;
    } catch (error) {
      this.fatal = failureText(error);
    }
    this.view = this.createView();
    this.update();
  }

  private needsSignIn(): boolean {
    return this.session.authMode === "entra" && !this.session.identity;
  }

  private createView(): View {
    if (this.needsSignIn())
      return createSignInView(this, (principalId) => this.signIn(principalId));
    const route = this.route;
    switch (route.page) {
      case "hubs":
        return createHubsView(this);
      case "orchestrations":
        return createOrchestrationsView(this, route.hub, route.params);
      case "instance":
        return createInstanceView(this, route.hub, route.instanceId);
      case "entities":
        return createEntitiesView(this, route.hub, route.params);
      case "workers":
        return createWorkersView(this, route.hub);
      case "notFound":
        return {
          template: () =>
            html`<div class="page">
              <h1>Not found</h1>
              <p>No page at <code>${route.path}</code>.</p>
              <a href="/">Back to task hubs</a>
            </div>`,
          dispose: () => undefined,
        };
    }
  }

  private currentHub(): string | undefined {
    return "hub" in this.route ? this.route.hub : undefined;
  }

  private switchHub(hub: string): void {
    const route = this.route;
    switch (route.page) {
      case "entities":
        return this.navigate(paths.entities(hub));
      case "workers":
        return this.navigate(paths.workers(hub));
      case "hubs":
      case "orchestrations":
      case "instance":
      case "notFound":
        return this.navigate(paths.orchestrations(hub));
    }
  }

  private toggleTheme(): void {
    const next = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
    document.documentElement.dataset.theme = next;
    localStorage.setItem("dtsx.theme", next);
    this.update();
  }

  private sidebar(): TemplateResult {
    const hub = this.currentHub();
    const page = this.route.page;
    const schedulers = [...new Set(this.hubs.map((candidate) => candidate.scheduler))];
    const navItem = (label: string, href: string, active: boolean) =>
      html`<a href=${href} class=${active ? "active" : ""} aria-current=${active ? "page" : "false"}
        >${label}</a
      >`;
    return html`<aside class="sidebar">
      <a class="brand" href="/"><span class="logo">◆</span> dtsx <small>local scheduler</small></a>
      ${
        this.needsSignIn()
          ? nothing
          : html`<label class="hub-picker"
                >Task hub
                <select
                  data-testid="hub-picker"
                  @change=${(event: Event) => this.switchHub((event.target as HTMLSelectElement).value)}
                >
                  ${hub === undefined ? html`<option value="" selected disabled>Choose a task hub…</option>` : nothing}
                  ${schedulers.map(
                    (scheduler) =>
                      html`<optgroup label=${`Scheduler: ${scheduler}`}>
                        ${this.hubs
                          .filter((candidate) => candidate.scheduler === scheduler)
                          .map(
                            (candidate) =>
                              html`<option
                                value=${candidate.name}
                                ?selected=${candidate.name === hub}
                              >
                                ${candidate.name}
                              </option>`,
                          )}
                      </optgroup>`,
                  )}
                </select></label
              >
              ${
                hub === undefined
                  ? html`<nav>${navItem("Task hubs", "/", page === "hubs")}</nav>`
                  : html`<nav>
                      ${navItem("Orchestrations", paths.orchestrations(hub), page === "orchestrations" || page === "instance")}
                      ${navItem("Entities", paths.entities(hub), page === "entities")}
                      ${navItem("Workers & metrics", paths.workers(hub), page === "workers")}
                      ${navItem("All task hubs", "/", false)}
                    </nav>`
              }`
      }
      <footer>
        ${
          this.session.authMode === "entra"
            ? this.session.identity
              ? html`<div class="identity" data-testid="signed-in-as">
                  Signed in as <b>${this.session.identity.name}</b>
                  <button class="link" @click=${() => void this.signOut()}>Switch identity</button>
                </div>`
              : html`<div class="identity">Not signed in</div>`
            : html`<div class="identity muted">Auth: none</div>`
        }
        <button class="link" @click=${() => this.toggleTheme()}>
          ${document.documentElement.dataset.theme === "dark" ? "Light theme" : "Dark theme"}
        </button>
      </footer>
    </aside>`;
  }

  private template(): TemplateResult {
    return html`<div class="layout">
        ${this.sidebar()}
        <main>
          ${this.fatal ? html`<div class="alert error" role="alert">${this.fatal}</div>` : nothing}
          ${this.view?.template() ?? nothing}
        </main>
      </div>
      ${this.dialogs.template()}
      <div class="toasts" aria-live="polite">
        ${this.toasts.map((toast) => html`<div class="toast" data-testid="toast">${toast.message}</div>`)}
      </div>`;
  }
}
