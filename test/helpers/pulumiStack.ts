// Evaluates the real program (stacks/index.ts) for one stack file in-process, exactly as `dtsx plan` does.
// One call per test file: the Pulumi runtime and the module cache are per worker.
import { join } from "node:path";
import { evaluateProgram, toEngineConfig, type Evaluation } from "../../cli/plan/evaluate";
import { PLACEHOLDER_SUBSCRIPTION_ID } from "../../cli/plan/mocks";
import type { PlannedResource } from "../../cli/plan/types";
import { CONFIG_NAMESPACE, parseStackConfig, readStackConfigFile } from "../../topology/schema";

export const STACKS_DIR = join(__dirname, "../../stacks");

export async function evaluateStack(stack: string, stackDir = STACKS_DIR): Promise<Evaluation> {
  const raw = readStackConfigFile(join(stackDir, `Pulumi.${stack}.yaml`));
  const config = parseStackConfig(raw);
  return evaluateProgram({
    project: CONFIG_NAMESPACE,
    stack,
    config: toEngineConfig(CONFIG_NAMESPACE, raw),
    subscriptionId: config.subscriptionId ?? PLACEHOLDER_SUBSCRIPTION_ID,
    loadProgram: () => import("../../stacks/index"),
  });
}

export function ofType(resources: readonly PlannedResource[], type: string): PlannedResource[] {
  return resources.filter((resource) => resource.type === type);
}

export const TYPES = {
  scheduler: "azure-native:durabletask:Scheduler",
  taskHub: "azure-native:durabletask:TaskHub",
  retention: "azure-native:durabletask:RetentionPolicy",
  roleAssignment: "azure-native:authorization:RoleAssignment",
} as const;
