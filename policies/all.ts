// Every policy of the dtsx pack, with the zod schema of its configuration and its compliance metadata. The pack
// entry (index.ts) serves them; `dtsx plan` (evaluate.ts) runs them in-process. Importing this file starts no
// server. Names follow pulumi/compliance-policies: `azurenative-<service>-<resource>-<rule>`, all lower case, and
// each policy lives in a file of that name under <service>/<Resource>/.
import type { z } from "zod";
import {
  roleAssignmentDtsRole,
  roleAssignmentDtsRoleConfig,
} from "./authorization/RoleAssignment/azurenative-authorization-roleassignment-dts-role";
import {
  roleAssignmentLeastPrivilege,
  roleAssignmentLeastPrivilegeConfig,
} from "./authorization/RoleAssignment/azurenative-authorization-roleassignment-least-privilege";
import {
  roleAssignmentPrincipalType,
  roleAssignmentPrincipalTypeConfig,
} from "./authorization/RoleAssignment/azurenative-authorization-roleassignment-principal-type";
import {
  retentionKeepFailed,
  retentionKeepFailedConfig,
} from "./durabletask/RetentionPolicy/azurenative-durabletask-retentionpolicy-keep-failed-orchestrations";
import {
  schedulerAllowedRegions,
  schedulerAllowedRegionsConfig,
} from "./durabletask/Scheduler/azurenative-durabletask-scheduler-allowed-regions";
import {
  schedulerRetention,
  schedulerRetentionConfig,
} from "./durabletask/Scheduler/azurenative-durabletask-scheduler-configure-retention";
import {
  schedulerOpenIpRange,
  schedulerOpenIpRangeConfig,
} from "./durabletask/Scheduler/azurenative-durabletask-scheduler-disallow-open-ip-range";
import {
  schedulerPublicNetworkAccess,
  schedulerPublicNetworkAccessConfig,
} from "./durabletask/Scheduler/azurenative-durabletask-scheduler-disallow-public-network-access";
import {
  schedulerQuotaPerRegion,
  schedulerQuotaPerRegionConfig,
} from "./durabletask/Scheduler/azurenative-durabletask-scheduler-quota-per-region";
import {
  schedulerRequiredTags,
  schedulerRequiredTagsConfig,
} from "./durabletask/Scheduler/azurenative-durabletask-scheduler-required-tags";
import {
  schedulerTaskHubLimit,
  schedulerTaskHubLimitConfig,
} from "./durabletask/Scheduler/azurenative-durabletask-scheduler-task-hub-limit";
import {
  schedulerNetwork,
  schedulerNetworkConfig,
} from "./durabletask/Scheduler/azurenative-durabletask-scheduler-valid-ip-allowlist";
import {
  schedulerName,
  schedulerNameConfig,
} from "./durabletask/Scheduler/azurenative-durabletask-scheduler-valid-name";
import {
  schedulerSku,
  schedulerSkuConfig,
} from "./durabletask/Scheduler/azurenative-durabletask-scheduler-valid-sku";
import {
  schedulerZoneRedundant,
  schedulerZoneRedundantConfig,
} from "./durabletask/Scheduler/azurenative-durabletask-scheduler-zone-redundant";
import {
  taskHubUniqueName,
  taskHubUniqueNameConfig,
} from "./durabletask/TaskHub/azurenative-durabletask-taskhub-unique-name";
import {
  taskHubName,
  taskHubNameConfig,
} from "./durabletask/TaskHub/azurenative-durabletask-taskhub-valid-name";
import type { DtsxPolicy, PolicyMetadata } from "./lib/metadata";

export type { DtsxPolicy, PolicyMetadata } from "./lib/metadata";

export interface RegisteredPolicy {
  policy: DtsxPolicy;
  /** The schema `configSchema` was derived from; used to validate a --policy-pack-config file. */
  config: z.ZodObject;
  metadata: PolicyMetadata;
}

export const POLICY_NAME_PATTERN =
  /^azurenative-(durabletask|authorization)-[a-z]+-[a-z0-9]+(-[a-z0-9]+)*$/;

function register(
  entries: Array<{ policy: DtsxPolicy & { metadata: PolicyMetadata }; config: z.ZodObject }>,
): readonly RegisteredPolicy[] {
  const seen = new Set<string>();
  for (const { policy } of entries) {
    if (seen.has(policy.name)) throw new Error(`policy "${policy.name}" is registered twice`);
    if (!POLICY_NAME_PATTERN.test(policy.name)) {
      throw new Error(
        `policy "${policy.name}" does not follow azurenative-<service>-<resource>-<rule>`,
      );
    }
    seen.add(policy.name);
  }
  return Object.freeze(
    entries.map(({ policy, config }) => {
      const { metadata, ...enginePolicy } = policy;
      return { policy: enginePolicy, config, metadata };
    }),
  );
}

export const registeredPolicies: readonly RegisteredPolicy[] = register([
  { policy: schedulerQuotaPerRegion, config: schedulerQuotaPerRegionConfig },
  { policy: schedulerTaskHubLimit, config: schedulerTaskHubLimitConfig },
  { policy: schedulerName, config: schedulerNameConfig },
  { policy: taskHubName, config: taskHubNameConfig },
  { policy: taskHubUniqueName, config: taskHubUniqueNameConfig },
  { policy: schedulerSku, config: schedulerSkuConfig },
  { policy: schedulerZoneRedundant, config: schedulerZoneRedundantConfig },
  { policy: schedulerNetwork, config: schedulerNetworkConfig },
  { policy: schedulerOpenIpRange, config: schedulerOpenIpRangeConfig },
  { policy: schedulerPublicNetworkAccess, config: schedulerPublicNetworkAccessConfig },
  { policy: schedulerRetention, config: schedulerRetentionConfig },
  { policy: retentionKeepFailed, config: retentionKeepFailedConfig },
  { policy: roleAssignmentDtsRole, config: roleAssignmentDtsRoleConfig },
  { policy: roleAssignmentPrincipalType, config: roleAssignmentPrincipalTypeConfig },
  { policy: roleAssignmentLeastPrivilege, config: roleAssignmentLeastPrivilegeConfig },
  { policy: schedulerRequiredTags, config: schedulerRequiredTagsConfig },
  { policy: schedulerAllowedRegions, config: schedulerAllowedRegionsConfig },
]);

export const allPolicies: DtsxPolicy[] = registeredPolicies.map((entry) => entry.policy);

export const POLICY_PACK_NAME = "dtsx";
