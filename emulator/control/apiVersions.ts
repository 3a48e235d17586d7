// Every ARM api-version the local control plane speaks, pinned in one visible place.
// DTS: 2025-11-01 is the first GA version, 2026-02-01 adds publicNetworkAccess (docs/reference/arm.md "API versions").
// Role assignments: Microsoft.Authorization 2022-04-01 (the version azure-native 3.x uses by default).
import { armErrors } from "./armErrors";

export const DURABLE_TASK_API_VERSIONS = ["2025-11-01", "2026-02-01"] as const;
export const ROLE_ASSIGNMENT_API_VERSIONS = ["2022-04-01"] as const;

export type DurableTaskApiVersion = (typeof DURABLE_TASK_API_VERSIONS)[number];

/** Returns the api-version if it is one of `supported`, else throws the ARM error Azure returns. */
export function requireApiVersion<const T extends string>(
  given: unknown,
  supported: readonly T[],
  resourceType: string,
): T {
  if (given === undefined || given === "") throw armErrors.missingApiVersion();
  const first: unknown = Array.isArray(given) ? given[0] : given;
  const value = typeof first === "string" ? first : JSON.stringify(first);
  const match = supported.find((version) => version === value);
  if (match === undefined) throw armErrors.invalidApiVersion(value, resourceType, supported);
  return match;
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
