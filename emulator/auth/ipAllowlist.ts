// The scheduler's ipAllowlist on the gRPC client address: the matching rule is the one the components and policies
// use (dts/network.ts, docs/reference/networking.md); this module only turns a gRPC peer string into an address.
import { isAddressInAllowlist, parseClientAddress } from "../../dts";

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
