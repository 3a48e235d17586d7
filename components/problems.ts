// Validation results shared by every component and by the stack schema (topology/schema.ts), so a rule reads the
// same whether it fires on component arguments or on `dtsx:*` stack configuration: each names the field and
// the value.

/** One broken rule: where (a property path relative to the validated object) and what (rule plus value). */
export interface Problem {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Renders a property path the way a reader types it: `taskHubs[1].name`, `identities["orders-app"].principalId`.
 * `prefix` is prepended verbatim (e.g. `dtsx:` for stack configuration keys).
 */
export function formatPath(path: readonly PropertyKey[], prefix = ""): string {
  let text = prefix;
  for (const segment of path) {
    if (typeof segment === "number") {
      text += `[${segment}]`;
    } else if (typeof segment === "string" && IDENTIFIER.test(segment)) {
      text +=
        text === prefix && prefix.endsWith(":") ? segment : text === "" ? segment : `.${segment}`;
    } else {
      text += `[${JSON.stringify(String(segment))}]`;
    }
  }
  return text;
}

/** Prefixes every problem's path, e.g. to report a task hub's problems under `taskHubs[2]`. */
export function nestProblems(
  prefix: readonly PropertyKey[],
  problems: readonly Problem[],
): Problem[] {
  return problems.map((problem) => ({
    path: [...prefix, ...problem.path],
    message: problem.message,
  }));
}

/** Thrown by a component constructor when its arguments break a rule; lists every problem, one per line. */
export class ArgsError extends Error {
  override readonly name = "ArgsError";
  constructor(
    readonly component: string,
    readonly resourceName: string,
    readonly problems: readonly Problem[],
  ) {
    super(
      `${component} "${resourceName}": invalid arguments\n` +
        problems.map((problem) => `  ${formatPath(problem.path)}: ${problem.message}`).join("\n"),
    );
  }
}

/** Throws an {@link ArgsError} when there is at least one problem. */
export function throwIfProblems(
  component: string,
  resourceName: string,
  problems: readonly Problem[],
): void {
  if (problems.length > 0) {
    throw new ArgsError(component, resourceName, problems);
  }
}
