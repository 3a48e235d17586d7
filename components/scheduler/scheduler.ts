// A Durable Task Scheduler with everything that belongs to it: the `durabletask.Scheduler`, its singleton
// retention policy, scheduler-scope role assignments and one TaskHub component per declared hub (issue 2).
import * as pulumi from "@pulumi/pulumi";
import * as durabletask from "@pulumi/azure-native/durabletask";
import { Access } from "../access/access";
import { schedulerResourceId } from "../armIds";
import { accessScope, knownAfter } from "../knownAfter";
import { throwIfProblems } from "../problems";
import { retentionPolicyEntries } from "../retention/args";
import { TaskHub } from "../taskHub/taskHub";
import { schedulerWithDefaults, validateSchedulerArgs, type SchedulerArgs } from "./args";

export const SCHEDULER_TYPE = "dtsx:index:Scheduler";

/** What apps need per task hub. */
export interface TaskHubOutputs {
  readonly id: string;
  readonly dashboardUrl: string;
  /** SDK connection string per identity (with a clientId) that has access to the hub. */
  readonly connectionStrings: Record<string, string>;
}

export class Scheduler extends pulumi.ComponentResource {
  readonly scheduler: durabletask.Scheduler;
  readonly retentionPolicy: durabletask.RetentionPolicy;
  /** Present when the scheduler has scheduler-scope access rules. */
  readonly access?: Access;
  readonly taskHubs: Readonly<Record<string, TaskHub>>;

  readonly schedulerId: pulumi.Output<string>;
  readonly schedulerName: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  readonly taskHubOutputs: pulumi.Output<Record<string, TaskHubOutputs>>;

  constructor(name: string, args: SchedulerArgs, opts?: pulumi.ComponentResourceOptions) {
    const resolved = schedulerWithDefaults(name, args);
    throwIfProblems(SCHEDULER_TYPE, name, validateSchedulerArgs(resolved));
    super(SCHEDULER_TYPE, name, {}, opts);

    this.scheduler = new durabletask.Scheduler(
      `${name}-scheduler`,
      {
        resourceGroupName: resolved.resourceGroupName,
        schedulerName: resolved.name,
        location: resolved.location,
        tags: { ...resolved.tags },
        properties: {
          ipAllowlist: [...resolved.ipAllowlist],
          publicNetworkAccess: resolved.publicNetworkAccess,
          sku: {
            name: resolved.sku,
            ...(resolved.capacity === undefined ? {} : { capacity: resolved.capacity }),
          },
        },
      },
      { parent: this },
    );
    // The declared name, known during preview (the scheduler's `name` output is not until it exists), still
    // carrying the dependency on the scheduler so its children are created after it.
    const schedulerName = knownAfter(this.scheduler, resolved.name);
    const subscriptionId = resolved.subscriptionId;
    this.retentionPolicy = new durabletask.RetentionPolicy(
      `${name}-retention`,
      {
        resourceGroupName: resolved.resourceGroupName,
        schedulerName,
        properties: { retentionPolicies: retentionPolicyEntries(resolved.retention) },
      },
      { parent: this },
    );
    if (resolved.access.length > 0) {
      const scope = accessScope(this.scheduler, subscriptionId, (subscription) =>
        pulumi
          .output(resolved.resourceGroupName)
          .apply((resourceGroupName) =>
            schedulerResourceId(subscription, resourceGroupName, resolved.name),
          ),
      );
      this.access = new Access(
        `${name}-access`,
        {
          scope,
          rules: resolved.access,
          identities: resolved.identities,
          ...(subscriptionId === undefined ? {} : { subscriptionId }),
        },
        { parent: this },
      );
    }

    const endpoint = this.scheduler.properties.apply((properties) => properties.endpoint);
    // Scheduler-scope grants reach every hub, so those identities get a connection string for each hub too.
    const schedulerWide = resolved.access.map((rule) => rule.identity);
    const taskHubs: Record<string, TaskHub> = {};
    for (const hub of resolved.taskHubs) {
      const withAccess = [
        ...new Set([...hub.access.map((rule) => rule.identity), ...schedulerWide]),
      ];
      taskHubs[hub.name] = new TaskHub(
        `${name}-taskhub-${hub.name}`,
        {
          name: hub.name,
          resourceGroupName: resolved.resourceGroupName,
          schedulerName,
          schedulerEndpoint: endpoint,
          access: hub.access,
          identities: resolved.identities,
          connectionStringIdentities: withAccess.filter(
            (identity) => resolved.identities[identity]?.clientId !== undefined,
          ),
          ...(subscriptionId === undefined ? {} : { subscriptionId }),
        },
        { parent: this },
      );
    }
    this.taskHubs = taskHubs;

    this.schedulerId = this.scheduler.id;
    this.schedulerName = this.scheduler.name;
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
      taskHubs: this.taskHubOutputs,
    });
  }
}
