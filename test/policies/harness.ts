// Builders for planned DTS resources and a runner that evaluates one policy the way the engine would
// (policies/evaluate.ts: unknownCheckingProxy-wrapped props, reconciled config). Each test starts from a happy-path
// stack and applies one mutation.
import type { RegisteredPolicy } from "../../policies/all";
import { registeredPolicies } from "../../policies/all";
import type { PlannedResource, Violation } from "../../policies/evaluate";
import { evaluatePolicies } from "../../policies/evaluate";
import {
  RETENTION_POLICY_TYPE,
  ROLE_ASSIGNMENT_TYPE,
  SCHEDULER_TYPE,
  TASK_HUB_TYPE,
} from "../../policies/lib/resourceTypes";
import { DTS_ROLES } from "../../policies/lib/roles";

export const SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";
export const OTHER_SUBSCRIPTION = "22222222-2222-2222-2222-222222222222";
export const RESOURCE_GROUP = "rg-dts";

/** A planned resource plus the ARM id the mocks would give it (stack policies see it as output `id`). */
export interface TestResource extends PlannedResource {
  armId?: string;
}

/** Props of a built resource, for one mutation per test (tests never share one object between two runs). */
export type Props = Record<string, unknown>;

export interface SchedulerProps {
  properties: {
    sku: { name: string; capacity?: number };
    ipAllowlist: string[];
    publicNetworkAccess?: string;
  };
  tags: Record<string, string>;
}

export interface RetentionProps {
  properties: {
    retentionPolicies: Array<{ retentionPeriodInDays: number; orchestrationState?: string }>;
  };
}

export function schedulerId(name: string, subscriptionId = SUBSCRIPTION): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.DurableTask/schedulers/${name}`;
}

export interface SchedulerOptions {
  location?: string;
  sku?: string;
  capacity?: number;
  environment?: string;
  subscriptionId?: string;
}

export function scheduler(name: string, options: SchedulerOptions = {}): TestResource {
  const environment = options.environment ?? "prod";
  const sku = options.sku ?? "Dedicated";
  const capacity = options.capacity ?? (sku === "Dedicated" ? 3 : undefined);
  const hardened = environment !== "dev";
  return {
    type: SCHEDULER_TYPE,
    name,
    inputs: {
      schedulerName: name,
      resourceGroupName: RESOURCE_GROUP,
      location: options.location ?? "westeurope",
      properties: {
        sku: capacity === undefined ? { name: sku } : { name: sku, capacity },
        ipAllowlist: hardened ? ["10.20.0.0/16"] : ["0.0.0.0/0"],
        publicNetworkAccess: hardened ? "Disabled" : "Enabled",
      },
      tags: { environment, owner: "platform" },
    },
    armId: schedulerId(name, options.subscriptionId),
  };
}

export function taskHub(schedulerName: string, hub: string): TestResource {
  return {
    type: TASK_HUB_TYPE,
    name: `${schedulerName}-taskhub-${hub}`,
    inputs: { schedulerName, resourceGroupName: RESOURCE_GROUP, taskHubName: hub },
    armId: `${schedulerId(schedulerName)}/taskHubs/${hub}`,
  };
}

export function retention(
  schedulerName: string,
  policies: Array<{ retentionPeriodInDays: number; orchestrationState?: string }>,
): TestResource {
  return {
    type: RETENTION_POLICY_TYPE,
    name: `${schedulerName}-retention`,
    inputs: {
      schedulerName,
      resourceGroupName: RESOURCE_GROUP,
      properties: { retentionPolicies: policies },
    },
  };
}

export function roleAssignment(
  name: string,
  options: {
    scope: string;
    role: keyof typeof DTS_ROLES;
    principalType?: string;
    principalId?: string;
  },
): TestResource {
  return {
    type: ROLE_ASSIGNMENT_TYPE,
    name,
    inputs: {
      principalId: options.principalId ?? "aaaaaaaa-0000-0000-0000-000000000001",
      principalType: options.principalType ?? "ServicePrincipal",
      roleDefinitionId: `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/${DTS_ROLES[options.role].id}`,
      scope: options.scope,
    },
  };
}

/** One scheduler of the given profile with everything the guardrails ask for (the shape the stack program builds). */
export function happyStack(environment: "dev" | "test" | "prod" = "prod"): TestResource[] {
  const name = `dts-orders-${environment}-weu`;
  const sku = environment === "dev" ? "Consumption" : "Dedicated";
  const capacity = environment === "prod" ? 3 : environment === "test" ? 1 : undefined;
  return [
    scheduler(name, { environment, sku, ...(capacity === undefined ? {} : { capacity }) }),
    taskHub(name, "orders"),
    taskHub(name, "billing"),
    retention(name, [
      { retentionPeriodInDays: environment === "dev" ? 3 : 30 },
      { retentionPeriodInDays: environment === "dev" ? 7 : 90, orchestrationState: "Failed" },
    ]),
    roleAssignment(`${name}-access-orders-app-worker`, {
      scope: `${schedulerId(name)}/taskHubs/orders`,
      role: "worker",
    }),
    roleAssignment(`${name}-access-oncall-reader`, {
      scope: schedulerId(name),
      role: "reader",
      principalType: "Group",
    }),
  ];
}

export function props(resource: TestResource | undefined): Props {
  if (!resource) throw new Error("no such resource in the test stack");
  return resource.inputs;
}

/** The URN evaluatePolicies gives a planned resource without one (stack "stack", project "dtsx"). */
export function urnOf(resource: Pick<PlannedResource, "type" | "name"> | undefined): string {
  if (!resource) throw new Error("no such resource in the test stack");
  return `urn:pulumi:stack::dtsx::${resource.type}::${resource.name}`;
}

/** The nested props the builders above create for a scheduler. */
export function schedulerProps(resource: TestResource | undefined): SchedulerProps {
  return props(resource) as unknown as SchedulerProps;
}

export function retentionProps(resource: TestResource | undefined): RetentionProps {
  return props(resource) as unknown as RetentionProps;
}

export function toPlanned(resources: readonly TestResource[]): PlannedResource[] {
  return resources.map(({ armId, ...planned }) => ({
    ...planned,
    outputs: { ...structuredClone(planned.inputs), ...(armId ? { id: armId } : {}) },
  }));
}

export function registered(name: string): RegisteredPolicy {
  const entry = registeredPolicies.find((candidate) => candidate.policy.name === name);
  if (!entry) throw new Error(`no policy named ${name}`);
  return entry;
}

/** Runs one policy (by name) on the resources, with an optional --policy-pack-config object. */
export function runPolicy(
  name: string,
  resources: readonly TestResource[],
  config?: unknown,
): Promise<Violation[]> {
  return evaluatePolicies({
    resources: toPlanned(resources),
    policies: [registered(name)],
    ...(config === undefined ? {} : { config }),
  });
}

export const messages = (violations: readonly Violation[]) => violations.map((v) => v.message);
