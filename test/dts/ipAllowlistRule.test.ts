// One ipAllowlist rule for every surface (dts/network.ts, docs/reference/networking.md): the component validator,
// the emulator's ARM validation and its data-plane matcher agree on every entry, legacy IPv4 forms included.
import { describe, expect, it } from "vitest";
import { ipRangeProblem } from "../../components/rules";
import { isAddressInAllowlist, isIpRange, isOpenToTheInternet, networkRefusal } from "../../dts";
import { isAddressAllowed } from "../../emulator/auth/ipAllowlist";
import { ArmError } from "../../emulator/control/armErrors";
import { validateIpAllowlist } from "../../emulator/control/validation";

function armRefusal(entry: string): string | undefined {
  try {
    validateIpAllowlist([entry]);
    return undefined;
  } catch (error) {
    if (error instanceof ArmError) return `${error.code}: ${error.message}`;
    throw error;
  }
}

// ipaddr.js alone reads each of these as 127.0.0.1 or 10.0.0.0; Azure documents none of them.
const LEGACY = ["10.0.0", "0177.0.0.1", "2130706433", "127.1", "0x7f.0.0.1", "010.0.0.0/8"];
const VALID = ["127.0.0.1", "10.0.0.0/8", "0.0.0.0/0", "::1", "::1/128", "2001:db8::/32"];

describe("the shared ipAllowlist entry rule", () => {
  it.each(LEGACY)("refuses the legacy form %s on every surface", (entry) => {
    expect(isIpRange(entry)).toBe(false);
    expect(ipRangeProblem(entry)).toBe(
      `expected an IPv4 or IPv6 address or CIDR range, got "${entry}"`,
    );
    expect(armRefusal(entry)).toBe(
      `ValidationError: properties.ipAllowlist[0]: '${entry}' is not an IPv4 address, IPv6 address or CIDR range: expected four-part dotted decimal IPv4 (e.g. 10.0.0.1) or IPv6, optionally with /<prefix length> (e.g. 10.0.0.0/16); legacy forms such as 10.0.0, 0177.0.0.1 or 2130706433 are refused.`,
    );
    // Even if such an entry reached a scheduler, it admits nobody (it is not read as 127.0.0.1 or 10.0.0.0).
    expect(isAddressAllowed("127.0.0.1", [entry])).toBe(false);
    expect(isAddressAllowed("10.0.0.0", [entry])).toBe(false);
    expect(isOpenToTheInternet(entry)).toBe(false);
  });

  it.each(VALID)("accepts %s on every surface", (entry) => {
    expect(isIpRange(entry)).toBe(true);
    expect(ipRangeProblem(entry)).toBeUndefined();
    expect(armRefusal(entry)).toBeUndefined();
  });

  it("never admits a client address written in a legacy form", () => {
    expect(isAddressInAllowlist("2130706433", ["0.0.0.0/0"])).toBe(false);
    expect(isAddressInAllowlist("127.0.0.1", ["0.0.0.0/0"])).toBe(true);
    expect(isAddressInAllowlist("::ffff:127.0.0.1", ["127.0.0.0/8"])).toBe(true);
  });
});

describe("networkRefusal (publicNetworkAccess, then ipAllowlist)", () => {
  it("with publicNetworkAccess Disabled admits loopback only, then applies the allowlist", () => {
    const rules = { ipAllowlist: ["0.0.0.0/0", "::/0"], publicNetworkAccess: "Disabled" as const };
    expect(networkRefusal(rules, "127.0.0.1")).toBeUndefined();
    expect(networkRefusal(rules, "::1")).toBeUndefined();
    expect(networkRefusal(rules, "::ffff:127.0.0.1")).toBeUndefined();
    expect(networkRefusal(rules, "10.1.2.3")).toEqual({
      rule: "public-network-access-disabled",
      address: "10.1.2.3",
    });
    expect(networkRefusal({ ...rules, ipAllowlist: [] }, "127.0.0.1")).toEqual({
      rule: "empty-allowlist",
      address: "127.0.0.1",
    });
  });

  it("with publicNetworkAccess Enabled or absent applies the allowlist alone", () => {
    expect(networkRefusal({ ipAllowlist: ["10.0.0.0/8"] }, "10.1.2.3")).toBeUndefined();
    expect(
      networkRefusal({ ipAllowlist: ["10.0.0.0/8"], publicNetworkAccess: "Enabled" }, "11.0.0.1"),
    ).toEqual({ rule: "not-in-allowlist", address: "11.0.0.1", allowlist: ["10.0.0.0/8"] });
    expect(networkRefusal({ ipAllowlist: ["0.0.0.0/0"] }, "unix:/tmp/sock")).toEqual({
      rule: "not-an-ip",
      address: "unix:/tmp/sock",
    });
  });
});
