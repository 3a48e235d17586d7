// Applying one orchestrator episode (docs/reference/sidecar.md "Orchestration episodes and history layout";
// modelled on microsoft/durabletask-go backend/runtimestate.go ApplyActions): from the instance's state, the
// processed inbox events and the worker's actions, compute everything that must be committed in ONE transaction.
// Each action type has its own handler (step/handlers.ts); this file folds their effects in action order.
// Pure: no I/O, no clock, no mutation of its inputs; throws EngineError (before anything is written) when a
// payload breaks a DTS limit.
import { engineErrors } from "./errors";
import { checkPayload } from "./limits";
import { Status } from "./status";
import { handlerFor } from "./step/handlers";
import {
  findExecutionStarted,
  type ActionEffect,
  type OutgoingMessage,
  type StepInput,
  type StepOutput,
  type StepState,
} from "./step/types";
import { pb } from "./proto";
import type { InstanceRow } from "../store/store";

/** The instance row after the episode's new events (suspend, resume) and custom status. */
function rowAfterNewEvents(input: StepInput): { row: InstanceRow; terminateRecurse: boolean } {
  const row: InstanceRow = { ...input.row, lastUpdatedAt: input.now };
  let terminateRecurse = false;
  if (row.status === Status.ORCHESTRATION_STATUS_PENDING)
    row.status = Status.ORCHESTRATION_STATUS_RUNNING;
  for (const event of input.newEvents) {
    if (event.hasExecutionsuspended()) row.status = Status.ORCHESTRATION_STATUS_SUSPENDED;
    else if (event.hasExecutionresumed()) row.status = Status.ORCHESTRATION_STATUS_RUNNING;
    else if (event.hasExecutionterminated())
      terminateRecurse ||= event.getExecutionterminated()!.getRecurse();
  }
  if (input.customStatus !== undefined) {
    checkPayload("customStatus", input.customStatus.getValue());
    row.customStatus = input.customStatus.getValue();
  }
  return { row, terminateRecurse };
}

function handle(state: StepState, action: pb.OrchestratorAction): ActionEffect {
  const handler = handlerFor(action);
  if (handler) return handler(state, action);
  const kind = action.getOrchestratoractiontypeCase();
  throw engineErrors.invalidArgument(
    kind === pb.OrchestratorAction.OrchestratoractiontypeCase.ORCHESTRATORACTIONTYPE_NOT_SET
      ? `actions[${action.getId()}]: no action type set`
      : `actions[${action.getId()}]: unknown action type ${String(kind)}`,
  );
}

export function applyOrchestrationStep(input: StepInput): StepOutput {
  const { now } = input;
  const { row, terminateRecurse } = rowAfterNewEvents(input);
  const appended: pb.HistoryEvent[] = [...input.newEvents];
  let messages: OutgoingMessage[] = [];
  let activities: StepOutput["activities"] = [];
  const createdInstances: InstanceRow[] = [];
  let replacedHistory: pb.HistoryEvent[] | undefined;
  let continuedAsNew = false;
  let rewound = false;

  const state: StepState = {
    now,
    row,
    started: input.executionStarted ?? findExecutionStarted(input.newEvents),
    terminateRecurse,
    newExecutionId: input.newExecutionId,
    lookup: (instanceId) =>
      createdInstances.find((created) => created.instanceId === instanceId) ??
      input.lookup(instanceId),
    createdInEpisode: (instanceId) =>
      createdInstances.some((created) => created.instanceId === instanceId),
    history: () => [...input.pastEvents(), ...appended],
  };

  for (const action of input.actions) {
    const effect = handle(state, action);
    if (effect.continuedAsNew) {
      // The finished execution's activities and timers are moot (see ActionEffect.continuedAsNew).
      activities = [];
      messages = messages.filter(
        (message) => !(message.executionId !== null && message.instanceId === row.instanceId),
      );
      continuedAsNew = true;
    }
    appended.push(...(effect.events ?? []));
    messages.push(...(effect.messages ?? []));
    activities.push(...(effect.activities ?? []));
    createdInstances.push(...(effect.createdInstances ?? []));
    Object.assign(row, effect.row);
    if (effect.replaceHistory) replacedHistory = effect.replaceHistory;
    if (effect.rewound) rewound = true;
  }

  return {
    row,
    history: replacedHistory
      ? { mode: "replace", events: replacedHistory }
      : { mode: "append", events: appended },
    messages,
    activities,
    createdInstances,
    continuedAsNew,
    rewound,
  };
}
