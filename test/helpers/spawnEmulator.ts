// Runs the `dtsx emulator` CLI as a child process, the way a user (or a crash) would see it: the crash-recovery
// test SIGKILLs it and restarts it on the same data directory, the Python suite connects to it, and the benchmark
// reads its peak RSS from /proc.
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const repositoryRoot = resolve(__dirname, "../..");
const cliEntry = resolve(repositoryRoot, "bin/dtsx.js");

export type EmulatorStore = { dataDir: string } | { inMemory: true };

export interface SpawnEmulatorOptions {
  store: EmulatorStore;
  /** 0 (default) lets the emulator pick a free port and report it on its `ready` line. */
  grpcPort?: number;
  httpPort?: number;
  logLevel?: string;
  /** Extra node flags for the child, e.g. `--cpu-prof` for the benchmark's profile. */
  nodeArgs?: readonly string[];
  env?: Readonly<Record<string, string>>;
  /** How long to wait for the `ready` line; a loaded 2-core machine needs generous values. */
  readyTimeoutMs?: number;
}

export interface SpawnedEmulator {
  pid: number;
  /** `http://localhost:<port>` as printed on the ready line. */
  grpcEndpoint: string;
  /** `localhost:<port>`, the form the JS SDK's `hostAddress` takes. */
  hostAddress: string;
  grpcPort: number;
  readyLine: string;
  /** Everything the child wrote so far (stdout and stderr interleaved), for failure messages. */
  output(): string;
  /** Sends a signal; resolves with the exit code/signal once the process is gone. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<EmulatorExit>;
  exited: Promise<EmulatorExit>;
}

export interface EmulatorExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Pure: the CLI arguments for one emulator run. */
export function emulatorCliArguments(options: SpawnEmulatorOptions): string[] {
  const store =
    "inMemory" in options.store ? ["--in-memory"] : ["--data-dir", options.store.dataDir];
  return [
    ...(options.nodeArgs ?? []),
    cliEntry,
    "emulator",
    "--host",
    "127.0.0.1",
    "--grpc-port",
    String(options.grpcPort ?? 0),
    "--http-port",
    String(options.httpPort ?? 0),
    ...store,
    "--log-level",
    options.logLevel ?? "warn",
  ];
}

/**
 * Pure: finds the gRPC endpoint on the emulator's `ready` line. The line carries the endpoint and connection
 * strings (`Endpoint=http://localhost:8080;Authentication=None;TaskHub=default`); the first `http://host:port` is
 * the gRPC endpoint.
 */
export function parseReadyLine(
  line: string,
): { grpcEndpoint: string; grpcPort: number } | undefined {
  if (!/ready/i.test(line)) return undefined;
  const match = /http:\/\/([\w.-]+|\[[0-9a-f:]+\]):(\d+)/i.exec(line);
  if (!match?.[2]) return undefined;
  const grpcPort = Number(match[2]);
  return { grpcEndpoint: `http://localhost:${grpcPort}`, grpcPort };
}

const liveChildren = new Set<ChildProcess>();
let exitHookInstalled = false;

// A test that fails half-way must not leave emulators running on the shared machine.
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of liveChildren) child.kill("SIGKILL");
  });
}

export async function spawnEmulator(options: SpawnEmulatorOptions): Promise<SpawnedEmulator> {
  installExitHook();
  const child = spawn(process.execPath, emulatorCliArguments(options), {
    cwd: repositoryRoot,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  liveChildren.add(child);
  let transcript = "";
  const exited = new Promise<EmulatorExit>((resolveExit) => {
    child.once("exit", (code, signal) => {
      liveChildren.delete(child);
      resolveExit({ code, signal });
    });
  });

  const ready = new Promise<{ line: string; grpcEndpoint: string; grpcPort: number }>(
    (resolveReady, rejectReady) => {
      let pending = "";
      const onData = (chunk: Buffer): void => {
        const text = chunk.toString("utf8");
        transcript += text;
        // Keep the transcript bounded: a long benchmark run at a verbose log level must not grow it forever.
        if (transcript.length > 200_000) transcript = transcript.slice(-100_000);
        pending += text;
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        for (const line of lines) {
          const parsed = parseReadyLine(line);
          if (parsed) resolveReady({ line, ...parsed });
        }
      };
      child.stdout.on("data", onData);
      child.stderr.on("data", onData);
      void exited.then(({ code, signal }) =>
        rejectReady(
          new Error(
            `emulator exited before printing its ready line (code ${code}, signal ${signal}):\n${transcript}`,
          ),
        ),
      );
      const timeoutMs = options.readyTimeoutMs ?? 60_000;
      const timer = setTimeout(() => {
        rejectReady(
          new Error(`emulator printed no ready line within ${timeoutMs} ms:\n${transcript}`),
        );
      }, timeoutMs);
      timer.unref();
    },
  );

  let readyInfo: { line: string; grpcEndpoint: string; grpcPort: number };
  try {
    readyInfo = await ready;
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    throw error;
  }

  const stop = async (
    signal: NodeJS.Signals = "SIGTERM",
    timeoutMs = 30_000,
  ): Promise<EmulatorExit> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    pid: child.pid ?? -1,
    grpcEndpoint: readyInfo.grpcEndpoint,
    hostAddress: `localhost:${readyInfo.grpcPort}`,
    grpcPort: readyInfo.grpcPort,
    readyLine: readyInfo.line,
    output: () => transcript,
    stop,
    exited,
  };
}

/** Resident set size now and at its peak (VmHWM), in bytes, from /proc; undefined where /proc is missing. */
export function readProcessMemory(
  pid: number,
): { rssBytes: number; peakRssBytes: number } | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return undefined;
  }
  const kib = (field: string): number => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
    return match?.[1] ? Number(match[1]) * 1024 : 0;
  };
  return { rssBytes: kib("VmRSS"), peakRssBytes: kib("VmHWM") };
}

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat; undefined without /proc. */
export function readProcessCpuMs(pid: number): number | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // Fields after the parenthesised command name: state is field 3, utime 14, stime 15 (proc(5)), in clock ticks
  // of 1/100 s on Linux (getconf CLK_TCK).
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks * 10 : undefined;
}
