// Scheduler network facts (docs/reference/networking.md): the ipAllowlist takes IPv4 or IPv6 addresses and CIDR
// ranges; an empty list denies all traffic; `["0.0.0.0/0"]` admits everyone (the sample value of
// https://learn.microsoft.com/azure/azure-functions/durable/durable-task-scheduler/durable-task-scheduler, to be
// restricted in production). ONE rule for every surface: the components, the policy pack, the emulator's ARM
// validation and its data-plane matcher all call `isIpRange` / `isAddressInAllowlist`, so an entry is never accepted
// by one and refused by another.
import ipaddr from "ipaddr.js";
import type { PublicNetworkAccess } from "./sku";

type Address = ipaddr.IPv4 | ipaddr.IPv6;

function strictAddress(text: string): boolean {
  // ipaddr.js alone also accepts legacy IPv4 forms ("10.0.0", octal "0177.0.0.1", "2130706433"), which Azure's
  // allowlist does not document; a four-part decimal check refuses them (leading zeros included).
  return (
    ipaddr.IPv4.isValidFourPartDecimal(text) || (text.includes(":") && ipaddr.IPv6.isValid(text))
  );
}

/**
 * Is `entry` an IPv4 address in four-part dotted decimal, an IPv6 address, or either with `/<prefix length>`?
 * Legacy IPv4 forms (`10.0.0`, `0177.0.0.1`, `2130706433`) and non-decimal prefixes are refused.
 */
export function isIpRange(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const validPrefix =
    prefix === undefined || (/^\d{1,3}$/.test(prefix) && ipaddr.isValidCIDR(entry));
  return strictAddress(address) && validPrefix && rest.length === 0;
}

/** A CIDR that admits every address of its family: prefix length 0 (`0.0.0.0/0`, `::/0`). */
export function isOpenToTheInternet(entry: string): boolean {
  const trimmed = entry.trim();
  if (!isIpRange(trimmed) || !trimmed.includes("/")) return false;
  const [, prefixLength] = ipaddr.parseCIDR(trimmed);
  return prefixLength === 0;
}

/** An IPv4-mapped IPv6 address (`::ffff:127.0.0.1`) is its IPv4 address. */
function normalize(address: Address): Address {
  if (address instanceof ipaddr.IPv6 && address.isIPv4MappedAddress()) {
    return address.toIPv4Address();
  }
  return address;
}

/** The normalized client address, or undefined when `text` is not a strict IPv4/IPv6 address. */
export function parseClientAddress(text: string): string | undefined {
  return strictAddress(text) ? normalize(ipaddr.parse(text)).toString() : undefined;
}

function entryMatches(address: Address, entry: string): boolean {
  if (!isIpRange(entry)) return false; // an entry the rule refuses never admits anyone
  if (!entry.includes("/")) {
    const single = normalize(ipaddr.parse(entry));
    return (
      single.kind() === address.kind() &&
      single.toNormalizedString() === address.toNormalizedString()
    );
  }
  const [range, bits] = ipaddr.parseCIDR(entry);
  const normalizedRange = normalize(range);
  // ::ffff:a.b.c.d/104 is the IPv4 range a.b.c.d/8.
  const prefix = normalizedRange.kind() !== range.kind() ? Math.max(0, bits - 96) : bits;
  if (address.kind() !== normalizedRange.kind()) return false;
  return address.match(normalizedRange, prefix);
}

/** Is `clientAddress` admitted by `allowlist`? An empty list admits nobody, as on Azure. */
export function isAddressInAllowlist(clientAddress: string, allowlist: readonly string[]): boolean {
  const client = parseClientAddress(clientAddress);
  if (client === undefined) return false;
  const address = ipaddr.parse(client);
  return allowlist.some((entry) => entryMatches(address, entry));
}

export interface SchedulerNetworkRules {
  ipAllowlist: readonly string[];
  /** `properties.publicNetworkAccess` (API 2026-02-01 and later); absent means Enabled. */
  publicNetworkAccess?: PublicNetworkAccess | undefined;
}

/** Why a client was refused, for the surface's own error factory to word. */
export type NetworkRefusal =
  | { rule: "not-an-ip"; address: string }
  | { rule: "public-network-access-disabled"; address: string }
  | { rule: "empty-allowlist"; address: string }
  | { rule: "not-in-allowlist"; address: string; allowlist: readonly string[] };

/** Is `clientAddress` a loopback address (127.0.0.0/8, ::1, or IPv4-mapped loopback)? */
export function isLoopbackAddress(clientAddress: string): boolean {
  const client = parseClientAddress(clientAddress);
  return client !== undefined && ipaddr.parse(client).range() === "loopback";
}

/**
 * The scheduler's network decision for one client, or undefined when admitted. `publicNetworkAccess: Disabled`
 * admits only traffic over a private endpoint (https://learn.microsoft.com/azure/durable-task/scheduler/durable-task-scheduler-private-endpoints);
 * a local scheduler has no private endpoint, so the local machine (loopback) stands in for that private path.
 * Then the ipAllowlist applies; an empty list admits nobody.
 */
export function networkRefusal(
  rules: SchedulerNetworkRules,
  clientAddress: string,
): NetworkRefusal | undefined {
  const client = parseClientAddress(clientAddress);
  if (client === undefined) return { rule: "not-an-ip", address: clientAddress };
  if (rules.publicNetworkAccess === "Disabled" && !isLoopbackAddress(client)) {
    return { rule: "public-network-access-disabled", address: client };
  }
  if (rules.ipAllowlist.length === 0) return { rule: "empty-allowlist", address: client };
  if (!isAddressInAllowlist(client, rules.ipAllowlist)) {
    return { rule: "not-in-allowlist", address: client, allowlist: rules.ipAllowlist };
  }
  return undefined;
}
