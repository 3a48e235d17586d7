// Orchestration runtime statuses (proto enum OrchestrationStatus in microsoft/durabletask-protobuf
// protos/orchestrator_service.proto).
import { pb } from "./proto";

export const Status = pb.OrchestrationStatus;
export type Status = pb.OrchestrationStatus;

export const TERMINAL_STATUSES: readonly number[] = [
  Status.ORCHESTRATION_STATUS_COMPLETED,
  Status.ORCHESTRATION_STATUS_FAILED,
  Status.ORCHESTRATION_STATUS_CANCELED,
  Status.ORCHESTRATION_STATUS_TERMINATED,
];

export function isTerminal(status: number): boolean {
  return TERMINAL_STATUSES.includes(status);
}

const NAMES: Record<number, string> = {
  [Status.ORCHESTRATION_STATUS_RUNNING]: "Running",
  [Status.ORCHESTRATION_STATUS_COMPLETED]: "Completed",
  [Status.ORCHESTRATION_STATUS_CONTINUED_AS_NEW]: "ContinuedAsNew",
  [Status.ORCHESTRATION_STATUS_FAILED]: "Failed",
  [Status.ORCHESTRATION_STATUS_CANCELED]: "Canceled",
  [Status.ORCHESTRATION_STATUS_TERMINATED]: "Terminated",
  [Status.ORCHESTRATION_STATUS_PENDING]: "Pending",
  [Status.ORCHESTRATION_STATUS_SUSPENDED]: "Suspended",
};

export function statusName(status: number): string {
  return NAMES[status] ?? `Unknown(${status})`;
}
