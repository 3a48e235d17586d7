// One task hub: the `durabletask.TaskHub` resource, its task-hub-scope role assignments, and what apps need to
// connect (hub id, dashboard URL, one SDK connection string per identity with a clientId).
import * as pulumi from "@pulumi/pulumi";
import * as durabletask from "@pulumi/azure-native/durabletask";
import { Access } from "../access/access";
import { taskHubResourceId } from "../armIds";
import { accessScope } from "../knownAfter";
import { whenKnown } from "../whenKnown";
import { taskHubWithDefaults, validateTaskHubArgs, type TaskHubArgs } from "./args";
import { connectionString, taskHubDashboardUrl } from "./connectionString";

export const TASK_HUB_TYPE = "dtsx:index:TaskHub";

interface TaskHubChildren {
  readonly taskHub: durabletask.TaskHub;
  readonly access?: Access;
}

const childrenOf = new WeakMap<TaskHub, TaskHubChildren>();

/** A Durable Task Scheduler task hub with its hub-scope role assignments and SDK connection strings. */
export class TaskHub extends pulumi.ComponentResource {
  /** The hub's ARM resource id. */
  readonly taskHubId: pulumi.Output<string>;
  /** The hub's name. */
  readonly taskHubName: pulumi.Output<string>;
  /** Where the hub's dashboard is. */
  readonly dashboardUrl: pulumi.Output<string>;
  /** SDK connection string per identity name. */
  readonly connectionStrings: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: TaskHubArgs, opts?: pulumi.ComponentResourceOptions) {
    // Where the hub lives has no rule of its own (and the endpoint is unknown until the scheduler exists).
    const { resourceGroupName, schedulerName, schedulerEndpoint, ...validated } = args;
    const checked = whenKnown(
      TASK_HUB_TYPE,
      name,
      validated,
      taskHubWithDefaults,
      validateTaskHubArgs,
    );
    super(TASK_HUB_TYPE, name, {}, opts);

    const hubName = checked.apply((values) => values.name);
    const endpoint = pulumi.output(schedulerEndpoint);
    const taskHub = new durabletask.TaskHub(
      `${name}-hub`,
      { resourceGroupName, schedulerName, taskHubName: hubName },
      { parent: this },
    );
    const rules = args.access ?? [];
    let access: Access | undefined;
    if (rules.length > 0) {
      const subscriptionId = args.subscriptionId;
      const scope = accessScope(taskHub, subscriptionId, () =>
        pulumi
          .all([checked, resourceGroupName, schedulerName])
          .apply(([values, group, scheduler]) =>
            taskHubResourceId(values.subscriptionId ?? "", group, scheduler, values.name),
          ),
      );
      access = new Access(
        `${name}-access`,
        {
          scope,
          rules,
          identities: args.identities ?? {},
          ...(subscriptionId === undefined ? {} : { subscriptionId }),
        },
        { parent: this },
      );
    }
    childrenOf.set(this, { taskHub, ...(access === undefined ? {} : { access }) });

    this.taskHubId = taskHub.id;
    this.taskHubName = hubName;
    // The provider's own `properties.dashboardUrl` when it returns one (the local scheduler's points at its own
    // dashboard); else the documented entry point built from the endpoint.
    this.dashboardUrl = pulumi
      .all([taskHub.properties, endpoint, checked])
      .apply(([properties, url, values]) =>
        // Typed as always present, but absent when the provider returns no properties at all.
        taskHubDashboardUrl(
          (properties as Partial<typeof properties> | undefined)?.dashboardUrl,
          url,
          values.name,
        ),
      );
    this.connectionStrings = pulumi.all([endpoint, checked]).apply(([url, values]) =>
      Object.fromEntries(
        values.connectionStringIdentities.flatMap((identity) => {
          const clientId = values.identities[identity]?.clientId;
          return clientId ? [[identity, connectionString(url, clientId, values.name)]] : [];
        }),
      ),
    );
    this.registerOutputs({
      taskHubId: this.taskHubId,
      taskHubName: this.taskHubName,
      dashboardUrl: this.dashboardUrl,
      connectionStrings: this.connectionStrings,
    });
  }

  /** The `durabletask.TaskHub` resource (a getter: resources are not component package outputs). */
  get taskHub(): durabletask.TaskHub {
    const children = childrenOf.get(this);
    if (!children) throw new Error("TaskHub: children are read before the constructor finished");
    return children.taskHub;
  }

  /** Present when the hub has access rules. */
  get access(): Access | undefined {
    return childrenOf.get(this)?.access;
  }
}
