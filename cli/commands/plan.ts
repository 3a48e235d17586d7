// `dtsx plan --stack <name> [--json] [--policy-pack-config FILE] [--stack-dir DIR]`: evaluates the
// Pulumi program for one stack offline (Pulumi's in-process mocks, no CLI, no credentials) and prints the
// planned resources. Exit codes: 0 ok, 1 mandatory policy violations, 2 invalid configuration or unknown stack.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { Command } from "commander";
import { ArgsError } from "../../components/problems";
import type * as EvaluateModule from "../plan/evaluate";
import { PLACEHOLDER_SUBSCRIPTION_ID } from "../plan/mocks";
import type * as PoliciesModule from "../plan/policies";
import { PolicyPackConfigError, readPolicyPackConfig } from "../plan/policyPackConfig";
import { planJson, renderTable } from "../plan/render";
import {
  CONFIG_NAMESPACE,
  parseStackConfig,
  readStackConfigFile,
  StackConfigError,
} from "../../topology/schema";

export const EXIT_OK = 0;
export const EXIT_POLICY_VIOLATIONS = 1;
export const EXIT_INVALID = 2;

/** The repository's stacks/ folder (next to Pulumi.yaml), independent of the working directory. */
export const DEFAULT_STACK_DIR = resolve(__dirname, "../../stacks");

const STACK_NAME = /^[A-Za-z0-9._-]+$/;
const STACK_FILE = /^Pulumi\.([A-Za-z0-9._-]+)\.ya?ml$/;

export interface PlanOptions {
  readonly stack?: string;
  readonly json?: boolean;
  readonly policyPackConfig?: string;
  readonly stackDir?: string;
}

export interface PlanIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** A failure that ends the plan with exit code 2; the message names the flag or key. */
class InvalidInputError extends Error {}

/** Stack names that have a `Pulumi.<name>.yaml` in `stackDir`, sorted. */
export function availableStacks(stackDir: string): string[] {
  return readdirSync(stackDir)
    .map((file) => STACK_FILE.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

/** The stack name and its file, or an InvalidInputError naming --stack / --stack-dir. */
function resolveStackFile(
  stackDir: string,
  stack: string | undefined,
): { stack: string; path: string } {
  if (!existsSync(stackDir) || !statSync(stackDir).isDirectory()) {
    throw new InvalidInputError(`--stack-dir: ${JSON.stringify(stackDir)} is not a directory`);
  }
  if (stack === undefined) {
    const available = availableStacks(stackDir);
    throw new InvalidInputError(
      `--stack: required, e.g. --stack ${available[0] ?? "dev"} (available stacks: ${available.length > 0 ? available.join(", ") : "none"})`,
    );
  }
  if (!STACK_NAME.test(stack)) {
    throw new InvalidInputError(
      `--stack: expected a stack name of letters, digits, ".", "_" or "-", got ${JSON.stringify(stack)}`,
    );
  }
  for (const extension of ["yaml", "yml"]) {
    const path = join(stackDir, `Pulumi.${stack}.${extension}`);
    if (existsSync(path)) return { stack, path };
  }
  const available = availableStacks(stackDir);
  throw new InvalidInputError(
    `--stack: unknown stack ${JSON.stringify(stack)}: no Pulumi.${stack}.yaml in ${displayPath(stackDir)} ` +
      `(available stacks: ${available.length > 0 ? available.join(", ") : "none"})`,
  );
}

function displayPath(path: string): string {
  const fromCwd = relative(process.cwd(), path);
  return fromCwd === "" ? "." : fromCwd.startsWith("..") ? path : fromCwd;
}

/** Everything a plan needs once the inputs are validated. */
interface PreparedPlan {
  readonly stack: string;
  readonly raw: Record<string, unknown>;
  readonly environment: string;
  readonly subscriptionId: string;
  readonly policyPackConfig: Record<string, unknown> | undefined;
}

/** Validates flags, the stack file and the policy config; throws InvalidInputError or StackConfigError. */
function prepare(options: PlanOptions, stackDir: string): PreparedPlan {
  const { stack, path: stackFile } = resolveStackFile(stackDir, options.stack);
  const raw = readStackConfigFile(stackFile);
  let config;
  try {
    config = parseStackConfig(raw);
  } catch (error) {
    if (error instanceof StackConfigError) {
      throw new InvalidInputError(
        `invalid configuration in ${displayPath(stackFile)}:\n` +
          error.problems.map((problem) => `  ${problem}`).join("\n"),
      );
    }
    throw error;
  }
  return {
    stack,
    raw,
    environment: config.environment,
    subscriptionId: config.subscriptionId ?? PLACEHOLDER_SUBSCRIPTION_ID,
    policyPackConfig:
      options.policyPackConfig === undefined
        ? undefined
        : readPolicyPackConfig(options.policyPackConfig),
  };
}

/** Runs one plan and returns the exit code. Evaluates the program, so call it at most once per process. */
export async function runPlan(options: PlanOptions, io: PlanIo): Promise<number> {
  let plan: PreparedPlan;
  try {
    plan = prepare(options, resolve(options.stackDir ?? DEFAULT_STACK_DIR));
  } catch (error) {
    if (
      error instanceof InvalidInputError ||
      error instanceof StackConfigError ||
      error instanceof PolicyPackConfigError
    ) {
      io.stderr(`dtsx plan: ${error.message}\n`);
      return EXIT_INVALID;
    }
    throw error;
  }

  // Loaded only now: @pulumi/pulumi and @pulumi/policy take seconds to load on a busy machine, and every other
  // dtsx command (and a plan that fails validation) starts without them. require, not import(): bin/dtsx.js
  // compiles TypeScript through tsx's CommonJS hook, which import() bypasses.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { evaluateProgram, toEngineConfig } = require("../plan/evaluate") as typeof EvaluateModule;
  const { evaluatePolicies } = require("../plan/policies") as typeof PoliciesModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  let evaluation;
  try {
    evaluation = await evaluateProgram({
      project: CONFIG_NAMESPACE,
      stack: plan.stack,
      config: toEngineConfig(CONFIG_NAMESPACE, plan.raw),
      subscriptionId: plan.subscriptionId,
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loadProgram: () => Promise.resolve(require("../../stacks/index") as unknown),
    });
  } catch (error) {
    // The schema already passed, so this is a component rule or a program bug; either way nothing was planned.
    const reason =
      error instanceof ArgsError || error instanceof StackConfigError ? "" : " (program error)";
    io.stderr(
      `dtsx plan: stack ${plan.stack} failed to evaluate${reason}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT_INVALID;
  }

  // The policy pack runs here, in-process, on exactly the resources the plan shows.
  let violations;
  try {
    violations = await evaluatePolicies(evaluation.resources, {
      stack: plan.stack,
      environment: plan.environment,
      policyPackConfig: plan.policyPackConfig,
    });
  } catch (error) {
    if (error instanceof PolicyPackConfigError) {
      io.stderr(`dtsx plan: ${error.message}\n`);
      return EXIT_INVALID;
    }
    throw error;
  }

  io.stdout(
    options.json
      ? `${JSON.stringify(planJson(plan.stack, evaluation.resources, violations), null, 2)}\n`
      : renderTable(plan.stack, evaluation.resources, violations),
  );
  return violations.some((violation) => violation.enforcementLevel === "mandatory")
    ? EXIT_POLICY_VIOLATIONS
    : EXIT_OK;
}

export function planCommand(): Command {
  return (
    new Command("plan")
      .description(
        "Evaluate a stack's Pulumi program offline (mocked engine: no Pulumi CLI, no Azure credentials) " +
          "and print the planned resources. Exit 0 ok, 1 mandatory policy violations, 2 invalid configuration or unknown stack.",
      )
      // Validated in runPlan rather than by commander, so a missing --stack exits 2 and lists the stacks.
      .option("--stack <name>", "stack to plan (required): reads <stack-dir>/Pulumi.<name>.yaml")
      .option(
        "--json",
        'print {"stack", "resources": [{"type", "name", "inputs"}], "violations"} instead of a table',
      )
      .option(
        "--policy-pack-config <file>",
        'policy configuration JSON, as for `pulumi preview --policy-pack-config` ({"all": …, "<policy>": {…}})',
      )
      .option(
        "--stack-dir <dir>",
        "directory holding the Pulumi.<name>.yaml stack files (default: the repository's stacks/)",
      )
      // Commander exits 1 on usage errors (unknown option, missing value); 1 means "policy violations" here.
      .exitOverride((error) => process.exit(error.exitCode === 0 ? EXIT_OK : EXIT_INVALID))
      .action(async (options: PlanOptions) => {
        process.exitCode = await runPlan(options, {
          stdout: (text) => process.stdout.write(text),
          stderr: (text) => process.stderr.write(text),
        });
      })
  );
}
