// The dtsx Pulumi program (Pulumi.yaml `main: stacks/`): one Scheduler component per `dtsx:schedulers[i]`.
// `pulumi up` runs it against Azure; `dtsx plan` runs it offline under mocks.
import type * as pulumi from "@pulumi/pulumi";
import { Scheduler, type TaskHubOutputs } from "../components/scheduler/scheduler";
import { readStackConfig } from "./config";
import { ENVIRONMENT_TAG, type SchedulerConfig } from "../topology/schema";

const config = readStackConfig();

/** What the stack exports per scheduler. */
export interface SchedulerStackOutputs {
  readonly id: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  /** Per task hub: id, dashboard URL and SDK connection strings. */
  readonly taskHubs: pulumi.Output<Record<string, TaskHubOutputs>>;
}

function deploy(scheduler: SchedulerConfig): SchedulerStackOutputs {
  const component = new Scheduler(scheduler.name, {
    ...scheduler,
    resourceGroupName: config.resourceGroupName,
    identities: config.identities,
    // Known role assignment scopes and role ids during `pulumi preview` (policies can check them there).
    ...(config.subscriptionId === undefined ? {} : { subscriptionId: config.subscriptionId }),
    // The policy pack reads the environment profile from this tag; components never read config.
    tags: { ...scheduler.tags, [ENVIRONMENT_TAG]: config.environment },
  });
  return {
    id: component.schedulerId,
    endpoint: component.endpoint,
    taskHubs: component.taskHubOutputs,
  };
}

/** The environment profile this stack was evaluated with. */
export const environment = config.environment;

/** Stack outputs keyed by scheduler name. */
export const schedulers: Record<string, SchedulerStackOutputs> = Object.fromEntries(
  config.schedulers.map((scheduler) => [scheduler.name, deploy(scheduler)]),
);
