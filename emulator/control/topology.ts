// `dtsx emulator --stack NAME`: read `stacks/Pulumi.<NAME>.yaml` through the SAME schema the Pulumi
// program uses (topology/schema.ts, no @pulumi import at runtime) and provision it through the control-plane code,
// exactly as ARM requests would: schedulers (quota-checked), retention, task hubs, role assignments, identities.
// Re-provisioning a persistent data directory is idempotent; role assignments on declared schedulers follow the
// stack file (stale ones are removed); hubs are never deleted here (that would delete their orchestrations).
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  DEFAULT_DEDICATED_CAPACITY,
  PURGEABLE_STATES,
  roleAssignmentName,
  type PurgeableState,
} from "../../dts";
import { loadStackConfigFile, StackConfigError, type StackConfig } from "../../topology/schema";
import { ROLE_DEFINITION_IDS, roleDefinitionArmId, type DataRole } from "../auth/roles";
import { ArmError } from "./armErrors";
import type { ControlPlane } from "./controlPlane";
import { schedulerId, taskHubId, type SchedulerRef } from "./resourceIds";
import type { RetentionEntry, SchedulerSpec } from "./validation";
import type { IdentityDirectory } from "../identity/identities";

/** The subscription a stack without `dtsx:subscriptionId` uses (the same default as `dtsx plan`). */
export const DEFAULT_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";

export interface HubSummary {
  name: string;
  scheduler: string;
  endpoint: string;
  dashboardUrl: string;
  /** One per identity with a clientId that holds a role on the hub or its scheduler. */
  connectionStrings: { identity: string; role: DataRole; connectionString: string }[];
}

export interface ProvisionedTopology {
  stack: string;
  subscriptionId: string;
  resourceGroup: string;
  schedulers: string[];
  hubs: { name: string; scheduler: string }[];
}

/** A stack that cannot be served: missing file, invalid configuration, or a control-plane refusal. */
export class TopologyError extends Error {
  override readonly name = "TopologyError";
}

export function isTopologyError(error: unknown): boolean {
  return error instanceof TopologyError || error instanceof StackConfigError;
}

/** `<stackDir>/Pulumi.<name>.yaml` (default `./stacks`); a clear error naming the flag when it is missing. */
export function stackFilePath(name: string, stackDir = join(process.cwd(), "stacks")): string {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    throw new Error(
      `--stack: expected a stack name (letters, digits, '.', '_' or '-'), got '${name}'.`,
    );
  }
  const path = resolve(join(stackDir, `Pulumi.${name}.yaml`));
  if (!existsSync(path)) {
    throw new TopologyError(`--stack ${name}: stack file ${path} does not exist.`);
  }
  return path;
}

/** Reads and validates a stack file; errors list every `dtsx:<key>: <rule>` problem. */
export function loadTopology(name: string, stackDir?: string): StackConfig {
  return loadStackConfigFile(stackFilePath(name, stackDir));
}

function retentionEntries(
  retention: StackConfig["schedulers"][number]["retention"],
): RetentionEntry[] {
  if (retention === undefined) return [];
  const entries: RetentionEntry[] = [];
  if (retention.default !== undefined) entries.push({ retentionPeriodInDays: retention.default });
  // The stack file spells each terminal state in lower case (topology/schema.ts); ARM's orchestrationState does not.
  for (const state of PURGEABLE_STATES) {
    const days = retention[state.toLowerCase() as Lowercase<PurgeableState>];
    if (days !== undefined)
      entries.push({ retentionPeriodInDays: days, orchestrationState: state });
  }
  return entries;
}

function schedulerSpec(
  scheduler: StackConfig["schedulers"][number],
  environment: string,
): SchedulerSpec {
  return {
    location: scheduler.location,
    // The stack program tags every scheduler with its environment (topology/schema.ts ENVIRONMENT_TAG).
    tags: { ...scheduler.tags, environment },
    ipAllowlist: [...scheduler.ipAllowlist],
    // A Dedicated scheduler without a declared capacity gets the components' default, as `pulumi up` would send.
    sku: (() => {
      const capacity =
        scheduler.sku === "Dedicated"
          ? (scheduler.capacity ?? DEFAULT_DEDICATED_CAPACITY)
          : scheduler.capacity;
      return capacity === undefined ? { name: scheduler.sku } : { name: scheduler.sku, capacity };
    })(),
    ...(scheduler.publicNetworkAccess === undefined
      ? {}
      : { publicNetworkAccess: scheduler.publicNetworkAccess }),
  };
}

function where(stack: string, path: string, error: unknown): Error {
  const message =
    error instanceof ArmError
      ? `${error.code}: ${error.message}`
      : error instanceof Error
        ? error.message
        : String(error);
  return new TopologyError(`stack '${stack}': ${path}: ${message}`, { cause: error });
}

export interface ProvisionDependencies {
  controlPlane: ControlPlane;
  identities: IdentityDirectory;
}

/** Provisions `config` through the control plane; throws naming the stack key that failed. */
export async function provisionTopology(
  stack: string,
  config: StackConfig,
  deps: ProvisionDependencies,
): Promise<ProvisionedTopology> {
  const { controlPlane, identities } = deps;
  const subscriptionId = config.subscriptionId ?? DEFAULT_SUBSCRIPTION_ID;
  const resourceGroup = config.resourceGroupName;

  for (const [name, identity] of Object.entries(config.identities)) {
    identities.add({
      name,
      principalId: identity.principalId.toLowerCase(),
      ...(identity.clientId === undefined ? {} : { clientId: identity.clientId.toLowerCase() }),
      principalType: identity.principalType,
    });
  }

  const hubs: { name: string; scheduler: string }[] = [];
  for (const [index, scheduler] of config.schedulers.entries()) {
    const at = `dtsx:schedulers[${index}]`;
    const ref: SchedulerRef = { subscriptionId, resourceGroup, scheduler: scheduler.name };
    try {
      controlPlane.putScheduler(ref, schedulerSpec(scheduler, config.environment));
      const entries = retentionEntries(scheduler.retention);
      if (entries.length > 0) controlPlane.putRetention(ref, entries);
      else controlPlane.deleteRetention(ref);
    } catch (error) {
      throw where(stack, `${at} (${scheduler.name})`, error);
    }

    const desired = new Set<string>();
    const assign = async (
      scope: string,
      rules: readonly { identity: string; role: DataRole }[],
      path: string,
    ) => {
      for (const [ruleIndex, rule] of rules.entries()) {
        const identity = config.identities[rule.identity];
        if (identity === undefined) continue; // the stack schema already refuses undeclared identities
        const principalId = identity.principalId.toLowerCase();
        const name = roleAssignmentName(
          scope,
          principalId,
          roleDefinitionArmId(subscriptionId, rule.role),
        );
        desired.add(`${scope.toLowerCase()}|${name}`);
        try {
          await controlPlane.putRoleAssignment(scope, name, {
            role: rule.role,
            roleDefinitionId: ROLE_DEFINITION_IDS[rule.role],
            principalId,
            principalType: identity.principalType,
          });
        } catch (error) {
          throw where(stack, `${path}.access[${ruleIndex}]`, error);
        }
      }
    };

    await assign(schedulerId(ref), scheduler.access ?? [], at);
    for (const [hubIndex, hub] of (scheduler.taskHubs ?? []).entries()) {
      const hubPath = `${at}.taskHubs[${hubIndex}]`;
      try {
        await controlPlane.putTaskHub(ref, hub.name);
      } catch (error) {
        throw where(stack, `${hubPath} (${hub.name})`, error);
      }
      await assign(taskHubId(ref, hub.name), hub.access ?? [], hubPath);
    }

    // The stack file is the source of truth for access: drop assignments it no longer declares.
    for (const existing of await controlPlane.listRoleAssignments(schedulerId(ref), false)) {
      if (!desired.has(`${existing.scope.toLowerCase()}|${existing.name}`)) {
        await controlPlane.deleteRoleAssignment(existing.scope, existing.name);
      }
    }

    for (const hub of scheduler.taskHubs ?? [])
      hubs.push({ name: hub.name, scheduler: scheduler.name });
  }

  return {
    stack,
    subscriptionId,
    resourceGroup,
    schedulers: config.schedulers.map((s) => s.name),
    hubs,
  };
}

/**
 * What `dtsx emulator --stack` prints per hub: endpoint, dashboard URL and one connection string per
 * identity holding a role there. Called after the ports are known.
 */
export function describeTopology(
  topology: ProvisionedTopology,
  deps: ProvisionDependencies & { grpcEndpoint: string },
): HubSummary[] {
  const { controlPlane, identities } = deps;
  return topology.hubs.map((hub) => {
    const record = controlPlane.findScheduler(hub.scheduler);
    const assignments =
      record === undefined ? [] : controlPlane.roleAssignmentsFor(record, hub.name);
    const connectionStrings = assignments.flatMap((assignment) => {
      const identity = identities.byPrincipalId(assignment.spec.principalId);
      if (identity?.clientId === undefined) return [];
      return [
        {
          identity: identity.name,
          role: assignment.spec.role,
          connectionString: `Endpoint=${deps.grpcEndpoint};Authentication=ManagedIdentity;ClientID=${identity.clientId};TaskHub=${hub.name}`,
        },
      ];
    });
    return {
      name: hub.name,
      scheduler: hub.scheduler,
      endpoint: deps.grpcEndpoint,
      dashboardUrl: controlPlane.dashboardUrl(hub.name),
      connectionStrings,
    };
  });
}
