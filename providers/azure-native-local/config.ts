// Where the local bridge sends ARM requests. The Node provider server does not pass provider configuration to
// the provider (`configure` only acknowledges), so the local scripts set environment variables instead.
import { bridgeErrors } from "./errors";

/** The subscription azure-native would take from `azure-native:subscriptionId` / ARM_SUBSCRIPTION_ID. */
export const DEFAULT_SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";

/**
 * `DTSX_ARM_ENDPOINT` (required for create/read/update/delete, not for check/diff, so a preview needs no
 * emulator): the emulator's HTTP base URL, e.g. `http://127.0.0.1:8082`, returned without a trailing slash.
 */
export function armEndpointFromEnv(env: NodeJS.ProcessEnv): string {
  const endpoint = env["DTSX_ARM_ENDPOINT"]?.trim();
  if (!endpoint) throw bridgeErrors.missingEndpoint();
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw bridgeErrors.invalidEndpoint(endpoint);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw bridgeErrors.invalidEndpoint(endpoint);
  return url.toString().replace(/\/+$/, "");
}

/** `DTSX_SUBSCRIPTION_ID`, else `ARM_SUBSCRIPTION_ID` (azure-native's own variable), else all zeros. */
export function subscriptionIdFromEnv(env: NodeJS.ProcessEnv): string {
  return (
    env["DTSX_SUBSCRIPTION_ID"]?.trim() ||
    env["ARM_SUBSCRIPTION_ID"]?.trim() ||
    DEFAULT_SUBSCRIPTION_ID
  );
}
