// Validation of component arguments that may hold Pulumi Inputs (Outputs or Promises), e.g. a resource group's
// `location` or a managed identity's `principalId`, or every argument a component provider receives from another
// language. Plain arguments are checked before anything registers, so the constructor throws; otherwise the same
// check runs once every value is known (during preview when they are, at apply when they are not), and every child
// resource takes its inputs from the checked Output, so none registers with a broken value.
import * as pulumi from "@pulumi/pulumi";
import { throwIfProblems, type Problem } from "./problems";

/** Does `value` hold an Output or a Promise anywhere (so it is not yet known when the constructor runs)? */
export function holdsInputs(value: unknown): boolean {
  if (pulumi.Output.isInstance(value) || value instanceof Promise) return true;
  if (Array.isArray(value)) return value.some(holdsInputs);
  if (typeof value === "object" && value !== null) return Object.values(value).some(holdsInputs);
  return false;
}

/**
 * `args` fully resolved and checked: `resolve` fills defaults, `validate` lists every broken rule, and an
 * ArgsError naming each problem's path is thrown right away (plain arguments) or rejects the Output (Inputs).
 */
export function whenKnown<A, R>(
  component: string,
  resourceName: string,
  args: A,
  resolve: (values: pulumi.Unwrap<A>) => R,
  validate: (resolved: R) => Problem[],
): pulumi.Output<R> {
  const check = (values: pulumi.Unwrap<A>): R => {
    const resolved = resolve(values);
    throwIfProblems(component, resourceName, validate(resolved));
    return resolved;
  };
  if (!holdsInputs(args)) {
    const resolved = check(args as pulumi.Unwrap<A>);
    return pulumi.output(resolved as pulumi.Input<R>) as pulumi.Output<R>;
  }
  return pulumi.output(args).apply((values) => check(values));
}
