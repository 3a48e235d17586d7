// CreateTimer → TimerCreated in the history and a TimerFired message to this execution, visible at fireAt.
import { newEvent, timerFired, timestampMs } from "../events";
import { pb } from "../proto";
import type { ActionEffect, StepState } from "./types";

export function createTimer(state: StepState, action: pb.OrchestratorAction): ActionEffect {
  const id = action.getId();
  const timer = action.getCreatetimer()!;
  const created = new pb.TimerCreatedEvent();
  created.setFireat(timer.getFireat());
  const event = newEvent(state.now, id);
  event.setTimercreated(created);
  const fireAt = timestampMs(timer.getFireat()) ?? state.now;
  return {
    events: [event],
    messages: [
      {
        instanceId: state.row.instanceId,
        executionId: state.row.executionId,
        visibleAt: fireAt,
        event: timerFired(fireAt, id, timer.getFireat()),
      },
    ],
  };
}
