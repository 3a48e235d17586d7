// Scheduler and task hub names (docs/reference/arm.md "Name rules"): the ARM path-parameter pattern of every operation
// plus the portal's "cannot start and end with hyphen" (the name becomes a DNS label of the endpoint). Facts only: each
// surface (components, policies, emulator) words its own message.

/** The ARM path pattern for scheduler and task hub names (SPEC-TSP `scheduler.tsp`, `taskhub.tsp`). */
export const RESOURCE_NAME_PATTERN = /^[a-zA-Z0-9-]{3,64}$/;

/** The portal's extra rule: no leading or trailing hyphen. */
export function startsOrEndsWithHyphen(name: string): boolean {
  return name.startsWith("-") || name.endsWith("-");
}

/** Is `name` a valid scheduler or task hub name (pattern and hyphen rule together)? */
export function isResourceName(name: string): boolean {
  return RESOURCE_NAME_PATTERN.test(name) && !startsOrEndsWithHyphen(name);
}
