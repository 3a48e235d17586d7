// Typed access to the unknown-value machinery of @pulumi/policy 1.21.0. The runtime exports `unknownCheckingProxy`
// and `UnknownValueError` from the package root (and the sentinels from `@pulumi/policy/proxy`), but they are
// marked @internal, so the published .d.ts files strip them. The classes here ARE the engine's: the analyzer server
// (server.js) checks `instanceof UnknownValueError` against this very module instance.
import * as policySdk from "@pulumi/policy";
import * as proxyModule from "@pulumi/policy/proxy";

export interface UnknownValueError extends Error {
  readonly unknownTypeSentinel: string;
  readonly props: PropertyKey[];
}

interface UnknownValueErrorClass {
  new (unknownTypeSentinel: string, props: PropertyKey[]): UnknownValueError;
}

const sdk = policySdk as unknown as {
  unknownCheckingProxy: <T>(value: T) => T;
  UnknownValueError: UnknownValueErrorClass;
};

const sentinels = proxyModule as unknown as Record<
  | "unknownStringValue"
  | "unknownNumberValue"
  | "unknownBooleanValue"
  | "unknownArrayValue"
  | "unknownObjectValue",
  string
>;

export const unknownCheckingProxy = sdk.unknownCheckingProxy;
export const UnknownValueError: UnknownValueErrorClass = sdk.UnknownValueError;

/** The sentinels the engine puts where a value is unknown during preview (deserialize.js). */
export const UNKNOWN = {
  string: sentinels.unknownStringValue,
  number: sentinels.unknownNumberValue,
  boolean: sentinels.unknownBooleanValue,
  array: sentinels.unknownArrayValue,
  object: sentinels.unknownObjectValue,
} as const;

export function isUnknownValueError(error: unknown): error is UnknownValueError {
  return error instanceof UnknownValueError;
}

/**
 * An UnknownValueError with a message that says what could not be checked and what to change. The engine reports
 * it as an advisory "can't run policy '…' during preview: <message>" (docs/reference/pulumi.md
 * "Policy packs: runtime semantics"), like any unknown value.
 */
export function couldNotRunError(cause: UnknownValueError, message: string): UnknownValueError {
  const error = new UnknownValueError(cause.unknownTypeSentinel, cause.props);
  error.message = message;
  return error;
}
