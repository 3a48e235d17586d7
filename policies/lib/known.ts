// Reading through `unknownCheckingProxy` (docs/reference/pulumi.md "Policy packs: runtime semantics"): touching a value
// that is unknown during preview throws UnknownValueError, which the engine turns into an advisory
// "can't run policy … during preview". Policies let that happen for values they cannot do without; `tryKnown` is for
// values that only refine a result (e.g. the subscription inside a resource id), where a fallback exists.
import type { UnknownValueError } from "./proxy";
import { isUnknownValueError } from "./proxy";

export type Known<T> = { known: true; value: T } | { known: false; error: UnknownValueError };

export function tryKnown<T>(read: () => T): Known<T> {
  try {
    return { known: true, value: read() };
  } catch (error) {
    if (isUnknownValueError(error)) return { known: false, error };
    throw error;
  }
}

/** A string property, or undefined when it is absent or not a string. */
export function optionalString(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/** A property bag, or an empty one when absent. */
export function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
}

/** Display form of a value inside a violation message: strings quoted, absent values named, the rest JSON. */
export function show(value: unknown): string {
  if (value === undefined) return "(not set)";
  return typeof value === "string" ? `"${value}"` : JSON.stringify(value);
}
