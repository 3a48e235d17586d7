// Runs the real Pulumi program in-process under Pulumi's mock runtime (no CLI, no credentials, no network) and
// records every registered resource. One evaluation per process: the runtime store and module cache are global.
import * as pulumi from "@pulumi/pulumi";
import type { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import { armMocks } from "./mocks";
import type { PlannedResource } from "./types";

export interface EvaluateOptions {
  /** Pulumi project name (config namespace). */
  readonly project: string;
  readonly stack: string;
  /** Engine-style config: `"<project>:<key>"` → string (objects and arrays JSON-encoded). */
  readonly config: Readonly<Record<string, string>>;
  /** Subscription for mocked ARM ids. */
  readonly subscriptionId: string;
  /** Loads (and thereby runs) the program module. Called once, after the mocks are in place. */
  readonly loadProgram: () => Promise<unknown>;
}

export interface Evaluation {
  /** In registration order. */
  readonly resources: PlannedResource[];
  /** The program's exports as stack outputs. */
  readonly outputs: Record<string, unknown>;
}

/** Engine-style config from decoded `dtsx` values: `{ environment: "prod" }` → `{ "dtsx:environment": "prod" }`. */
export function toEngineConfig(
  project: string,
  raw: Readonly<Record<string, unknown>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw).map(([key, value]) => [
      `${project}:${key}`,
      typeof value === "string" ? value : JSON.stringify(value),
    ]),
  );
}

type RegisterCallback = (error: unknown, response: RegisterResponse | undefined) => void;
interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): Parameters<typeof pulumi.runtime.deserializeProperties>[0];
}
interface RegisterResponse {
  getUrn(): string;
  getId(): string;
  getObject(): Parameters<typeof pulumi.runtime.deserializeProperties>[0] | undefined;
}

export async function evaluateProgram(options: EvaluateOptions): Promise<Evaluation> {
  await pulumi.runtime.setMocks(
    armMocks({ subscriptionId: options.subscriptionId }),
    options.project,
    options.stack,
    false,
  );
  pulumi.runtime.setAllConfig({ ...options.config }, []);

  // The mock monitor knows each registration's parent and URN but does not pass them to `Mocks.newResource`;
  // wrapping its registerResource (public on MockMonitor) records them alongside inputs and returned state.
  const resources: PlannedResource[] = [];
  const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitor;
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request: RegisterRequest, callback: RegisterCallback) =>
    register(request, (error: unknown, response: RegisterResponse | undefined) => {
      if (!error && response) {
        const custom = request.getCustom();
        const state = response.getObject();
        resources.push({
          type: request.getType(),
          name: request.getName(),
          urn: response.getUrn(),
          parentUrn: request.getParent() || undefined,
          custom,
          id: custom ? response.getId() : undefined,
          inputs: pulumi.runtime.deserializeProperties(request.getObject()),
          outputs: state ? pulumi.runtime.deserializeProperties(state) : {},
        });
      }
      callback(error, response);
    });

  const outputs = await pulumi.runtime.runInPulumiStack(async () => options.loadProgram());
  // Resources whose inputs depend on other resources' outputs register after those resolve: wait for every RPC.
  await pulumi.runtime.disconnect();
  return { resources: inTreeOrder(resources), outputs: outputs ?? {} };
}

/** Provider types in the order a reader expects them under one parent. */
const TYPE_RANK = [
  "azure-native:durabletask:Scheduler",
  "azure-native:durabletask:RetentionPolicy",
  "azure-native:durabletask:TaskHub",
  "azure-native:authorization:RoleAssignment",
];

/**
 * Registration order depends on when each resource's inputs resolve (a retention policy waits for its scheduler's
 * name), so it interleaves components. The plan lists resources depth-first from the stack instead: under each
 * parent its provider resources (by type, then registration), then its child components (in registration order,
 * which for components is constructor order: their inputs are always known).
 */
export function inTreeOrder(resources: readonly PlannedResource[]): PlannedResource[] {
  const index = new Map(resources.map((resource, position) => [resource.urn, position]));
  const children = new Map<string | undefined, PlannedResource[]>();
  for (const resource of resources) {
    const parent =
      resource.parentUrn !== undefined && index.has(resource.parentUrn)
        ? resource.parentUrn
        : undefined;
    children.set(parent, [...(children.get(parent) ?? []), resource]);
  }
  const rank = (resource: PlannedResource): number => {
    if (!resource.custom) return TYPE_RANK.length + 1;
    const position = TYPE_RANK.indexOf(resource.type);
    return position === -1 ? TYPE_RANK.length : position;
  };
  const ordered: PlannedResource[] = [];
  const visit = (parent: string | undefined): void => {
    const siblings = [...(children.get(parent) ?? [])].sort(
      (a, b) => rank(a) - rank(b) || (index.get(a.urn) ?? 0) - (index.get(b.urn) ?? 0),
    );
    for (const resource of siblings) {
      ordered.push(resource);
      visit(resource.urn);
    }
  };
  visit(undefined);
  return ordered;
}
