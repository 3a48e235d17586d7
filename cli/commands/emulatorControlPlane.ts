// What `dtsx emulator` prints after its `ready` line for the control plane: the auth mode, the
// two environment variables an app sets to get tokens, and per hub its endpoint, dashboard URL and a connection
// string per identity. Nothing is printed in the plain (no stack, auth none) mode, so that output stays one line.
import type { EmulatorHandle } from "../../emulator/server";

export function controlPlaneLines(handle: EmulatorHandle): string {
  const { control } = handle;
  if (control.topology === undefined && control.auth === "none") return "";
  const environment = control.identityEnvironment(handle.httpPort);
  const lines = [
    `auth ${control.auth}${control.topology ? ` | stack ${control.topology.stack}` : ""} | ARM ${handle.httpEndpoint}/subscriptions/…`,
    `identity endpoint: export IDENTITY_ENDPOINT=${environment.IDENTITY_ENDPOINT} IDENTITY_HEADER=${environment.IDENTITY_HEADER}`,
  ];
  for (const hub of control.describeHubs(handle.grpcEndpoint)) {
    lines.push(
      `hub ${hub.name} (scheduler ${hub.scheduler}): endpoint ${hub.endpoint} dashboard ${hub.dashboardUrl}`,
    );
    for (const entry of hub.connectionStrings) {
      lines.push(`  ${entry.identity} (${entry.role}): ${entry.connectionString}`);
    }
  }
  for (const identity of control.identities.list()) {
    if (identity.clientId !== undefined) {
      lines.push(
        `identity ${identity.name}: AZURE_CLIENT_ID=${identity.clientId} (principal ${identity.principalId})`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}
