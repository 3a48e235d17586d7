import { html } from "lit-html";
import type { RuntimeStatus } from "../../api-types";

const STATUS_CLASS: Record<RuntimeStatus, string> = {
  Running: "running",
  Completed: "completed",
  ContinuedAsNew: "running",
  Failed: "failed",
  Canceled: "terminated",
  Terminated: "terminated",
  Pending: "pending",
  Suspended: "suspended",
};

export const statusBadge = (status: RuntimeStatus) =>
  html`<span class="badge status-${STATUS_CLASS[status]}" data-status=${status}
    ><i></i>${status}</span
  >`;
