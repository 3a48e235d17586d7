// Confirmation dialogs for actions: each asks for confirmation and shows success or the server's exact error. A dialog
// collects its fields with FormData, runs the action, and on failure keeps itself open showing the server's status code
// and message verbatim.
import { html, nothing, type TemplateResult } from "lit-html";
import type { ActionResult } from "../../api-types";
import { ApiFailure } from "../api";

export type DialogField =
  | {
      kind: "text" | "datetime";
      name: string;
      label: string;
      placeholder?: string;
      required?: boolean;
      hint?: string;
      value?: string;
    }
  | {
      kind: "textarea";
      name: string;
      label: string;
      placeholder?: string;
      hint?: string;
      value?: string;
    }
  | { kind: "checkbox"; name: string; label: string; hint?: string; checked?: boolean };

export interface DialogSpec {
  title: string;
  description?: TemplateResult | string;
  fields?: DialogField[];
  confirmLabel: string;
  danger?: boolean;
  run(values: FormValues): Promise<ActionResult>;
  onSuccess?(result: ActionResult): void;
}

export class FormValues {
  constructor(private readonly data: FormData) {}
  text(name: string): string {
    const value = this.data.get(name);
    return typeof value === "string" ? value.trim() : "";
  }
  flag(name: string): boolean {
    return this.data.get(name) === "on";
  }
}

interface OpenDialog {
  spec: DialogSpec;
  busy: boolean;
  error?: { code: string; message: string };
}

export class DialogHost {
  private current: OpenDialog | undefined;

  constructor(
    private readonly update: () => void,
    private readonly toast: (message: string) => void,
  ) {}

  open(spec: DialogSpec): void {
    this.current = { spec, busy: false };
    this.update();
    queueMicrotask(() =>
      document
        .querySelector<HTMLElement>(".dialog input, .dialog textarea, .dialog .confirm")
        ?.focus(),
    );
  }

  close(): void {
    this.current = undefined;
    this.update();
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const current = this.current;
    if (!current || current.busy) return;
    const values = new FormValues(new FormData(event.target as HTMLFormElement));
    current.busy = true;
    delete current.error;
    this.update();
    try {
      const result = await current.spec.run(values);
      this.current = undefined;
      this.toast(result.message);
      current.spec.onSuccess?.(result);
    } catch (error) {
      current.busy = false;
      current.error =
        error instanceof ApiFailure
          ? { code: error.code, message: error.message }
          : { code: "ERROR", message: error instanceof Error ? error.message : String(error) };
    }
    this.update();
  }

  template(): TemplateResult | typeof nothing {
    const current = this.current;
    if (!current) return nothing;
    const { spec } = current;
    return html`
      <div
        class="overlay"
        @click=${(event: Event) => event.target === event.currentTarget && this.close()}
      >
        <form
          class="dialog"
          role="dialog"
          aria-modal="true"
          aria-label=${spec.title}
          @submit=${(event: Event) => void this.submit(event)}
          @keydown=${(event: KeyboardEvent) => event.key === "Escape" && this.close()}
        >
          <h2>${spec.title}</h2>
          ${spec.description ? html`<p class="description">${spec.description}</p>` : nothing}
          ${(spec.fields ?? []).map((field) => fieldTemplate(field))}
          ${
            current.error
              ? html`<div class="alert error" role="alert" data-testid="dialog-error">
                  <strong>${current.error.code}</strong> ${current.error.message}
                </div>`
              : nothing
          }
          <footer>
            <button type="button" class="button" @click=${() => this.close()}>Cancel</button>
            <button
              type="submit"
              class="button confirm ${spec.danger ? "danger" : "primary"}"
              ?disabled=${current.busy}
            >
              ${current.busy ? "Working…" : spec.confirmLabel}
            </button>
          </footer>
        </form>
      </div>
    `;
  }
}

function fieldTemplate(field: DialogField): TemplateResult {
  const hint = field.hint ? html`<small>${field.hint}</small>` : nothing;
  switch (field.kind) {
    case "checkbox":
      return html`<label class="check"
        ><input type="checkbox" name=${field.name} ?checked=${field.checked ?? false} />
        ${field.label} ${hint}</label
      >`;
    case "textarea":
      return html`<label class="field"
        >${field.label}<textarea
          name=${field.name}
          rows="5"
          spellcheck="false"
          placeholder=${field.placeholder ?? ""}
          .value=${field.value ?? ""}
        ></textarea
        >${hint}</label
      >`;
    case "text":
    case "datetime":
      return html`<label class="field"
        >${field.label}<input
          type=${field.kind === "datetime" ? "datetime-local" : "text"}
          name=${field.name}
          .value=${field.value ?? ""}
          placeholder=${field.placeholder ?? ""}
          ?required=${field.required ?? false}
          autocomplete="off"
        />${hint}</label
      >`;
  }
}
