// `dtsx plan --stack <name> [--json] [--policy-pack-config FILE] [--stack-dir DIR]` (issue 2 §4): evaluates the
// Pulumi program for one stack offline (Pulumi's in-process mocks, no CLI, no credentials) and prints the
// planned resources. Exit codes: 0 ok, 1 mandatory policy violations, 2 invalid configuration or unknown stack.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { Command } from "commander";
import { ArgsError } from "../../components/problems";
import { evaluateProgram, toEngineConfig } from "../plan/evaluate";
import { PLACEHOLDER_SUBSCRIPTION_ID } from "../plan/mocks";
import { evaluatePolicies } from "../plan/policies";
import { PolicyPackConfigError, readPolicyPackConfig } from "../plan/policyPackConfig";
import { planJson, renderTable } from "../plan/render";
import {
  CONFIG_NAMESPACE,
  parseStackConfig,
  readStackConfigFile,
  StackConfigError,
} from "../../stacks/schema";

export const EXIT_OK = 0;
export const EXIT_POLICY_VIOLATIONS = 1;
export const EXIT_INVALID = 2;

/** The repository's stacks/ folder (next to Pulumi.yaml), independent of the working directory. */
export const DEFAULT_STACK_DIR = resolve(__dirname, "../../stacks");

const STACK_NAME = /^[A-Za-z0-9._-]+$/;
const STACK_FILE = /^Pulumi\.([A-Za-z0-9._-]+)\.ya?ml$/;

export interface PlanOptions {
  readonly stack: string;
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

function stackFilePath(stackDir: string, stack: string): string {
  if (!existsSync(stackDir) || !statSync(stackDir).isDirectory()) {
    throw new InvalidInputError(`--stack-dir: ${JSON.stringify(stackDir)} is not a directory`);
  }
  if (!STACK_NAME.test(stack)) {
    throw new InvalidInputError(
      `--stack: expected a stack name of letters, digits, ".", "_" or "-", got ${JSON.stringify(stack)}`,
    );
  }
  for (const extension of ["yaml", "yml"]) {
    const path = join(stackDir, `Pulumi.${stack}.${extension}`);
    if (existsSync(path)) return path;
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

/** Runs one plan and returns the exit code. Evaluates the program, so call it at most once per process. */
export async function runPlan(options: PlanOptions, io: PlanIo): Promise<number> {
  const stackDir = resolve(options.stackDir ?? DEFAULT_STACK_DIR);
  let stackFile: string | undefined;
  let raw: Record<string, unknown>;
  let policyPackConfig: Record<string, unknown> | undefined;
  let environment: string;
  let subscriptionId: string;
  try {
    stackFile = stackFilePath(stackDir, options.stack);
    raw = readStackConfigFile(stackFile);
    const config = parseStackConfig(raw);
    environment = config.environment;
    subscriptionId = config.subscriptionId ?? PLACEHOLDER_SUBSCRIPTION_ID;
    policyPackConfig =
      options.policyPackConfig === undefined
        ? undefined
        : readPolicyPackConfig(options.policyPackConfig);
  } catch (error) {
    if (error instanceof StackConfigError) {
      io.stderr(
        `dtsx plan: invalid configuration in ${displayPath(stackFile ?? stackDir)}:\n` +
          error.problems.map((problem) => `  ${problem}\n`).join(""),
      );
      return EXIT_INVALID;
    }
    if (error instanceof InvalidInputError || error instanceof PolicyPackConfigError) {
      io.stderr(`dtsx plan: ${error.message}\n`);
      return EXIT_INVALID;
    }
    throw error;
  }

  let evaluation;
  try {
    evaluation = await evaluateProgram({
      project: CONFIG_NAMESPACE,
      stack: options.stack,
      config: toEngineConfig(CONFIG_NAMESPACE, raw),
      subscriptionId,
      // require, not import(): bin/dtsx.js compiles TypeScript through tsx's CommonJS hook, which import() bypasses.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loadProgram: () => Promise.resolve(require("../../stacks/index") as unknown),
    });
  } catch (error) {
    // The schema already passed, so this is a component rule or a program bug; either way nothing was planned.
    const reason =
      error instanceof ArgsError || error instanceof StackConfigError ? "" : " (program error)";
    io.stderr(
      `dtsx plan: stack ${options.stack} failed to evaluate${reason}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return EXIT_INVALID;
  }

  // Issue 3 fills this: the policy pack runs here, in-process, on exactly what the plan shows.
  const violations = await evaluatePolicies(evaluation.resources, {
    stack: options.stack,
    environment,
    policyPackConfig,
  });

  io.stdout(
    options.json
      ? `${JSON.stringify(planJson(options.stack, evaluation.resources, violations), null, 2)}\n`
      : renderTable(options.stack, evaluation.resources, violations),
  );
  return violations.some((violation) => violation.enforcementLevel === "mandatory")
    ? EXIT_POLICY_VIOLATIONS
    : EXIT_OK;
}

export function planCommand(): Command {
  return new Command("plan")
    .description(
      "Evaluate a stack's Pulumi program offline (mocked engine: no Pulumi CLI, no Azure credentials) " +
        "and print the planned resources. Exit 0 ok, 1 mandatory policy violations, 2 invalid configuration or unknown stack.",
    )
    .requiredOption("--stack <name>", "stack to plan: reads <stack-dir>/Pulumi.<name>.yaml")
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
    .action(async (options: PlanOptions) => {
      process.exitCode = await runPlan(options, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
    });
}
