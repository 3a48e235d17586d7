// Plan output: the readable table and the exact `--json` shape (PlanJson in ./types.ts).
import { DTS_ROLES } from "../../components/access/roles";
import type { PlanJson, PlannedResource, Violation } from "./types";

type Inputs = Record<string, unknown>;

function record(value: unknown): Inputs {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Inputs)
    : {};
}

function show(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(show).join(",");
  return JSON.stringify(value);
}

/** `…/providers/Microsoft.DurableTask/schedulers/s/taskHubs/h` → `schedulers/s/taskHubs/h`. */
function shortScope(scope: unknown): string {
  const text = show(scope);
  const marker = "/providers/Microsoft.DurableTask/";
  const index = text.indexOf(marker);
  return index === -1 ? text : text.slice(index + marker.length);
}

function roleName(roleDefinitionId: unknown): string {
  const guid = show(roleDefinitionId).split("/").pop();
  const role = Object.values(DTS_ROLES).find((candidate) => candidate.roleDefinitionGuid === guid);
  return role ? role.displayName : show(roleDefinitionId);
}

/** The few inputs a reviewer checks per resource type. */
export function keyInputs(resource: Pick<PlannedResource, "type" | "inputs">): string {
  const inputs = resource.inputs;
  switch (resource.type) {
    case "azure-native:durabletask:Scheduler": {
      const properties = record(inputs.properties);
      const sku = record(properties.sku);
      return [
        `name=${show(inputs.schedulerName)}`,
        `location=${show(inputs.location)}`,
        `sku=${show(sku.name)}${sku.capacity === undefined ? "" : `/${show(sku.capacity)}`}`,
        `publicNetworkAccess=${show(properties.publicNetworkAccess)}`,
        `ipAllowlist=${show(properties.ipAllowlist)}`,
      ].join(" ");
    }
    case "azure-native:durabletask:TaskHub":
      return `scheduler=${show(inputs.schedulerName)} name=${show(inputs.taskHubName)}`;
    case "azure-native:durabletask:RetentionPolicy": {
      const entries = record(inputs.properties).retentionPolicies;
      const days = Array.isArray(entries)
        ? entries.map((entry) => {
            const { orchestrationState, retentionPeriodInDays } = record(entry);
            return `${orchestrationState === undefined ? "default" : show(orchestrationState).toLowerCase()}=${show(retentionPeriodInDays)}d`;
          })
        : [];
      return [`scheduler=${show(inputs.schedulerName)}`, ...days].join(" ");
    }
    case "azure-native:authorization:RoleAssignment":
      return [
        `role="${roleName(inputs.roleDefinitionId)}"`,
        `principal=${show(inputs.principalId)} (${show(inputs.principalType)})`,
        `scope=${shortScope(inputs.scope)}`,
      ].join(" ");
    default:
      return JSON.stringify(inputs);
  }
}

/** Provider resources only: components and the stack are grouping, not something Azure gets. */
export function plannedCloudResources(resources: readonly PlannedResource[]): PlannedResource[] {
  return resources.filter((resource) => resource.custom);
}

export function planJson(
  stack: string,
  resources: readonly PlannedResource[],
  violations: readonly Violation[],
): PlanJson {
  return {
    stack,
    resources: plannedCloudResources(resources).map(({ type, name, inputs }) => ({
      type,
      name,
      inputs,
    })),
    violations: [...violations],
  };
}

export function renderTable(
  stack: string,
  resources: readonly PlannedResource[],
  violations: readonly Violation[],
): string {
  const rows = plannedCloudResources(resources).map((resource) => [
    resource.type,
    resource.name,
    keyInputs(resource),
  ]);
  const header = ["TYPE", "NAME", "KEY INPUTS"];
  const widths = [0, 1].map((column) =>
    Math.max(header[column]?.length ?? 0, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (column < widths.length ? cell.padEnd(widths[column] ?? 0) : cell))
      .join("  ")
      .trimEnd();
  const out = [
    `Plan for stack ${stack}: ${rows.length} resource(s), ${violations.length} policy violation(s)`,
    "",
    line(header),
    ...rows.map(line),
    "",
  ];
  if (violations.length === 0) {
    out.push("No policy violations.");
  } else {
    out.push("Policy violations:");
    for (const violation of violations) {
      out.push(
        `  [${violation.enforcementLevel}] ${violation.policy}: ${violation.message}${
          violation.resource ? ` (${violation.resource})` : ""
        }`,
      );
    }
  }
  return `${out.join("\n")}\n`;
}
