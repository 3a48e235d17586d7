// Public surface of the dtsx Pulumi components.
export { Scheduler, SCHEDULER_TYPE, type TaskHubOutputs } from "./scheduler/scheduler";
export {
  schedulerWithDefaults,
  validateSchedulerArgs,
  type SchedulerArgs,
  type TaskHubDeclaration,
} from "./scheduler/args";
export { TaskHub, TASK_HUB_TYPE } from "./taskHub/taskHub";
export { taskHubWithDefaults, validateTaskHubArgs, type TaskHubArgs } from "./taskHub/args";
export { connectionString, dashboardUrl, taskHubDashboardUrl } from "./taskHub/connectionString";
export { Access, ACCESS_TYPE, type RoleAssignmentOutput } from "./access/access";
export {
  subscriptionIdProblems,
  validateAccessArgs,
  validateAccessRules,
  validateIdentities,
  type AccessArgs,
  type AccessRule,
  type Identity,
} from "./access/args";
export {
  DTS_ROLES,
  DTS_ROLE_NAMES,
  roleDefinitionId,
  subscriptionRoleDefinitionId,
  type DtsRole,
} from "./access/roles";
export { schedulerResourceId, taskHubResourceId } from "./armIds";
export { knownAfter } from "./knownAfter";
export { armGuid, roleAssignmentName, uuidV5 } from "../dts";
export {
  retentionPolicyEntries,
  retentionWithDefaults,
  validateRetention,
  type RetentionDays,
} from "./retention/args";
export { ArgsError, formatPath, type Problem } from "./problems";
export * from "./rules";
