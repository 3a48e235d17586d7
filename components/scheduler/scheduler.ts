// A Durable Task Scheduler with everything that belongs to it: the `durabletask.Scheduler`, its singleton
// retention policy, scheduler-scope role assignments and one TaskHub component per declared hub
// (docs/components-and-stacks.md).
import * as pulumi from "@pulumi/pulumi";
import * as durabletask from "@pulumi/azure-native/durabletask";
import { Access } from "../access/access";
import { schedulerResourceId } from "../armIds";
import { accessScope, knownAfter } from "../knownAfter";
import { retentionPolicyEntries } from "../retention/args";
import { TaskHub } from "../taskHub/taskHub";
import { defaultConnectionStringIdentities } from "../taskHub/args";
import { whenKnown } from "../whenKnown";
import { schedulerWithDefaults, validateSchedulerArgs, type SchedulerArgs } from "./args";

export const SCHEDULER_TYPE = "dtsx:index:Scheduler";

/** What apps need per task hub. */
export interface TaskHubOutputs {
  /** The hub's ARM resource id. */
  readonly id: string;
  /** Where the hub's dashboard is. */
  readonly dashboardUrl: string;
  /** SDK connection string per identity (with a clientId) that has access to the hub. */
  readonly connectionStrings: Record<string, string>;
}

interface SchedulerChildren {
  readonly scheduler: durabletask.Scheduler;
  readonly retentionPolicy: durabletask.RetentionPolicy;
  readonly access?: Access;
  readonly taskHubs: Readonly<Record<string, TaskHub>>;
}

const childrenOf = new WeakMap<Scheduler, SchedulerChildren>();

/**
 * An Azure Durable Task Scheduler with its retention policy, task hubs and least-privilege data-plane role
 * assignments.
 */
export class Scheduler extends pulumi.ComponentResource {
  /** The scheduler's ARM resource id. */
  readonly schedulerId: pulumi.Output<string>;
  /** The scheduler's name. */
  readonly schedulerName: pulumi.Output<string>;
  /** The scheduler's data-plane endpoint (`properties.endpoint`). */
  readonly endpoint: pulumi.Output<string>;
  /** Per task hub name: its id, dashboard URL and SDK connection strings. */
  readonly taskHubOutputs: pulumi.Output<Record<string, TaskHubOutputs>>;

  constructor(name: string, args: SchedulerArgs, opts?: pulumi.ComponentResourceOptions) {
    const { resourceGroupName, tags, ...validated } = args;
    const checked = whenKnown(
      SCHEDULER_TYPE,
      name,
      validated,
      (values) => schedulerWithDefaults(name, values),
      validateSchedulerArgs,
    );
    super(SCHEDULER_TYPE, name, {}, opts);

    const declaredName = checked.apply((values) => values.name);
    const scheduler = new durabletask.Scheduler(
      `${name}-scheduler`,
      {
        resourceGroupName,
        schedulerName: declaredName,
        location: checked.apply((values) => values.location),
        tags: tags ?? {},
        properties: checked.apply((values) => ({
          ipAllowlist: [...values.ipAllowlist],
          publicNetworkAccess: values.publicNetworkAccess,
          sku: {
            name: values.sku,
            ...(values.capacity === undefined ? {} : { capacity: values.capacity }),
          },
        })),
      },
      { parent: this },
    );
    // The declared name, known during preview (the scheduler's `name` output is not until it exists), still
    // carrying the dependency on the scheduler so its children are created after it.
    const schedulerName = knownAfter(scheduler, declaredName);
    const subscriptionId = args.subscriptionId;
    const identities = args.identities ?? {};
    const retentionPolicy = new durabletask.RetentionPolicy(
      `${name}-retention`,
      {
        resourceGroupName,
        schedulerName,
        properties: checked.apply((values) => ({
          retentionPolicies: retentionPolicyEntries(values.retention),
        })),
      },
      { parent: this },
    );
    const schedulerRules = args.access ?? [];
    let access: Access | undefined;
    if (schedulerRules.length > 0) {
      const scope = accessScope(scheduler, subscriptionId, () =>
        pulumi
          .all([checked, resourceGroupName])
          .apply(([values, group]) =>
            schedulerResourceId(values.subscriptionId ?? "", group, values.name),
          ),
      );
      access = new Access(
        `${name}-access`,
        {
          scope,
          rules: schedulerRules,
          identities,
          ...(subscriptionId === undefined ? {} : { subscriptionId }),
        },
        { parent: this },
      );
    }

    const endpoint = scheduler.properties.apply((properties) => properties.endpoint);
    // Scheduler-scope grants reach every hub, so those identities get a connection string for each hub too.
    const taskHubs: Record<string, TaskHub> = {};
    for (const hub of args.taskHubs ?? []) {
      const hubRules = hub.access ?? [];
      taskHubs[hub.name] = new TaskHub(
        `${name}-taskhub-${hub.name}`,
        {
          name: hub.name,
          resourceGroupName,
          schedulerName,
          schedulerEndpoint: endpoint,
          access: hubRules,
          identities,
          connectionStringIdentities: defaultConnectionStringIdentities(
            [...hubRules, ...schedulerRules],
            identities,
          ),
          ...(subscriptionId === undefined ? {} : { subscriptionId }),
        },
        { parent: this },
      );
    }
    childrenOf.set(this, {
      scheduler,
      retentionPolicy,
      taskHubs,
      ...(access === undefined ? {} : { access }),
    });

    this.schedulerId = scheduler.id;
    this.schedulerName = scheduler.name;
    this.endpoint = endpoint;
    this.taskHubOutputs = pulumi.all(
      Object.fromEntries(
        Object.entries(taskHubs).map(([hubName, hub]) => [
          hubName,
          pulumi
            .all([hub.taskHubId, hub.dashboardUrl, hub.connectionStrings])
            .apply(([id, url, connectionStrings]): TaskHubOutputs => ({
              id,
              dashboardUrl: url,
              connectionStrings,
            })),
        ]),
      ),
    );
    this.registerOutputs({
      schedulerId: this.schedulerId,
      schedulerName: this.schedulerName,
      endpoint: this.endpoint,
      taskHubOutputs: this.taskHubOutputs,
    });
  }

  // Child resources are getters, not properties: a component package's schema lists a component's properties as
  // its outputs, and a resource object cannot cross a language boundary as a value.

  /** The `durabletask.Scheduler` resource. */
  get scheduler(): durabletask.Scheduler {
    return this.children().scheduler;
  }

  /** The scheduler's singleton `durabletask.RetentionPolicy`. */
  get retentionPolicy(): durabletask.RetentionPolicy {
    return this.children().retentionPolicy;
  }

  /** Present when the scheduler has scheduler-scope access rules. */
  get access(): Access | undefined {
    return this.children().access;
  }

  /** One TaskHub component per declared hub, by hub name. */
  get taskHubs(): Readonly<Record<string, TaskHub>> {
    return this.children().taskHubs;
  }

  private children(): SchedulerChildren {
    const children = childrenOf.get(this);
    if (!children) throw new Error("Scheduler: children are read before the constructor finished");
    return children;
  }
}
