// What apps need to reach a task hub (docs/reference/identity.md "Connection strings"; docs/reference/arm.md
// "Endpoint and dashboard URLs"). Pure string builders.

/**
 * The SDK connection string for a user-assigned managed identity:
 * `Endpoint=<endpoint>;Authentication=ManagedIdentity;ClientID=<clientId>;TaskHub=<hub>` (docs/reference/identity.md
 * "Connection strings"; the SDKs require `TaskHub` in `FromConnectionString`). No secret: DTS accepts identity-based
 * authentication only.
 */
export function connectionString(endpoint: string, clientId: string, taskHub: string): string {
  return `Endpoint=${endpoint};Authentication=ManagedIdentity;ClientID=${clientId};TaskHub=${taskHub}`;
}

/**
 * The dashboard entry point the docs recommend, `https://dashboard.durabletask.io/?endpoint=…&taskhub=…`
 * (docs/reference/arm.md "Endpoint and dashboard URLs"). The fallback for when the task hub's own
 * `properties.dashboardUrl` is not returned (the CLI's `taskhub create` output omits it:
 * https://learn.microsoft.com/azure/durable-task/scheduler/develop-with-durable-task-scheduler).
 */
export function dashboardUrl(endpoint: string, taskHub: string): string {
  return `https://dashboard.durabletask.io/?endpoint=${encodeURIComponent(endpoint)}&taskhub=${encodeURIComponent(taskHub)}`;
}

/**
 * The hub's dashboard URL: the provider's `properties.dashboardUrl` when it returns a non-empty one (the local
 * scheduler's ARM API returns its own dashboard, e.g. `http://localhost:8082/…`), else {@link dashboardUrl}.
 */
export function taskHubDashboardUrl(
  providerDashboardUrl: string | undefined,
  endpoint: string,
  taskHub: string,
): string {
  return providerDashboardUrl !== undefined && providerDashboardUrl !== ""
    ? providerDashboardUrl
    : dashboardUrl(endpoint, taskHub);
}
