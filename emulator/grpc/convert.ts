// Row → protocol message conversions shared by the RPC groups.
import { stringValue, timestamp } from "../core/events";
import { pb } from "../core/proto";
import type { InstanceRow } from "../store/store";

/**
 * OrchestrationState (docs/reference/sidecar.md "Statuses and state fields"): inputs/outputs only on request;
 * failureDetails unset on success.
 */
export function toOrchestrationState(
  row: InstanceRow,
  includeInputsAndOutputs: boolean,
): pb.OrchestrationState {
  const state = new pb.OrchestrationState();
  state.setInstanceid(row.instanceId);
  state.setName(row.name);
  state.setVersion(stringValue(row.version));
  state.setOrchestrationstatus(row.status);
  if (row.scheduledStartAt !== null)
    state.setScheduledstarttimestamp(timestamp(row.scheduledStartAt));
  state.setCreatedtimestamp(timestamp(row.createdAt));
  state.setLastupdatedtimestamp(timestamp(row.lastUpdatedAt));
  if (row.completedAt !== null) state.setCompletedtimestamp(timestamp(row.completedAt));
  state.setExecutionid(stringValue(row.executionId));
  state.setParentinstanceid(stringValue(row.parentInstanceId));
  if (includeInputsAndOutputs) {
    state.setInput(stringValue(row.input));
    state.setOutput(stringValue(row.output));
    state.setCustomstatus(stringValue(row.customStatus));
  }
  if (row.failureDetails)
    state.setFailuredetails(pb.TaskFailureDetails.deserializeBinary(row.failureDetails));
  const tags = state.getTagsMap();
  for (const [key, value] of Object.entries(row.tags ?? {})) tags.set(key, value);
  return state;
}
