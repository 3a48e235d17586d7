// The component package as other languages see it: `pulumi package get-schema components` (the real CLI, the
// dtsx language host's RunPlugin and InstallDependencies, @pulumi/pulumi's schema inference) prints exactly the
// committed schema. A change to an argument, an output or a doc comment of Scheduler, TaskHub or Access shows up
// here; regenerate the snapshot with `DTSX_UPDATE_SCHEMA=1 npx vitest run test/components/packageSchema.test.ts`
// (then `npx prettier --write test/components/fixtures/dtsx-schema.json`).
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const repositoryRoot = resolve(__dirname, "../..");
const snapshotPath = join(__dirname, "fixtures", "dtsx-schema.json");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pulumiVersion = (require("@pulumi/pulumi/package.json") as { version: string }).version;
const cliDirectory = join(homedir(), ".pulumi", "versions", pulumiVersion, "bin");
const cliAvailable = existsSync(join(cliDirectory, "pulumi"));
const runsInCi = process.env["CI"] === "true";
if (!cliAvailable && !runsInCi) {
  console.warn(
    `[test/components/packageSchema] skipped: no Pulumi CLI ${pulumiVersion} in ${cliDirectory}; ` +
      "build it with `npm run pulumi:build`",
  );
}

const pulumiHome = mkdtempSync(join(tmpdir(), "dtsx-schema-home-"));
afterAll(() => rmSync(pulumiHome, { recursive: true, force: true }));

interface PackageSchema {
  name: string;
  resources: Record<
    string,
    {
      isComponent?: boolean;
      inputProperties: Record<string, { plain?: boolean }>;
      requiredInputs?: string[];
      properties: Record<string, unknown>;
    }
  >;
}

async function getSchema(): Promise<{ text: string; schema: PackageSchema }> {
  const { stdout } = await promisify(execFile)(
    "pulumi",
    ["package", "get-schema", "./components"],
    {
      cwd: repositoryRoot,
      env: {
        ...process.env,
        PATH: `${cliDirectory}:${process.env["PATH"] ?? ""}`,
        PULUMI_HOME: pulumiHome,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      },
      maxBuffer: 16 * 1024 * 1024,
      timeout: 5 * 60_000,
    },
  );
  const schema = JSON.parse(stdout) as PackageSchema;
  return { text: `${JSON.stringify(schema, null, 2)}\n`, schema };
}

describe.runIf(cliAvailable || runsInCi)("the dtsx component package schema", () => {
  it("is what `pulumi package get-schema` infers from the component sources", async () => {
    const { text, schema } = await getSchema();
    if (process.env["DTSX_UPDATE_SCHEMA"] === "1") writeFileSync(snapshotPath, text);

    expect(schema.name).toBe("dtsx");
    expect(Object.keys(schema.resources).sort()).toEqual([
      "dtsx:index:Access",
      "dtsx:index:Scheduler",
      "dtsx:index:TaskHub",
    ]);
    const scheduler = schema.resources["dtsx:index:Scheduler"];
    expect(scheduler?.isComponent).toBe(true);
    // What decides how many child resources there are stays plain; values Pulumi users wire from other resources
    // are Inputs.
    const plain = Object.entries(scheduler?.inputProperties ?? {})
      .filter(([, property]) => property.plain === true)
      .map(([name]) => name)
      .sort();
    expect(plain).toEqual(["access", "identities", "retention", "taskHubs"]);
    expect(scheduler?.requiredInputs?.sort()).toEqual([
      "ipAllowlist",
      "location",
      "resourceGroupName",
      "sku",
    ]);
    expect(Object.keys(scheduler?.properties ?? {}).sort()).toEqual([
      "endpoint",
      "schedulerId",
      "schedulerName",
      "taskHubOutputs",
    ]);
    expect(schema).toEqual(JSON.parse(readFileSync(snapshotPath, "utf8")));
  }, 300_000);
});
