// The single call site where `dtsx plan` evaluates policies on the planned resources: the dtsx policy pack
// (policies/) runs in-process through policies/evaluate.ts, with the `--policy-pack-config` file in the
// `pulumi preview --policy-pack-config` format, on exactly the resources the plan shows.
import type { PlannedResource as PolicyInput } from "../../policies/evaluate";
import { evaluatePolicies as runPolicyPack, PolicyConfigError } from "../../policies/evaluate";
import { PolicyPackConfigError } from "./policyPackConfig";
import type { PlannedResource, Violation } from "./types";

export interface PolicyContext {
  readonly stack: string;
  /** `dtsx:environment` of the stack (dev | test | prod). The policies read it from the schedulers'
   * `environment` tag (stacks/index.ts puts it there), exactly as they do under `pulumi preview`. */
  readonly environment: string;
  /** Parsed `--policy-pack-config` file (`{"all": …, "<policy-name>": {…}}`), if given. */
  readonly policyPackConfig: Readonly<Record<string, unknown>> | undefined;
}

/**
 * What the engine hands the analyzer: resource policies get inputs; stack policies get outputs (here: the state the
 * mocks return plus the ARM `id`, which azure-native keeps in its outputs) and the parent links of the component
 * tree, which is how a task hub or retention policy finds its scheduler when its outputs do not name it.
 */
export function toPolicyInput(resource: PlannedResource): PolicyInput {
  return {
    type: resource.type,
    name: resource.name,
    urn: resource.urn,
    ...(resource.parentUrn === undefined ? {} : { parent: resource.parentUrn }),
    inputs: resource.inputs,
    outputs:
      resource.custom && resource.id !== undefined
        ? { ...resource.outputs, id: resource.id }
        : resource.outputs,
  };
}

export async function evaluatePolicies(
  resources: readonly PlannedResource[],
  context: PolicyContext,
): Promise<Violation[]> {
  // A stack-wide finding (the quota) belongs to the stack resource, as `pulumi preview` shows it.
  const stackUrn = resources.find((resource) => resource.type === "pulumi:pulumi:Stack")?.urn;
  try {
    const violations = await runPolicyPack({
      resources: resources.map(toPolicyInput),
      config: context.policyPackConfig ?? {},
      configSource: "--policy-pack-config",
      stack: context.stack,
    });
    return violations.map((violation) => ({
      policy: violation.policy,
      enforcementLevel: violation.enforcementLevel,
      message: violation.message,
      resource: violation.resource ?? stackUrn,
    }));
  } catch (error) {
    if (error instanceof PolicyConfigError) throw new PolicyPackConfigError(error.message);
    throw error;
  }
}
