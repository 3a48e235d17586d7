// Structured logs (pino). The emulator logs JSON lines to stderr, so that stdout carries only the `ready` line
// and anything a script may parse.
import pino, { type Logger } from "pino";
import type { EmulatorOptions } from "./options";

export function createLogger(level: EmulatorOptions["logLevel"]): Logger {
  return pino({ name: "dtsx-emulator", level }, pino.destination({ fd: 2, sync: false }));
}
