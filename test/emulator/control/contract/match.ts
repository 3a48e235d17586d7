// "The emulator's body matches the example's": every member of the example body is in the response with the same
// value, except values the service assigns (systemData, the scheduler endpoint, the dashboard URL), which must be
// present and well-formed, and `nextLink` (the emulator answers every list in one page). Members the example
// leaves out are allowed; the schema check decides whether they may be there.

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isAbsoluteUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

export function bodyMismatches(expected: unknown, actual: unknown, path = "$"): string[] {
  const key = path.slice(path.lastIndexOf(".") + 1);
  if (key === "systemData") {
    if (!isObject(expected) || !isObject(actual)) return [`${path}: expected systemData`];
    return Object.keys(expected)
      .filter((member) => !(member in actual))
      .map((member) => `${path}.${member}: missing (service-assigned, any value)`);
  }
  if (key === "endpoint" || key === "dashboardUrl") {
    if (!isAbsoluteUrl(actual))
      return [`${path}: expected an absolute URL, got ${JSON.stringify(actual)}`];
    if (key === "dashboardUrl" && typeof expected === "string") {
      const hubPath = new URL(expected).pathname;
      if (!new URL(actual as string).pathname.endsWith(hubPath)) {
        return [`${path}: expected a URL ending in ${hubPath}, got ${JSON.stringify(actual)}`];
      }
    }
    return [];
  }
  if (key === "id" && typeof expected === "string") {
    return typeof actual === "string" && actual.toLowerCase() === expected.toLowerCase()
      ? []
      : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    if (path === "$.value") {
      // A list: every listed item of the example must be one of the emulator's items.
      return expected.flatMap((item, index) =>
        actual.some((candidate) => bodyMismatches(item, candidate, `${path}[]`).length === 0)
          ? []
          : [
              `${path}[${index}]: no item of the response matches ${JSON.stringify(item).slice(0, 120)}`,
            ],
      );
    }
    if (expected.length !== actual.length) {
      return [
        `${path}: expected ${expected.length} items, got ${actual.length}: ${JSON.stringify(actual)}`,
      ];
    }
    return expected.flatMap((item, index) =>
      bodyMismatches(item, actual[index], `${path}[${index}]`),
    );
  }
  if (isObject(expected)) {
    if (!isObject(actual)) return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    return Object.entries(expected).flatMap(([member, value]) =>
      path === "$" && member === "nextLink"
        ? []
        : member in actual
          ? bodyMismatches(value, actual[member], `${path}.${member}`)
          : [`${path}.${member}: missing (example has ${JSON.stringify(value)})`],
    );
  }
  return Object.is(expected, actual)
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
