// Arguments, defaults and rules of the Scheduler component. The stack schema (stacks/schema.ts) runs the same
// validateSchedulerArgs on every `dtsx:schedulers[i]`, so a rule reads identically in both places.
import type * as pulumi from "@pulumi/pulumi";
import {
  subscriptionIdProblems,
  validateAccessRules,
  validateIdentities,
  type AccessRule,
  type Identity,
} from "../access/args";
import { nestProblems, type Problem } from "../problems";
import {
  retentionWithDefaults,
  validateRetention,
  type RetentionArgs,
  type RetentionWithDefaults,
} from "../retention/args";
import {
  capacityProblem,
  DEFAULT_DEDICATED_CAPACITY,
  describe,
  ipRangeProblem,
  publicNetworkAccessProblem,
  resourceNameProblem,
  skuProblem,
  type PublicNetworkAccess,
  type SkuName,
} from "../rules";

/** A task hub declared inside a scheduler. */
export interface TaskHubDeclaration {
  readonly name: string;
  /** Roles granted at task hub scope. @default [] */
  readonly access?: readonly AccessRule[];
}

export interface SchedulerArgs {
  /** ARM scheduler name (`^[a-zA-Z0-9-]{3,64}$`, no leading/trailing hyphen). @default the component's name */
  readonly name?: string;
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure region, e.g. `westeurope`. */
  readonly location: string;
  readonly sku: SkuName;
  /** Dedicated capacity units 1–3 (3 = zone redundant); never set on Consumption. @default 1 on Dedicated */
  readonly capacity?: number;
  /** IPv4/IPv6 addresses or CIDR ranges allowed to call the scheduler; required by the API (`[]` denies all). */
  readonly ipAllowlist: readonly string[];
  /** @default "Enabled" */
  readonly publicNetworkAccess?: PublicNetworkAccess;
  /** @default {} */
  readonly tags?: Readonly<Record<string, string>>;
  /** Autopurge days. @default { default: 30 } */
  readonly retention?: RetentionArgs;
  /** Roles granted at scheduler scope (all task hubs). @default [] */
  readonly access?: readonly AccessRule[];
  /** @default [] */
  readonly taskHubs?: readonly TaskHubDeclaration[];
  /** Principals that access rules refer to. @default {} */
  readonly identities?: Readonly<Record<string, Identity>>;
  /**
   * The subscription the scheduler is deployed to (the stack passes `dtsx:subscriptionId`; it must be the
   * provider's). When set, role assignment scopes and role definition ids are built from names and are known during
   * `pulumi preview`; otherwise they are derived from the new resources' `id` outputs, known only after deployment.
   */
  readonly subscriptionId?: string;
}

export interface SchedulerArgsWithDefaults extends SchedulerArgs {
  readonly name: string;
  readonly publicNetworkAccess: PublicNetworkAccess;
  readonly tags: Readonly<Record<string, string>>;
  readonly retention: RetentionWithDefaults;
  readonly access: readonly AccessRule[];
  readonly taskHubs: readonly (TaskHubDeclaration & { readonly access: readonly AccessRule[] })[];
  readonly identities: Readonly<Record<string, Identity>>;
}

/** Fills defaults without touching `args`; `componentName` names the scheduler when `args.name` is unset. */
export function schedulerWithDefaults(
  componentName: string,
  args: SchedulerArgs,
): SchedulerArgsWithDefaults {
  const capacity =
    args.sku === "Dedicated" ? (args.capacity ?? DEFAULT_DEDICATED_CAPACITY) : args.capacity;
  return {
    ...args,
    name: args.name ?? componentName,
    ...(capacity === undefined ? {} : { capacity }),
    publicNetworkAccess: args.publicNetworkAccess ?? "Enabled",
    tags: args.tags ?? {},
    retention: retentionWithDefaults(args.retention),
    access: args.access ?? [],
    taskHubs: (args.taskHubs ?? []).map((hub) => ({ ...hub, access: hub.access ?? [] })),
    identities: args.identities ?? {},
  };
}

/** Every rule of issue 2 for one scheduler; paths are relative to the arguments. */
export function validateSchedulerArgs(args: SchedulerArgsWithDefaults): Problem[] {
  const problems: Problem[] = [];
  const add = (path: readonly PropertyKey[], message: string | undefined): void => {
    if (message !== undefined) problems.push({ path, message });
  };

  add(["name"], resourceNameProblem(args.name));
  add(["location"], args.location.trim() === "" ? `expected an Azure region, got ""` : undefined);
  const sku = skuProblem(args.sku);
  add(["sku"], sku);
  if (!sku) add(["capacity"], capacityProblem(args.sku, args.capacity));
  args.ipAllowlist.forEach((range, index) => add(["ipAllowlist", index], ipRangeProblem(range)));
  add(["publicNetworkAccess"], publicNetworkAccessProblem(args.publicNetworkAccess));
  if (!sku)
    problems.push(...nestProblems(["retention"], validateRetention(args.retention, args.sku)));
  problems.push(...nestProblems(["access"], validateAccessRules(args.access, args.identities)));

  const firstIndexOfHub = new Map<string, number>();
  args.taskHubs.forEach((hub, index) => {
    add(["taskHubs", index, "name"], resourceNameProblem(hub.name));
    // ARM names are case-insensitive, so "Orders" and "orders" are the same hub.
    const key = hub.name.toLowerCase();
    const first = firstIndexOfHub.get(key);
    if (first === undefined) {
      firstIndexOfHub.set(key, index);
    } else {
      add(
        ["taskHubs", index, "name"],
        `duplicate task hub name ${describe(hub.name)} (also taskHubs[${first}].name); names are unique within a scheduler`,
      );
    }
    problems.push(
      ...nestProblems(
        ["taskHubs", index, "access"],
        validateAccessRules(hub.access, args.identities),
      ),
    );
  });
  problems.push(...nestProblems(["identities"], validateIdentities(args.identities)));
  problems.push(...subscriptionIdProblems(args.subscriptionId));
  return problems;
}
