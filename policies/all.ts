// Every policy of the dtsx pack, with the zod schema of its configuration. The pack entry (index.ts) serves them;
// `dtsx plan` (evaluate.ts) runs them in-process. Importing this file starts no server.
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import type { z } from "zod";
import {
  roleAssignmentDtsRole,
  roleAssignmentDtsRoleConfig,
} from "./authorization/RoleAssignment/roleAssignmentDtsRole";
import {
  roleAssignmentLeastPrivilege,
  roleAssignmentLeastPrivilegeConfig,
} from "./authorization/RoleAssignment/roleAssignmentLeastPrivilege";
import {
  roleAssignmentLeastPrivilegeAdvisory,
  roleAssignmentLeastPrivilegeAdvisoryConfig,
} from "./authorization/RoleAssignment/roleAssignmentLeastPrivilegeAdvisory";
import {
  roleAssignmentPrincipalType,
  roleAssignmentPrincipalTypeConfig,
} from "./authorization/RoleAssignment/roleAssignmentPrincipalType";
import {
  schedulerAllowedRegions,
  schedulerAllowedRegionsConfig,
} from "./durabletask/Scheduler/schedulerAllowedRegions";
import { schedulerName, schedulerNameConfig } from "./durabletask/Scheduler/schedulerName";
import { schedulerNetwork, schedulerNetworkConfig } from "./durabletask/Scheduler/schedulerNetwork";
import {
  schedulerNetworkAdvisory,
  schedulerNetworkAdvisoryConfig,
} from "./durabletask/Scheduler/schedulerNetworkAdvisory";
import {
  schedulerQuotaPerRegion,
  schedulerQuotaPerRegionConfig,
} from "./durabletask/Scheduler/schedulerQuotaPerRegion";
import {
  schedulerRequiredTags,
  schedulerRequiredTagsConfig,
} from "./durabletask/Scheduler/schedulerRequiredTags";
import {
  schedulerRetention,
  schedulerRetentionConfig,
} from "./durabletask/Scheduler/schedulerRetention";
import { schedulerSku, schedulerSkuConfig } from "./durabletask/Scheduler/schedulerSku";
import {
  schedulerTaskHubLimit,
  schedulerTaskHubLimitConfig,
} from "./durabletask/Scheduler/schedulerTaskHubLimit";
import { taskHubName, taskHubNameConfig } from "./durabletask/TaskHub/taskHubName";
import {
  taskHubUniqueName,
  taskHubUniqueNameConfig,
} from "./durabletask/TaskHub/taskHubUniqueName";

export type DtsxPolicy = ResourceValidationPolicy | StackValidationPolicy;

export interface RegisteredPolicy {
  policy: DtsxPolicy;
  /** The schema `configSchema` was derived from; used to validate a --policy-pack-config file. */
  config: z.ZodObject;
}

function register(entries: RegisteredPolicy[]): readonly RegisteredPolicy[] {
  const seen = new Set<string>();
  for (const { policy } of entries) {
    if (seen.has(policy.name)) throw new Error(`policy "${policy.name}" is registered twice`);
    if (!/^dtsx-[a-z]+-[a-z0-9-]+$/.test(policy.name)) {
      throw new Error(`policy "${policy.name}" does not follow dtsx-<resource>-<rule>`);
    }
    seen.add(policy.name);
  }
  return Object.freeze(entries);
}

export const registeredPolicies: readonly RegisteredPolicy[] = register([
  { policy: schedulerQuotaPerRegion, config: schedulerQuotaPerRegionConfig },
  { policy: schedulerTaskHubLimit, config: schedulerTaskHubLimitConfig },
  { policy: schedulerName, config: schedulerNameConfig },
  { policy: taskHubName, config: taskHubNameConfig },
  { policy: taskHubUniqueName, config: taskHubUniqueNameConfig },
  { policy: schedulerSku, config: schedulerSkuConfig },
  { policy: schedulerNetwork, config: schedulerNetworkConfig },
  { policy: schedulerNetworkAdvisory, config: schedulerNetworkAdvisoryConfig },
  { policy: schedulerRetention, config: schedulerRetentionConfig },
  { policy: roleAssignmentDtsRole, config: roleAssignmentDtsRoleConfig },
  { policy: roleAssignmentPrincipalType, config: roleAssignmentPrincipalTypeConfig },
  { policy: roleAssignmentLeastPrivilege, config: roleAssignmentLeastPrivilegeConfig },
  {
    policy: roleAssignmentLeastPrivilegeAdvisory,
    config: roleAssignmentLeastPrivilegeAdvisoryConfig,
  },
  { policy: schedulerRequiredTags, config: schedulerRequiredTagsConfig },
  { policy: schedulerAllowedRegions, config: schedulerAllowedRegionsConfig },
]);

export const allPolicies: DtsxPolicy[] = registeredPolicies.map((entry) => entry.policy);

export const POLICY_PACK_NAME = "dtsx";
