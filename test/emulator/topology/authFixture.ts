// The fixture topology (fixtures/stacks/Pulumi.authtest.yaml) served by a real emulator on free ports.
import { join } from "node:path";
import pino from "pino";
import type { EmulatorOptionsInput } from "../../../emulator/options";
import { startEmulator, type EmulatorHandle } from "../../../emulator/server";

export const FIXTURE_STACKS = join(__dirname, "fixtures", "stacks");
export const SUBSCRIPTION = "11111111-2222-4333-8444-555555555555";
export const RESOURCE_GROUP = "rg-auth-test";

export const IDS = {
  ordersApp: {
    principalId: "a1a1a1a1-0000-4000-8000-000000000001",
    clientId: "c1c1c1c1-0000-4000-8000-000000000001",
  },
  ordersWorker: {
    principalId: "a2a2a2a2-0000-4000-8000-000000000002",
    clientId: "c2c2c2c2-0000-4000-8000-000000000002",
  },
  auditor: {
    principalId: "a3a3a3a3-0000-4000-8000-000000000003",
    clientId: "c3c3c3c3-0000-4000-8000-000000000003",
  },
  stranger: {
    principalId: "a4a4a4a4-0000-4000-8000-000000000004",
    clientId: "c4c4c4c4-0000-4000-8000-000000000004",
  },
} as const;

export function startFixtureEmulator(options: EmulatorOptionsInput = {}): Promise<EmulatorHandle> {
  return startEmulator(
    {
      grpcPort: 0,
      httpPort: 0,
      inMemory: true,
      logLevel: "silent",
      stack: "authtest",
      stackDir: FIXTURE_STACKS,
      ...options,
    },
    { logger: pino({ level: process.env.DTSX_TEST_LOG_LEVEL ?? "silent" }) },
  );
}
