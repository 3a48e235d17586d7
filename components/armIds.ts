// ARM ids of the resources dtsx declares, built from names (docs/reference/arm.md). The components use them to know a
// role assignment's scope before deployment (a new resource's `id` output is unknown during `pulumi preview`, so
// policies reading the scope or the role definition id could not run); `dtsx plan`'s mocks return the same ids.
// Pure (no @pulumi import): the CLI loads it without the Pulumi runtime.
/** `/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.DurableTask/schedulers/<name>`. */
export function schedulerResourceId(
  subscriptionId: string,
  resourceGroupName: string,
  schedulerName: string,
): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroupName}/providers/Microsoft.DurableTask/schedulers/${schedulerName}`;
}

/** `<scheduler id>/taskHubs/<hub>`. */
export function taskHubResourceId(
  subscriptionId: string,
  resourceGroupName: string,
  schedulerName: string,
  taskHubName: string,
): string {
  return `${schedulerResourceId(subscriptionId, resourceGroupName, schedulerName)}/taskHubs/${taskHubName}`;
}
