// The component package from another language, end to end: examples/yaml/Pulumi.yaml (Pulumi YAML, `packages:`
// pointing at components/) under the real engine — the CLI and Pulumi YAML's own language host built from Go
// modules (scripts/build-pulumi-cli.sh, scripts/build-pulumi-plugins.sh) — through the local azure-native bridge,
// against the local scheduler:
//   `pulumi up` → ARM shows the scheduler, both hubs, the retention policy and the app's role assignment → the app
//   identity runs an orchestration on `orders` with the official JS SDK and is refused on `billing` → `pulumi
//   destroy` leaves the emulator empty.
// The program is copied to a temporary project (with `packages.dtsx` made absolute), with its own file backend and
// PULUMI_HOME, so the repository is never written to.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import YAML from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectAppIdentityConfinedToItsHub } from "./appIdentity";
import { startLocalScheduler, type LocalScheduler } from "./localScheduler";

const repositoryRoot = resolve(__dirname, "../..");
const exampleDirectory = join(repositoryRoot, "examples", "yaml");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pulumiVersion = (require("@pulumi/pulumi/package.json") as { version: string }).version;
const cliDirectory = join(homedir(), ".pulumi", "versions", pulumiVersion, "bin");
const required = ["pulumi", "pulumi-language-nodejs", "pulumi-language-yaml"];
const missing = required.filter((binary) => !existsSync(join(cliDirectory, binary)));
const missingMessage =
  `no ${missing.join(", ")} in ${cliDirectory}; build them with \`npm run pulumi:build\` ` +
  "(scripts/build-pulumi-cli.sh and scripts/build-pulumi-plugins.sh, Go modules only)";
// CI always builds them first (.ci/run), so there a missing binary fails the test instead of skipping it.
const runsInCi = process.env["CI"] === "true";
if (missing.length > 0 && !runsInCi)
  console.warn(`[test/e2e/pulumiYaml] skipped: ${missingMessage}.`);

const SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
const DURABLE_TASK_API = "api-version=2026-02-01";
const ROLE_ASSIGNMENT_API = "api-version=2022-04-01";
const CONTRIBUTOR = "0ad04412-c4d5-4796-b79c-f76d14c8d402";
/** One `pulumi` run on a loaded 2-core machine: the YAML host, the component provider (Node.js), the bridge. */
const PULUMI_TIMEOUT_MS = 10 * 60_000;

interface ExampleProgram {
  packages: Record<string, string>;
  config: Record<string, { default: string }>;
  resources: { scheduler: { properties: { name: string } } };
}

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describe.skipIf(missing.length > 0 && !runsInCi)(
  "a Pulumi YAML program using the dtsx component package",
  () => {
    const program = YAML.parse(
      readFileSync(join(exampleDirectory, "Pulumi.yaml"), "utf8"),
    ) as ExampleProgram;
    const setting = (key: string): string => program.config[key]?.default ?? "";
    const schedulerName = program.resources.scheduler.properties.name;
    const schedulerPath =
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/${setting("resourceGroupName")}` +
      `/providers/Microsoft.DurableTask/schedulers/${schedulerName}`;
    let workDirectory: string;
    let projectDirectory: string;
    let scheduler: LocalScheduler;

    function pulumi(args: readonly string[]): Promise<Result> {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PATH: [
          cliDirectory,
          join(repositoryRoot, "providers", "azure-native-local", "bin"),
          process.env["PATH"] ?? "",
        ].join(":"),
        PULUMI_BACKEND_URL: `file://${join(workDirectory, "state")}`,
        PULUMI_HOME: join(workDirectory, "home"),
        PULUMI_CONFIG_PASSPHRASE: "dtsx-local",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        DTSX_ARM_ENDPOINT: scheduler.armEndpoint,
      };
      return new Promise((done) => {
        execFile(
          "pulumi",
          [...args, "--non-interactive"],
          { cwd: projectDirectory, env, timeout: PULUMI_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
          (error, stdout, stderr) => {
            const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
            done({ code, stdout, stderr });
          },
        );
      });
    }

    async function expectPulumi(args: readonly string[]): Promise<Result> {
      const result = await pulumi(args);
      if (result.code !== 0) {
        throw new Error(
          `pulumi ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`,
        );
      }
      return result;
    }

    async function armList(path: string, apiVersion: string): Promise<Record<string, unknown>[]> {
      const response = await fetch(`${scheduler.armEndpoint}${path}?${apiVersion}`);
      expect(response.status, `GET ${path}`).toBe(200);
      return ((await response.json()) as { value: Record<string, unknown>[] }).value;
    }

    beforeAll(async () => {
      if (missing.length > 0) throw new Error(`CI=true but ${missingMessage}`);
      workDirectory = mkdtempSync(join(tmpdir(), "dtsx-e2e-yaml-"));
      projectDirectory = join(workDirectory, "project");
      const copy = structuredClone(program);
      copy.packages["dtsx"] = resolve(exampleDirectory, program.packages["dtsx"] ?? "");
      mkdirSync(projectDirectory);
      mkdirSync(join(workDirectory, "state"));
      writeFileSync(join(projectDirectory, "Pulumi.yaml"), YAML.stringify(copy));
      scheduler = await startLocalScheduler([
        {
          name: "orders-app",
          principalId: setting("appPrincipalId"),
          clientId: setting("appClientId"),
          principalType: "ServicePrincipal",
        },
      ]);
      await expectPulumi(["stack", "init", "dev", "--secrets-provider", "passphrase"]);
    }, 120_000);

    afterAll(async () => {
      await scheduler?.close();
      if (workDirectory) rmSync(workDirectory, { recursive: true, force: true });
    });

    it(
      "pulumi up creates the scheduler, its hubs, retention and the app's role assignment",
      async () => {
        await expectPulumi(["up", "--yes", "--skip-preview"]);
        const { stdout } = await expectPulumi(["stack", "output", "--json"]);
        const outputs = JSON.parse(stdout) as {
          schedulerId: string;
          endpoint: string;
          taskHubs: Record<string, { id: string; connectionStrings: Record<string, string> }>;
        };
        expect(outputs.schedulerId).toBe(schedulerPath);
        expect(outputs.endpoint).toBe(scheduler.handle.grpcEndpoint);
        expect(Object.keys(outputs.taskHubs).sort()).toEqual(["billing", "orders"]);
        expect(outputs.taskHubs["orders"]?.id).toBe(`${schedulerPath}/taskHubs/orders`);
        expect(outputs.taskHubs["orders"]?.connectionStrings["orders-app"]).toContain(
          `ClientID=${setting("appClientId")}`,
        );

        const hubs = await armList(`${schedulerPath}/taskHubs`, DURABLE_TASK_API);
        expect(hubs.map((hub) => hub["name"]).sort()).toEqual(["billing", "orders"]);
        for (const hub of ["orders", "billing"])
          expect(scheduler.handle.engine.getHub(hub)).toBeDefined();
        const retention = await armList(`${schedulerPath}/retentionPolicies`, DURABLE_TASK_API);
        expect(retention[0]?.["properties"]).toMatchObject({
          retentionPolicies: expect.arrayContaining([
            { retentionPeriodInDays: 7 },
            { retentionPeriodInDays: 30, orchestrationState: "Failed" },
          ]) as unknown,
        });
        const assignments = await armList(
          `${schedulerPath}/taskHubs/orders/providers/Microsoft.Authorization/roleAssignments`,
          ROLE_ASSIGNMENT_API,
        );
        expect(
          assignments.map((assignment) => {
            const properties = assignment["properties"] as {
              principalId: string;
              roleDefinitionId: string;
            };
            return `${properties.principalId} ${properties.roleDefinitionId.split("/").pop() ?? ""}`;
          }),
        ).toEqual([`${setting("appPrincipalId")} ${CONTRIBUTOR}`]);
      },
      PULUMI_TIMEOUT_MS,
    );

    it("the app identity runs an orchestration on its hub and is refused on the other", async () => {
      await expectAppIdentityConfinedToItsHub({
        scheduler,
        clientId: setting("appClientId"),
        principalId: setting("appPrincipalId"),
        ownHub: "orders",
        otherHub: "billing",
        input: "YAML",
      });
    }, 180_000);

    it(
      "pulumi destroy leaves the emulator empty",
      async () => {
        await expectPulumi(["destroy", "--yes", "--skip-preview"]);
        expect(
          await armList(
            `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.DurableTask/schedulers`,
            DURABLE_TASK_API,
          ),
        ).toEqual([]);
        for (const hub of ["orders", "billing"])
          expect(scheduler.handle.engine.getHub(hub)).toBeUndefined();
      },
      PULUMI_TIMEOUT_MS,
    );
  },
);
