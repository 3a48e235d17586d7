// Scheduler and task hub names: the ARM path pattern `^[a-zA-Z0-9-]{3,64}$` plus the portal's "cannot start or end
// with a hyphen" (docs/reference/arm.md "Name rules"; the facts live in ../../dts/names.ts, shared with the
// components).
import { RESOURCE_NAME_PATTERN, startsOrEndsWithHyphen } from "./dtsFacts";

/** Why `name` breaks the DTS naming rule, or undefined when it is valid. */
export function nameRuleViolation(name: string): string | undefined {
  if (!RESOURCE_NAME_PATTERN.test(name)) {
    return "must be 3-64 characters of letters, digits and hyphens (^[a-zA-Z0-9-]{3,64}$)";
  }
  if (startsOrEndsWithHyphen(name)) {
    return "must not start or end with a hyphen";
  }
  return undefined;
}
