// The pack as a user outside this repository runs it: policies/ copied to a temporary directory, with its
// dependencies installed next to it, against a stack in another language — a Pulumi YAML program declaring two
// schedulers through the dtsx component package (components/PulumiPlugin.yaml) — under the real engine (the CLI
// and the YAML language host built from Go modules) with the local azure-native bridge answering the preview's
// check/diff. It shows the pack's names, levels per profile and remediations exactly as `pulumi preview` reports
// them.
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
const cliAvailable = ["pulumi", "pulumi-language-nodejs", "pulumi-language-yaml"].every((binary) =>
  existsSync(join(cliDirectory, binary)),
);
// CI always builds the CLI first, so there a missing CLI fails the test instead of skipping it.
const runsInCi = process.env["CI"] === "true";
if (!cliAvailable && !runsInCi)
  console.warn(
    `[test/policies/packOutsideCheckout] skipped: no Pulumi CLI ${pulumiVersion} with the nodejs and yaml language hosts in ${cliDirectory} (scripts/build-pulumi-cli.sh, scripts/build-pulumi-plugins.sh).`,
  );
const PULUMI_TIMEOUT_MS = 5 * 60_000;

/** Two schedulers of the component package, a prod and a test one, both with public network access. */
function yamlProgram(components: string): string {
  const scheduler = (name: string, environment: string, location: string) => ({
    type: "dtsx:index:Scheduler",
    properties: {
      name,
      location,
      resourceGroupName: "rg-dts-outside",
      sku: "Consumption",
      ipAllowlist: ["10.0.0.0/8"],
      publicNetworkAccess: "Enabled",
      tags: { environment },
      retention: { default: 7, failed: 30 },
      taskHubs: [{ name: "orders" }],
    },
  });
  return JSON.stringify({
    name: "dts-outside",
    runtime: "yaml",
    packages: { dtsx: components },
    resources: {
      prod: scheduler("dts-orders-prod", "prod", "West Europe"),
      test: scheduler("dts-orders-test", "test", "westeurope"),
    },
  });
}

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
      // Package and plugin caches of this run stay in the temporary directory.
      PULUMI_HOME: join(work, "home"),
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
    // JSON is YAML: the program file is written without a YAML serialiser.
    writeFileSync(join(program, "Pulumi.yaml"), yamlProgram(join(ROOT, "components")));
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
        /\[mandatory\] \[severity: high\] {2}azurenative-durabletask-scheduler-disallow-public-network-access {2}\(azure-native:durabletask:Scheduler: prod-scheduler\)/,
      );
      expect(output).toMatch(
        /\[advisory\] \[severity: high\] {2}azurenative-durabletask-scheduler-disallow-public-network-access {2}\(azure-native:durabletask:Scheduler: test-scheduler\)/,
      );
      expect(output).toContain(
        'Scheduler "dts-orders-prod" in the prod profile is Consumption; prod requires zone redundancy: set sku.name "Dedicated" and sku.capacity 3.',
      );
      expect(output).not.toMatch(
        /azurenative-durabletask-scheduler-zone-redundant .*test-scheduler/,
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
