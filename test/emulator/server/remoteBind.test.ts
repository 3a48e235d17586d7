// Binding beyond loopback: with auth none the emulator refuses to start unless told it is meant
// (`allowUnauthenticatedRemote`), and whenever it binds a non-loopback interface it warns first. 192.0.2.1
// (TEST-NET-1, RFC 5737) is never a local address, so the allowed start gets as far as the bind and fails there:
// nothing listens beyond loopback during the test.
import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { isLoopbackHost, startEmulator } from "../../../emulator/server";

function capturingLogger(): { logger: pino.Logger; lines: () => { level: number; msg: string }[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString());
      callback();
    },
  });
  return {
    logger: pino({ level: "warn" }, stream),
    lines: () => lines.map((line) => JSON.parse(line) as { level: number; msg: string }),
  };
}

const base = { grpcPort: 0, httpPort: 0, inMemory: true, logLevel: "silent" } as const;

describe("non-loopback bind", () => {
  it("refuses auth none on a non-loopback interface, naming the flag", async () => {
    await expect(
      startEmulator({ ...base, host: "0.0.0.0" }, { logger: pino({ level: "silent" }) }),
    ).rejects.toThrow(
      "host: '0.0.0.0' is not a loopback interface and auth is none: anyone who can reach it could start, terminate and purge orchestrations on every hub. Bind 127.0.0.1, use --auth entra with a stack, or pass --allow-unauthenticated-remote to accept that.",
    );
  });

  it("with allowUnauthenticatedRemote, warns before binding", async () => {
    const { logger, lines } = capturingLogger();
    await expect(
      startEmulator({ ...base, host: "192.0.2.1", allowUnauthenticatedRemote: true }, { logger }),
    ).rejects.toThrow(/192\.0\.2\.1/);
    expect(lines().map((line) => line.msg)).toContain(
      "binding '192.0.2.1', which is not a loopback interface: the gRPC data plane, the dashboard and the control plane are reachable from the network without any authentication.",
    );
  });

  it("treats localhost, 127.0.0.0/8 and ::1 as loopback, and nothing else", () => {
    expect(["localhost", "127.0.0.1", "127.0.0.2", "::1", "[::1]"].map(isLoopbackHost)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(["0.0.0.0", "::", "192.168.1.10", "example.com"].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
