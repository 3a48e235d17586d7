// SendEvent → EventSent in the history and EventRaised to the target, unless the target is unknown or finished.
import { eventRaised, newEvent } from "../events";
import { checkName, checkPayload } from "../limits";
import { pb } from "../proto";
import { isTerminal } from "../status";
import { messageTo, type ActionEffect, type StepState } from "./types";

export function sendEvent(state: StepState, action: pb.OrchestratorAction): ActionEffect {
  const { now, row } = state;
  const id = action.getId();
  const send = action.getSendevent()!;
  const target = send.getInstance()?.getInstanceid() ?? "";
  checkName(`sendEvent[${id}].name`, send.getName());
  checkPayload(`sendEvent[${id}].data`, send.getData()?.getValue());
  const sent = new pb.EventSentEvent();
  sent.setInstanceid(target);
  sent.setName(send.getName());
  sent.setInput(send.getData());
  const event = newEvent(now, id);
  event.setEventsent(sent);
  const targetRow = target === row.instanceId ? row : state.lookup(target);
  if (!targetRow || isTerminal(targetRow.status)) return { events: [event] };
  return {
    events: [event],
    messages: [
      messageTo(target, now, eventRaised(now, send.getName(), send.getData()?.getValue())),
    ],
  };
}
