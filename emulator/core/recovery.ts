// Start-up after a clean stop or a crash: the hot dispatch state is rebuilt from the store. Every acknowledged
// change is durable, so the inbox, the activity queue and the entity rows are all that is needed; work items that
// were in flight are simply delivered again.
import type { Logger } from "pino";
import type { Store } from "../store/store";
import { decodeEvent } from "./events";
import type { HubState } from "./hubState";
import type { Messaging } from "./ports";
import { pb } from "./proto";

export function recoverHotState(
  store: Pick<Store, "loadInbox" | "loadActivities" | "loadEntities">,
  hubNamed: (name: string) => HubState | undefined,
  hubs: Iterable<HubState>,
  messaging: Pick<Messaging, "addMessage" | "refresh">,
  logger: Logger,
): void {
  let messages = 0;
  for (const row of store.loadInbox()) {
    const hub = hubNamed(row.hub);
    if (!hub) continue;
    messaging.addMessage(hub, row.instanceId, {
      id: row.id,
      executionId: row.executionId,
      visibleAt: row.visibleAt,
      event: decodeEvent(row.event),
      bytes: row.event,
      dequeueCount: 0,
    });
    messages++;
  }
  for (const row of store.loadActivities()) {
    const hub = hubNamed(row.hub);
    if (!hub) continue;
    hub.activities.push({
      id: row.id,
      instanceId: row.instanceId,
      executionId: row.executionId,
      request: pb.ActivityRequest.deserializeBinary(row.request),
      requestBytes: row.request,
      dequeueCount: 0,
    });
  }
  for (const row of store.loadEntities()) {
    hubNamed(row.hub)?.entities.set(row.instanceId, row);
  }
  for (const hub of hubs) {
    for (const instanceId of hub.inboxes.keys()) messaging.refresh(hub, instanceId);
  }
  if (messages > 0) logger.info({ messages }, "recovered queued messages from the store");
}
