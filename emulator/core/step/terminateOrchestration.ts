// TerminateOrchestration → ExecutionTerminated to a running target; nothing is added to this history.
import { executionTerminated } from "../events";
import { checkPayload } from "../limits";
import type { pb } from "../proto";
import { isTerminal } from "../status";
import { messageTo, type ActionEffect, type StepState } from "./types";

export function terminateOrchestration(
  state: StepState,
  action: pb.OrchestratorAction,
): ActionEffect {
  const id = action.getId();
  const terminate = action.getTerminateorchestration()!;
  const target = terminate.getInstanceid();
  checkPayload(`terminateOrchestration[${id}].reason`, terminate.getReason()?.getValue());
  const targetRow = state.lookup(target);
  if (!targetRow || isTerminal(targetRow.status)) return {};
  const event = executionTerminated(
    state.now,
    terminate.getReason()?.getValue(),
    terminate.getRecurse(),
  );
  return { messages: [messageTo(target, state.now, event)] };
}
