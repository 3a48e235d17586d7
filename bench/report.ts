// Turns benchmark results into the printed table and the verdict on the
// emulator's throughput, latency and RSS targets (docs/benchmarks.md).
import type { BenchResult } from "./runner";
import type { WorkloadName } from "./workloads";
import { workloads } from "./workloads";

const mib = 1024 * 1024;

function cell(value: number | undefined, digits = 0): string {
  return value === undefined || Number.isNaN(value) ? "–" : value.toFixed(digits);
}

/** "shared" when the worker runs in the benchmark process, else the number of worker processes. */
function workersCell(result: BenchResult): string {
  return result.workers === undefined ? "shared" : String(result.workers);
}

/** The emulator's CPU per work item, in ms. */
function cpuPerItemMs(result: BenchResult): number | undefined {
  if (result.emulatorCpuMs === undefined || result.workItems === 0) return undefined;
  return result.emulatorCpuMs / result.workItems;
}

export function formatTable(results: readonly BenchResult[]): string {
  const header = [
    "workload",
    "size",
    "target",
    "workers",
    "work items",
    "seconds",
    "CPU s emulator",
    "ms CPU/item",
    "CPU s driver",
    "CPU s workers",
    "items/s",
    "p50 ms",
    "p99 ms",
    "start RSS MB",
    "peak RSS MB",
    "final RSS MB",
    "status",
  ];
  const rows = results.map((result) => [
    result.workload,
    String(result.size),
    result.target,
    workersCell(result),
    String(result.workItems),
    cell(result.durationMs / 1000, 2),
    cell(result.emulatorCpuMs === undefined ? undefined : result.emulatorCpuMs / 1000, 1),
    cell(cpuPerItemMs(result), 3),
    cell(result.runnerCpuMs === undefined ? undefined : result.runnerCpuMs / 1000, 1),
    cell(result.workerCpuMs === undefined ? undefined : result.workerCpuMs / 1000, 1),
    cell(result.workItemsPerSecond),
    cell(result.p50Ms),
    cell(result.p99Ms),
    cell(result.startRssBytes === undefined ? undefined : result.startRssBytes / mib),
    cell(result.peakRssBytes === undefined ? undefined : result.peakRssBytes / mib),
    cell(result.finalRssBytes === undefined ? undefined : result.finalRssBytes / mib),
    result.status === "ok" ? "ok" : `${result.status}: ${result.error ?? ""}`,
  ]);
  const statusColumn = header.length - 1;
  const widths = header.map((title, column) =>
    Math.max(
      title.length,
      ...rows.map((row) => (column === statusColumn ? 0 : (row[column] ?? "").length)),
    ),
  );
  const line = (row: readonly string[]): string =>
    row
      .map((value, column) =>
        column >= 4 && column < statusColumn
          ? value.padStart(widths[column] ?? 0)
          : value.padEnd(widths[column] ?? 0),
      )
      .join("  ")
      .trimEnd();
  const latencyNotes = [
    ...new Map(results.filter((r) => r.latencyKind).map((r) => [r.workload, r.latencyKind])),
  ].map(([workload, kind]) => `  ${workload}: p50/p99 of ${kind}`);
  return [
    line(header),
    line(widths.map((width) => "-".repeat(width))),
    ...rows.map(line),
    "",
    "latency definitions:",
    ...latencyNotes,
    "peak RSS: the emulator process (VmHWM) for emulator targets; the whole benchmark process for in-process.",
    "CPU s: CPU time used during the measurement by the emulator process, the driver process (SDK client, plus the",
    "  worker when workers = shared; for in-process also the backend) and the worker processes (--workers N).",
    "ms CPU/item: the emulator's CPU per work item. 2 cores: total CPU s / seconds near 2 means a saturated machine.",
    "start RSS: the emulator once started and warmed up; final RSS: once the workload completed.",
  ].join("\n");
}

export interface TargetVerdict {
  target: string;
  verdict: "met" | "missed" | "not evaluated";
  detail: string;
}

function find(
  results: readonly BenchResult[],
  workload: WorkloadName,
  target: BenchResult["target"],
): BenchResult | undefined {
  return results.find(
    (result) => result.workload === workload && result.target === target && result.status === "ok",
  );
}

/** Pure: the benchmark targets, judged only on full-size runs of the persistent store. */
export function evaluateTargets(results: readonly BenchResult[]): TargetVerdict[] {
  const fullSize = (result: BenchResult | undefined): result is BenchResult =>
    result !== undefined && result.size >= workloads[result.workload].defaultSize;
  const verdicts: TargetVerdict[] = [];

  const hello = find(results, "hello-cities", "emulator-file");
  const helloCeiling = find(results, "hello-cities", "in-process");
  if (fullSize(hello)) {
    const rate = hello.workItemsPerSecond;
    verdicts.push({
      target: "hello-cities ≥ 1,400 work items/s (persistent store)",
      verdict: rate >= 1400 ? "met" : "missed",
      detail: `${rate.toFixed(0)} work items/s (${((rate / 1400) * 100).toFixed(0)} % of 1,400)`,
    });
    if (helloCeiling) {
      const share = rate / helloCeiling.workItemsPerSecond;
      verdicts.push({
        target: "hello-cities ≥ 25 % of the in-process ceiling",
        verdict: share >= 0.25 ? "met" : "missed",
        detail: `${(share * 100).toFixed(1)} % of ${helloCeiling.workItemsPerSecond.toFixed(0)} work items/s`,
      });
    }
  } else {
    verdicts.push({
      target: "hello-cities throughput",
      verdict: "not evaluated",
      detail: "no full-size emulator-file run",
    });
  }

  const fanOut = find(results, "fan-out-10k", "emulator-file");
  verdicts.push(
    fullSize(fanOut)
      ? {
          target: "fan-out of 10k activities completes in < 15 s (persistent store)",
          verdict: fanOut.durationMs < 15_000 ? "met" : "missed",
          detail: `${(fanOut.durationMs / 1000).toFixed(2)} s`,
        }
      : {
          target: "fan-out of 10k < 15 s",
          verdict: "not evaluated",
          detail: "no full-size emulator-file run",
        },
  );

  const rss = find(results, "rss-100k", "emulator-file");
  // "RSS after 100k completed orchestrations": judged on the RSS once all have completed; the peak during the
  // burst (garbage not yet collected, 10k+ calls in flight) is reported next to it.
  verdicts.push(
    fullSize(rss) && rss.finalRssBytes !== undefined
      ? {
          target: "emulator RSS < 500 MB after 100k completed orchestrations (persistent store)",
          verdict: rss.finalRssBytes < 500 * mib ? "met" : "missed",
          detail: `${(rss.finalRssBytes / mib).toFixed(0)} MB once all had completed (peak during the run ${((rss.peakRssBytes ?? 0) / mib).toFixed(0)} MB)`,
        }
      : {
          target: "RSS after 100k orchestrations",
          verdict: "not evaluated",
          detail: "no full-size emulator-file run",
        },
  );
  return verdicts;
}

export function formatVerdicts(verdicts: readonly TargetVerdict[]): string {
  return ["targets:", ...verdicts.map((v) => `  [${v.verdict}] ${v.target}: ${v.detail}`)].join(
    "\n",
  );
}

/** The same table as Markdown, for docs/benchmarks.md and the README. */
export function formatMarkdownTable(results: readonly BenchResult[]): string {
  const rows = results.map((result) =>
    [
      result.workload,
      String(result.size),
      result.target,
      workersCell(result),
      result.status === "ok" ? String(result.workItems) : "–",
      result.status === "ok" ? cell(result.durationMs / 1000, 2) : "–",
      result.status === "ok" ? cell(result.workItemsPerSecond) : "–",
      cell(result.p50Ms),
      cell(result.p99Ms),
      cell(result.startRssBytes === undefined ? undefined : result.startRssBytes / mib),
      cell(result.peakRssBytes === undefined ? undefined : result.peakRssBytes / mib),
      cell(result.finalRssBytes === undefined ? undefined : result.finalRssBytes / mib),
      cell(result.emulatorCpuMs === undefined ? undefined : result.emulatorCpuMs / 1000, 1),
      cell(cpuPerItemMs(result), 3),
      cell(result.runnerCpuMs === undefined ? undefined : result.runnerCpuMs / 1000, 1),
      cell(result.workerCpuMs === undefined ? undefined : result.workerCpuMs / 1000, 1),
      result.status === "ok" ? "ok" : `${result.status}: ${result.error ?? ""}`,
    ].join(" | "),
  );
  return [
    "| workload | size | target | workers | work items | s | work items/s | p50 ms | p99 ms | start RSS MB | peak RSS MB | final RSS MB | CPU s emulator | emulator ms CPU/item | CPU s driver | CPU s workers | status |",
    "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
}
