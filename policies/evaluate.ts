// Runs the dtsx policies in-process on planned resources, the way the CrossGuard analyzer server does during
// `pulumi preview` (@pulumi/policy 1.21.0 server.js): props wrapped with `unknownCheckingProxy`, config reconciled
// like the engine (packConfig.ts), "disabled" policies skipped, "remediate" policies' remediations applied to the
// props before any validation and their violations reported as mandatory, resource policies on each resource's
// inputs and stack policies on all resources' outputs with parents and dependencies linked, a violation reported
// with its own (advisory) level kept, and an UnknownValueError turned into an advisory "can't run policy … during
// preview". No PolicyPack, no server.
import type {
  EnforcementLevel,
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import type { RegisteredPolicy } from "./all";
import { POLICY_PACK_NAME, registeredPolicies } from "./all";
import { version as packVersion } from "./package.json";
import { reconcilePolicyPackConfig } from "./packConfig";
import { isUnknownValueError, unknownCheckingProxy } from "./lib/proxy";

export { UNKNOWN } from "./lib/proxy";
export { PolicyConfigError } from "./packConfig";

/** A resource of a plan. References (parent, dependencies) may be URNs or names of other planned resources. */
export interface PlannedResource {
  type: string;
  name: string;
  urn?: string;
  /** What resource policies see (the engine's Analyze gets inputs). Unknown values: the `UNKNOWN` sentinels. */
  inputs: Record<string, unknown>;
  /** What stack policies see (the engine's AnalyzeStack gets planned outputs); defaults to `inputs`. */
  outputs?: Record<string, unknown>;
  parent?: string;
  dependencies?: readonly string[];
  propertyDependencies?: Readonly<Record<string, readonly string[]>>;
  provider?: { type: string; name: string; urn: string; props: Record<string, unknown> };
}

export interface Violation {
  policy: string;
  enforcementLevel: "advisory" | "mandatory";
  message: string;
  /** URN of the resource the violation is about; null for a stack-wide finding. */
  resource: string | null;
}

export interface EvaluateOptions {
  resources: readonly PlannedResource[];
  /** Parsed --policy-pack-config content (`{"all": …, "<policy>": …}`); schema defaults apply without it. */
  config?: unknown;
  /** Names the config in error messages, e.g. the file path. */
  configSource?: string;
  /** Defaults to every dtsx policy. */
  policies?: readonly RegisteredPolicy[];
  stack?: string;
  project?: string;
  /** Receives one message per deprecated policy config key; defaults to a warning on stderr. */
  onDeprecation?: (message: string) => void;
}

const warnOnStderr = (message: string) => {
  process.stderr.write(`warning: ${message}\n`);
};

class NotApplicableError extends Error {}

const notApplicable = (reason?: string): never => {
  throw new NotApplicableError(reason ?? "Policy does not apply");
};

const stackTags: ReadonlyMap<string, string> = new Map<string, string>();

const emptyOptions = (parent?: string): PolicyResourceOptions => ({
  protect: false,
  ignoreChanges: [],
  aliases: [],
  customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
  additionalSecretOutputs: [],
  ...(parent === undefined ? {} : { parent }),
});

function pulumiTypeOf(fn: unknown): string | undefined {
  const token = (fn as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  return typeof token === "string" ? token : undefined;
}

/** The engine's isTypeOf: the class's __pulumiType, else its isInstance (server.js). */
function isTypeOf(type: string, resourceClass: unknown): boolean {
  const token = pulumiTypeOf(resourceClass);
  if (token) return token === type;
  const isInstance = (resourceClass as { isInstance?: (obj: unknown) => unknown }).isInstance;
  return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function wrapProps(props: Record<string, unknown>): Record<string, unknown> {
  // A fresh deep copy per policy, as the engine deserializes the request for each one.
  return unknownCheckingProxy(structuredClone(props));
}

interface Resolved {
  planned: PlannedResource;
  urn: string;
}

function resolveResources(options: EvaluateOptions): Resolved[] {
  const stack = options.stack ?? "stack";
  const project = options.project ?? "dtsx";
  const seen = new Set<string>();
  return options.resources.map((planned) => {
    const urn = planned.urn ?? `urn:pulumi:${stack}::${project}::${planned.type}::${planned.name}`;
    if (seen.has(urn)) throw new Error(`two planned resources share the URN ${urn}`);
    seen.add(urn);
    return { planned, urn };
  });
}

function buildStackResources(resolved: readonly Resolved[]): PolicyResource[] {
  const byReference = new Map<string, PolicyResource>();
  const resources = resolved.map(({ planned, urn }) => {
    const props = wrapProps(planned.outputs ?? planned.inputs);
    const resource: PolicyResource = {
      type: planned.type,
      props,
      urn,
      name: planned.name,
      opts: emptyOptions(planned.parent),
      dependencies: [],
      propertyDependencies: {},
      isType: (resourceClass) => isTypeOf(planned.type, resourceClass),
      asType: ((resourceClass: unknown) =>
        isTypeOf(planned.type, resourceClass) ? props : undefined) as PolicyResource["asType"],
      ...(planned.provider
        ? { provider: { ...planned.provider, props: wrapProps(planned.provider.props) } }
        : {}),
    };
    byReference.set(urn, resource);
    if (!byReference.has(planned.name)) byReference.set(planned.name, resource);
    return resource;
  });
  const lookup = (references: readonly string[] | undefined) =>
    (references ?? []).flatMap((reference) => {
      const found = byReference.get(reference);
      return found ? [found] : [];
    });
  resolved.forEach(({ planned }, index) => {
    const resource = resources[index];
    if (!resource) return;
    const parent = planned.parent === undefined ? undefined : byReference.get(planned.parent);
    if (parent) resource.parent = parent;
    resource.dependencies = lookup(planned.dependencies);
    for (const [property, references] of Object.entries(planned.propertyDependencies ?? {})) {
      resource.propertyDependencies[property] = lookup(references);
    }
  });
  return resources;
}

function reportedLevel(level: EnforcementLevel): "advisory" | "mandatory" {
  // "remediate" on a validation is reported as mandatory (server.js); "disabled" never gets here.
  return level === "advisory" ? "advisory" : "mandatory";
}

/** A violation a policy reported with an explicit level (lib/profileLevels.ts); the message has the description. */
interface LevelledViolation {
  message: string;
  urn?: string;
  enforcementLevel: "advisory" | "mandatory";
}

function isLevelled(value: unknown): value is LevelledViolation {
  return typeof value === "object" && value !== null && "enforcementLevel" in value;
}

export async function evaluatePolicies(options: EvaluateOptions): Promise<Violation[]> {
  const registered = options.policies ?? registeredPolicies;
  const config = reconcilePolicyPackConfig(
    registered,
    options.config ?? {},
    options.configSource,
    options.onDeprecation ?? warnOnStderr,
  );
  const levelOf = (name: string) => config.get(name)?.enforcementLevel ?? "advisory";
  const resolved = await remediate(registered, levelOf, resolveResources(options), (name) =>
    structuredClone(config.get(name)?.properties ?? {}),
  );
  const violations: Violation[] = [];
  const packRef = `'${POLICY_PACK_NAME}@v${packVersion}'`;

  const run = async (
    policy: RegisteredPolicy["policy"],
    level: "advisory" | "mandatory",
    defaultResource: string | null,
    call: (report: ReportViolation) => unknown,
  ) => {
    const policyName = policy.name;
    const report = ((message: string | LevelledViolation, urn?: string) => {
      if (isLevelled(message)) {
        const prefix = `${policy.description}\n`;
        violations.push({
          policy: policyName,
          enforcementLevel: message.enforcementLevel,
          message: message.message.startsWith(prefix)
            ? message.message.slice(prefix.length)
            : message.message,
          resource: message.urn ?? defaultResource,
        });
        return;
      }
      violations.push({
        policy: policyName,
        enforcementLevel: level,
        message,
        resource: urn ?? defaultResource,
      });
    }) as ReportViolation;
    try {
      await Promise.resolve(call(report));
    } catch (error) {
      if (error instanceof NotApplicableError) return;
      if (isUnknownValueError(error)) {
        violations.push({
          policy: policyName,
          enforcementLevel: "advisory",
          message: `can't run policy '${policyName}' from policy pack ${packRef} during preview: ${error.message}`,
          resource: defaultResource,
        });
        return;
      }
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Error validating resource with policy '${policyName}' from policy pack ${packRef}: ${reason}`,
        { cause: error },
      );
    }
  };

  // Resource policies: the engine's Analyze, once per resource, on its inputs.
  for (const { planned, urn } of resolved) {
    for (const { policy } of registered) {
      const level = levelOf(policy.name);
      if (level === "disabled" || !("validateResource" in policy) || !policy.validateResource)
        continue;
      const validations = Array.isArray(policy.validateResource)
        ? policy.validateResource
        : [policy.validateResource];
      for (const validation of validations) {
        const token = pulumiTypeOf(validation);
        if (token !== undefined && token !== planned.type) continue;
        const props = wrapProps(planned.inputs);
        const args: ResourceValidationArgs = {
          type: planned.type,
          props,
          urn,
          name: planned.name,
          opts: emptyOptions(planned.parent),
          stackTags,
          isType: (resourceClass) => isTypeOf(planned.type, resourceClass),
          asType: ((resourceClass: unknown) =>
            isTypeOf(planned.type, resourceClass)
              ? props
              : undefined) as ResourceValidationArgs["asType"],
          getConfig: <T extends object>() =>
            structuredClone(config.get(policy.name)?.properties ?? {}) as T,
          notApplicable,
          ...(planned.provider
            ? { provider: { ...planned.provider, props: wrapProps(planned.provider.props) } }
            : {}),
        };
        await run(policy, reportedLevel(level), urn, (report) => validation(args, report));
      }
    }
  }

  // Stack policies: the engine's AnalyzeStack, once, on every resource's outputs.
  for (const { policy } of registered) {
    const level = levelOf(policy.name);
    if (level === "disabled" || !("validateStack" in policy)) continue;
    const token = pulumiTypeOf(policy.validateStack);
    if (token !== undefined && !resolved.some(({ planned }) => planned.type === token)) continue;
    const args: StackValidationArgs = {
      resources: buildStackResources(resolved),
      stackTags,
      getConfig: <T extends object>() =>
        structuredClone(config.get(policy.name)?.properties ?? {}) as T,
      notApplicable,
    };
    await run(policy, reportedLevel(level), null, (report) => policy.validateStack(args, report));
  }
  return violations;
}

/**
 * The engine's Remediate step: before validation, each "remediate" policy with a remediateResource of the
 * resource's type rewrites its props, in pack order (server.js makeRemediateRpcFun). Applied to the inputs and,
 * when a plan carries them, to the outputs, which stack policies read.
 */
async function remediate(
  registered: readonly RegisteredPolicy[],
  levelOf: (name: string) => EnforcementLevel,
  resolved: Resolved[],
  propertiesOf: (name: string) => Record<string, unknown>,
): Promise<Resolved[]> {
  const remediations = registered.flatMap(({ policy }) =>
    levelOf(policy.name) === "remediate" &&
    "remediateResource" in policy &&
    policy.remediateResource
      ? [{ name: policy.name, remediateResource: policy.remediateResource }]
      : [],
  );
  if (remediations.length === 0) return resolved;
  const apply = async (planned: PlannedResource, urn: string, props: Record<string, unknown>) => {
    let current = props;
    for (const { name, remediateResource } of remediations) {
      const token = pulumiTypeOf(remediateResource);
      if (token !== undefined && token !== planned.type) continue;
      const proxied = wrapProps(current);
      const result = await Promise.resolve(
        remediateResource({
          type: planned.type,
          props: proxied,
          urn,
          name: planned.name,
          opts: emptyOptions(planned.parent),
          stackTags,
          isType: (resourceClass) => isTypeOf(planned.type, resourceClass),
          asType: ((resourceClass: unknown) =>
            isTypeOf(planned.type, resourceClass)
              ? proxied
              : undefined) as ResourceValidationArgs["asType"],
          getConfig: <T extends object>() => propertiesOf(name) as T,
          notApplicable,
        }),
      );
      // JSON, not structuredClone: the result spreads proxied props, which structuredClone cannot copy.
      if (result) current = JSON.parse(JSON.stringify(result)) as Record<string, unknown>;
    }
    return current;
  };
  return Promise.all(
    resolved.map(async ({ planned, urn }) => ({
      urn,
      planned: {
        ...planned,
        inputs: await apply(planned, urn, planned.inputs),
        ...(planned.outputs ? { outputs: await apply(planned, urn, planned.outputs) } : {}),
      },
    })),
  );
}

export function hasMandatoryViolation(violations: readonly Violation[]): boolean {
  return violations.some((violation) => violation.enforcementLevel === "mandatory");
}
