// `dtsx plan` with the policy pack, as users and the pr-policy workflow run it: `node bin/dtsx.js plan …` in a
// subprocess. The repository's stacks must plan clean; each fixture stack under test/fixtures/policy/stacks breaks
// one rule and must fail with that policy's name and exit 1. Runs start in beforeAll, three at a time.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../..");
const FIXTURES = join(ROOT, "test/fixtures/policy");
const STACKS = join(FIXTURES, "stacks");

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface PlanViolation {
  policy: string;
  enforcementLevel: string;
  message: string;
  resource: string;
}

function dtsx(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, "bin/dtsx.js"), ...args],
      { cwd: ROOT, timeout: 120_000, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const RUNS = {
  dev: ["plan", "--stack", "dev", "--json"],
  test: ["plan", "--stack", "test", "--json"],
  prod: ["plan", "--stack", "prod", "--json"],
  sixWeu: ["plan", "--stack", "six-weu", "--stack-dir", STACKS, "--json"],
  sixWeuTable: ["plan", "--stack", "six-weu", "--stack-dir", STACKS],
  fiveWeu: ["plan", "--stack", "five-weu", "--stack-dir", STACKS, "--json"],
  fiveWeuInventory: [
    "plan",
    "--stack",
    "five-weu",
    "--stack-dir",
    STACKS,
    "--json",
    "--policy-pack-config",
    join(FIXTURES, "inventory-one-weu.json"),
  ],
  sixWeuAllAdvisory: [
    "plan",
    "--stack",
    "six-weu",
    "--stack-dir",
    STACKS,
    "--json",
    "--policy-pack-config",
    join(FIXTURES, "all-advisory.json"),
  ],
  invalidPolicyConfig: [
    "plan",
    "--stack",
    "prod",
    "--policy-pack-config",
    join(FIXTURES, "invalid-quota-limit.json"),
  ],
  prodOutsideAllowedRegions: [
    "plan",
    "--stack",
    "prod",
    "--json",
    "--policy-pack-config",
    join(FIXTURES, "allowed-regions-north-europe.json"),
  ],
  prodSingleUnit: ["plan", "--stack", "prod-single-unit", "--stack-dir", STACKS, "--json"],
  prodOpenNetwork: ["plan", "--stack", "prod-open-network", "--stack-dir", STACKS, "--json"],
  prodShortFailedRetention: [
    "plan",
    "--stack",
    "prod-short-failed-retention",
    "--stack-dir",
    STACKS,
    "--json",
  ],
  prodAppSchedulerContributor: [
    "plan",
    "--stack",
    "prod-app-scheduler-contributor",
    "--stack-dir",
    STACKS,
    "--json",
  ],
  prodMissingOwner: ["plan", "--stack", "prod-missing-owner", "--stack-dir", STACKS, "--json"],
  consumptionSixHubs: ["plan", "--stack", "consumption-six-hubs", "--stack-dir", STACKS, "--json"],
} as const;

type RunName = keyof typeof RUNS;
const runs = new Map<RunName, Run>();

beforeAll(async () => {
  const queue = Object.keys(RUNS) as RunName[];
  // Three CLI processes at a time: each evaluates the program under mocks; the CI machine has two cores.
  await Promise.all(
    [0, 1, 2].map(async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        runs.set(name, await dtsx(RUNS[name]));
      }
    }),
  );
}, 600_000);

function run(name: RunName): Run {
  const result = runs.get(name);
  if (!result) throw new Error(`no run ${name}`);
  return result;
}

function violations(name: RunName): PlanViolation[] {
  const result = run(name);
  expect(result.stderr).toBe("");
  return (JSON.parse(result.stdout) as { violations: PlanViolation[] }).violations;
}

const levelsAndPolicies = (name: RunName) =>
  violations(name).map((v) => `${v.enforcementLevel} ${v.policy}`);

const QUOTA_SIX =
  '6 schedulers in region westeurope ("West Europe", "WestEurope", "westeurope") of subscription 5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d exceed the limit of 5 per region per subscription (maxSchedulersPerRegion) — 6 in this stack: dts-quota-1, dts-quota-2, dts-quota-3, dts-quota-4, dts-quota-5, dts-quota-6. Move 1 of them to another region or subscription (or remove them), or raise the limit after a quota increase.';

describe("dtsx plan with the dtsx policy pack", () => {
  it("plans dev and prod without violations (exit 0)", () => {
    for (const name of ["dev", "prod"] as const) {
      expect(run(name).code).toBe(0);
      expect(violations(name)).toEqual([]);
    }
  });

  it("plans test with only the advisory network hardening (exit 0)", () => {
    expect(run("test").code).toBe(0);
    expect(violations("test")).toEqual([
      {
        policy: "azurenative-durabletask-scheduler-disallow-public-network-access",
        enforcementLevel: "advisory",
        message:
          'Scheduler "dts-orders-test-weu" in the test profile has publicNetworkAccess "Enabled"; set publicNetworkAccess to "Disabled" and reach it through a private endpoint.',
        resource:
          "urn:pulumi:test::dtsx::dtsx:index:Scheduler$azure-native:durabletask:Scheduler::dts-orders-test-weu-scheduler",
      },
    ]);
  });

  it("fails six schedulers in West Europe with exit 1, naming region, count and limit", () => {
    expect(run("sixWeu").code).toBe(1);
    expect(violations("sixWeu")).toEqual([
      {
        policy: "azurenative-durabletask-scheduler-quota-per-region",
        enforcementLevel: "mandatory",
        message: QUOTA_SIX,
        resource: "urn:pulumi:six-weu::dtsx::pulumi:pulumi:Stack::dtsx-six-weu",
      },
    ]);
  });

  it("shows the quota violation in the table", () => {
    const table = run("sixWeuTable");
    expect(table.code).toBe(1);
    expect(table.stdout).toContain("1 policy violation(s)");
    expect(table.stdout).toContain(
      `  [mandatory] azurenative-durabletask-scheduler-quota-per-region: ${QUOTA_SIX}`,
    );
  });

  it("passes five schedulers in West Europe (exit 0)", () => {
    expect(run("fiveWeu").code).toBe(0);
    expect(violations("fiveWeu")).toEqual([]);
  });

  it("counts the inventory from --policy-pack-config, once per scheduler and only in its subscription", () => {
    expect(run("fiveWeuInventory").code).toBe(1);
    expect(violations("fiveWeuInventory").map((v) => v.message)).toEqual([
      '6 schedulers in region westeurope ("West Europe", "WestEurope", "westeurope") of subscription 5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d exceed the limit of 5 per region per subscription (maxSchedulersPerRegion) — 5 in this stack: dts-quota-1, dts-quota-2, dts-quota-3, dts-quota-4, dts-quota-5; 1 in the inventory: dts-legacy-weu. Move 1 of them to another region or subscription (or remove them), or raise the limit after a quota increase.',
    ]);
  });

  it('exits 0 when "all": "advisory" downgrades the quota', () => {
    expect(run("sixWeuAllAdvisory").code).toBe(0);
    expect(levelsAndPolicies("sixWeuAllAdvisory")).toEqual([
      "advisory azurenative-durabletask-scheduler-quota-per-region",
    ]);
  });

  it("exits 2 on a policy config that breaks a policy's schema, naming the key", () => {
    const result = run("invalidPolicyConfig");
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      '--policy-pack-config: "azurenative-durabletask-scheduler-quota-per-region.maxSchedulersPerRegion": Invalid input: expected number, received string',
    );
  });

  it("fails prod outside the allowed regions of a 0.1 config, warning that its key is deprecated", () => {
    const result = run("prodOutsideAllowedRegions");
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'warning: --policy-pack-config: "dtsx-scheduler-allowed-regions" is deprecated and will be removed in 0.3.0; use "azurenative-durabletask-scheduler-allowed-regions"\n',
    );
    const planned = JSON.parse(result.stdout) as { violations: PlanViolation[] };
    expect(planned.violations.map((v) => v.message)).toEqual([
      'Scheduler "dts-orders-prod-weu" is in region "westeurope", which is not allowed; move it to one of: North Europe, swedencentral.',
    ]);
  });

  it.each([
    ["prodSingleUnit", ["mandatory azurenative-durabletask-scheduler-zone-redundant"]],
    [
      "prodOpenNetwork",
      [
        "mandatory azurenative-durabletask-scheduler-disallow-open-ip-range",
        "mandatory azurenative-durabletask-scheduler-disallow-public-network-access",
      ],
    ],
    [
      "prodShortFailedRetention",
      ["mandatory azurenative-durabletask-retentionpolicy-keep-failed-orchestrations"],
    ],
    [
      "prodAppSchedulerContributor",
      ["mandatory azurenative-authorization-roleassignment-least-privilege"],
    ],
    ["prodMissingOwner", ["mandatory azurenative-durabletask-scheduler-required-tags"]],
    ["consumptionSixHubs", ["mandatory azurenative-durabletask-scheduler-task-hub-limit"]],
  ] as const)("fails the %s fixture with exit 1 and %j", (name, expected) => {
    expect(run(name).code).toBe(1);
    expect(levelsAndPolicies(name)).toEqual(expected);
  });
});
