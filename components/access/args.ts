// Arguments of the Access component and the pure rules for identities and access rules, which the scheduler and
// task hub components (and the stack schema, through them) reuse for their `access` lists.
import type * as pulumi from "@pulumi/pulumi";
import type { Problem } from "../problems";
import { describe, guidProblem, principalTypeProblem } from "../rules";
import { roleProblem } from "./roles";

/**
 * A principal that access rules refer to by name. Its ids may be Outputs (e.g. a managed identity created in the
 * same program); they are checked once known.
 */
export interface Identity {
  /** Object id of the user, group or service principal (managed identity) in Entra ID. */
  readonly principalId: pulumi.Input<string>;
  /** Client (application) id of a managed identity; set it to get SDK connection strings for this identity. */
  readonly clientId?: pulumi.Input<string>;
  /**
   * `User`, `Group`, `ServicePrincipal`, `ForeignGroup` or `Device`, passed through to every role assignment (ARM
   * skips the directory lookup, which avoids replication races).
   */
  readonly principalType: pulumi.Input<string>;
}

/** An identity once its values are known. */
export interface IdentityValues {
  readonly principalId: string;
  readonly clientId?: string;
  readonly principalType: string;
}

/**
 * Grant `role` to the identity declared under `identity`. Both are plain values: each rule becomes one role
 * assignment whose resource name is built from them.
 */
export interface AccessRule {
  /** The key of an entry in `identities`. */
  readonly identity: string;
  /** `reader`, `worker` or `contributor`: the Durable Task data-plane role granted. */
  readonly role: string;
}

export interface AccessArgs {
  /** The ARM id the roles are granted on: a scheduler or a task hub. */
  readonly scope: pulumi.Input<string>;
  /** Role grants; each becomes one `authorization.RoleAssignment`. */
  readonly rules: AccessRule[];
  /** Every identity a rule may refer to. */
  readonly identities: Record<string, Identity>;
  /**
   * The subscription `scope` lives in. When set, role definition ids are built from it and are known during
   * `pulumi preview` even if `scope` is not (the id of a resource not yet created); otherwise they are derived
   * from `scope`.
   */
  readonly subscriptionId?: pulumi.Input<string>;
}

/** The validated part of AccessArgs (all but `scope`) once every value is known. */
export interface AccessValues {
  readonly rules: readonly AccessRule[];
  readonly identities: Readonly<Record<string, IdentityValues>>;
  readonly subscriptionId?: string;
}

/** Rules for the identity declarations themselves (GUIDs, principal type). */
export function validateIdentities(
  identities: Readonly<Record<string, IdentityValues>>,
): Problem[] {
  const problems: Problem[] = [];
  for (const [name, identity] of Object.entries(identities)) {
    const principalId = guidProblem(identity.principalId);
    if (principalId) problems.push({ path: [name, "principalId"], message: principalId });
    if (identity.clientId !== undefined) {
      const clientId = guidProblem(identity.clientId);
      if (clientId) problems.push({ path: [name, "clientId"], message: clientId });
    }
    const principalType = principalTypeProblem(identity.principalType);
    if (principalType) problems.push({ path: [name, "principalType"], message: principalType });
  }
  return problems;
}

/**
 * Rules for an access list: known roles, declared identities, no identity granted the same role twice at one scope
 * (the second assignment would collide with the first's deterministic name). Paths are relative to the list.
 */
export function validateAccessRules(
  rules: readonly AccessRule[],
  identities: Readonly<Record<string, unknown>>,
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  rules.forEach((rule, index) => {
    const role = roleProblem(rule.role);
    if (role) problems.push({ path: [index, "role"], message: role });
    if (!Object.hasOwn(identities, rule.identity)) {
      const declared = Object.keys(identities);
      problems.push({
        path: [index, "identity"],
        message: `identity ${describe(rule.identity)} is not declared in identities (declared: ${
          declared.length > 0 ? declared.join(", ") : "none"
        })`,
      });
    }
    const key = `${rule.identity}\u0000${rule.role}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
    } else {
      problems.push({
        path: [index],
        message: `duplicate grant of role ${describe(rule.role)} to identity ${describe(rule.identity)} (also at index ${first})`,
      });
    }
  });
  return problems;
}

/** An optional subscription id argument is a GUID (it ends up in ARM ids). */
export function subscriptionIdProblems(subscriptionId: string | undefined): Problem[] {
  if (subscriptionId === undefined) return [];
  const problem = guidProblem(subscriptionId);
  return problem ? [{ path: ["subscriptionId"], message: problem }] : [];
}

export function validateAccessArgs(args: AccessValues): Problem[] {
  return [
    ...validateAccessRules(args.rules, args.identities).map((problem) => ({
      path: ["rules", ...problem.path],
      message: problem.message,
    })),
    ...subscriptionIdProblems(args.subscriptionId),
  ];
}
