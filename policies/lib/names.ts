// Scheduler and task hub names: the ARM path pattern `^[a-zA-Z0-9-]{3,64}$` plus the portal's "cannot start or end
// with a hyphen" (dts-service.md §1.9; the same rule the components enforce, issue 2).
const NAME_PATTERN = /^[a-zA-Z0-9-]{3,64}$/;

/** Why `name` breaks the DTS naming rule, or undefined when it is valid. */
export function nameRuleViolation(name: string): string | undefined {
  if (!NAME_PATTERN.test(name)) {
    return "must be 3-64 characters of letters, digits and hyphens (^[a-zA-Z0-9-]{3,64}$)";
  }
  if (name.startsWith("-") || name.endsWith("-")) {
    return "must not start or end with a hyphen";
  }
  return undefined;
}
