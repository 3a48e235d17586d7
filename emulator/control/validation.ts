// ARM request validation for the local control plane: zod schemas for every request body plus the semantic rules
// Azure enforces (docs/reference/arm.md, docs/reference/retention.md). Pure functions; each failure is an ArmError
// whose message names the field, the value and the rule.
import { z } from "zod";
import {
  MAX_RETENTION_DAYS,
  PRINCIPAL_TYPES,
  PUBLIC_NETWORK_ACCESS,
  PURGEABLE_STATES,
  isDedicatedCapacity,
  isGuid,
  isIpRange,
  isResourceName,
  redundancyStateOf,
  SERVICE_DEFAULT_DEDICATED_CAPACITY,
  type PrincipalType,
  type PurgeableState,
  type SkuName,
} from "../../dts";
import {
  DATA_ROLES,
  ROLE_DEFINITION_IDS,
  roleFromDefinitionId,
  type DataRole,
} from "../auth/roles";
import { supportsPublicNetworkAccess, type DurableTaskApiVersion } from "./apiVersions";
import { armErrors } from "./armErrors";
import { isJsonObject, mergePatch, type JsonObject } from "./mergePatch";

// The service facts (name rule, SKUs, capacity, retention range, terminal states, principal types, GUIDs, region
// normal form) live in ../../dts; this file words them as ARM errors.
export {
  PRINCIPAL_TYPES,
  PURGEABLE_STATES,
  isGuid,
  normalizeRegion as normalizeLocation,
  type PrincipalType,
  type PurgeableState,
  type SkuName,
} from "../../dts";

// ------------------------------------------------------------ names (docs/reference/arm.md "Name rules")

/**
 * Scheduler and task hub names: `^[a-zA-Z0-9-]{3,64}$` (the ARM path pattern) and, as the portal states, no
 * leading or trailing hyphen (the endpoint is a DNS label).
 */
export function validateResourceName(kind: "scheduler" | "task hub", name: string): void {
  if (!isResourceName(name)) {
    throw armErrors.invalidResourceName(
      `The ${kind} name '${name}' is invalid: it must be 3 to 64 letters, digits or hyphens (pattern ^[a-zA-Z0-9-]{3,64}$) and must not start or end with a hyphen.`,
    );
  }
}

// ---------------------------------------------------------------- zod issue formatting

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(body)";
  return path
    .map((key, index) =>
      typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`,
    )
    .join("");
}

/** Turns zod issues into one ARM message: `properties.sku.name: expected "Dedicated" | "Consumption", got "X"`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], input: unknown): string {
  return issues
    .map((issue) => {
      const at = pathText(issue.path);
      const got = valueAt(input, issue.path);
      switch (issue.code) {
        case "unrecognized_keys":
          return issue.keys
            .map((key) => `${pathText([...issue.path, key])}: unknown property`)
            .join("; ");
        case "invalid_type":
          return got === undefined
            ? `${at}: required property is missing (expected ${issue.expected})`
            : `${at}: expected ${issue.expected}, got ${JSON.stringify(got)}`;
        case "invalid_value":
          return `${at}: expected ${issue.values.map((v) => JSON.stringify(v)).join(" | ")}, got ${JSON.stringify(got)}`;
        default:
          return `${at}: ${issue.message}, got ${JSON.stringify(got)}`;
      }
    })
    .join("; ");
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) {
    throw armErrors.validation(`Validation error: ${formatIssues(result.error.issues, body)}`);
  }
  return result.data;
}

// ---------------------------------------------------------------- shared shapes

/** Read-only envelope properties a client may echo back from a GET; ARM ignores them on writes. */
const readOnlyEnvelope = {
  id: z.unknown().optional(),
  name: z.unknown().optional(),
  type: z.unknown().optional(),
  systemData: z.unknown().optional(),
};

const tagsSchema = z.record(z.string(), z.string());
// Dedicated first: the order ARM's validation messages list the SKUs in (`expected "Dedicated" | "Consumption"`).
const skuName = z.enum(["Dedicated", "Consumption"] as const satisfies readonly SkuName[]);
const publicNetworkAccess = z.enum(PUBLIC_NETWORK_ACCESS);

// ---------------------------------------------- schedulers (docs/reference/arm.md "Scheduler properties",
// "SKU and capacity rules")

export interface SchedulerSpec {
  location: string;
  tags: Record<string, string>;
  ipAllowlist: string[];
  sku: { name: SkuName; capacity?: number };
  publicNetworkAccess?: "Enabled" | "Disabled";
}

function schedulerPutSchema(version: DurableTaskApiVersion) {
  const properties = {
    ipAllowlist: z.array(z.string()),
    sku: z.strictObject({
      name: skuName,
      capacity: z.int().optional(),
      redundancyState: z.unknown().optional(),
    }),
    provisioningState: z.unknown().optional(),
    endpoint: z.unknown().optional(),
  };
  const versioned = supportsPublicNetworkAccess(version)
    ? {
        ...properties,
        publicNetworkAccess: publicNetworkAccess.optional(),
        privateEndpointConnections: z.unknown().optional(),
      }
    : properties;
  return z.strictObject({
    ...readOnlyEnvelope,
    location: z.string().min(1),
    tags: tagsSchema.optional(),
    properties: z.strictObject(versioned),
  });
}

/**
 * The PATCH body (`SchedulerUpdate`): every member optional and, as in a JSON merge patch, nullable (null
 * removes). Read-only members (`provisioningState`, `endpoint`, `sku.redundancyState`, …) are accepted and
 * ignored, as ARM ignores them.
 */
function schedulerPatchSchema(version: DurableTaskApiVersion) {
  const properties = {
    ipAllowlist: z.array(z.string()).nullable().optional(),
    sku: z
      .strictObject({
        name: skuName.nullable().optional(),
        capacity: z.int().nullable().optional(),
        redundancyState: z.unknown().optional(),
      })
      .nullable()
      .optional(),
    provisioningState: z.unknown().optional(),
    endpoint: z.unknown().optional(),
  };
  const versioned = supportsPublicNetworkAccess(version)
    ? {
        ...properties,
        publicNetworkAccess: publicNetworkAccess.nullable().optional(),
        privateEndpointConnections: z.unknown().optional(),
      }
    : properties;
  return z.strictObject({
    ...readOnlyEnvelope,
    tags: z.record(z.string(), z.string().nullable()).nullable().optional(),
    properties: z.strictObject(versioned).nullable().optional(),
  });
}

/** Copies the members of `source` named in `keys` that are present (explicit nulls included). */
function pick(source: unknown, keys: readonly string[]): JsonObject {
  const picked: JsonObject = {};
  if (!isJsonObject(source)) return picked;
  for (const key of keys) if (key in source) picked[key] = source[key];
  return picked;
}

/** Validates ipAllowlist entries with the rule the components and policies share (dts/network.ts). */
export function validateIpAllowlist(entries: readonly string[]): void {
  entries.forEach((entry, index) => {
    if (!isIpRange(entry)) {
      throw armErrors.validation(
        `properties.ipAllowlist[${index}]: '${entry}' is not an IPv4 address, IPv6 address or CIDR range: expected four-part dotted decimal IPv4 (e.g. 10.0.0.1) or IPv6, optionally with /<prefix length> (e.g. 10.0.0.0/16); legacy forms such as 10.0.0, 0177.0.0.1 or 2130706433 are refused.`,
      );
    }
  });
}

/** Dedicated capacity is 1–3 CUs; Consumption has no capacity (docs/reference/arm.md "SKU and capacity rules"). */
export function validateSku(sku: { name: SkuName; capacity?: number }): void {
  switch (sku.name) {
    case "Consumption":
      if (sku.capacity !== undefined) {
        throw armErrors.invalidSkuCapacity(
          `properties.sku.capacity: must not be set when properties.sku.name is 'Consumption' (got ${sku.capacity}); the Consumption SKU has no capacity.`,
        );
      }
      return;
    case "Dedicated":
      if (sku.capacity !== undefined && !isDedicatedCapacity(sku.capacity)) {
        throw armErrors.invalidSkuCapacity(
          `properties.sku.capacity: must be 1, 2 or 3 capacity units for the Dedicated SKU, got ${sku.capacity}.`,
        );
      }
      return;
    default: {
      const unreachable: never = sku.name;
      return unreachable;
    }
  }
}

/** Capacity 3 is zone redundant (docs/reference/arm.md "SKU and capacity rules"). */
export function redundancyState(sku: { name: SkuName; capacity?: number }): "None" | "Zone" {
  return redundancyStateOf(sku.name, sku.capacity);
}

export function parseSchedulerPut(body: unknown, version: DurableTaskApiVersion): SchedulerSpec {
  const parsed = parseBody(schedulerPutSchema(version), body);
  const props = parsed.properties as z.infer<
    ReturnType<typeof schedulerPutSchema>
  >["properties"] & {
    publicNetworkAccess?: "Enabled" | "Disabled";
  };
  // Dedicated without a capacity gets the service's default (SERVICE_DEFAULT_DEDICATED_CAPACITY).
  const capacity =
    props.sku.capacity ??
    (props.sku.name === "Dedicated" ? SERVICE_DEFAULT_DEDICATED_CAPACITY : undefined);
  const spec: SchedulerSpec = {
    location: parsed.location,
    tags: parsed.tags ?? {},
    ipAllowlist: props.ipAllowlist,
    sku: capacity === undefined ? { name: props.sku.name } : { name: props.sku.name, capacity },
    ...(props.publicNetworkAccess === undefined
      ? {}
      : { publicNetworkAccess: props.publicNetworkAccess }),
  };
  validateSchedulerSpec(spec);
  return spec;
}

export function validateSchedulerSpec(spec: SchedulerSpec): void {
  validateSku(spec.sku);
  validateIpAllowlist(spec.ipAllowlist);
}

/** The writable part of a stored scheduler as `version` shows it: what a PATCH body merges into. */
function writableScheduler(existing: SchedulerSpec, version: DurableTaskApiVersion): JsonObject {
  const properties: JsonObject = {
    ipAllowlist: existing.ipAllowlist,
    sku: { ...existing.sku },
  };
  if (supportsPublicNetworkAccess(version) && existing.publicNetworkAccess !== undefined) {
    properties.publicNetworkAccess = existing.publicNetworkAccess;
  }
  return { location: existing.location, tags: existing.tags, properties };
}

/**
 * Applies a PATCH body to an existing scheduler as a JSON merge patch (tags merge, `null` removes) and validates
 * the result as a whole, with the PUT rules. Read-only members are dropped first; a property `version` lacks
 * (publicNetworkAccess before 2026-02-01) keeps its stored value.
 */
export function applySchedulerPatch(
  existing: SchedulerSpec,
  body: unknown,
  version: DurableTaskApiVersion,
): SchedulerSpec {
  const patch = body ?? {};
  parseBody(schedulerPatchSchema(version), patch);
  const writableProperties = pick(
    isJsonObject(patch) ? patch["properties"] : undefined,
    supportsPublicNetworkAccess(version)
      ? ["ipAllowlist", "sku", "publicNetworkAccess"]
      : ["ipAllowlist", "sku"],
  );
  if (isJsonObject(writableProperties["sku"])) {
    writableProperties["sku"] = pick(writableProperties["sku"], ["name", "capacity"]);
  }
  const sanitized: JsonObject = pick(patch, ["tags"]);
  if (isJsonObject(patch) && "properties" in patch) {
    sanitized["properties"] = patch["properties"] === null ? null : writableProperties;
  }
  const merged = mergePatch(writableScheduler(existing, version), sanitized) as JsonObject;
  // Switching to Consumption drops the stored capacity unless the patch sets one (which then fails validation).
  const patchedSku = isJsonObject(writableProperties["sku"]) ? writableProperties["sku"] : {};
  const mergedProperties = isJsonObject(merged["properties"]) ? merged["properties"] : {};
  if (
    isJsonObject(mergedProperties["sku"]) &&
    mergedProperties["sku"]["name"] === "Consumption" &&
    !("capacity" in patchedSku)
  ) {
    delete mergedProperties["sku"]["capacity"];
  }
  const spec = parseSchedulerPut(merged, version);
  if (!supportsPublicNetworkAccess(version) && existing.publicNetworkAccess !== undefined) {
    return { ...spec, publicNetworkAccess: existing.publicNetworkAccess };
  }
  return spec;
}

// ---------------------------------------------------- task hubs (docs/reference/arm.md "Task hub properties")

const taskHubPutSchema = z.strictObject({
  ...readOnlyEnvelope,
  properties: z
    .strictObject({
      provisioningState: z.unknown().optional(),
      dashboardUrl: z.unknown().optional(),
    })
    .optional(),
});

export function parseTaskHubPut(body: unknown): void {
  parseBody(taskHubPutSchema, body);
}

// ------------------ retention (docs/reference/arm.md "Retention policy properties"; docs/reference/retention.md)

export interface RetentionEntry {
  retentionPeriodInDays: number;
  orchestrationState?: PurgeableState;
}

const retentionPutSchema = z.strictObject({
  ...readOnlyEnvelope,
  properties: z.strictObject({
    provisioningState: z.unknown().optional(),
    retentionPolicies: z
      .array(
        z.strictObject({
          retentionPeriodInDays: z.int(),
          orchestrationState: z.enum(PURGEABLE_STATES).optional(),
        }),
      )
      .optional(),
  }),
});

/**
 * Max retention: 90 days, 30 on Consumption (docs/reference/limits.md "Throughput, storage and retention by SKU";
 * docs/reference/retention.md).
 */
export function maxRetentionDays(sku: SkuName): number {
  return MAX_RETENTION_DAYS[sku];
}

/** At most one default entry, one entry per state, days within 0..max for the scheduler's SKU. */
export function validateRetentionEntries(entries: readonly RetentionEntry[], sku: SkuName): void {
  const max = maxRetentionDays(sku);
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    const field = `properties.retentionPolicies[${index}]`;
    if (entry.retentionPeriodInDays < 0 || entry.retentionPeriodInDays > max) {
      throw armErrors.validation(
        `${field}.retentionPeriodInDays: must be between 0 and ${max} days on the ${sku} SKU, got ${entry.retentionPeriodInDays}.`,
      );
    }
    const key = entry.orchestrationState ?? "(default)";
    if (seen.has(key)) {
      throw armErrors.validation(
        entry.orchestrationState === undefined
          ? `${field}: more than one default entry (an entry without orchestrationState); only one is allowed.`
          : `${field}.orchestrationState: '${entry.orchestrationState}' appears more than once; one entry per state is allowed.`,
      );
    }
    seen.add(key);
  });
}

/** The PUT body `{ properties: RetentionPolicyProperties }` (`stable/2025-11-01/durabletask.json` RetentionPolicy). */
export function parseRetentionBody(body: unknown, sku: SkuName): RetentionEntry[] {
  const parsed = parseBody(retentionPutSchema, body);
  const entries = (parsed.properties.retentionPolicies ?? []).map((entry) =>
    entry.orchestrationState === undefined
      ? { retentionPeriodInDays: entry.retentionPeriodInDays }
      : {
          retentionPeriodInDays: entry.retentionPeriodInDays,
          orchestrationState: entry.orchestrationState,
        },
  );
  validateRetentionEntries(entries, sku);
  return entries;
}

const retentionPatchSchema = z.strictObject({
  ...readOnlyEnvelope,
  properties: z
    .strictObject({
      provisioningState: z.unknown().optional(),
      retentionPolicies: z.array(z.unknown()).nullable().optional(),
    })
    .nullable()
    .optional(),
});

/**
 * PATCH (`RetentionPolicyUpdate`) as a JSON merge patch: `retentionPolicies` is an array, so a patch that names
 * it replaces the whole list (`null` empties it); a patch without it keeps the stored entries.
 */
export function applyRetentionPatch(
  existing: readonly RetentionEntry[],
  body: unknown,
  sku: SkuName,
): RetentionEntry[] {
  const patch = body ?? {};
  parseBody(retentionPatchSchema, patch);
  const properties = isJsonObject(patch) ? patch["properties"] : undefined;
  const sanitized: JsonObject =
    isJsonObject(patch) && "properties" in patch
      ? { properties: properties === null ? null : pick(properties, ["retentionPolicies"]) }
      : {};
  const merged = mergePatch({ properties: { retentionPolicies: [...existing] } }, sanitized);
  const mergedObject = isJsonObject(merged) ? merged : {};
  return parseRetentionBody(
    isJsonObject(mergedObject["properties"]) ? mergedObject : { properties: {} },
    sku,
  );
}

// ---------------------------------------------------------------- role assignments (Microsoft.Authorization 2022-04-01)

export interface RoleAssignmentSpec {
  role: DataRole;
  roleDefinitionId: string;
  principalId: string;
  principalType: PrincipalType;
  description?: string;
}

const roleAssignmentPutSchema = z.strictObject({
  ...readOnlyEnvelope,
  properties: z.strictObject({
    roleDefinitionId: z.string(),
    principalId: z.string(),
    principalType: z.enum(PRINCIPAL_TYPES).optional(),
    description: z.string().optional(),
    scope: z.unknown().optional(),
    createdOn: z.unknown().optional(),
    updatedOn: z.unknown().optional(),
    createdBy: z.unknown().optional(),
    updatedBy: z.unknown().optional(),
  }),
});

export function validateRoleAssignmentName(name: string): void {
  if (!isGuid(name)) throw armErrors.invalidRoleAssignmentId(name);
}

export function parseRoleAssignmentPut(body: unknown): RoleAssignmentSpec {
  const parsed = parseBody(roleAssignmentPutSchema, body);
  const { roleDefinitionId, principalId, principalType, description } = parsed.properties;
  const role = roleFromDefinitionId(roleDefinitionId);
  if (role === undefined) {
    throw armErrors.roleDefinitionDoesNotExist(
      roleDefinitionId,
      DATA_ROLES.map((r) => ROLE_DEFINITION_IDS[r]),
    );
  }
  if (!isGuid(principalId)) {
    throw armErrors.validation(
      `properties.principalId: must be a GUID (the object id of a user, group or service principal), got '${principalId}'.`,
    );
  }
  return {
    role,
    roleDefinitionId,
    principalId: principalId.toLowerCase(),
    principalType: principalType ?? "User",
    ...(description === undefined ? {} : { description }),
  };
}
