// `dtsx plan` as users run it: `node bin/dtsx.js plan …` in a subprocess (tsx + the real program under mocks).
// Every run happens once in beforeAll (concurrently, in two batches); the tests assert on the recorded results.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = join(__dirname, "../..");
const FIXTURES = join(ROOT, "test/fixtures/stacks");

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function dtsx(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, "bin/dtsx.js"), ...args],
      { cwd: ROOT, timeout: 90_000, env: { ...process.env, NO_COLOR: "1" } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const scratch = mkdtempSync(join(tmpdir(), "dtsx-plan-"));
const validPolicyConfig = join(scratch, "policy.json");
const arrayPolicyConfig = join(scratch, "array.json");
writeFileSync(
  validPolicyConfig,
  JSON.stringify({ all: "mandatory", "dtsx-scheduler-tags": { tags: ["owner"] } }),
);
writeFileSync(arrayPolicyConfig, "[1, 2]");

let table: Run;
let json: Run;
let unknownStack: Run;
let missingStack: Run;
let invalidConfig: Run;
let badPolicyConfig: Run;
let missingPolicyConfig: Run;
let unknownOption: Run;

beforeAll(async () => {
  // Two batches keep at most two program evaluations in flight on a shared 2-core machine. Planning valid stacks
  // from --stack-dir is covered by the policy pack's plan tests (test/policies/plan.test.ts).
  [table, json] = await Promise.all([
    dtsx("plan", "--stack", "prod"),
    dtsx("plan", "--stack", "prod", "--json", "--policy-pack-config", validPolicyConfig),
  ]);
  [unknownStack, missingStack, invalidConfig, badPolicyConfig, missingPolicyConfig, unknownOption] =
    await Promise.all([
      dtsx("plan", "--stack", "staging"),
      dtsx("plan"),
      dtsx("plan", "--stack", "invalid-sku", "--stack-dir", FIXTURES),
      dtsx("plan", "--stack", "dev", "--policy-pack-config", arrayPolicyConfig),
      dtsx("plan", "--stack", "dev", "--policy-pack-config", join(scratch, "absent.json")),
      dtsx("plan", "--stack", "dev", "--jsn"),
    ]);
}, 240_000);

describe("dtsx plan", () => {
  it("prints the planned resources of a stack as a table and exits 0", () => {
    expect(table.stderr, table.stderr).toBe("");
    expect(table.code).toBe(0);
    const lines = table.stdout.split("\n");
    expect(lines[0]).toBe("Plan for stack prod: 8 resource(s), 0 policy violation(s)");
    expect(lines[2]).toMatch(/^TYPE\s+NAME\s+KEY INPUTS$/);
    expect(table.stdout).toMatch(
      /azure-native:durabletask:Scheduler\s+dts-orders-prod-weu-scheduler\s+name=dts-orders-prod-weu location=westeurope sku=Dedicated\/3 publicNetworkAccess=Disabled ipAllowlist=10\.20\.0\.0\/16\n/,
    );
    expect(table.stdout).toMatch(
      /azure-native:durabletask:RetentionPolicy\s+dts-orders-prod-weu-retention\s+scheduler=dts-orders-prod-weu default=30d failed=90d\n/,
    );
    expect(table.stdout).toMatch(
      /azure-native:authorization:RoleAssignment\s+dts-orders-prod-weu-taskhub-orders-access-orders-app-worker\s+role="Durable Task Worker" principal=5e2a8c4d-3f1b-4e7a-9c6d-2b0f1e3a5c78 \(ServicePrincipal\) scope=schedulers\/dts-orders-prod-weu\/taskHubs\/orders\n/,
    );
    expect(table.stdout.trimEnd().endsWith("No policy violations.")).toBe(true);
  });

  it("prints exactly {stack, resources: [{type, name, inputs}], violations} with --json", () => {
    expect(json.stderr, json.stderr).toBe("");
    expect(json.code).toBe(0);
    const plan = JSON.parse(json.stdout) as {
      stack: string;
      resources: { type: string; name: string; inputs: Record<string, unknown> }[];
      violations: unknown[];
    };
    expect(Object.keys(plan)).toEqual(["stack", "resources", "violations"]);
    expect(plan.stack).toBe("prod");
    expect(plan.violations).toEqual([]);
    expect(plan.resources).toHaveLength(8);
    for (const resource of plan.resources) {
      expect(Object.keys(resource)).toEqual(["type", "name", "inputs"]);
    }
    expect(plan.resources[0]).toEqual({
      type: "azure-native:durabletask:Scheduler",
      name: "dts-orders-prod-weu-scheduler",
      inputs: {
        location: "westeurope",
        properties: {
          ipAllowlist: ["10.20.0.0/16"],
          publicNetworkAccess: "Disabled",
          sku: { capacity: 3, name: "Dedicated" },
        },
        resourceGroupName: "rg-dts-prod",
        schedulerName: "dts-orders-prod-weu",
        tags: { costCenter: "cc-4711", environment: "prod", owner: "platform" },
      },
    });
    // Scopes are realistic ARM ids built from the mocked resource ids.
    expect(plan.resources.find((r) => r.name.endsWith("orders-app-worker"))?.inputs.scope).toBe(
      "/subscriptions/8d4f2a6c-1e3b-4a9d-b5c7-0f2e4d6a8c19/resourceGroups/rg-dts-prod/providers/Microsoft.DurableTask/schedulers/dts-orders-prod-weu/taskHubs/orders",
    );
  });

  it("exits 2 for an unknown stack and lists the available ones", () => {
    expect(unknownStack.code).toBe(2);
    expect(unknownStack.stdout).toBe("");
    expect(unknownStack.stderr).toBe(
      'dtsx plan: --stack: unknown stack "staging": no Pulumi.staging.yaml in stacks (available stacks: dev, local, prod, test)\n',
    );
  });

  it("exits 2 without --stack", () => {
    expect(missingStack.code).toBe(2);
    expect(missingStack.stderr).toBe(
      "dtsx plan: --stack: required, e.g. --stack dev (available stacks: dev, local, prod, test)\n",
    );
  });

  it("exits 2 for invalid configuration, naming the key (stack file from --stack-dir)", () => {
    expect(invalidConfig.code).toBe(2);
    expect(invalidConfig.stdout).toBe("");
    expect(invalidConfig.stderr).toBe(
      "dtsx plan: invalid configuration in test/fixtures/stacks/Pulumi.invalid-sku.yaml:\n" +
        '  dtsx:schedulers[0].sku: expected "Consumption" | "Dedicated", got "Dedicated2"\n',
    );
  });

  it("exits 2 when --policy-pack-config is not a JSON object or does not exist", () => {
    expect(badPolicyConfig.code).toBe(2);
    expect(badPolicyConfig.stderr).toBe(
      `dtsx plan: --policy-pack-config: ${JSON.stringify(arrayPolicyConfig)} must hold a JSON object like {"all": "mandatory", "<policy-name>": {…}}, got an array\n`,
    );
    expect(missingPolicyConfig.code).toBe(2);
    expect(missingPolicyConfig.stderr).toBe(
      `dtsx plan: --policy-pack-config: cannot read ${JSON.stringify(join(scratch, "absent.json"))}: no such file\n`,
    );
  });

  it("exits 2 on a usage error such as an unknown option (1 is reserved for policy violations)", () => {
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toContain("unknown option '--jsn'");
  });
});
