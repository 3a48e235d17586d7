// Least-privilege data-plane access: one `authorization.RoleAssignment` per (identity, role) at one scope, named
// deterministically from (scope, principal, role definition) so re-runs never duplicate (issue 2).
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { throwIfProblems } from "../problems";
import { validateAccessArgs, type AccessArgs } from "./args";
import { roleAssignmentName } from "./guid";
import { DTS_ROLES, roleDefinitionId, subscriptionRoleDefinitionId, type DtsRole } from "./roles";

export const ACCESS_TYPE = "dtsx:index:Access";

/** One granted role as the plan and the stack outputs report it. */
export interface RoleAssignmentOutput {
  readonly identity: string;
  readonly role: DtsRole;
  readonly roleAssignmentName: string;
  readonly roleDefinitionId: string;
  readonly scope: string;
}

export class Access extends pulumi.ComponentResource {
  /** The role assignments, keyed `<identity>/<role>`, in declaration order. */
  readonly roleAssignments: Readonly<Record<string, authorization.RoleAssignment>>;
  readonly assignments: pulumi.Output<RoleAssignmentOutput[]>;

  constructor(name: string, args: AccessArgs, opts?: pulumi.ComponentResourceOptions) {
    throwIfProblems(ACCESS_TYPE, name, validateAccessArgs(args));
    super(ACCESS_TYPE, name, {}, opts);

    const scope = pulumi.output(args.scope);
    const roleAssignments: Record<string, authorization.RoleAssignment> = {};
    const assignments: pulumi.Output<RoleAssignmentOutput>[] = [];
    for (const rule of args.rules) {
      const identity = args.identities[rule.identity];
      if (!identity) continue; // unreachable: validateAccessArgs rejects undeclared identities
      const subscriptionId = args.subscriptionId;
      const definitionId =
        subscriptionId === undefined
          ? scope.apply((id) => roleDefinitionId(id, rule.role))
          : pulumi.output(subscriptionRoleDefinitionId(subscriptionId, rule.role));
      const assignmentName = pulumi
        .all([scope, definitionId])
        .apply(([id, definition]) => roleAssignmentName(id, identity.principalId, definition));
      const assignment = new authorization.RoleAssignment(
        `${name}-${rule.identity}-${rule.role}`,
        {
          scope,
          principalId: identity.principalId,
          principalType: identity.principalType,
          roleDefinitionId: definitionId,
          roleAssignmentName: assignmentName,
          description: `${DTS_ROLES[rule.role].displayName} for ${rule.identity} (dtsx)`,
        },
        { parent: this },
      );
      roleAssignments[`${rule.identity}/${rule.role}`] = assignment;
      assignments.push(
        pulumi.all([scope, definitionId, assignmentName]).apply(([id, definition, assigned]) => ({
          identity: rule.identity,
          role: rule.role,
          roleAssignmentName: assigned,
          roleDefinitionId: definition,
          scope: id,
        })),
      );
    }
    this.roleAssignments = roleAssignments;
    this.assignments = pulumi.all(assignments);
    this.registerOutputs({ assignments: this.assignments });
  }
}
