// Instance detail: status, input/output/custom status as formatted JSON, failure details with the stack,
// the timeline and the full history, links to sub-orchestrations and the parent, and every management action.
import { html, nothing, type TemplateResult } from "lit-html";
import {
  TERMINAL_STATUSES,
  type FailureDetails,
  type HistoryEventView,
  type InstanceDetail,
} from "../../api-types";
import type { AppContext, View } from "../view";
import { api, ApiFailure, type InstanceAction } from "../api";
import type { DialogField, FormValues } from "../components/dialog";
import { jsonBlock } from "../components/json";
import { statusBadge } from "../components/status";
import { displayName, tagChips } from "../components/tags";
import { timelineView } from "../components/timeline";
import { formatDuration, formatTime, formatTimePrecise, prettyJson } from "../format";
import { paths } from "../router";
import { poll } from "./poll";

type Tab = "timeline" | "history";

export function createInstanceView(ctx: AppContext, hub: string, instanceId: string): View {
  let detail: InstanceDetail | undefined;
  let error: { code: string; message: string } | undefined;
  let tab: Tab = "timeline";
  let loadSeq = 0;

  const load = async () => {
    const seq = ++loadSeq;
    try {
      const result = await api.instance(hub, instanceId);
      if (seq !== loadSeq) return;
      detail = result;
      error = undefined;
    } catch (failure) {
      if (seq !== loadSeq) return;
      error =
        failure instanceof ApiFailure
          ? { code: failure.code, message: failure.message }
          : { code: "ERROR", message: String(failure) };
      if (failure instanceof ApiFailure && failure.status === 404) detail = undefined;
    }
    ctx.update();
  };

  // Live while the instance can still change; terminal instances only change through actions, which reload.
  const stopPolling = poll(2, async () => {
    if (!detail || !TERMINAL_STATUSES.includes(detail.status)) await load();
  });
  void load();

  const action = (
    name: InstanceAction,
    label: string,
    options: {
      description: string;
      fields?: DialogField[];
      danger?: boolean;
      enabled: boolean;
      body?: (values: FormValues) => Record<string, unknown>;
      after?: (instanceId: string | undefined) => void;
    },
  ) =>
    html`<button
      class="button ${options.danger ? "danger-outline" : ""}"
      data-action=${name}
      ?disabled=${!options.enabled}
      @click=${() =>
        ctx.dialogs.open({
          title: `${label} ${instanceId}?`,
          description: options.description,
          confirmLabel: label,
          danger: options.danger ?? false,
          ...(options.fields ? { fields: options.fields } : {}),
          run: (values) => api.act(hub, instanceId, name, options.body?.(values) ?? {}),
          onSuccess: (result) => {
            if (options.after) options.after(result.instanceId);
            else void load();
          },
        })}
    >
      ${label}
    </button>`;

  const actionBar = (current: InstanceDetail) => {
    const terminal = TERMINAL_STATUSES.includes(current.status);
    return html`<div class="actions" data-testid="instance-actions">
      ${action("raise-event", "Raise event", {
        description: "Sends a named external event to the orchestration.",
        enabled: !terminal,
        fields: [
          { kind: "text", name: "eventName", label: "Event name", required: true },
          {
            kind: "textarea",
            name: "data",
            label: "Payload (JSON)",
            placeholder: '{"approved": true}',
          },
        ],
        body: (values) => ({ eventName: values.text("eventName"), data: values.text("data") }),
      })}
      ${action("suspend", "Suspend", {
        description: "The orchestration stops processing events until it is resumed.",
        enabled: current.status === "Running" || current.status === "Pending",
        fields: [{ kind: "text", name: "reason", label: "Reason", placeholder: "optional" }],
        body: (values) => ({ reason: values.text("reason") }),
      })}
      ${action("resume", "Resume", {
        description: "The orchestration continues with the events that arrived while suspended.",
        enabled: current.status === "Suspended",
        fields: [{ kind: "text", name: "reason", label: "Reason", placeholder: "optional" }],
        body: (values) => ({ reason: values.text("reason") }),
      })}
      ${action("terminate", "Terminate", {
        description: "Stops the orchestration for good; its status becomes Terminated.",
        danger: true,
        enabled: !terminal,
        fields: [
          { kind: "text", name: "reason", label: "Reason", placeholder: "optional" },
          {
            kind: "checkbox",
            name: "recursive",
            label: "Also terminate its sub-orchestrations",
            checked: true,
          },
        ],
        body: (values) => ({ reason: values.text("reason"), recursive: values.flag("recursive") }),
      })}
      ${action("restart", "Restart", {
        description: "Starts the orchestration again with its original input.",
        enabled: terminal,
        fields: [
          { kind: "checkbox", name: "newInstanceId", label: "Restart under a new instance ID" },
        ],
        body: (values) => ({ newInstanceId: values.flag("newInstanceId") }),
        after: (restartedId) => {
          if (restartedId && restartedId !== instanceId)
            ctx.navigate(paths.instance(hub, restartedId));
          else void load();
        },
      })}
      ${action("rewind", "Rewind", {
        description:
          "Replays the failed orchestration from its last good state, retrying the failed tasks.",
        enabled: current.status === "Failed",
        fields: [{ kind: "text", name: "reason", label: "Reason", placeholder: "optional" }],
        body: (values) => ({ reason: values.text("reason") }),
      })}
      ${action("purge", "Purge", {
        description: "Deletes the instance and its history permanently.",
        danger: true,
        enabled: terminal,
        fields: [
          {
            kind: "checkbox",
            name: "recursive",
            label: "Also purge its sub-orchestrations",
            checked: true,
          },
        ],
        body: (values) => ({ recursive: values.flag("recursive") }),
        after: () => ctx.navigate(paths.orchestrations(hub)),
      })}
    </div>`;
  };

  const failureBlock = (failure: FailureDetails, depth = 0): TemplateResult =>
    html`<div class="failure" data-testid=${depth === 0 ? "failure" : "inner-failure"}>
      <p><b class="mono">${failure.errorType}</b>: ${failure.message}</p>
      ${failure.stackTrace ? html`<pre class="stack">${failure.stackTrace}</pre>` : nothing}
      ${
        failure.innerFailure
          ? html`<p class="muted">Caused by</p>
              ${failureBlock(failure.innerFailure, depth + 1)}`
          : nothing
      }
    </div>`;

  const eventLinks = (event: HistoryEventView) => {
    const child =
      event.type === "SubOrchestrationInstanceCreated" ? event.fields.instanceId : undefined;
    return typeof child === "string"
      ? html`<a href=${paths.instance(hub, child)} data-testid="sub-orchestration-link"
          >${child}</a
        >`
      : nothing;
  };

  const historyTable = (current: InstanceDetail) => {
    // Elapsed from the earliest event: ExecutionStarted carries the creation time, before the first OrchestratorStarted.
    const t0 = Math.min(...current.history.map((event) => new Date(event.timestamp).getTime()));
    return html`<div class="table-wrap">
      <table class="grid history" data-testid="history">
        <thead>
          <tr>
            <th>#</th>
            <th>Event ID</th>
            <th>Type</th>
            <th>Time</th>
            <th>Elapsed</th>
            <th>Name</th>
            <th>Details</th>
          </tr>
        </thead>
        <tbody>
          ${current.history.map((event, index) => {
            const { name, ...rest } = event.fields;
            const hasDetails = Object.keys(rest).length > 0;
            return html`<tr data-event-type=${event.type}>
              <td class="num muted">${index + 1}</td>
              <td class="num">${event.eventId}</td>
              <td><span class="event-type event-${event.type}">${event.type}</span></td>
              <td class="mono nowrap" title=${formatTimePrecise(event.timestamp)}>
                ${formatTimePrecise(event.timestamp).slice(11)}
              </td>
              <td class="num muted">
                +${formatDuration(new Date(event.timestamp).getTime() - t0)}
              </td>
              <td>${typeof name === "string" ? name : ""} ${eventLinks(event)}</td>
              <td>
                ${
                  hasDetails
                    ? html`<details>
                        <summary>${summarize(rest)}</summary>
                        <pre class="json">${prettyJson(JSON.stringify(rest))}</pre>
                      </details>`
                    : nothing
                }
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>`;
  };

  const body = (current: InstanceDetail) =>
    html` <header class="page-header">
        <div>
          <p class="crumbs">
            <a href=${paths.orchestrations(hub)}>Orchestrations</a> /
            ${
              current.parentInstanceId
                ? html`<a
                      href=${paths.instance(hub, current.parentInstanceId)}
                      data-testid="parent-link"
                      >parent ${current.parentInstanceId}</a
                    >
                    /`
                : nothing
            }
          </p>
          <h1 class="mono instance-id" data-testid="instance-id">${current.instanceId}</h1>
          <p class="subtitle">
            ${statusBadge(current.status)}
            <b>${displayName(current.name, current.tags)}</b>
            ${current.version ? html`<span class="muted">v${current.version}</span>` : nothing}
            ${
              TERMINAL_STATUSES.includes(current.status)
                ? nothing
                : html`<span class="live" title="Reloads every 2 s until the instance stops"
                    >live</span
                  >`
            }
          </p>
        </div>
        ${actionBar(current)}
      </header>
      <dl class="facts">
        <div>
          <dt>Created</dt>
          <dd>${formatTime(current.createdAt)}</dd>
        </div>
        <div>
          <dt>Last updated</dt>
          <dd>${formatTime(current.lastUpdatedAt)}</dd>
        </div>
        <div>
          <dt>Completed</dt>
          <dd>${formatTime(current.completedAt)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>
            ${formatDuration(
              (current.completedAt ? new Date(current.completedAt).getTime() : Date.now()) -
                new Date(current.createdAt).getTime(),
            )}
          </dd>
        </div>
        ${
          current.scheduledStartAt
            ? html`<div>
                <dt>Scheduled start</dt>
                <dd>${formatTime(current.scheduledStartAt)}</dd>
              </div>`
            : nothing
        }
        <div>
          <dt>Execution ID</dt>
          <dd class="mono" data-testid="execution-id">${current.executionId ?? "—"}</dd>
        </div>
        <div>
          <dt>Parent</dt>
          <dd class="mono">
            ${
              current.parentInstanceId
                ? html`<a href=${paths.instance(hub, current.parentInstanceId)}
                    >${current.parentInstanceId}</a
                  >`
                : "—"
            }
          </dd>
        </div>
        <div>
          <dt>Tags</dt>
          <dd>${tagChips(current.tags)}</dd>
        </div>
      </dl>
      ${
        current.failure
          ? html`<section class="panel failure-panel">
              <h2>Failure</h2>
              ${failureBlock(current.failure)}
            </section>`
          : nothing
      }
      <section class="panel">
        <div class="tabs" role="tablist">
          ${(["timeline", "history"] as const).map(
            (name) =>
              html`<button
                role="tab"
                class=${tab === name ? "active" : ""}
                aria-selected=${tab === name}
                @click=${() => {
                  tab = name;
                  ctx.update();
                }}
              >
                ${name === "timeline" ? "Timeline" : `History (${current.history.length})`}
              </button>`,
          )}
        </div>
        ${tab === "timeline" ? timelineView(hub, current, Date.now()) : historyTable(current)}
      </section>
      <div class="payloads">
        ${jsonBlock("Input", current.input, "input")}
        ${jsonBlock("Output", current.output, "output")}
        ${jsonBlock("Custom status", current.customStatus, "custom-status")}
      </div>`;

  return {
    template: () =>
      html`<div class="page instance">
        ${
          error && !detail
            ? html`<p class="crumbs"><a href=${paths.orchestrations(hub)}>Orchestrations</a> /</p>
                <h1 class="mono">${instanceId}</h1>
                <div class="alert error" role="alert" data-testid="instance-error">
                  <strong>${error.code}</strong> ${error.message}
                </div>`
            : nothing
        }
        ${error && detail ? html`<div class="alert error" role="alert"><strong>${error.code}</strong> ${error.message}</div>` : nothing}
        ${detail ? body(detail) : error ? nothing : html`<div class="empty-state">Loading…</div>`}
      </div>`,
    dispose: () => {
      loadSeq++;
      stopPolling();
    },
  };
}

/** A one-line summary of an event's fields for the collapsed history row. */
function summarize(fields: Record<string, unknown>): string {
  const text = Object.entries(fields)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(", ");
  return text.length > 90 ? `${text.slice(0, 90)}…` : text;
}
