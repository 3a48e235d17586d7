// The ipAllowlist matcher: IPv4, IPv6, CIDR, IPv4-mapped addresses, empty list denies all.
import { describe, expect, it } from "vitest";
import { isAddressAllowed, parsePeerAddress } from "../../../emulator/auth/ipAllowlist";

describe("parsePeerAddress", () => {
  it.each([
    ["127.0.0.1:50412", "127.0.0.1"],
    ["[::1]:50412", "::1"],
    ["ipv4:10.1.2.3:80", "10.1.2.3"],
    ["ipv6:[2001:db8::1]:443", "2001:db8::1"],
    ["[::ffff:127.0.0.1]:5000", "127.0.0.1"],
    ["::1", "::1"],
    ["10.0.0.1", "10.0.0.1"],
  ])("%s → %s", (peer, address) => {
    expect(parsePeerAddress(peer)).toBe(address);
  });
  it("returns undefined for a non-IP peer", () => {
    expect(parsePeerAddress("unix:/tmp/socket")).toBeUndefined();
  });
});

describe("isAddressAllowed", () => {
  it("denies everything with an empty list, as Azure does", () => {
    expect(isAddressAllowed("127.0.0.1", [])).toBe(false);
  });
  it.each([
    ["127.0.0.1", ["127.0.0.1"], true],
    ["127.0.0.1", ["127.0.0.1/32"], true],
    ["127.0.0.2", ["127.0.0.1/32"], false],
    ["10.20.3.4", ["10.20.0.0/16"], true],
    ["10.21.3.4", ["10.20.0.0/16"], false],
    ["8.8.8.8", ["0.0.0.0/0"], true],
    ["::1", ["::1/128"], true],
    ["::1", ["0.0.0.0/0"], false],
    ["2001:db8::5", ["2001:db8::/32"], true],
    ["2001:db9::5", ["2001:db8::/32"], false],
    ["::ffff:10.0.0.1", ["10.0.0.0/8"], true],
    ["10.0.0.1", ["::ffff:10.0.0.0/104"], true],
    ["127.0.0.1", ["10.0.0.0/8", "127.0.0.0/8"], true],
  ] as const)("%s in %j → %s", (address, list, allowed) => {
    expect(isAddressAllowed(address, list)).toBe(allowed);
  });
});
