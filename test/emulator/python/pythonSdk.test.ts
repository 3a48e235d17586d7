// The official Python SDK (durabletask-azuremanaged 1.9.0, `taskhub` metadata, no credential) against the emulator
// CLI. core_patterns.py runs every scenario and reports one SCENARIO line each; every scenario is
// one test here. Without python3/venv/pip the tests are skipped with the reason printed (on CI they fail instead,
// because .ci/run installs the environment).
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SpawnedEmulator } from "../../helpers/spawnEmulator";
import { spawnEmulator } from "../../helpers/spawnEmulator";
import { preparePythonEnvironment } from "./pythonEnvironment";
import type { PythonEnvironment } from "./pythonEnvironment";

const scenarioNames = [
  "activity sequence",
  "fan-out/fan-in",
  "durable timer",
  "external events",
  "sub-orchestrations",
  "terminate",
  "suspend/resume",
  "query",
  "purge",
  "entities",
] as const;

interface ScenarioRecord {
  name: string;
  ok: boolean;
  detail: string;
  seconds: number;
}

interface ScriptRun {
  exitCode: number | null;
  scenarios: Map<string, ScenarioRecord>;
  output: string;
}

function runScript(python: string, endpoint: string): Promise<ScriptRun> {
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(
      python,
      [resolve(__dirname, "core_patterns.py"), "--endpoint", endpoint, "--taskhub", "default"],
      {
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, PYTHONUNBUFFERED: "1" },
      },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), 300_000);
    child.once("error", rejectRun);
    child.once("exit", (exitCode) => {
      clearTimeout(timer);
      const scenarios = new Map<string, ScenarioRecord>();
      for (const line of output.split("\n")) {
        if (!line.startsWith("SCENARIO ")) continue;
        const record = JSON.parse(line.slice("SCENARIO ".length)) as ScenarioRecord;
        scenarios.set(record.name, record);
      }
      resolveRun({ exitCode, scenarios, output });
    });
  });
}

describe("official Python SDK (durabletask-azuremanaged) against the emulator", () => {
  let environment: PythonEnvironment;
  let emulator: SpawnedEmulator | undefined;
  let run: ScriptRun | undefined;

  beforeAll(async () => {
    environment = preparePythonEnvironment();
    if ("skipReason" in environment) {
      if (process.env.CI === "true")
        throw new Error(`Python suite cannot run on CI: ${environment.skipReason}`);
      console.warn(`SKIPPING the Python SDK suite: ${environment.skipReason}`);
      return;
    }
    emulator = await spawnEmulator({ store: { inMemory: true } });
    run = await runScript(environment.python, emulator.grpcEndpoint);
  }, 900_000);

  afterAll(async () => {
    await emulator?.stop("SIGTERM");
  });

  it.for(scenarioNames)("%s", (name, context) => {
    if ("skipReason" in environment) context.skip(environment.skipReason);
    const record = run?.scenarios.get(name);
    expect(
      record,
      `scenario "${name}" produced no result; script output:\n${run?.output ?? ""}`,
    ).toBeDefined();
    expect(record?.ok, `${name}: ${record?.detail ?? ""}`).toBe(true);
  });

  it("the script exits 0 and reports exactly the scenarios above", (context) => {
    if ("skipReason" in environment) context.skip(environment.skipReason);
    expect([...(run?.scenarios.keys() ?? [])].sort()).toEqual([...scenarioNames].sort());
    expect(run?.exitCode, run?.output).toBe(0);
  });
});
