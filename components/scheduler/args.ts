// Arguments, defaults and rules of the Scheduler component. The stack schema (topology/schema.ts) runs the same
// validateSchedulerArgs on every `dtsx:schedulers[i]`, so a rule reads identically in both places.
import type * as pulumi from "@pulumi/pulumi";
import {
  subscriptionIdProblems,
  validateAccessRules,
  validateIdentities,
  type AccessRule,
  type Identity,
  type IdentityValues,
} from "../access/args";
import { nestProblems, type Problem } from "../problems";
import {
  retentionWithDefaults,
  validateRetention,
  type RetentionDays,
  type RetentionValues,
  type RetentionWithDefaults,
} from "../retention/args";
import {
  capacityProblem,
  DEFAULT_DEDICATED_CAPACITY,
  describe,
  ipRangeProblem,
  publicNetworkAccessProblem,
  resourceNameProblem,
  isSkuName,
  skuProblem,
} from "../rules";

/** A task hub declared inside a scheduler. Plain: each hub becomes a TaskHub component named after it. */
export interface TaskHubDeclaration {
  /** Task hub name, unique within the scheduler (`^[a-zA-Z0-9-]{3,64}$`, no leading/trailing hyphen). */
  readonly name: string;
  /** Roles granted at task hub scope. @default [] */
  readonly access?: AccessRule[];
}

export interface SchedulerArgs {
  /** ARM scheduler name (`^[a-zA-Z0-9-]{3,64}$`, no leading/trailing hyphen). @default the component's name */
  readonly name?: pulumi.Input<string>;
  /** The resource group the scheduler is created in. */
  readonly resourceGroupName: pulumi.Input<string>;
  /** Azure region, e.g. `westeurope`. */
  readonly location: pulumi.Input<string>;
  /** `Consumption` or `Dedicated`. */
  readonly sku: pulumi.Input<string>;
  /** Dedicated capacity units 1–3 (3 = zone redundant); never set on Consumption. @default 1 on Dedicated */
  readonly capacity?: pulumi.Input<number>;
  /** IPv4/IPv6 addresses or CIDR ranges allowed to call the scheduler; required by the API (`[]` denies all). */
  readonly ipAllowlist: pulumi.Input<pulumi.Input<string>[]>;
  /** `Enabled` or `Disabled`. @default "Enabled" */
  readonly publicNetworkAccess?: pulumi.Input<string>;
  /** Tags on the scheduler. @default {} */
  readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
  /** Autopurge days. @default { default: 30 } */
  readonly retention?: RetentionDays;
  /** Roles granted at scheduler scope (all task hubs). @default [] */
  readonly access?: AccessRule[];
  /** The scheduler's task hubs. @default [] */
  readonly taskHubs?: TaskHubDeclaration[];
  /** Principals that access rules refer to. @default {} */
  readonly identities?: Record<string, Identity>;
  /**
   * The subscription the scheduler is deployed to (the stack passes `dtsx:subscriptionId`; it must be the
   * provider's). When set, role assignment scopes and role definition ids are built from names and are known during
   * `pulumi preview`; otherwise they are derived from the new resources' `id` outputs, known only after deployment.
   */
  readonly subscriptionId?: pulumi.Input<string>;
}

/**
 * The validated part of SchedulerArgs (all but the resource group and the tags, which have no rule here) once every
 * value is known; the stack schema hands the same shape over.
 */
export interface SchedulerValues {
  readonly name?: string;
  readonly location: string;
  readonly sku: string;
  readonly capacity?: number;
  readonly ipAllowlist: readonly string[];
  readonly publicNetworkAccess?: string;
  readonly retention?: RetentionValues;
  readonly access?: readonly AccessRule[];
  readonly taskHubs?: readonly { readonly name: string; readonly access?: readonly AccessRule[] }[];
  readonly identities?: Readonly<Record<string, IdentityValues>>;
  readonly subscriptionId?: string;
}

export interface SchedulerValuesWithDefaults extends SchedulerValues {
  readonly name: string;
  readonly publicNetworkAccess: string;
  readonly retention: RetentionWithDefaults;
  readonly access: readonly AccessRule[];
  readonly taskHubs: readonly { readonly name: string; readonly access: readonly AccessRule[] }[];
  readonly identities: Readonly<Record<string, IdentityValues>>;
}

/** Fills defaults without touching `args`; `componentName` names the scheduler when `args.name` is unset. */
export function schedulerWithDefaults(
  componentName: string,
  args: SchedulerValues,
): SchedulerValuesWithDefaults {
  const capacity =
    args.sku === "Dedicated" ? (args.capacity ?? DEFAULT_DEDICATED_CAPACITY) : args.capacity;
  return {
    ...args,
    name: args.name ?? componentName,
    ...(capacity === undefined ? {} : { capacity }),
    publicNetworkAccess: args.publicNetworkAccess ?? "Enabled",
    retention: retentionWithDefaults(args.retention),
    access: args.access ?? [],
    taskHubs: (args.taskHubs ?? []).map((hub) => ({ ...hub, access: hub.access ?? [] })),
    identities: args.identities ?? {},
  };
}

/** Every rule for one scheduler (docs/components-and-stacks.md); paths are relative to the arguments. */
export function validateSchedulerArgs(args: SchedulerValuesWithDefaults): Problem[] {
  const problems: Problem[] = [];
  const add = (path: readonly PropertyKey[], message: string | undefined): void => {
    if (message !== undefined) problems.push({ path, message });
  };

  add(["name"], resourceNameProblem(args.name));
  add(["location"], args.location.trim() === "" ? `expected an Azure region, got ""` : undefined);
  const sku = isSkuName(args.sku) ? args.sku : undefined;
  add(["sku"], skuProblem(args.sku));
  if (sku) add(["capacity"], capacityProblem(sku, args.capacity));
  args.ipAllowlist.forEach((range, index) => add(["ipAllowlist", index], ipRangeProblem(range)));
  add(["publicNetworkAccess"], publicNetworkAccessProblem(args.publicNetworkAccess));
  if (sku) problems.push(...nestProblems(["retention"], validateRetention(args.retention, sku)));
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
