// The component package from Python: `pulumi package gen-sdk ./components --language python` (the real CLI and
// Pulumi's Python SDK generator, scripts/build-pulumi-plugins.sh) writes `pulumi_dtsx`; pip installs it next to the
// Pulumi Python SDK (.dtsx/pulumi-venv, test/components/python/requirements.txt); Python imports it and mypy
// --strict accepts a program that declares a scheduler the way the package's docs show, and rejects one with a
// misspelt argument and a wrongly typed one.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repositoryRoot = resolve(__dirname, "../..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pulumiVersion = (require("@pulumi/pulumi/package.json") as { version: string }).version;
const cliDirectory = join(homedir(), ".pulumi", "versions", pulumiVersion, "bin");
const python = join(repositoryRoot, ".dtsx", "pulumi-venv", "bin", "python");
const prerequisites = [
  join(cliDirectory, "pulumi"),
  join(cliDirectory, "pulumi-language-nodejs"),
  join(cliDirectory, "pulumi-language-python"),
  python,
];
const missing = prerequisites.filter((path) => !existsSync(path));
const runsInCi = process.env["CI"] === "true";
if (missing.length > 0 && !runsInCi) {
  console.warn(
    `[test/components/pythonSdk] skipped: missing ${missing.join(", ")}; run \`npm run pulumi:build\` and ` +
      "`python3 -m venv .dtsx/pulumi-venv && .dtsx/pulumi-venv/bin/pip install -r test/components/python/requirements.txt`",
  );
}

const run = promisify(execFile);

const program = `import pulumi
import pulumi_dtsx as dtsx

scheduler = dtsx.Scheduler(
    "scheduler",
    location="westeurope",
    resource_group_name="rg-dts-python",
    sku="Consumption",
    ip_allowlist=["127.0.0.1/32"],
    identities={
        "orders-app": dtsx.IdentityArgs(
            principal_id="2f4a6c8e-0b1d-4e3f-9a5c-7e9b1d3f5a71",
            client_id="8d0f2b4c-6e8a-4c1e-b3d5-f7a9c1e3b5d7",
            principal_type="ServicePrincipal",
        )
    },
    task_hubs=[
        dtsx.TaskHubDeclarationArgs(
            name="orders",
            access=[dtsx.AccessRuleArgs(identity="orders-app", role="contributor")],
        )
    ],
)
endpoint: pulumi.Output[str] = scheduler.endpoint
pulumi.export("endpoint", endpoint)
`;

describe.skipIf(missing.length > 0 && !runsInCi)("the generated Python SDK", () => {
  let workDirectory: string;
  let sitePackages: string;
  const pythonEnv = (): NodeJS.ProcessEnv => ({
    ...process.env,
    PYTHONPATH: sitePackages,
    MYPYPATH: sitePackages,
  });

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`CI=true but missing ${missing.join(", ")}`);
    workDirectory = mkdtempSync(join(tmpdir(), "dtsx-python-sdk-"));
    sitePackages = join(workDirectory, "site-packages");
    await run(
      "pulumi",
      [
        "package",
        "gen-sdk",
        "./components",
        "--language",
        "python",
        "--out",
        join(workDirectory, "sdk"),
      ],
      {
        cwd: repositoryRoot,
        env: {
          ...process.env,
          PATH: `${cliDirectory}:${process.env["PATH"] ?? ""}`,
          PULUMI_HOME: join(workDirectory, "home"),
          PULUMI_SKIP_UPDATE_CHECK: "true",
          PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        },
        timeout: 5 * 60_000,
      },
    );
    // --no-deps: the venv already holds the Pulumi SDK the package requires; nothing is fetched.
    await run(
      python,
      [
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
        "--target",
        sitePackages,
        join(workDirectory, "sdk", "python"),
      ],
      { timeout: 5 * 60_000 },
    );
  }, 10 * 60_000);

  afterAll(() => {
    if (workDirectory) rmSync(workDirectory, { recursive: true, force: true });
  });

  it("is the pulumi_dtsx package with the three components, typed (py.typed)", async () => {
    const { stdout } = await run(
      python,
      [
        "-c",
        "import pulumi_dtsx as d, json; print(json.dumps([d.Scheduler.__name__, d.TaskHub.__name__, d.Access.__name__]))",
      ],
      { env: pythonEnv() },
    );
    expect(JSON.parse(stdout)).toEqual(["Scheduler", "TaskHub", "Access"]);
    expect(existsSync(join(sitePackages, "pulumi_dtsx", "py.typed"))).toBe(true);
    const plugin = JSON.parse(
      readFileSync(join(sitePackages, "pulumi_dtsx", "pulumi-plugin.json"), "utf8"),
    ) as { name: string; resource: boolean };
    expect(plugin).toMatchObject({ name: "dtsx", resource: true });
  });

  it("type-checks a program under mypy --strict", async () => {
    const path = join(workDirectory, "program.py");
    writeFileSync(path, program);
    const { stdout } = await run(python, ["-m", "mypy", "--strict", "--no-incremental", path], {
      env: pythonEnv(),
      cwd: workDirectory,
      timeout: 5 * 60_000,
    });
    expect(stdout).toContain("Success: no issues found in 1 source file");
  }, 300_000);

  it("rejects a misspelt argument and a value of the wrong type", async () => {
    const path = join(workDirectory, "wrong.py");
    writeFileSync(
      path,
      program.replace("ip_allowlist=", "ip_alowlist=").replace('sku="Consumption"', "sku=3"),
    );
    const failure = (await run(python, ["-m", "mypy", "--strict", "--no-incremental", path], {
      env: pythonEnv(),
      cwd: workDirectory,
      timeout: 5 * 60_000,
    }).then(
      () => new Error("mypy accepted the program"),
      (error: unknown) => error,
    )) as { stdout?: string };
    expect(failure.stdout).toMatch(/wrong\.py:4: error: No overload variant of "Scheduler"/);
    expect(failure.stdout).toMatch(/Found \d+ errors? in 1 file/);
  }, 300_000);
});
