// One task hub: the `durabletask.TaskHub` resource, its task-hub-scope role assignments, and what apps need to
// connect (hub id, dashboard URL, one SDK connection string per identity with a clientId).
import * as pulumi from "@pulumi/pulumi";
import * as durabletask from "@pulumi/azure-native/durabletask";
import { Access } from "../access/access";
import { taskHubResourceId } from "../armIds";
import { accessScope } from "../knownAfter";
import { throwIfProblems } from "../problems";
import { taskHubWithDefaults, validateTaskHubArgs, type TaskHubArgs } from "./args";
import { connectionString, taskHubDashboardUrl } from "./connectionString";

export const TASK_HUB_TYPE = "dtsx:index:TaskHub";

export class TaskHub extends pulumi.ComponentResource {
  readonly taskHub: durabletask.TaskHub;
  /** Present when the hub has access rules. */
  readonly access?: Access;
  readonly taskHubId: pulumi.Output<string>;
  readonly taskHubName: pulumi.Output<string>;
  readonly dashboardUrl: pulumi.Output<string>;
  /** SDK connection string per identity name. */
  readonly connectionStrings: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: TaskHubArgs, opts?: pulumi.ComponentResourceOptions) {
    const resolved = taskHubWithDefaults(args);
    throwIfProblems(TASK_HUB_TYPE, name, validateTaskHubArgs(resolved));
    super(TASK_HUB_TYPE, name, {}, opts);

    this.taskHub = new durabletask.TaskHub(
      `${name}-hub`,
      {
        resourceGroupName: resolved.resourceGroupName,
        schedulerName: resolved.schedulerName,
        taskHubName: resolved.name,
      },
      { parent: this },
    );
    if (resolved.access.length > 0) {
      const subscriptionId = resolved.subscriptionId;
      const scope = accessScope(this.taskHub, subscriptionId, (subscription) =>
        pulumi
          .all([resolved.resourceGroupName, resolved.schedulerName])
          .apply(([resourceGroupName, schedulerName]) =>
            taskHubResourceId(subscription, resourceGroupName, schedulerName, resolved.name),
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

    const endpoint = pulumi.output(resolved.schedulerEndpoint);
    this.taskHubId = this.taskHub.id;
    this.taskHubName = pulumi.output(resolved.name);
    // The provider's own `properties.dashboardUrl` when it returns one (the local scheduler's points at its own
    // dashboard); else the documented entry point built from the endpoint.
    this.dashboardUrl = pulumi.all([this.taskHub.properties, endpoint]).apply(([properties, url]) =>
      // Typed as always present, but absent when the provider returns no properties at all.
      taskHubDashboardUrl(
        (properties as Partial<typeof properties> | undefined)?.dashboardUrl,
        url,
        resolved.name,
      ),
    );
    this.connectionStrings = endpoint.apply((url) =>
      Object.fromEntries(
        resolved.connectionStringIdentities.flatMap((identity) => {
          const clientId = resolved.identities[identity]?.clientId;
          return clientId ? [[identity, connectionString(url, clientId, resolved.name)]] : [];
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
}
