// The pack as a user outside this repository runs it: policies/ copied to a temporary directory, with its
// dependencies installed next to it, against a plain JavaScript program that knows nothing of dtsx and declares
// azure-native schedulers directly — under the real engine (the CLI built from Go modules) with the local
// azure-native bridge answering the preview's check/diff. It shows the pack's names, levels per profile and a
// remediation exactly as `pulumi preview` reports them.
//
// Installing the copy's dependencies: a symlink to the repository's node_modules, not `npm install`. The root
// package.json pins the very versions policies/package.json pins (test/policies/codeQuality.test.ts asserts it), so
// the copy resolves what a registry install of its package.json would give, without network or an npm cache that
// holds every tarball (tsx's esbuild binary included), and in well under a second on a loaded two-core machine.
import { execFile } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pulumiVersion = (require("@pulumi/pulumi/package.json") as { version: string }).version;
const cliDirectory = join(homedir(), ".pulumi", "versions", pulumiVersion, "bin");
const cliAvailable =
  existsSync(join(cliDirectory, "pulumi")) &&
  existsSync(join(cliDirectory, "pulumi-language-nodejs"));
// CI always builds the CLI first, so there a missing CLI fails the test instead of skipping it.
const runsInCi = process.env["CI"] === "true";
if (!cliAvailable && !runsInCi)
  console.warn(
    `[test/policies/packOutsideCheckout] skipped: no Pulumi CLI ${pulumiVersion} in ${cliDirectory} (npm run pulumi:build).`,
  );
const PULUMI_TIMEOUT_MS = 5 * 60_000;

const PROGRAM = `const pulumi = require("@pulumi/pulumi");
const scheduler = (name, environment, location) =>
  new pulumi.CustomResource("azure-native:durabletask:Scheduler", name, {
    schedulerName: name,
    resourceGroupName: "rg-dts-outside",
    location,
    properties: { sku: { name: "Consumption" }, ipAllowlist: ["10.0.0.0/8"], publicNetworkAccess: "Enabled" },
    tags: { environment },
  });
scheduler("dts-orders-prod", "prod", "West Europe");
scheduler("dts-orders-test", "test", "westeurope");
`;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describe.skipIf(!cliAvailable && !runsInCi)("the pack copied outside the checkout", () => {
  let work: string;
  let pack: string;
  let program: string;

  function pulumi(args: readonly string[]): Promise<Result> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DTSX_PULUMI_STATE: join(work, "state"),
      PULUMI_CONFIG_PASSPHRASE: "dtsx-local",
    };
    delete env["PULUMI_BACKEND_URL"];
    return new Promise((done) => {
      execFile(
        "bash",
        [join(ROOT, "scripts", "pulumi.sh"), "--local-bridge", ...args, "--cwd", program],
        { cwd: ROOT, env, timeout: PULUMI_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
          done({ code, stdout, stderr });
        },
      );
    });
  }

  beforeAll(async () => {
    if (!cliAvailable) throw new Error(`CI=true but no Pulumi CLI in ${cliDirectory}`);
    work = realpathSync(mkdtempSync(join(tmpdir(), "dtsx-pack-outside-")));
    pack = join(work, "pack");
    program = join(work, "program");
    cpSync(join(ROOT, "policies"), pack, {
      recursive: true,
      filter: (source) => !source.split("/").includes("node_modules"),
    });
    symlinkSync(realpathSync(join(ROOT, "node_modules")), join(pack, "node_modules"), "dir");
    mkdirSync(program);
    writeFileSync(join(program, "Pulumi.yaml"), "name: dts-outside\nruntime: nodejs\n");
    writeFileSync(join(program, "index.js"), PROGRAM);
    symlinkSync(realpathSync(join(ROOT, "node_modules")), join(program, "node_modules"), "dir");
    writeFileSync(
      join(work, "policy-config.json"),
      JSON.stringify({
        "azurenative-durabletask-scheduler-required-tags": {
          enforcementLevel: "remediate",
          defaultTagValues: { owner: "platform" },
        },
        "azurenative-durabletask-scheduler-allowed-regions": { enforcementLevel: "remediate" },
      }),
    );
    const init = await pulumi(["stack", "init", "dev", "--non-interactive"]);
    if (init.code !== 0) throw new Error(`pulumi stack init: ${init.stdout}${init.stderr}`);
  }, PULUMI_TIMEOUT_MS);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it(
    "reports per-profile levels and remediations of the copy under the real engine",
    async () => {
      expect(relative(ROOT, pack).startsWith("..")).toBe(true);
      const result = await pulumi([
        "preview",
        "--stack",
        "dev",
        "--non-interactive",
        "--policy-pack",
        pack,
        "--policy-pack-config",
        join(work, "policy-config.json"),
      ]);
      const output = result.stdout + result.stderr;
      expect(result.code, output).not.toBe(0);
      expect(output).toContain(`dtsx@v0.2.0 (local: ${pack})`);
      // One policy, two levels: mandatory for the prod scheduler, advisory for the test one.
      expect(output).toMatch(
        /\[mandatory\] \[severity: high\] {2}azurenative-durabletask-scheduler-disallow-public-network-access {2}\(azure-native:durabletask:Scheduler: dts-orders-prod\)/,
      );
      expect(output).toMatch(
        /\[advisory\] \[severity: high\] {2}azurenative-durabletask-scheduler-disallow-public-network-access {2}\(azure-native:durabletask:Scheduler: dts-orders-test\)/,
      );
      expect(output).toContain(
        'Scheduler "dts-orders-prod" in the prod profile is Consumption; prod requires zone redundancy: set sku.name "Dedicated" and sku.capacity 3.',
      );
      expect(output).not.toMatch(
        /azurenative-durabletask-scheduler-zone-redundant .*dts-orders-test/,
      );
      // The remediations ran: owner filled on both schedulers (so never reported missing), "West Europe" rewritten.
      expect(output).toMatch(
        /\[remediate\] {2}azurenative-durabletask-scheduler-required-tags {2}\(2 resources\)/,
      );
      expect(output).toMatch(
        /\[remediate\] {2}azurenative-durabletask-scheduler-allowed-regions {2}\(1 resource\)/,
      );
      expect(output).not.toContain("is missing required tag(s)");
    },
    PULUMI_TIMEOUT_MS,
  );
});
