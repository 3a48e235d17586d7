// The `ready` line's connection strings must be usable as printed: `Authentication=None` with auth off, and no
// such string with entra auth on (it would be refused); there the per-identity ManagedIdentity strings follow.
import { afterAll, describe, expect, it } from "vitest";
import pino from "pino";
import { readyLine } from "../../cli/commands/emulator";
import { startEmulator, type EmulatorHandle } from "../../emulator/server";

const logger = pino({ level: "silent" });
const handles: EmulatorHandle[] = [];
afterAll(async () => {
  await Promise.all(handles.map((handle) => handle.close()));
});

async function start(auth: "none" | "entra"): Promise<EmulatorHandle> {
  const handle = await startEmulator(
    { grpcPort: 0, httpPort: 0, inMemory: true, auth, logLevel: "silent" },
    { logger },
  );
  handles.push(handle);
  return handle;
}

describe("readyLine", () => {
  it("prints an Authentication=None connection string per hub when auth is off", async () => {
    const handle = await start("none");
    expect(readyLine(handle)).toContain(
      `| Endpoint=${handle.grpcEndpoint};Authentication=None;TaskHub=default`,
    );
  });

  it("prints no Authentication=None string when entra auth is on, and names the hubs", async () => {
    const handle = await start("entra");
    const line = readyLine(handle);
    expect(line).toContain("ready");
    expect(line).not.toContain("Authentication=None");
    expect(line).toContain("auth entra: task hubs default");
  });
});
