// Arguments, defaults and rules of the TaskHub component (one `durabletask.TaskHub` plus its hub-scope access).
import type * as pulumi from "@pulumi/pulumi";
import {
  subscriptionIdProblems,
  validateAccessRules,
  type AccessRule,
  type Identity,
} from "../access/args";
import { nestProblems, type Problem } from "../problems";
import { describe, resourceNameProblem } from "../rules";

export interface TaskHubArgs {
  /** Task hub name, unique within its scheduler (`^[a-zA-Z0-9-]{3,64}$`, no leading/trailing hyphen). */
  readonly name: string;
  readonly resourceGroupName: pulumi.Input<string>;
  /** The scheduler the hub belongs to (its ARM name). */
  readonly schedulerName: pulumi.Input<string>;
  /** The scheduler's `properties.endpoint`, used for connection strings and the dashboard URL. */
  readonly schedulerEndpoint: pulumi.Input<string>;
  /** Roles granted at task hub scope (least privilege, DOC-IDENTITY). @default [] */
  readonly access?: readonly AccessRule[];
  /** Identities the access rules refer to. @default {} */
  readonly identities?: Readonly<Record<string, Identity>>;
  /**
   * Identities (with a clientId) that get an SDK connection string output for this hub.
   * @default every identity in `access` that has a clientId
   */
  readonly connectionStringIdentities?: readonly string[];
  /**
   * The subscription the hub is deployed to (the stack passes `dtsx:subscriptionId`). When set, the hub-scope role
   * assignments get a scope and role definition id built from names, known during `pulumi preview`; otherwise both
   * are derived from the hub's `id` output, known only after deployment.
   */
  readonly subscriptionId?: string;
}

export interface TaskHubArgsWithDefaults extends TaskHubArgs {
  readonly access: readonly AccessRule[];
  readonly identities: Readonly<Record<string, Identity>>;
  readonly connectionStringIdentities: readonly string[];
}

export function taskHubWithDefaults(args: TaskHubArgs): TaskHubArgsWithDefaults {
  const access = args.access ?? [];
  const identities = args.identities ?? {};
  const withClientId = access
    .map((rule) => rule.identity)
    .filter((identity) => identities[identity]?.clientId !== undefined);
  return {
    ...args,
    access,
    identities,
    connectionStringIdentities: args.connectionStringIdentities ?? [...new Set(withClientId)],
  };
}

export function validateTaskHubArgs(args: TaskHubArgsWithDefaults): Problem[] {
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
