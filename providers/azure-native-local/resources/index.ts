// The azure-native resource types the dtsx components create (components/**), served by the local bridge.
import type { ResourceKind } from "./kind";
import { retentionPolicyKind } from "./retentionPolicy";
import { roleAssignmentKind } from "./roleAssignment";
import { schedulerKind } from "./scheduler";
import { taskHubKind } from "./taskHub";

export const RESOURCE_KINDS: ReadonlyMap<string, ResourceKind> = new Map(
  [schedulerKind, taskHubKind, retentionPolicyKind, roleAssignmentKind].map((kind) => [
    kind.type,
    kind,
  ]),
);
