// The stack topology: the `dtsx:*` stack configuration contract, shared by the Pulumi program (stacks/), `dtsx plan`
// and the emulator (`dtsx emulator --stack`): one zod schema for the shape, then the components' own
// pure rules (components/*/args.ts) for everything else, reported as `dtsx:<path>: <rule>`.
// Must not import @pulumi/* at runtime: the local emulator (`dtsx emulator --stack NAME`) loads stack files through
// this module to serve the same topology. Type-only imports are erased.
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { validateIdentities } from "../components/access/args";
import { DTS_ROLE_NAMES } from "../components/access/roles";
import { formatPath, nestProblems, type Problem } from "../components/problems";
import {
  describe,
  expectedOneOf,
  guidProblem,
  oneOf,
  PRINCIPAL_TYPES,
  PUBLIC_NETWORK_ACCESS,
  SKU_NAMES,
} from "../components/rules";
import { schedulerWithDefaults, validateSchedulerArgs } from "../components/scheduler/args";

/** The Pulumi project name, which is also the configuration namespace (`dtsx:<key>`). */
export const CONFIG_NAMESPACE = "dtsx";

/** Policy profiles: dev | test | prod. */
export const ENVIRONMENTS = ["dev", "test", "prod"] as const;

/** The tag the stack program puts on every scheduler so policies can read the profile. */
export const ENVIRONMENT_TAG = "environment";

const IDENTITY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const RESOURCE_GROUP_NAME = /^[-\w.()]{1,90}$/;

const IdentitySchema = z.strictObject({
  principalId: z.string(),
  clientId: z.string().optional(),
  principalType: z.enum(PRINCIPAL_TYPES),
});

const AccessRuleSchema = z.strictObject({
  identity: z.string(),
  role: z.enum(DTS_ROLE_NAMES),
});

const RetentionSchema = z.strictObject({
  default: z.number().optional(),
  completed: z.number().optional(),
  failed: z.number().optional(),
  terminated: z.number().optional(),
  canceled: z.number().optional(),
});

const TaskHubSchema = z.strictObject({
  name: z.string(),
  access: z.array(AccessRuleSchema).optional(),
});

const SchedulerSchema = z.strictObject({
  name: z.string(),
  location: z.string(),
  sku: z.enum(SKU_NAMES),
  capacity: z.number().optional(),
  ipAllowlist: z.array(z.string()),
  publicNetworkAccess: z.enum(PUBLIC_NETWORK_ACCESS).optional(),
  tags: z.record(z.string(), z.string()).optional(),
  retention: RetentionSchema.optional(),
  access: z.array(AccessRuleSchema).optional(),
  taskHubs: z.array(TaskHubSchema).optional(),
});

const StackConfigShape = z.strictObject({
  environment: z.enum(ENVIRONMENTS),
  subscriptionId: z.string().optional(),
  resourceGroupName: z.string(),
  identities: z.record(z.string(), IdentitySchema).default({}),
  schedulers: z.array(SchedulerSchema).min(1),
});

export type StackConfig = z.infer<typeof StackConfigShape>;
export type Environment = StackConfig["environment"];
export type SchedulerConfig = StackConfig["schedulers"][number];
export type TaskHubConfig = NonNullable<SchedulerConfig["taskHubs"]>[number];
export type AccessRuleConfig = z.infer<typeof AccessRuleSchema>;
export type RetentionConfig = z.infer<typeof RetentionSchema>;
export type IdentityConfig = z.infer<typeof IdentitySchema>;

/** Invalid `dtsx:*` configuration; `problems` holds one `dtsx:<key>: <rule>` line per broken rule. */
export class StackConfigError extends Error {
  override readonly name = "StackConfigError";
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
  }
}

/** Rules that span keys: identities, scheduler rules from the component, unique names, the environment tag. */
function crossKeyProblems(config: StackConfig): Problem[] {
  const problems: Problem[] = [];
  if (config.subscriptionId !== undefined) {
    const subscription = guidProblem(config.subscriptionId);
    if (subscription) problems.push({ path: ["subscriptionId"], message: subscription });
  }
  if (
    !RESOURCE_GROUP_NAME.test(config.resourceGroupName) ||
    config.resourceGroupName.endsWith(".")
  ) {
    problems.push({
      path: ["resourceGroupName"],
      message: `expected 1-90 letters, digits, underscores, hyphens, periods or parentheses, not ending with a period, got ${describe(config.resourceGroupName)}`,
    });
  }
  for (const name of Object.keys(config.identities)) {
    if (!IDENTITY_NAME.test(name)) {
      problems.push({
        path: ["identities", name],
        message: `expected an identity name of 1-64 letters, digits, ".", "_" or "-" starting with a letter or digit, got ${describe(name)}`,
      });
    }
  }
  problems.push(...nestProblems(["identities"], validateIdentities(config.identities)));

  const firstIndexOfScheduler = new Map<string, number>();
  config.schedulers.forEach((scheduler, index) => {
    const resolved = schedulerWithDefaults(scheduler.name, {
      ...scheduler,
      identities: config.identities,
    });
    // Identities are checked once above, not once per scheduler.
    const schedulerProblems = validateSchedulerArgs(resolved).filter(
      (problem) => problem.path[0] !== "identities",
    );
    problems.push(...nestProblems(["schedulers", index], schedulerProblems));

    const key = scheduler.name.toLowerCase();
    const first = firstIndexOfScheduler.get(key);
    if (first === undefined) {
      firstIndexOfScheduler.set(key, index);
    } else {
      problems.push({
        path: ["schedulers", index, "name"],
        message: `duplicate scheduler name ${describe(scheduler.name)} (also schedulers[${first}].name)`,
      });
    }
    const tag = scheduler.tags?.[ENVIRONMENT_TAG];
    if (tag !== undefined && tag !== config.environment) {
      problems.push({
        path: ["schedulers", index, "tags", ENVIRONMENT_TAG],
        message: `expected ${describe(config.environment)} (the value of dtsx:environment, which the program sets) or no tag, got ${describe(tag)}`,
      });
    }
  });
  return problems;
}

/** One zod issue in the project's wording: `expected …, got …`. */
function issueProblems(issue: z.core.$ZodIssue): Problem[] {
  const path = issue.path;
  switch (issue.code) {
    case "invalid_value": {
      const allowed = issue.values as (string | number)[];
      return [
        {
          path,
          message:
            issue.input === undefined
              ? `required, expected ${oneOf(allowed)}`
              : expectedOneOf(allowed, issue.input),
        },
      ];
    }
    case "invalid_type":
      return [
        {
          path,
          message:
            issue.input === undefined
              ? `required, expected ${issue.expected}`
              : `expected ${issue.expected}, got ${describe(issue.input)}`,
        },
      ];
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: "unknown key (see docs/components-and-stacks.md for the keys dtsx reads)",
      }));
    case "too_small":
      return [
        {
          path,
          message: `expected at least ${String(issue.minimum)} item(s), got ${describe(issue.input)}`,
        },
      ];
    default:
      return [{ path, message: issue.message }];
  }
}

/**
 * Validates the `dtsx` configuration. `raw` maps keys WITHOUT the `dtsx:` prefix to their (already decoded)
 * values, e.g. `{ environment: "prod", schedulers: [...] }`. Throws a {@link StackConfigError} listing every
 * problem as `dtsx:<path>: <rule>`.
 */
export function parseStackConfig(raw: Readonly<Record<string, unknown>>): StackConfig {
  const result = StackConfigShape.safeParse(raw, { reportInput: true });
  const problems = result.success
    ? crossKeyProblems(result.data)
    : result.error.issues.flatMap(issueProblems);
  if (problems.length > 0 || !result.success) {
    throw new StackConfigError(
      problems.map(
        (problem) => `${formatPath(problem.path, `${CONFIG_NAMESPACE}:`)}: ${problem.message}`,
      ),
    );
  }
  return result.data;
}

/**
 * The `dtsx` keys of a `Pulumi.<stack>.yaml` file, prefix stripped. Keys without a namespace belong to the project
 * (Pulumi's rule), so `environment:` and `dtsx:environment:` are the same key; other namespaces (provider settings
 * such as `azure-native:location`) are not ours and are ignored.
 */
export function readStackConfigFile(path: string): Record<string, unknown> {
  let document: unknown;
  try {
    document = parseYaml(readFileSync(path, "utf8"));
  } catch (error) {
    throw new StackConfigError([
      `${path}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`,
    ]);
  }
  const config = isRecord(document) ? document.config : undefined;
  if (config === undefined || config === null) return {};
  if (!isRecord(config)) {
    throw new StackConfigError([`${path}: config: expected a mapping, got ${describe(config)}`]);
  }
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const colon = key.indexOf(":");
    const namespace = colon === -1 ? CONFIG_NAMESPACE : key.slice(0, colon);
    if (namespace === CONFIG_NAMESPACE) raw[key.slice(colon + 1)] = value;
  }
  return raw;
}

/** Reads and validates `stacks/Pulumi.<name>.yaml` (or any stack file). */
export function loadStackConfigFile(path: string): StackConfig {
  return parseStackConfig(readStackConfigFile(path));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
