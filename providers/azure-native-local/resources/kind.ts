// What the bridge knows about one azure-native resource type: its ARM path, request body and output shape, which
// inputs are required, which one is auto-named, and which changes ARM cannot apply in place (→ replace).

/** The value the engine sends for a not-yet-known input during preview (@pulumi/pulumi runtime/rpc). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export type Inputs = Readonly<Record<string, unknown>>;

export interface ResourceKind {
  /** The azure-native type token, e.g. `azure-native:durabletask:Scheduler`. */
  readonly type: string;
  /** The ARM api-version azure-native 3.28 uses for this type by default. */
  readonly apiVersion: string;
  readonly required: readonly string[];
  /** The input that names the resource; generated from the Pulumi name when omitted, as azure-native does. */
  readonly nameProperty: string;
  readonly autoName: (resourceName: string) => string;
  /** Inputs whose change makes ARM create a different resource (path segments, location). */
  readonly replaceOnChanges: readonly string[];
  /** The ARM resource path, which is also the resource id. */
  readonly path: (inputs: Inputs, subscriptionId: string) => string;
  readonly body: (inputs: Inputs) => unknown;
  /** Outputs shaped like azure-native's for this type, from the ARM resource. */
  readonly outputs: (resource: Record<string, unknown>) => Record<string, unknown>;
}

export function isUnknown(value: unknown): boolean {
  if (value === UNKNOWN) return true;
  if (Array.isArray(value)) return value.some(isUnknown);
  if (typeof value === "object" && value !== null) return Object.values(value).some(isUnknown);
  return false;
}

/** Drops undefined and null members (ARM omits them; protobuf Structs cannot carry undefined). */
export function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined && value !== null),
  );
}

export function stringInput(inputs: Inputs, name: string): string {
  const value = inputs[name];
  return typeof value === "string" ? value : "";
}

/** A short random lower-case suffix, like the one azure-native appends to auto-named resources. */
export function randomSuffix(length = 7): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  let suffix = "";
  for (let i = 0; i < length; i++) suffix += alphabet[Math.floor(Math.random() * alphabet.length)];
  return suffix;
}

export function schedulerPath(inputs: Inputs, subscriptionId: string): string {
  return (
    `/subscriptions/${subscriptionId}/resourceGroups/${stringInput(inputs, "resourceGroupName")}` +
    `/providers/Microsoft.DurableTask/schedulers/${stringInput(inputs, "schedulerName")}`
  );
}

/** The durabletask types all answer `{id, name, type, systemData, properties, location?, tags?}`. */
export function durableTaskOutputs(apiVersion: string) {
  return (resource: Record<string, unknown>): Record<string, unknown> =>
    compact({
      azureApiVersion: apiVersion,
      name: resource["name"],
      type: resource["type"],
      location: resource["location"],
      tags: resource["tags"],
      systemData: resource["systemData"],
      properties: resource["properties"],
    });
}
