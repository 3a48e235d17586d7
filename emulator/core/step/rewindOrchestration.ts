// RewindOrchestration: the SDK computed the rewound history (RewindInstance); adopt it and its executionId and
// run the instance again.
import type { pb } from "../proto";
import { Status } from "../status";
import type { InstanceRow } from "../../store/store";
import { findExecutionStarted, type ActionEffect, type StepState } from "./types";

export function rewindOrchestration(
  _state: StepState,
  action: pb.OrchestratorAction,
): ActionEffect {
  const newHistory = action.getRewindorchestration()!.getNewhistoryList();
  const rewoundStart = findExecutionStarted(newHistory);
  const executionId = rewoundStart?.getOrchestrationinstance()?.getExecutionid()?.getValue();
  const row: Partial<InstanceRow> = {
    status: Status.ORCHESTRATION_STATUS_RUNNING,
    output: null,
    failureDetails: null,
    completedAt: null,
  };
  if (executionId) row.executionId = executionId;
  return { row, replaceHistory: [...newHistory], rewound: true };
}
