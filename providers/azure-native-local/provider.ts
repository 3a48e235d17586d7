// The local azure-native bridge as a Pulumi resource provider (`@pulumi/pulumi/provider`): check and diff are pure
// functions over a ResourceKind; create/read/update/delete are ARM requests against the local scheduler.
import type * as pulumiProvider from "@pulumi/pulumi/provider";
import { normalizeRegion } from "../../dts/regions";
import { ArmClient } from "./armClient";
import { bridgeErrors } from "./errors";
import { RESOURCE_KINDS } from "./resources";
import { isUnknown, type Inputs, type ResourceKind } from "./resources/kind";

/** Outputs keep the inputs they were produced from, because the engine hands `diff` the old outputs only. */
export const INPUTS_KEY = "__inputs";

/** `urn:pulumi:<stack>::<project>::<parent$…$type>::<name>` → type and name. */
export function parseUrn(urn: string): { type: string; name: string } {
  const parts = urn.split("::");
  const qualifiedType = parts[2] ?? "";
  const type = qualifiedType.split("$").pop() ?? "";
  const name = parts.slice(3).join("::");
  return { type, name };
}

export function kindOf(urn: string): ResourceKind {
  const { type } = parseUrn(urn);
  const kind = RESOURCE_KINDS.get(type);
  if (!kind) throw bridgeErrors.unknownType(type, [...RESOURCE_KINDS.keys()]);
  return kind;
}

/** Required inputs present (unknowns are fine during preview); the name input filled, keeping a prior auto-name. */
export function checkInputs(
  kind: ResourceKind,
  resourceName: string,
  olds: Inputs,
  news: Inputs,
): pulumiProvider.CheckResult {
  const failures: pulumiProvider.CheckFailure[] = [];
  for (const property of kind.required) {
    const value = news[property];
    if (value === undefined || value === null || value === "") {
      failures.push({ property, reason: `${kind.type}: missing required property '${property}'` });
    }
  }
  if (kind.nameProperty === "") return { inputs: news, failures };
  const named = news[kind.nameProperty];
  if (named !== undefined && named !== null && named !== "") return { inputs: news, failures };
  const previous = olds[kind.nameProperty];
  const name =
    typeof previous === "string" && previous !== "" ? previous : kind.autoName(resourceName);
  return { inputs: { ...news, [kind.nameProperty]: name }, failures };
}

function comparable(property: string, value: unknown): string {
  return (
    JSON.stringify(
      property === "location" && typeof value === "string" ? normalizeRegion(value) : value,
      sortedKeys,
    ) ?? "undefined"
  );
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * Changed top-level inputs; those in `replaceOnChanges` replace, as ARM cannot change them in place. When the
 * replacement keeps the same ARM path (same name, e.g. a new location), the old one is deleted first, since ARM
 * would otherwise treat the create as a PUT on the existing resource.
 */
export function diffInputs(
  kind: ResourceKind,
  oldInputs: Inputs,
  news: Inputs,
  subscriptionId: string,
): pulumiProvider.DiffResult {
  const keys = new Set([...Object.keys(oldInputs), ...Object.keys(news)]);
  const changed = [...keys].filter(
    (key) => isUnknown(news[key]) || comparable(key, oldInputs[key]) !== comparable(key, news[key]),
  );
  const replaces = changed.filter((key) => kind.replaceOnChanges.includes(key));
  const samePath =
    replaces.length > 0 &&
    !isUnknown(news) &&
    kind.path(oldInputs, subscriptionId) === kind.path(news, subscriptionId);
  return { changes: changed.length > 0, replaces, deleteBeforeReplace: samePath };
}

function oldInputsOf(olds: Record<string, unknown>): Inputs {
  const stored = olds[INPUTS_KEY];
  return typeof stored === "object" && stored !== null ? (stored as Inputs) : olds;
}

function withInputs(
  kind: ResourceKind,
  resource: unknown,
  inputs: Inputs,
): Record<string, unknown> {
  return { ...kind.outputs(resource as Record<string, unknown>), [INPUTS_KEY]: inputs };
}

async function guarded<T>(urn: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    const { type, name } = parseUrn(urn);
    throw bridgeErrors.forResource(type, name, error);
  }
}

export interface BridgeSettings {
  /** Resolved on the first ARM request, so check/diff (preview) work without an emulator. */
  readonly armEndpoint: () => string;
  readonly subscriptionId: string;
}

export function createBridgeProvider(
  settings: BridgeSettings,
  version: string,
): pulumiProvider.Provider {
  let client: ArmClient | undefined;
  const arm = (): ArmClient => (client ??= new ArmClient({ endpoint: settings.armEndpoint() }));
  const config = { subscriptionId: settings.subscriptionId };
  return {
    version,
    // The engine never needs the full azure-native schema for a Node program; a named, empty one is enough.
    schema: JSON.stringify({ name: "azure-native", version }),

    check: (urn, olds: Inputs, news: Inputs) =>
      Promise.resolve(checkInputs(kindOf(urn), parseUrn(urn).name, olds, news)),

    diff: (_id, urn, olds: Record<string, unknown>, news: Inputs) =>
      Promise.resolve(diffInputs(kindOf(urn), oldInputsOf(olds), news, config.subscriptionId)),

    create: (urn, inputs: Inputs) =>
      guarded(urn, async () => {
        const kind = kindOf(urn);
        const path = kind.path(inputs, config.subscriptionId);
        const resource = await arm().put(path, kind.apiVersion, kind.body(inputs));
        return { id: resourceId(resource, path), outs: withInputs(kind, resource, inputs) };
      }),

    read: (id, urn, props: Record<string, unknown> | undefined) =>
      guarded(urn, async () => {
        const kind = kindOf(urn);
        const resource = await arm().get(id, kind.apiVersion);
        if (resource === undefined) return { id: "", props: {} };
        const inputs = oldInputsOf(props ?? {});
        return { id: resourceId(resource, id), props: withInputs(kind, resource, inputs), inputs };
      }),

    update: (id, urn, _olds: Record<string, unknown>, news: Inputs) =>
      guarded(urn, async () => {
        const kind = kindOf(urn);
        const resource = await arm().put(id, kind.apiVersion, kind.body(news));
        return { outs: withInputs(kind, resource, news) };
      }),

    delete: (id, urn) =>
      guarded(urn, async () => {
        await arm().delete(id, kindOf(urn).apiVersion);
      }),
  };
}

function resourceId(resource: unknown, fallback: string): string {
  const id =
    typeof resource === "object" && resource !== null ? (resource as Inputs)["id"] : undefined;
  return typeof id === "string" && id !== "" ? id : fallback;
}
