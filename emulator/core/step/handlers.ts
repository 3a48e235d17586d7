// One handler per OrchestratorAction type. The mapped type makes the table exhaustive: a new action type in the
// protocol fails the type check until it has a handler.
import { pb } from "../proto";
import { completeOrchestration } from "./completeOrchestration";
import { createSubOrchestration } from "./createSubOrchestration";
import { createTimer } from "./createTimer";
import { rewindOrchestration } from "./rewindOrchestration";
import { scheduleTask } from "./scheduleTask";
import { sendEntityMessage } from "./sendEntityMessage";
import { sendEvent } from "./sendEvent";
import { terminateOrchestration } from "./terminateOrchestration";
import type { ActionHandler } from "./types";

const Case = pb.OrchestratorAction.OrchestratoractiontypeCase;
type ActionCase = Exclude<
  pb.OrchestratorAction.OrchestratoractiontypeCase,
  pb.OrchestratorAction.OrchestratoractiontypeCase.ORCHESTRATORACTIONTYPE_NOT_SET
>;

export const actionHandlers: { readonly [K in ActionCase]: ActionHandler } = {
  [Case.SCHEDULETASK]: scheduleTask,
  [Case.CREATESUBORCHESTRATION]: createSubOrchestration,
  [Case.CREATETIMER]: createTimer,
  [Case.SENDEVENT]: sendEvent,
  [Case.COMPLETEORCHESTRATION]: completeOrchestration,
  [Case.TERMINATEORCHESTRATION]: terminateOrchestration,
  [Case.SENDENTITYMESSAGE]: sendEntityMessage,
  [Case.REWINDORCHESTRATION]: rewindOrchestration,
};

/** The handler for `action`'s type; undefined when no type is set or the type is unknown. */
export function handlerFor(action: pb.OrchestratorAction): ActionHandler | undefined {
  const kind = action.getOrchestratoractiontypeCase();
  if (kind === Case.ORCHESTRATORACTIONTYPE_NOT_SET) return undefined;
  return (actionHandlers as Partial<Record<number, ActionHandler>>)[kind];
}
