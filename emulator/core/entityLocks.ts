// Entity critical-section locks as they decide what is deliverable: while an entity is locked, only messages sent
// by the lock holder are delivered (DTFx `DetermineWork`, docs/reference/sidecar.md "Entities").
import type { HubState, InboxMessage } from "./hubState";
import type { pb } from "./proto";

/** Who sent a message, for lock ownership: the calling orchestration, or none for plain signals. */
export function senderOf(event: pb.HistoryEvent): string | undefined {
  return (
    event.getEntityoperationcalled()?.getParentinstanceid()?.getValue() ??
    event.getEntitylockrequested()?.getParentinstanceid()?.getValue() ??
    event.getEntityunlocksent()?.getParentinstanceid()?.getValue()
  );
}

export function isOperation(event: pb.HistoryEvent): boolean {
  return event.hasEntityoperationsignaled() || event.hasEntityoperationcalled();
}

/** While locked, only the lock holder's messages are deliverable. */
export function hasDeliverableEntityMessage(
  hub: HubState,
  entityId: string,
  inbox: InboxMessage[],
  now: number,
): boolean {
  const lockedBy = hub.entities.get(entityId)?.lockedBy ?? null;
  return inbox.some(
    (message) =>
      message.visibleAt <= now && (lockedBy === null || senderOf(message.event) === lockedBy),
  );
}
