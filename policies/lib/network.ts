// Network hardening findings shared by dtsx-scheduler-network (mandatory, prod) and
// dtsx-scheduler-network-advisory (advisory, test): the same rule at two enforcement levels.
// Which ranges admit the whole internet is a service fact (../../dts/network.ts).
import { isOpenToTheInternet } from "./dtsFacts";
import { show } from "./known";

export { isOpenToTheInternet } from "./dtsFacts";

export interface SchedulerNetwork {
  name: string;
  ipAllowlist: readonly string[];
  publicNetworkAccess: string | undefined;
}

/** What a hardened profile forbids: /0 ranges in the allowlist and public network access. */
export function hardeningFindings(network: SchedulerNetwork, profile: string): string[] {
  const findings: string[] = [];
  const open = network.ipAllowlist.filter(isOpenToTheInternet);
  if (open.length > 0) {
    findings.push(
      `Scheduler "${network.name}" in the ${profile} profile allows ${open.map((o) => `"${o}"`).join(", ")} in ipAllowlist, which admits the whole internet; replace it with the CIDR ranges your workers and clients use.`,
    );
  }
  if ((network.publicNetworkAccess ?? "").toLowerCase() !== "disabled") {
    findings.push(
      `Scheduler "${network.name}" in the ${profile} profile has publicNetworkAccess ${show(network.publicNetworkAccess)}; set publicNetworkAccess to "Disabled" and reach it through a private endpoint.`,
    );
  }
  return findings;
}
