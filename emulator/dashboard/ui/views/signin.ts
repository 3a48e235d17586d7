import { html, nothing } from "lit-html";
import type { AppContext, View } from "../view";
import { failureText } from "../api";

/**
 * Entra mode: a local sign-in that picks one of the declared identities. The dashboard then calls the
 * data plane with that identity's token, so what it may see and do is exactly what its role assignments allow.
 */
export function createSignInView(
  ctx: AppContext,
  signIn: (principalId: string) => Promise<void>,
): View {
  let error: string | undefined;
  let busy = false;
  const choose = async (principalId: string) => {
    busy = true;
    error = undefined;
    ctx.update();
    try {
      await signIn(principalId);
    } catch (failure) {
      busy = false;
      error = failureText(failure);
      ctx.update();
    }
  };
  return {
    template: () =>
      html`<div class="page signin">
        <h1>Sign in</h1>
        <p class="muted">
          This emulator runs with <code>--auth entra</code>. Pick the identity the dashboard acts
          as: it needs the Durable Task Data Reader role to view a task hub and Data Contributor to
          act on it.
        </p>
        ${error ? html`<div class="alert error" role="alert">${error}</div>` : nothing}
        <div class="cards">
          ${ctx.session.identities.map(
            (identity) =>
              html`<button
                class="card identity-card"
                ?disabled=${busy}
                data-testid="identity"
                @click=${() => void choose(identity.principalId)}
              >
                <h3>${identity.name}</h3>
                ${identity.clientId ? html`<p class="mono muted">client ${identity.clientId}</p>` : nothing}
                <p class="mono muted">principal ${identity.principalId}</p>
              </button>`,
          )}
        </div>
        ${ctx.session.identities.length === 0 ? html`<div class="empty-state">The topology declares no identities.</div>` : nothing}
      </div>`,
    dispose: () => undefined,
  };
}
