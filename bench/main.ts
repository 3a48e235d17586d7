// `npm run bench`: the local reference scheduler's benchmark (docs/reference/limits.md "Benchmark workloads"). Every
// (workload, target) pair runs in its own child process; the table goes to stdout, the JSON to bench/results/.
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { cpus, loadavg, platform, release, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { formatProfileSummary, summariseCpuProfile } from "./profile";
import type { ProfileSummary } from "./profile";
import { evaluateTargets, formatMarkdownTable, formatTable, formatVerdicts } from "./report";
import type { BenchResult, RunSpec, TargetName } from "./runner";
import { targetNames } from "./runner";
import { parentPipeVariable, resultPrefix } from "./runWorkloadProcess";
import type { WorkloadName } from "./workloads";
import { parseWorkloadList, workloadNames, workloads } from "./workloads";

const repositoryRoot = resolve(__dirname, "..");

/** Pure: parses `--targets a,b`. */
export function parseTargetList(value: string): TargetName[] {
  return value.split(",").map((raw) => {
    const name = raw.trim();
    if (!(targetNames as readonly string[]).includes(name)) {
      throw new InvalidArgumentError(
        `unknown target "${name}" (allowed: ${targetNames.join(", ")})`,
      );
    }
    return name as TargetName;
  });
}

/** Pure: parses one `--size workload=N` and adds it to the map collected so far. */
export function parseSizeOverride(
  value: string,
  previous: Readonly<Partial<Record<WorkloadName, number>>>,
): Partial<Record<WorkloadName, number>> {
  const match = /^([\w-]+)=(\d+)$/.exec(value);
  if (!match?.[1] || !match[2]) {
    throw new InvalidArgumentError(`"${value}" must look like <workload>=<positive integer>`);
  }
  const [name] = parseWorkloadList(match[1]);
  const size = Number(match[2]);
  if (!name || size < 1) throw new InvalidArgumentError(`"${value}": size must be ≥ 1`);
  return { ...previous, [name]: size };
}

interface BenchOptions {
  quick: boolean;
  workloads: WorkloadName[];
  targets: TargetName[];
  size: Partial<Record<WorkloadName, number>>;
  timeout: number;
  emulatorLogLevel: string;
  emulatorNodeArg: string[];
  profile: boolean;
  out?: string;
  workers?: number[];
}

/** Pure: parses `--workers 1,2,4` (worker-process counts, each ≥ 1). */
export function parseWorkerCounts(value: string): number[] {
  return value.split(",").map((raw) => {
    const count = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
    if (!Number.isInteger(count) || count < 1 || count > 16) {
      throw new InvalidArgumentError(
        `--workers: "${raw}" is not a worker-process count (an integer 1–16)`,
      );
    }
    return count;
  });
}

/** Workloads whose latency the client measures itself, so they can run with workers in other processes. */
const workerProcessWorkloads: readonly WorkloadName[] = [
  "hello-cities",
  "tiny-10k",
  "timers-1k",
  "rss-100k",
];

/** Pure: why a (workload, target) pair is not measured, or undefined when it is. */
export function notApplicableReason(
  workload: WorkloadName,
  target: TargetName,
  size: number,
  workers?: number,
): string | undefined {
  if (workers !== undefined) {
    if (target === "in-process")
      return "the in-process backend runs client and worker in one process";
    if (!workerProcessWorkloads.includes(workload))
      return "its latency is measured inside the worker; --workers runs only client-measured workloads";
  }
  if (target !== "in-process") return undefined;
  if (workload === "rss-100k") return "the RSS target concerns the emulator process";
  // Measured: the SDK's in-process loop runs one episode per activity result, replaying the whole history each
  // time (O(K²)); 1,000 activities take seconds, 10,000 take well over 10 minutes.
  if (workload.startsWith("fan-out") && size > 2000) {
    return `the SDK's in-process loop replays once per activity result (O(K²)); K=${size} exceeds minutes`;
  }
  if (workload === "entities")
    return "the SDK's InMemoryOrchestrationBackend has no entity support";
  return undefined;
}

/** The commit the benchmark ran at, with `-dirty` when the tree had changes; undefined outside git. */
function gitCommit(): string | undefined {
  try {
    const head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repositoryRoot })
      .toString()
      .trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], {
      cwd: repositoryRoot,
    })
      .toString()
      .trim();
    return dirty ? `${head}-dirty` : head;
  } catch {
    return undefined;
  }
}

function emptyResult(
  target: TargetName,
  workload: WorkloadName,
  size: number,
): Omit<BenchResult, "status"> {
  return {
    target,
    workload,
    size,
    workItems: 0,
    orchestrationEpisodes: 0,
    activityExecutions: 0,
    entityOperations: 0,
    durationMs: 0,
    workItemsPerSecond: 0,
    latencyKind: "",
    latencySamples: 0,
    rssScope: "",
  };
}

function runInChild(spec: RunSpec): Promise<BenchResult> {
  return new Promise((resolveRun) => {
    const child = spawn(
      process.execPath,
      ["--require", "tsx/cjs", join(__dirname, "runWorkloadProcess.ts"), JSON.stringify(spec)],
      {
        cwd: repositoryRoot,
        stdio: ["pipe", "pipe", "pipe"],
        env: { ...process.env, [parentPipeVariable]: "1" },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
      if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
    });
    // The runner enforces the workload deadline itself; this is the backstop for a hung child.
    const killer = setTimeout(() => child.kill("SIGKILL"), (spec.timeoutSeconds + 120) * 1000);
    child.once("exit", (code, signal) => {
      clearTimeout(killer);
      const line = stdout.split("\n").find((candidate) => candidate.startsWith(resultPrefix));
      if (line) {
        resolveRun(JSON.parse(line.slice(resultPrefix.length)) as BenchResult);
        return;
      }
      resolveRun({
        ...emptyResult(spec.target, spec.workload, spec.size),
        status: "failed",
        error: `runner exited (code ${code}, signal ${signal}) without a result: ${stderr.trim().split("\n").slice(-3).join(" | ")}`,
      });
    });
  });
}

async function profileEmulator(
  options: BenchOptions,
  resultsDir: string,
  stamp: string,
): Promise<ProfileSummary | undefined> {
  const profileDir = join(resultsDir, `profile-${stamp}`);
  mkdirSync(profileDir, { recursive: true });
  const size =
    options.size["hello-cities"] ??
    (options.quick ? workloads["hello-cities"].quickSize : workloads["hello-cities"].defaultSize);
  process.stdout.write(
    `\nprofiling the emulator (hello-cities, ${size} orchestrations, persistent store, --cpu-prof)…\n`,
  );
  const result = await runInChild({
    target: "emulator-file",
    workload: "hello-cities",
    size,
    timeoutSeconds: options.timeout,
    emulatorLogLevel: options.emulatorLogLevel,
    cpuProfileDir: profileDir,
  });
  const file = readdirSync(profileDir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) {
    process.stdout.write(
      `no .cpuprofile was written (run status: ${result.status} ${result.error ?? ""})\n`,
    );
    return undefined;
  }
  const summary = summariseCpuProfile(join(profileDir, file));
  process.stdout.write(`${formatProfileSummary(summary)}\n(profile: ${join(profileDir, file)})\n`);
  return summary;
}

async function main(options: BenchOptions): Promise<void> {
  const resultsDir = join(repositoryRoot, "bench/results");
  mkdirSync(resultsDir, { recursive: true });
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg();
  const stamp = startedAt.replace(/[:.]/g, "-");
  const results: BenchResult[] = [];
  for (const workload of options.workloads) {
    const size =
      options.size[workload] ??
      (options.quick ? workloads[workload].quickSize : workloads[workload].defaultSize);
    for (const target of options.targets) {
      for (const workers of options.workers ?? [undefined]) {
        const reason = notApplicableReason(workload, target, size, workers);
        if (reason) {
          results.push({
            ...emptyResult(target, workload, size),
            workers,
            status: "n/a",
            error: reason,
          });
          continue;
        }
        process.stdout.write(
          `running ${workload} (size ${size}) on ${target}${workers ? ` with ${workers} worker process(es)` : ""}… `,
        );
        const result = await runInChild({
          target,
          workload,
          size,
          timeoutSeconds: options.timeout,
          emulatorLogLevel: options.emulatorLogLevel,
          emulatorNodeArgs: options.emulatorNodeArg,
          workers,
        });
        process.stdout.write(
          result.status === "ok"
            ? `${result.workItemsPerSecond.toFixed(0)} work items/s in ${(result.durationMs / 1000).toFixed(2)} s\n`
            : `${result.status}: ${result.error ?? ""}\n`,
        );
        results.push(result);
      }
    }
  }
  const verdicts = evaluateTargets(results);
  process.stdout.write(`\n${formatTable(results)}\n\n${formatVerdicts(verdicts)}\n`);
  const profile = options.profile ? await profileEmulator(options, resultsDir, stamp) : undefined;
  const out = options.out ?? join(resultsDir, `bench-${stamp}.json`);
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    totalMemoryBytes: totalmem(),
    node: process.version,
    platform: `${platform()} ${release()}`,
  };
  const run = {
    startedAt,
    finishedAt: new Date().toISOString(),
    gitCommit: gitCommit(),
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    // Load average at the start and the end: other work on the machine skews CPU-bound figures.
    loadAverageAtStart,
    loadAverageAtEnd: loadavg(),
  };
  writeFileSync(
    out,
    `${JSON.stringify({ startedAt: stamp, run, machine, options, results, verdicts, profile }, null, 2)}\n`,
  );
  const markdown = out.replace(/\.json$/, "") + ".md";
  writeFileSync(
    markdown,
    `${formatMarkdownTable(results)}\n\n${verdicts.map((v) => `- **${v.verdict}** — ${v.target}: ${v.detail}`).join("\n")}\n`,
  );
  process.stdout.write(`\nJSON written to ${out}, Markdown table to ${markdown}\n`);
  if (results.some((result) => result.status === "failed")) process.exitCode = 1;
}

const program = new Command()
  .name("bench")
  .description(
    "Benchmark the dtsx emulator against the SDK's in-process backend (docs/reference/limits.md, Benchmark workloads)",
  )
  .option("--quick", "small sizes for a run of a few minutes", false)
  .addOption(
    new Option("--workloads <list>", `comma-separated subset of: ${workloadNames.join(", ")}`)
      .argParser((value) => {
        try {
          return parseWorkloadList(value);
        } catch (error) {
          throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
        }
      })
      .default([...workloadNames], "all"),
  )
  .addOption(
    new Option("--targets <list>", `comma-separated subset of: ${targetNames.join(", ")}`)
      .argParser(parseTargetList)
      .default([...targetNames], "all"),
  )
  .option("--size <workload=N>", "override one workload's size (repeatable)", parseSizeOverride, {})
  .option(
    "--timeout <seconds>",
    "deadline per (workload, target) run",
    (value) => {
      const seconds = Number(value);
      if (!Number.isInteger(seconds) || seconds < 1)
        throw new InvalidArgumentError(`"${value}" must be a positive integer`);
      return seconds;
    },
    600,
  )
  .option(
    "--emulator-log-level <level>",
    "the emulator's --log-level (logging off by default)",
    "silent",
  )
  .option(
    "--emulator-node-arg <flag>",
    "extra node flag for the emulator child, e.g. --max-old-space-size=256 (repeatable)",
    (value: string, previous: string[]) => [...previous, value],
    [] as string[],
  )
  .option(
    "--profile",
    "also run hello-cities once with the emulator under node --cpu-prof and summarise",
    false,
  )
  .option(
    "--workers <list>",
    "run the SDK worker in N separate processes (the client alone in the benchmark process); comma-separated, e.g. 1,2,4",
    parseWorkerCounts,
  )
  .option("--out <file>", "where to write the JSON (default bench/results/bench-<timestamp>.json)");

if (require.main === module) {
  program.parse(process.argv);
  main(program.opts<BenchOptions>()).catch((error: unknown) => {
    process.stderr.write(
      `bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
}
