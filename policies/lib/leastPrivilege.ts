// Least privilege for apps (docs/reference/identity.md "Scopes"): a ServicePrincipal's Worker or Data Contributor role
// belongs at task hub scope; scheduler scope would open every hub of the scheduler. Each finding carries the
// profile it is judged in, so the policy reports it at that profile's enforcement level.
import type { PolicyResource, StackValidationArgs } from "@pulumi/policy";
import { optionalString } from "./known";
import type { Profile } from "./profile";
import { profileOfResource, profileOfSchedulerProps } from "./profile";
import { ROLE_ASSIGNMENT_TYPE } from "./resourceTypes";
import { DTS_ROLES, dtsRoleOf } from "./roles";
import { displayNameOf, scopeTargetOf } from "./topology";

export interface LeastPrivilegeFinding {
  assignment: PolicyResource;
  profile: Profile;
  message: string;
}

export function leastPrivilegeFindings(args: StackValidationArgs): LeastPrivilegeFinding[] {
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
    const scheduler = target.scheduler ? ` "${displayNameOf(target.scheduler)}"` : "";
    findings.push({
      assignment,
      profile,
      message: `Role assignment "${assignment.name}" in the ${profile} profile gives ServicePrincipal ${optionalString(assignment.props.principalId) ?? "(unknown)"} ${DTS_ROLES[role].displayName} at scheduler${scheduler} scope, which opens every task hub; assign ${DTS_ROLES.worker.displayName} or ${DTS_ROLES.contributor.displayName} at the scope of the task hub the app uses instead.`,
    });
  }
  return findings;
}
