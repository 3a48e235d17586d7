// The scheduler's network rules on the gRPC client address: the decision is the one the components and policies
// use (dts/network.ts, docs/reference/networking.md); this module turns a gRPC peer string into an address and a
// refusal into the emulator's wording.
import { timingSafeEqual } from "node:crypto";
import type { Metadata } from "@grpc/grpc-js";
import {
  isAddressInAllowlist,
  isLoopbackAddress,
  networkRefusal,
  parseClientAddress,
  type SchedulerNetworkRules,
} from "../../dts";

/**
 * The client IP from a gRPC peer string: `127.0.0.1:5000`, `[::1]:5000`, `ipv4:127.0.0.1:5000`,
 * `ipv6:[::1]:5000`, or a bare address. Undefined when it is not an IP (e.g. a unix socket).
 */
export function parsePeerAddress(peer: string): string | undefined {
  let text = peer.trim().replace(/^ipv[46]:/, "");
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1] !== undefined) text = bracketed[1];
  else if (parseClientAddress(text) === undefined) {
    const lastColon = text.lastIndexOf(":");
    if (lastColon > 0 && /^\d+$/.test(text.slice(lastColon + 1))) text = text.slice(0, lastColon);
  }
  return parseClientAddress(text.replace(/%.*$/, "")); // drop an IPv6 zone id
}

/** Is `clientAddress` allowed by `allowlist`? An empty list allows nothing (dts/network.ts). */
export function isAddressAllowed(clientAddress: string, allowlist: readonly string[]): boolean {
  return isAddressInAllowlist(clientAddress, allowlist);
}

/** Why the scheduler refuses `clientAddress`, as one sentence; undefined when the client is admitted. */
export function networkRefusalMessage(
  schedulerName: string,
  rules: SchedulerNetworkRules,
  clientAddress: string,
): string | undefined {
  const refusal = networkRefusal(rules, clientAddress);
  if (refusal === undefined) return undefined;
  switch (refusal.rule) {
    case "not-an-ip":
      return `client address '${refusal.address}' is not an IP address, so the network rules of scheduler '${schedulerName}' cannot admit it.`;
    case "public-network-access-disabled":
      return `client address '${refusal.address}' is not allowed: scheduler '${schedulerName}' has publicNetworkAccess Disabled, which admits only private traffic; the local scheduler has no private endpoints and admits only loopback clients.`;
    case "empty-allowlist":
      return `client address '${refusal.address}' is not allowed: the ipAllowlist of scheduler '${schedulerName}' is empty, which denies all traffic.`;
    case "not-in-allowlist":
      return `client address '${refusal.address}' is not in the ipAllowlist of scheduler '${schedulerName}' (${refusal.allowlist.join(", ")}).`;
  }
}

/**
 * The dashboard's actions are gRPC calls from the emulator process itself, so their peer is loopback. They carry
 * the browser's real address in this metadata, with a per-process key only the emulator knows; the guard believes
 * the address only with the key and only from a loopback peer, so no other client can claim an address.
 */
export const FORWARDED_CLIENT_METADATA = "x-dtsx-dashboard-client";
export const FORWARDED_KEY_METADATA = "x-dtsx-dashboard-key";

function metadataText(metadata: Metadata, key: string): string | undefined {
  const raw = metadata.get(key)[0];
  return raw === undefined ? undefined : typeof raw === "string" ? raw : raw.toString("utf8");
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The address the network rules judge: the forwarded browser address for the dashboard, else the peer. */
export function effectiveClientAddress(
  peer: string,
  metadata: Metadata,
  forwardingKey: string | undefined,
): string {
  const forwarded = metadataText(metadata, FORWARDED_CLIENT_METADATA);
  const key = metadataText(metadata, FORWARDED_KEY_METADATA);
  const peerAddress = parsePeerAddress(peer);
  if (
    forwarded !== undefined &&
    key !== undefined &&
    forwardingKey !== undefined &&
    peerAddress !== undefined &&
    isLoopbackAddress(peerAddress) &&
    sameSecret(key, forwardingKey)
  ) {
    return forwarded;
  }
  return peer;
}
