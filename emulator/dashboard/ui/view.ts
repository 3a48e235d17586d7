// The contract between the dashboard shell (app.ts) and its pages (views/*): what a page gets from the shell and
// what the shell needs back. Kept apart from app.ts so pages depend on the contract, not on the shell itself.
import type { TemplateResult } from "lit-html";
import type { HubSummary, SessionInfo } from "../api-types";
import type { DialogHost } from "./components/dialog";

export interface View {
  template(): TemplateResult;
  dispose(): void;
}

export interface AppContext {
  readonly session: SessionInfo;
  readonly hubs: HubSummary[];
  readonly dialogs: DialogHost;
  update(): void;
  navigate(path: string, options?: { replace?: boolean }): void;
  toast(message: string): void;
  signOut(): Promise<void>;
}
