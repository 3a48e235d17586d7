// GUIDs as ARM uses them: principal ids and role assignment names (Microsoft.Authorization 2022-04-01).
//
// Deterministic role assignment names, modelled on ARM/Bicep `guid(scope, principalId, roleDefinitionId)`:
// an RFC 4122 §4.3 name-based version-5 UUID (SHA-1) in the namespace ARM templates use for guid()
// (11fb06fb-712d-4ddd-98c7-e71bbd588830), over the arguments joined with "-". Same inputs → same name, so a
// re-run updates the existing assignment instead of creating a duplicate (ARM rejects a second assignment of one
// role to one principal at one scope with RoleAssignmentExists). Byte-for-byte equality with ARM's own guid()
// (string encoding) is not verified offline; dtsx only relies on determinism.
import { createHash } from "node:crypto";

const GUID_PATTERN =
  /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export function isGuid(value: string): boolean {
  return GUID_PATTERN.test(value);
}

export const ARM_GUID_NAMESPACE = "11fb06fb-712d-4ddd-98c7-e71bbd588830";

/** RFC 4122 version-5 UUID of `name` (UTF-8) in `namespace`. */
export function uuidV5(namespace: string, name: string): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ""), "hex");
  if (namespaceBytes.length !== 16) {
    throw new Error(`namespace: expected a GUID, got ${JSON.stringify(namespace)}`);
  }
  const hash = createHash("sha1").update(namespaceBytes).update(name, "utf8").digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50; // version 5
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `guid(a, b, …)` as in ARM templates and Bicep: a v5 UUID over the parts joined with "-". */
export function armGuid(...parts: readonly string[]): string {
  return uuidV5(ARM_GUID_NAMESPACE, parts.join("-"));
}

/** The role assignment name for one (scope, principal, role definition). */
export function roleAssignmentName(
  scope: string,
  principalId: string,
  roleDefinitionId: string,
): string {
  return armGuid(scope, principalId, roleDefinitionId);
}
