// The three Durable Task built-in data-plane roles (facts in ../../dts/roles.ts, docs/reference/identity.md
// "Built-in data-plane roles") as the components assign them; pure so the stack schema and the emulator can share them.
import { DTS_ROLE_NAMES, isDtsRole, roleDefinitionArmId, type DtsRole } from "../../dts";
import { expectedOneOf } from "../rules";

export { DTS_ROLE_NAMES, DTS_ROLES, isDtsRole, type DtsRole } from "../../dts";

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
  return roleDefinitionArmId(subscriptionId, role);
}
