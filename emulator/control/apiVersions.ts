// Every ARM api-version the local control plane speaks, pinned in one visible place.
// DTS: 2025-11-01 is the first GA version, 2026-02-01 adds publicNetworkAccess (docs/reference/arm.md "API versions").
// Role assignments: Microsoft.Authorization 2022-04-01 (the version azure-native 3.x uses by default).
import { armErrors } from "./armErrors";

export const DURABLE_TASK_API_VERSIONS = ["2025-11-01", "2026-02-01"] as const;
export const ROLE_ASSIGNMENT_API_VERSIONS = ["2022-04-01"] as const;

export type DurableTaskApiVersion = (typeof DURABLE_TASK_API_VERSIONS)[number];

/** `2026-02-01`, `2026-05-01-preview`: the form ARM accepts before asking the provider. */
const API_VERSION_FORM = /^\d{4}-\d{2}-\d{2}(-[a-z]+)?$/i;

/**
 * Returns the api-version if it is one of `supported`, else throws the ARM error Azure returns: a malformed
 * value is `InvalidApiVersionParameter`; a well-formed one the provider does not serve is
 * `NoRegisteredProviderFound` listing the supported versions (the wording ARM sends, e.g. Azure/azure-cli#28496).
 */
export function requireApiVersion<const T extends string>(
  given: unknown,
  supported: readonly T[],
  resourceType: string,
  location = "*",
): T {
  if (given === undefined || given === "") throw armErrors.missingApiVersion();
  if (Array.isArray(given)) {
    throw armErrors.repeatedApiVersion(
      given.map((v: unknown) => (typeof v === "string" ? v : JSON.stringify(v))),
    );
  }
  const value = typeof given === "string" ? given : JSON.stringify(given);
  const match = supported.find((version) => version.toLowerCase() === value.toLowerCase());
  if (match !== undefined) return match;
  if (!API_VERSION_FORM.test(value)) throw armErrors.invalidApiVersion(value, supported);
  throw armErrors.noRegisteredProviderFound(value, resourceType, location, supported);
}

/**
 * publicNetworkAccess and privateEndpointConnections exist from 2026-02-01 on (docs/reference/arm.md "API versions").
 */
export function supportsPublicNetworkAccess(version: DurableTaskApiVersion): boolean {
  switch (version) {
    case "2025-11-01":
      return false;
    case "2026-02-01":
      return true;
    default: {
      const unreachable: never = version;
      return unreachable;
    }
  }
}
