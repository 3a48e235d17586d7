// The CLI end to end: `dtsx emulator --stack … --time-skipping` as a child process prints the
// auth mode, the identity environment and per-hub connection strings; `dtsx clock advance` moves its clock.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseClockAdvanceFlags } from "../../../cli/commands/clock";
import { FIXTURE_STACKS } from "../topology/authFixture";

const run = promisify(execFile);
// Each CLI run starts node + tsx: several seconds on a loaded 2-core machine.
vi.setConfig({ testTimeout: 180_000, hookTimeout: 180_000 });
const CLI = resolve(__dirname, "../../../bin/dtsx.js");

let child: ChildProcess;
let stdout = "";
let httpPort = 0;

async function dtsx(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const result = await run(process.execPath, [CLI, ...args], { timeout: 60_000 });
    return { code: 0, stdout: result.stdout, stderr: result.stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  child = spawn(
    process.execPath,
    [
      CLI,
      "emulator",
      "--stack",
      "authtest",
      "--stack-dir",
      FIXTURE_STACKS,
      "--in-memory",
      "--grpc-port",
      "0",
      "--http-port",
      "0",
      "--time-skipping",
      "--log-level",
      "warn",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolvePromise, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(`emulator did not print its identity line in time:\n${stdout}\n${stderr}`),
        ),
      90_000,
    );
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (/^identity orders-app:/m.test(stdout)) {
        clearTimeout(timer);
        resolvePromise();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`emulator exited with ${String(code)}:\n${stdout}\n${stderr}`));
    });
  });
  httpPort = Number(/ http http:\/\/localhost:(\d+)/.exec(stdout)?.[1]);
});

afterAll(async () => {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await exited;
  }
});

describe("dtsx emulator --stack", () => {
  it("prints auth, the identity environment, and per hub the endpoint, dashboard and connection strings", () => {
    expect(stdout).toMatch(
      /^auth entra \| stack authtest \| ARM http:\/\/localhost:\d+\/subscriptions\/…$/m,
    );
    expect(stdout).toMatch(
      new RegExp(
        `^identity endpoint: export IDENTITY_ENDPOINT=http://127\\.0\\.0\\.1:${httpPort}/msi/token IDENTITY_HEADER=[0-9a-f]{48}$`,
        "m",
      ),
    );
    expect(stdout).toMatch(
      new RegExp(
        `^hub orders \\(scheduler dts-auth\\): endpoint http://localhost:\\d+ dashboard http://localhost:${httpPort}/taskhubs/orders$`,
        "m",
      ),
    );
    expect(stdout).toMatch(
      /^ {2}orders-app \(contributor\): Endpoint=http:\/\/localhost:\d+;Authentication=ManagedIdentity;ClientID=c1c1c1c1-0000-4000-8000-000000000001;TaskHub=orders$/m,
    );
    expect(stdout).toMatch(
      /^identity orders-app: AZURE_CLIENT_ID=c1c1c1c1-0000-4000-8000-000000000001 \(principal a1a1a1a1-0000-4000-8000-000000000001\)$/m,
    );
  });
});

describe("dtsx clock advance", () => {
  it("moves the emulator's clock", async () => {
    const before = (await (await fetch(`http://127.0.0.1:${httpPort}/admin/clock`)).json()) as {
      now: string;
    };
    const result = await dtsx([
      "clock",
      "advance",
      "--seconds",
      "86400",
      "--http-port",
      String(httpPort),
    ]);
    expect(result.code).toBe(0);
    const now = /emulator time is now (\S+)$/m.exec(result.stdout)?.[1] ?? "";
    expect(result.stdout).toMatch(/^clock advanced 86400s; emulator time is now /);
    expect(Date.parse(now) - Date.parse(before.now)).toBeGreaterThanOrEqual(86_400_000);
  });

  it("exits 2 naming the flag for invalid input", async () => {
    const result = await dtsx(["clock", "advance", "--seconds", "-3"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'dtsx clock advance: --seconds: expected a number greater than 0, got "-3"\n',
    );
  });

  it("exits 1 when nothing listens", async () => {
    const result = await dtsx(["clock", "advance", "--seconds", "1", "--http-port", "1"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /cannot reach the emulator at http:\/\/127\.0\.0\.1:1\/admin\/clock\/advance/,
    );
  });

  it("parses flags purely", () => {
    expect(parseClockAdvanceFlags({ seconds: "1.5", httpPort: "9000", host: "::1" })).toEqual({
      url: "http://[::1]:9000/admin/clock/advance",
      seconds: 1.5,
    });
    expect(() => parseClockAdvanceFlags({})).toThrow("--seconds: required");
    expect(() => parseClockAdvanceFlags({ seconds: "1", httpPort: "x" })).toThrow(
      '--http-port: expected an integer 1–65535, got "x"',
    );
  });
});

describe("dtsx emulator flag errors", () => {
  it("exits 2 for an invalid --auth and for an invalid stack file", async () => {
    const auth = await dtsx(["emulator", "--auth", "oauth", "--in-memory"]);
    expect(auth.code).toBe(2);
    expect(auth.stderr).toBe('dtsx emulator: --auth: expected "none" or "entra", got "oauth"\n');
    const broken = await dtsx([
      "emulator",
      "--stack",
      "broken",
      "--stack-dir",
      FIXTURE_STACKS,
      "--in-memory",
      "--grpc-port",
      "0",
      "--http-port",
      "0",
    ]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain(
      'dtsx:schedulers[0].sku: expected "Consumption" | "Dedicated", got "Dedicated2"',
    );
    const quota = await dtsx(["emulator", "--max-schedulers-per-region", "0", "--in-memory"]);
    expect(quota.code).toBe(2);
    expect(quota.stderr).toBe(
      'dtsx emulator: --max-schedulers-per-region: expected a positive integer, got "0"\n',
    );
  });
});
