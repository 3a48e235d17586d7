// Scheduler network facts (dts-service.md §1.4 `ipAllowlist`, §1.10): the allowlist takes IPv4 or IPv6 addresses
// and CIDR ranges; `["0.0.0.0/0"]` admits everyone (the docs' sample value, to be restricted in production).
import ipaddr from "ipaddr.js";

/**
 * Is `entry` an IPv4 or IPv6 address or CIDR range? Strict: dotted decimal IPv4 must have four parts (ipaddr.js
 * alone also accepts legacy forms such as "10.0.0") and the prefix must be plain digits.
 */
export function isIpRange(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const strictAddress =
    ipaddr.IPv4.isValidFourPartDecimal(address) ||
    (address.includes(":") && ipaddr.IPv6.isValid(address));
  const validPrefix =
    prefix === undefined || (/^\d{1,3}$/.test(prefix) && ipaddr.isValidCIDR(entry));
  return strictAddress && validPrefix && rest.length === 0;
}

/** A CIDR that admits every address of its family: prefix length 0 (`0.0.0.0/0`, `::/0`). */
export function isOpenToTheInternet(entry: string): boolean {
  const trimmed = entry.trim();
  if (!ipaddr.isValidCIDR(trimmed)) return false;
  const [, prefixLength] = ipaddr.parseCIDR(trimmed);
  return prefixLength === 0;
}
