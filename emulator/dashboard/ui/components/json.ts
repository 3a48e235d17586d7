import { html, nothing } from "lit-html";
import { prettyJson } from "../format";

/** A labelled, formatted JSON payload; absent payloads say so instead of showing an empty box. */
export const jsonBlock = (label: string, text: string | undefined, testId: string) => html`
  <section class="payload">
    <header>
      <h3>${label}</h3>
      ${
        text === undefined
          ? nothing
          : html`<button class="link" @click=${() => void navigator.clipboard?.writeText(text)}>
              Copy
            </button>`
      }
    </header>
    ${
      text === undefined
        ? html`<p class="muted" data-testid=${testId}>None</p>`
        : html`<pre class="json" data-testid=${testId}>${prettyJson(text)}</pre>`
    }
  </section>
`;
