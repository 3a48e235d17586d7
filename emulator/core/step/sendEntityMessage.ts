// SendEntityMessage → the entity event in this history and the same event routed to the entity's inbox
// (docs/reference/sidecar.md "Entities"): signals and calls to their target (scheduled ones become visible at their
// time), lock requests to the next entity of the lock set, unlocks to the entity released. Calls, lock requests and
// unlocks name this orchestration as their sender when the SDK left it out.
import { engineErrors } from "../errors";
import { newEvent, stringValue, timestampMs } from "../events";
import { checkName, checkPayload } from "../limits";
import { pb } from "../proto";
import type { ActionEffect, OutgoingMessage, StepState } from "./types";

/** Routes an entity message to the entity's inbox (scheduled signals become visible at their time). */
export function entityMessage(
  now: number,
  targetId: string,
  event: pb.HistoryEvent,
  scheduled?: number,
): OutgoingMessage {
  return {
    instanceId: targetId,
    executionId: null,
    visibleAt: Math.max(now, scheduled ?? now),
    event,
  };
}

/** The entity event to record and route, and where to: the action's own body is left untouched. */
function entityEventOf(
  state: StepState,
  send: pb.SendEntityMessageAction,
  id: number,
): { set: (event: pb.HistoryEvent) => void; target: string | undefined; scheduled?: number } {
  const M = pb.SendEntityMessageAction.EntitymessagetypeCase;
  const messageType = send.getEntitymessagetypeCase();
  const { instanceId, executionId } = state.row;
  switch (messageType) {
    case M.ENTITYOPERATIONSIGNALED: {
      const body = send.getEntityoperationsignaled()!;
      checkName(`sendEntityMessage[${id}].operation`, body.getOperation());
      checkPayload(`sendEntityMessage[${id}].input`, body.getInput()?.getValue());
      return {
        set: (event) => event.setEntityoperationsignaled(body),
        target: body.getTargetinstanceid()?.getValue() ?? "",
        scheduled: timestampMs(body.getScheduledtime()),
      };
    }
    case M.ENTITYOPERATIONCALLED: {
      const body = send.getEntityoperationcalled()!.clone();
      checkName(`sendEntityMessage[${id}].operation`, body.getOperation());
      checkPayload(`sendEntityMessage[${id}].input`, body.getInput()?.getValue());
      if (!body.hasParentinstanceid()) body.setParentinstanceid(stringValue(instanceId));
      if (!body.hasParentexecutionid()) body.setParentexecutionid(stringValue(executionId));
      return {
        set: (event) => event.setEntityoperationcalled(body),
        target: body.getTargetinstanceid()?.getValue() ?? "",
        scheduled: timestampMs(body.getScheduledtime()),
      };
    }
    case M.ENTITYLOCKREQUESTED: {
      const body = send.getEntitylockrequested()!.clone();
      if (!body.hasParentinstanceid()) body.setParentinstanceid(stringValue(instanceId));
      return {
        set: (event) => event.setEntitylockrequested(body),
        target: body.getLocksetList()[body.getPosition()],
      };
    }
    case M.ENTITYUNLOCKSENT: {
      const body = send.getEntityunlocksent()!.clone();
      if (!body.hasParentinstanceid()) body.setParentinstanceid(stringValue(instanceId));
      return {
        set: (event) => event.setEntityunlocksent(body),
        target: body.getTargetinstanceid()?.getValue() ?? "",
      };
    }
    case M.ENTITYMESSAGETYPE_NOT_SET:
      throw engineErrors.invalidArgument(`actions[${id}].sendEntityMessage: no message type set`);
    default: {
      const unreachable: never = messageType;
      throw engineErrors.invalidArgument(`unknown entity message type ${String(unreachable)}`);
    }
  }
}

export function sendEntityMessage(state: StepState, action: pb.OrchestratorAction): ActionEffect {
  const id = action.getId();
  const { set, target, scheduled } = entityEventOf(state, action.getSendentitymessage()!, id);
  const event = newEvent(state.now, id);
  const routed = newEvent(state.now);
  set(event);
  set(routed);
  return {
    events: [event],
    messages: target === undefined ? [] : [entityMessage(state.now, target, routed, scheduled)],
  };
}
