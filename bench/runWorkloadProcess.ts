// Child-process entry of the benchmark: runs exactly one (target, workload, size) and prints its result as one
// `BENCH_RESULT {json}` line on stdout. bench/main.ts starts one of these per measurement.
import { runWorkload } from "./runner";
import type { RunSpec } from "./runner";

export const resultPrefix = "BENCH_RESULT ";
/** Set by bench/main.ts, which holds our stdin open for as long as it lives. */
export const parentPipeVariable = "DTSX_BENCH_PARENT_PIPE";

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? "") as RunSpec;
  const result = await runWorkload(spec);
  process.stdout.write(`${resultPrefix}${JSON.stringify(result)}\n`);
}

if (require.main === module) {
  // bench/main.ts holds our stdin open; when it dies (Ctrl-C, timeout, kill) the pipe closes and this run ends
  // too, taking its emulator child with it, instead of burning the shared CPUs unobserved.
  if (process.env[parentPipeVariable] === "1") {
    process.stdin.on("end", () => process.exit(130));
    process.stdin.resume();
  }
  main().then(
    // gRPC channels and timers of the SDK may keep the loop alive; the result is already written.
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `bench runner: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
