// `dtsx emulator`: flag validation messages, and the real CLI as a child process — it prints one
// `ready` line with the endpoint and a connection string per hub, serves /health, and exits 0 on SIGTERM with the
// database closed cleanly (what the crash-test and benchmark harnesses rely on).
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FlagError, emulatorOptionsFromFlags, parsePortFlag } from "../../cli/commands/emulator";
import { resolveEmulatorOptions } from "../../emulator/options";

const dataDir = mkdtempSync(join(tmpdir(), "dtsx-cli-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("flags", () => {
  it("names the flag, the value and the rule", () => {
    expect(() => parsePortFlag("--grpc-port", "abc")).toThrow(
      '--grpc-port: expected an integer 0–65535, got "abc"',
    );
    expect(() => parsePortFlag("--http-port", "70000")).toThrow(
      '--http-port: expected an integer 0–65535, got "70000"',
    );
    expect(() => emulatorOptionsFromFlags({ dataDir: "x", inMemory: true })).toThrow(FlagError);
    expect(() => emulatorOptionsFromFlags({ logLevel: "loud" })).toThrow(
      /--log-level: expected one of .*got "loud"/,
    );
  });

  it("takes --work-item-lock-seconds as whole seconds from 1 to 86400", () => {
    expect(emulatorOptionsFromFlags({ workItemLockSeconds: "5" })).toEqual({
      workItemLockSeconds: 5,
    });
    for (const bad of ["0", "86401", "1.5", "-3", "two"]) {
      expect(() => emulatorOptionsFromFlags({ workItemLockSeconds: bad })).toThrow(
        `--work-item-lock-seconds: expected a whole number of seconds from 1 to 86400, got "${bad}"`,
      );
    }
    expect(() => resolveEmulatorOptions({ workItemLockSeconds: 0 })).toThrow(
      "workItemLockSeconds: expected a whole number of seconds from 1 to 86400, got 0",
    );
    expect(resolveEmulatorOptions({}).workItemLockSeconds).toBe(120);
  });

  it("maps flags onto options and leaves defaults to the schema", () => {
    expect(
      emulatorOptionsFromFlags({
        grpcPort: "0",
        httpPort: "9000",
        host: "0.0.0.0",
        inMemory: true,
      }),
    ).toEqual({
      grpcPort: 0,
      httpPort: 9000,
      host: "0.0.0.0",
      inMemory: true,
    });
    expect(emulatorOptionsFromFlags({})).toEqual({});
  });
});

describe("dtsx emulator (child process)", () => {
  it("prints ready with per-hub connection strings, serves /health and stops cleanly on SIGTERM", async () => {
    const child = spawn(
      process.execPath,
      [
        resolve(__dirname, "../../bin/dtsx.js"),
        "emulator",
        "--grpc-port",
        "0",
        "--http-port",
        "0",
        "--data-dir",
        dataDir,
      ],
      {
        env: { ...process.env, DTS_TASK_HUB_NAMES: "orders,billing" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolveExit) =>
      child.on("exit", (code) => resolveExit(code)),
    );
    const readyLine = await new Promise<string>((resolveReady, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ready line; stdout: ${stdout}`)), 60_000);
      child.stdout.on("data", () => {
        const line = stdout.split("\n").find((candidate) => candidate.includes("ready"));
        if (line) {
          clearTimeout(timer);
          resolveReady(line);
        }
      });
      child.on("exit", () => reject(new Error(`exited before ready; stdout: ${stdout}`)));
    });
    const grpcPort = /grpc http:\/\/localhost:(\d+)/.exec(readyLine)?.[1];
    const httpPort = /http http:\/\/localhost:(\d+)/.exec(readyLine)?.[1];
    expect(grpcPort).toBeDefined();
    // --grpc-port 0 / --http-port 0 must report the real bound ports, never 0.
    expect(Number(grpcPort)).toBeGreaterThan(0);
    expect(Number(httpPort)).toBeGreaterThan(0);
    expect(httpPort).not.toBe(grpcPort);
    for (const hub of ["orders", "billing"]) {
      expect(readyLine).toContain(
        `Endpoint=http://localhost:${grpcPort};Authentication=None;TaskHub=${hub}`,
      );
    }
    const health = await fetch(`http://127.0.0.1:${httpPort}/health`);
    expect(await health.json()).toEqual({ status: "ok" });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(existsSync(join(dataDir, "dtsx.db"))).toBe(true);
    // A clean close checkpoints the WAL into the database file.
    expect(existsSync(join(dataDir, "dtsx.db-wal"))).toBe(false);
  });
});

describe("network flags", () => {
  it("maps --allowed-host (repeatable) and --allow-unauthenticated-remote, refusing a blank name", () => {
    expect(
      emulatorOptionsFromFlags({
        host: "0.0.0.0",
        allowedHost: ["dev.box", "10.0.0.5"],
        allowUnauthenticatedRemote: true,
      }),
    ).toEqual({
      host: "0.0.0.0",
      allowedHosts: ["dev.box", "10.0.0.5"],
      allowUnauthenticatedRemote: true,
    });
    expect(() => emulatorOptionsFromFlags({ allowedHost: [" "] })).toThrow(
      '--allowed-host: expected a host name, got " "',
    );
  });
});
