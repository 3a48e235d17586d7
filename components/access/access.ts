// Least-privilege data-plane access: one `authorization.RoleAssignment` per (identity, role) at one scope, named
// deterministically from (scope, principal, role definition) so re-runs never duplicate (docs/reference/identity.md).
import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { whenKnown } from "../whenKnown";
import { validateAccessArgs, type AccessArgs, type AccessValues } from "./args";
import { roleAssignmentName } from "../../dts";
import { DTS_ROLES, roleDefinitionId, subscriptionRoleDefinitionId, type DtsRole } from "./roles";

export const ACCESS_TYPE = "dtsx:index:Access";

/** One granted role as the plan and the stack outputs report it. */
export interface RoleAssignmentOutput {
  readonly identity: string;
  /** The Durable Task role name: `reader`, `worker` or `contributor`. */
  readonly role: string;
  readonly roleAssignmentName: string;
  readonly roleDefinitionId: string;
  readonly scope: string;
}

const roleAssignmentsOf = new WeakMap<
  Access,
  Readonly<Record<string, authorization.RoleAssignment>>
>();

/** Durable Task data-plane roles granted to named identities at one scope (a scheduler or a task hub). */
export class Access extends pulumi.ComponentResource {
  /** Every granted role, in declaration order. */
  readonly assignments: pulumi.Output<RoleAssignmentOutput[]>;

  constructor(name: string, args: AccessArgs, opts?: pulumi.ComponentResourceOptions) {
    const { scope: declaredScope, ...validated } = args;
    const checked = whenKnown(
      ACCESS_TYPE,
      name,
      validated,
      (values): AccessValues => values,
      validateAccessArgs,
    );
    super(ACCESS_TYPE, name, {}, opts);

    const scope = pulumi.output(declaredScope);
    const subscriptionId = args.subscriptionId;
    const roleAssignments: Record<string, authorization.RoleAssignment> = {};
    const assignments: pulumi.Output<RoleAssignmentOutput>[] = [];
    for (const rule of args.rules) {
      const identity = checked.apply((values) => values.identities[rule.identity]);
      // Validation has accepted the role by the time any of these callbacks runs.
      const role = rule.role as DtsRole;
      const definitionId =
        subscriptionId === undefined
          ? scope.apply((id) => roleDefinitionId(id, role))
          : checked.apply((values) =>
              subscriptionRoleDefinitionId(values.subscriptionId ?? "", role),
            );
      const principalId = identity.apply((declared) => declared?.principalId ?? "");
      const assignmentName = pulumi
        .all([scope, principalId, definitionId])
        .apply(([id, principal, definition]) => roleAssignmentName(id, principal, definition));
      const assignment = new authorization.RoleAssignment(
        `${name}-${rule.identity}-${rule.role}`,
        {
          scope,
          principalId,
          principalType: identity.apply((declared) => declared?.principalType ?? ""),
          roleDefinitionId: definitionId,
          roleAssignmentName: assignmentName,
          description: `${DTS_ROLES[role]?.displayName ?? rule.role} for ${rule.identity} (dtsx)`,
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
    roleAssignmentsOf.set(this, roleAssignments);
    this.assignments = pulumi.all(assignments);
    this.registerOutputs({ assignments: this.assignments });
  }

  /**
   * The role assignments, keyed `<identity>/<role>`, in declaration order. A getter, not a property: the component
   * package's schema lists properties as outputs, and resources cannot cross a language boundary as values.
   */
  get roleAssignments(): Readonly<Record<string, authorization.RoleAssignment>> {
    return roleAssignmentsOf.get(this) ?? {};
  }
}
