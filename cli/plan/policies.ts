// The single call site where `dtsx plan` evaluates policies on the planned resources. Issue 3 (the policy pack)
// replaces the body with an in-process run of policies/ (same config format as `pulumi preview
// --policy-pack-config`); until then a plan reports no violations.
import type { PlannedResource, Violation } from "./types";

export interface PolicyContext {
  readonly stack: string;
  /** `dtsx:environment` of the stack (dev | test | prod): the policy profile. */
  readonly environment: string;
  /** Parsed `--policy-pack-config` file (`{"all": …, "<policy-name>": {…}}`), if given. */
  readonly policyPackConfig: Readonly<Record<string, unknown>> | undefined;
}

export function evaluatePolicies(
  resources: readonly PlannedResource[],
  context: PolicyContext,
): Promise<Violation[]> {
  void resources;
  void context;
  return Promise.resolve([]);
}
