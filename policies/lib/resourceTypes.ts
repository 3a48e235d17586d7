// Resource type tokens the policies key on, read from the azure-native classes themselves so a provider upgrade
// that renamed a token would show up here (and in test/policies/lib/resourceTypes.test.ts), not as silently
// inapplicable policies. Subpath imports keep the pack from loading the whole azure-native SDK (pulumi.md §2.2).
import { RoleAssignment } from "@pulumi/azure-native/authorization";
import { RetentionPolicy, Scheduler, TaskHub } from "@pulumi/azure-native/durabletask";

function pulumiTypeOf(resourceClass: object): string {
  // `__pulumiType` is a runtime static on every generated class, not declared in the .d.ts files.
  const token = (resourceClass as { __pulumiType?: unknown }).__pulumiType;
  if (typeof token !== "string") {
    throw new Error("azure-native resource class without a __pulumiType token");
  }
  return token;
}

export const SCHEDULER_TYPE = pulumiTypeOf(Scheduler);
export const TASK_HUB_TYPE = pulumiTypeOf(TaskHub);
export const RETENTION_POLICY_TYPE = pulumiTypeOf(RetentionPolicy);
export const ROLE_ASSIGNMENT_TYPE = pulumiTypeOf(RoleAssignment);

export { RetentionPolicy, RoleAssignment, Scheduler, TaskHub };
