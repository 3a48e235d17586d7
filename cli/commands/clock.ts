// `dtsx clock advance --seconds N [--http-port 8082] [--host 127.0.0.1]`: moves a running emulator's
// clock forward through `POST /admin/clock/advance` (the emulator must run with --time-skipping). Due timers fire and
// autopurge runs before the command returns. Exit codes: 0 ok, 2 invalid flags, 1 emulator unreachable or refusing.
import { Command } from "commander";
import { DEFAULT_HOST, DEFAULT_HTTP_PORT } from "../../emulator/options";

export const EXIT_INVALID = 2;
export const EXIT_FAILED = 1;

export interface ClockAdvanceFlags {
  seconds?: string;
  httpPort?: string;
  host?: string;
}

export class ClockFlagError extends Error {}

/** Flags → request; every problem names the flag, its value and the rule. */
export function parseClockAdvanceFlags(flags: ClockAdvanceFlags): { url: string; seconds: number } {
  if (flags.seconds === undefined)
    throw new ClockFlagError("--seconds: required (how far to move the clock)");
  const seconds = Number(flags.seconds);
  if (!/^\d+(\.\d+)?$/.test(flags.seconds) || !(seconds > 0)) {
    throw new ClockFlagError(`--seconds: expected a number greater than 0, got "${flags.seconds}"`);
  }
  const portText = flags.httpPort ?? String(DEFAULT_HTTP_PORT);
  const port = /^\d+$/.test(portText) ? Number(portText) : Number.NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ClockFlagError(`--http-port: expected an integer 1–65535, got "${portText}"`);
  }
  const host = flags.host ?? DEFAULT_HOST;
  const hostPart = host.includes(":") ? `[${host}]` : host;
  return { url: `http://${hostPart}:${port}/admin/clock/advance`, seconds };
}

export function clockCommand(): Command {
  const clock = new Command("clock").description(
    "Control a running emulator's clock (requires dtsx emulator --time-skipping)",
  );
  clock
    .command("advance")
    .description("Move the emulator's clock forward, firing due timers and autopurge")
    .option("--seconds <n>", "how many seconds to skip")
    .option("--http-port <port>", `the emulator's HTTP port (default ${DEFAULT_HTTP_PORT})`)
    .option("--host <host>", `the emulator's host (default ${DEFAULT_HOST})`)
    .action(async (flags: ClockAdvanceFlags) => {
      let request: { url: string; seconds: number };
      try {
        request = parseClockAdvanceFlags(flags);
      } catch (error) {
        process.stderr.write(`dtsx clock advance: ${(error as Error).message}\n`);
        process.exitCode = EXIT_INVALID;
        return;
      }
      let response: Response;
      try {
        response = await fetch(request.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ seconds: request.seconds }),
        });
      } catch (error) {
        process.stderr.write(
          `dtsx clock advance: cannot reach the emulator at ${request.url}: ${(error as Error).message}\n`,
        );
        process.exitCode = EXIT_FAILED;
        return;
      }
      const text = await response.text();
      if (response.status === 404) {
        process.stderr.write(
          `dtsx clock advance: ${request.url} answered 404: start the emulator with --time-skipping\n`,
        );
        process.exitCode = EXIT_FAILED;
        return;
      }
      if (!response.ok) {
        process.stderr.write(`dtsx clock advance: HTTP ${response.status}: ${text}\n`);
        process.exitCode = EXIT_FAILED;
        return;
      }
      const body = JSON.parse(text) as { now: string; advancedSeconds: number };
      process.stdout.write(
        `clock advanced ${body.advancedSeconds}s; emulator time is now ${body.now}\n`,
      );
    });
  return clock;
}
