// ARM-shaped mocks for the offline plan: realistic resource ids and the read-only properties the provider would
// return (endpoint, provisioningState, redundancyState), so scopes and connection strings in a plan are the
// ones a real deployment would produce.
import type * as pulumi from "@pulumi/pulumi";
import { schedulerResourceId, taskHubResourceId } from "../../components/armIds";

/** The subscription used in ids when the stack declares none. */
export const PLACEHOLDER_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";

/**
 * API version of the azure-native 3.28 `durabletask` module (docs/reference/pulumi.md
 * "azure-native durabletask module").
 */
const DURABLETASK_API_VERSION = "2026-02-01";
const AUTHORIZATION_API_VERSION = "2022-04-01";

type Inputs = Record<string, unknown>;

export interface ArmMockOptions {
  readonly subscriptionId: string;
}

// The components build role assignment scopes with the same functions when the subscription is known, so the ids
// mocked here and the scopes they build agree.
export { schedulerResourceId, taskHubResourceId };

/**
 * The data-plane endpoint in the documented `{scheduler-name}.{region}.durabletask.io` form (docs/reference/arm.md
 * "Endpoint and dashboard URLs").
 */
export function schedulerEndpoint(scheduler: string, location: string): string {
  return `https://${scheduler.toLowerCase()}.${location.toLowerCase().replace(/\s+/g, "")}.durabletask.io`;
}

function text(inputs: Inputs, key: string, fallback: string): string {
  const value = inputs[key];
  return typeof value === "string" ? value : fallback;
}

function record(value: unknown): Inputs {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Inputs)
    : {};
}

/** The mocked provider result for one custom resource; throws for types dtsx does not declare. */
export function armMockResource(
  options: ArmMockOptions,
  type: string,
  name: string,
  inputs: Inputs,
): { id: string; state: Inputs } {
  const resourceGroup = text(inputs, "resourceGroupName", "rg");
  switch (type) {
    case "azure-native:durabletask:Scheduler": {
      const schedulerName = text(inputs, "schedulerName", name);
      const properties = record(inputs.properties);
      const sku = record(properties.sku);
      return {
        id: schedulerResourceId(options.subscriptionId, resourceGroup, schedulerName),
        state: {
          name: schedulerName,
          type: "Microsoft.DurableTask/schedulers",
          location: inputs.location,
          tags: inputs.tags ?? {},
          azureApiVersion: DURABLETASK_API_VERSION,
          properties: {
            ...properties,
            provisioningState: "Succeeded",
            endpoint: schedulerEndpoint(schedulerName, text(inputs, "location", "")),
            publicNetworkAccess: properties.publicNetworkAccess ?? "Enabled",
            privateEndpointConnections: [],
            // Capacity 3 is zone redundant (docs/reference/arm.md "SKU and capacity rules").
            sku: { ...sku, redundancyState: sku.capacity === 3 ? "Zone" : "None" },
          },
        },
      };
    }
    case "azure-native:durabletask:TaskHub": {
      const schedulerName = text(inputs, "schedulerName", "scheduler");
      const taskHubName = text(inputs, "taskHubName", name);
      return {
        id: taskHubResourceId(options.subscriptionId, resourceGroup, schedulerName, taskHubName),
        state: {
          name: taskHubName,
          type: "Microsoft.DurableTask/schedulers/taskHubs",
          azureApiVersion: DURABLETASK_API_VERSION,
          properties: { provisioningState: "Succeeded" },
        },
      };
    }
    case "azure-native:durabletask:RetentionPolicy": {
      const schedulerName = text(inputs, "schedulerName", "scheduler");
      return {
        id: `${schedulerResourceId(options.subscriptionId, resourceGroup, schedulerName)}/retentionPolicies/default`,
        state: {
          name: "default",
          type: "Microsoft.DurableTask/schedulers/retentionPolicies",
          azureApiVersion: DURABLETASK_API_VERSION,
          properties: { ...record(inputs.properties), provisioningState: "Succeeded" },
        },
      };
    }
    case "azure-native:authorization:RoleAssignment": {
      const assignmentName = text(inputs, "roleAssignmentName", name);
      const scope = text(inputs, "scope", "");
      return {
        id: `${scope}/providers/Microsoft.Authorization/roleAssignments/${assignmentName}`,
        state: {
          name: assignmentName,
          type: "Microsoft.Authorization/roleAssignments",
          azureApiVersion: AUTHORIZATION_API_VERSION,
          scope,
          principalId: inputs.principalId,
          principalType: inputs.principalType,
          roleDefinitionId: inputs.roleDefinitionId,
          description: inputs.description,
        },
      };
    }
    default:
      throw new Error(`dtsx plan has no mock for resource type ${type} (resource ${name})`);
  }
}

/** Mocks for `pulumi.runtime.setMocks`: ARM-like custom resources, empty state for components. */
export function armMocks(options: ArmMockOptions): pulumi.runtime.Mocks {
  return {
    newResource: (args) =>
      args.custom
        ? armMockResource(options, args.type, args.name, args.inputs as Inputs)
        : { id: undefined, state: {} },
    call: (args) => {
      throw new Error(`dtsx plan has no mock for the invoke ${args.token}`);
    },
  };
}
