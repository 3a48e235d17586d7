// The scheduler's ipAllowlist, enforced on the gRPC client address (issue 5 §6): IPv4, IPv6 and CIDR entries;
// an empty list denies everything, as Azure does (dts-service.md §1.10).
import ipaddr from "ipaddr.js";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is its IPv4 address. */
function normalize(address: Address): Address {
  if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (address as ipaddr.IPv6).toIPv4Address();
  }
  return address;
}

/**
 * The client IP from a gRPC peer string: `127.0.0.1:5000`, `[::1]:5000`, `ipv4:127.0.0.1:5000`,
 * `ipv6:[::1]:5000`, or a bare address. Undefined when it is not an IP (e.g. a unix socket).
 */
export function parsePeerAddress(peer: string): string | undefined {
  let text = peer.trim().replace(/^ipv[46]:/, "");
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed?.[1] !== undefined) text = bracketed[1];
  else if (!ipaddr.isValid(text)) {
    const lastColon = text.lastIndexOf(":");
    if (lastColon > 0 && /^\d+$/.test(text.slice(lastColon + 1))) text = text.slice(0, lastColon);
  }
  text = text.replace(/%.*$/, ""); // IPv6 zone id
  return ipaddr.isValid(text) ? normalize(ipaddr.parse(text)).toString() : undefined;
}

function matches(address: Address, entry: string): boolean {
  if (entry.includes("/")) {
    if (!ipaddr.isValidCIDR(entry)) return false;
    const [range, bits] = ipaddr.parseCIDR(entry);
    const normalizedRange = normalize(range);
    const prefix = normalizedRange.kind() !== range.kind() ? Math.max(0, bits - 96) : bits; // ::ffff:a.b.c.d/104 → /8
    if (address.kind() !== normalizedRange.kind()) return false;
    return address.match(normalizedRange, prefix);
  }
  if (!ipaddr.isValid(entry)) return false;
  const single = normalize(ipaddr.parse(entry));
  return (
    single.kind() === address.kind() && single.toNormalizedString() === address.toNormalizedString()
  );
}

/** Is `clientAddress` allowed by `allowlist`? An empty list allows nothing. */
export function isAddressAllowed(clientAddress: string, allowlist: readonly string[]): boolean {
  if (!ipaddr.isValid(clientAddress)) return false;
  const address = normalize(ipaddr.parse(clientAddress));
  return allowlist.some((entry) => matches(address, entry.trim()));
}
