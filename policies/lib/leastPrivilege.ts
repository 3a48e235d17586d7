// Least privilege for apps (docs/reference/identity.md "Scopes"): a ServicePrincipal's Worker or Data Contributor role
// belongs at task hub scope; scheduler scope would open every hub of the scheduler. Shared by
// dtsx-roleassignment-least-privilege (mandatory, prod) and its advisory twin (dev, test).
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { optionalString } from "./known";
import type { Profile } from "./profile";
import { profileOfResource, profileOfSchedulerProps } from "./profile";
import { ROLE_ASSIGNMENT_TYPE } from "./resourceTypes";
import { DTS_ROLES, dtsRoleOf } from "./roles";
import { displayNameOf, scopeTargetOf } from "./topology";

export interface LeastPrivilegeFinding {
  assignment: PolicyResource;
  message: string;
}

export function leastPrivilegeFindings(
  args: StackValidationArgs,
  profiles: readonly Profile[],
): LeastPrivilegeFinding[] {
  const findings: LeastPrivilegeFinding[] = [];
  for (const assignment of args.resources.filter((r) => r.type === ROLE_ASSIGNMENT_TYPE)) {
    // Read in this order so that a value unknown during preview (the role id is derived from the new scheduler's
    // id) only stops the check for an assignment it actually decides: a ServicePrincipal at scheduler scope.
    if (optionalString(assignment.props.principalType) !== "ServicePrincipal") continue;
    const target = scopeTargetOf(assignment, args.resources);
    if (target.kind !== "scheduler") continue;
    const role = dtsRoleOf(optionalString(assignment.props.roleDefinitionId) ?? "");
    if (role !== "worker" && role !== "contributor") continue;
    const profile = target.scheduler
      ? profileOfSchedulerProps(target.scheduler.props)
      : profileOfResource(assignment, args.resources);
    if (!profiles.includes(profile)) continue;
    const scheduler = target.scheduler ? ` "${displayNameOf(target.scheduler)}"` : "";
    findings.push({
      assignment,
      message: `Role assignment "${assignment.name}" in the ${profile} profile gives ServicePrincipal ${optionalString(assignment.props.principalId) ?? "(unknown)"} ${DTS_ROLES[role].displayName} at scheduler${scheduler} scope, which opens every task hub; assign ${DTS_ROLES.worker.displayName} or ${DTS_ROLES.contributor.displayName} at the scope of the task hub the app uses instead.`,
    });
  }
  return findings;
}
