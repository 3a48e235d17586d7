import { html, nothing } from "lit-html";

/**
 * Tags as chips; `durabletask.`-prefixed tags are hidden as in the DTS dashboard (docs/reference/sidecar.md
 * "Dashboard").
 */
export const tagChips = (tags: Record<string, string>) => {
  const visible = Object.entries(tags).filter(([key]) => !key.startsWith("durabletask."));
  if (visible.length === 0) return nothing;
  return html`<span class="tags">
    ${visible.map(([key, value]) => html`<span class="tag"><b>${key}</b>${value ? html`=${value}` : nothing}</span>`)}
  </span>`;
};

/** The name shown for an instance: the `durabletask.displayName` tag overrides the orchestration name. */
export const displayName = (name: string, tags: Record<string, string>) =>
  tags["durabletask.displayName"] ?? name;
