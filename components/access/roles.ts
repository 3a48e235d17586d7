// The three Durable Task built-in data-plane roles (dts-service.md §3.1). The short names match the Azure CLI's
// `--role-type {contributor, reader, worker}`; pure so the stack schema and the emulator can share them.
import { expectedOneOf } from "../rules";

export const DTS_ROLES = {
  /** "Role for all data access operations… a superset of all other roles": schedules AND runs orchestrations. */
  contributor: {
    displayName: "Durable Task Data Contributor",
    roleDefinitionGuid: "0ad04412-c4d5-4796-b79c-f76d14c8d402",
  },
  /** For apps that "only" process orchestrations, activities and entities. */
  worker: {
    displayName: "Durable Task Worker",
    roleDefinitionGuid: "80d0d6b0-f522-40a4-8886-a5a11720c375",
  },
  /** Lists orchestrations and reads payloads: on-call, dashboards. */
  reader: {
    displayName: "Durable Task Data Reader",
    roleDefinitionGuid: "d6a5505f-6ebb-45a4-896e-ac8274cfc0ac",
  },
} as const;

export type DtsRole = keyof typeof DTS_ROLES;
/** The short role names, as a tuple for schema enums. */
export const DTS_ROLE_NAMES = [
  "contributor",
  "worker",
  "reader",
] as const satisfies readonly DtsRole[];

export function isDtsRole(value: string): value is DtsRole {
  return Object.hasOwn(DTS_ROLES, value);
}

export function roleProblem(value: string): string | undefined {
  return isDtsRole(value) ? undefined : expectedOneOf(DTS_ROLE_NAMES, value);
}

const SUBSCRIPTION_OF_SCOPE = /^\/subscriptions\/([^/]+)(\/|$)/i;

/** The subscription id a resource id (a role assignment scope) lives in. */
export function subscriptionOfScope(scope: string): string {
  const match = SUBSCRIPTION_OF_SCOPE.exec(scope);
  if (!match?.[1]) {
    throw new Error(
      `scope: expected an ARM resource id starting with /subscriptions/<id>/, got ${JSON.stringify(scope)}`,
    );
  }
  return match[1];
}

/**
 * The full role definition id ARM expects in `roleDefinitionId`:
 * `/subscriptions/<sub>/providers/Microsoft.Authorization/roleDefinitions/<guid>`, the form `az role assignment`
 * and ARM templates' `subscriptionResourceId(...)` produce. The subscription is the scope's own, so the id is
 * right for whichever subscription the scheduler is deployed to.
 */
export function roleDefinitionId(scope: string, role: DtsRole): string {
  return subscriptionRoleDefinitionId(subscriptionOfScope(scope), role);
}

/** The same id from a subscription id directly: known before deployment when the subscription is configured. */
export function subscriptionRoleDefinitionId(subscriptionId: string, role: DtsRole): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${DTS_ROLES[role].roleDefinitionGuid}`;
}
