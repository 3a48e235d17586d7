// The local scheduler for the end-to-end test: the emulator on free ports with its control plane, the
// managed-identity endpoint and entra auth on the data plane — but no topology. Only the identities are known
// (people and apps, not ARM resources), so every scheduler, hub, retention policy and role assignment the test sees
// afterwards was created by `pulumi up` through the local azure-native bridge.
import pino from "pino";
import type { LocalIdentity } from "../../emulator/identity/identities";
import { startEmulator, type EmulatorHandle } from "../../emulator/server";

export interface LocalScheduler {
  handle: EmulatorHandle;
  /** ARM base URL, e.g. `http://127.0.0.1:43123` (what the bridge's DTSX_ARM_ENDPOINT is set to). */
  armEndpoint: string;
  /** `localhost:<grpcPort>` for the JS SDK. */
  hostAddress: string;
  /** IDENTITY_ENDPOINT / IDENTITY_HEADER, the App Service managed-identity variables an app sets. */
  identityEnvironment: { IDENTITY_ENDPOINT: string; IDENTITY_HEADER: string };
  close(): Promise<void>;
}

export async function startLocalScheduler(
  identities: readonly LocalIdentity[],
): Promise<LocalScheduler> {
  const handle = await startEmulator(
    { grpcPort: 0, httpPort: 0, inMemory: true, logLevel: "silent", auth: "entra" },
    { logger: pino({ level: process.env["DTSX_TEST_LOG_LEVEL"] ?? "silent" }) },
  );
  for (const identity of identities) handle.control.identities.add(identity);
  return {
    handle,
    armEndpoint: `http://127.0.0.1:${handle.httpPort}`,
    hostAddress: `localhost:${handle.grpcPort}`,
    identityEnvironment: handle.control.identityEnvironment(handle.httpPort),
    close: () => handle.close(),
  };
}
