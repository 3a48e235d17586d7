// Arguments, defaults and rules of the TaskHub component (one `durabletask.TaskHub` plus its hub-scope access).
import type * as pulumi from "@pulumi/pulumi";
import {
  subscriptionIdProblems,
  validateAccessRules,
  type AccessRule,
  type Identity,
  type IdentityValues,
} from "../access/args";
import { nestProblems, type Problem } from "../problems";
import { describe, resourceNameProblem } from "../rules";

export interface TaskHubArgs {
  /** Task hub name, unique within its scheduler (`^[a-zA-Z0-9-]{3,64}$`, no leading/trailing hyphen). */
  readonly name: pulumi.Input<string>;
  readonly resourceGroupName: pulumi.Input<string>;
  /** The scheduler the hub belongs to (its ARM name). */
  readonly schedulerName: pulumi.Input<string>;
  /** The scheduler's `properties.endpoint`, used for connection strings and the dashboard URL. */
  readonly schedulerEndpoint: pulumi.Input<string>;
  /** Roles granted at task hub scope (least privilege, docs/reference/identity.md). @default [] */
  readonly access?: AccessRule[];
  /** Identities the access rules refer to. @default {} */
  readonly identities?: Record<string, Identity>;
  /**
   * Identities (with a clientId) that get an SDK connection string output for this hub.
   * @default every identity in `access` that has a clientId
   */
  readonly connectionStringIdentities?: string[];
  /**
   * The subscription the hub is deployed to (the stack passes `dtsx:subscriptionId`). When set, the hub-scope role
   * assignments get a scope and role definition id built from names, known during `pulumi preview`; otherwise both
   * are derived from the hub's `id` output, known only after deployment.
   */
  readonly subscriptionId?: pulumi.Input<string>;
}

/** The validated part of TaskHubArgs (all but where the hub lives) once every value is known. */
export interface TaskHubValues {
  readonly name: string;
  readonly access?: readonly AccessRule[];
  readonly identities?: Readonly<Record<string, IdentityValues>>;
  readonly connectionStringIdentities?: readonly string[];
  readonly subscriptionId?: string;
}

export interface TaskHubValuesWithDefaults extends TaskHubValues {
  readonly access: readonly AccessRule[];
  readonly identities: Readonly<Record<string, IdentityValues>>;
  readonly connectionStringIdentities: readonly string[];
}

/**
 * The identities that get a connection string by default: those in `access` with a clientId. Only the presence of
 * a clientId matters, so this works on arguments whose clientIds are still Outputs.
 */
export function defaultConnectionStringIdentities(
  access: readonly AccessRule[],
  identities: Readonly<Record<string, { readonly clientId?: unknown }>>,
): string[] {
  return [
    ...new Set(
      access
        .map((rule) => rule.identity)
        .filter((identity) => identities[identity]?.clientId !== undefined),
    ),
  ];
}

export function taskHubWithDefaults(args: TaskHubValues): TaskHubValuesWithDefaults {
  const access = args.access ?? [];
  const identities = args.identities ?? {};
  return {
    ...args,
    access,
    identities,
    connectionStringIdentities:
      args.connectionStringIdentities ?? defaultConnectionStringIdentities(access, identities),
  };
}

export function validateTaskHubArgs(args: TaskHubValuesWithDefaults): Problem[] {
  const problems: Problem[] = [];
  const name = resourceNameProblem(args.name);
  if (name) problems.push({ path: ["name"], message: name });
  problems.push(...nestProblems(["access"], validateAccessRules(args.access, args.identities)));
  problems.push(...subscriptionIdProblems(args.subscriptionId));
  args.connectionStringIdentities.forEach((identity, index) => {
    const declared = args.identities[identity];
    if (!declared) {
      problems.push({
        path: ["connectionStringIdentities", index],
        message: `identity ${describe(identity)} is not declared in identities`,
      });
    } else if (declared.clientId === undefined) {
      problems.push({
        path: ["connectionStringIdentities", index],
        message: `identity ${describe(identity)} has no clientId, so it gets no connection string`,
      });
    }
  });
  return problems;
}
