// The ipAllowlist over a real IPv6 connection: the emulator bound to ::1, the client's peer address
// `[::1]:port` matched against `::1/128` (allowed) and `10.0.0.0/8` (refused). Auth none: only the network check.
import { Metadata, status, type ServiceError } from "@grpc/grpc-js";
import { NoOpLogger, TaskHubGrpcClient } from "@microsoft/durabletask-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../../../emulator/server";
import { startFixtureEmulator } from "../topology/authFixture";

let handle: EmulatorHandle;
const clients: TaskHubGrpcClient[] = [];

beforeAll(async () => {
  handle = await startFixtureEmulator({ host: "::1", auth: "none" });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.stop()));
  await handle.close();
});

function client(hub: string): TaskHubGrpcClient {
  const c = new TaskHubGrpcClient({
    hostAddress: `[::1]:${handle.grpcPort}`,
    metadataGenerator: () => {
      const metadata = new Metadata();
      metadata.set("taskhub", hub);
      return Promise.resolve(metadata);
    },
    logger: new NoOpLogger(),
  });
  clients.push(c);
  return c;
}

describe("ipAllowlist over IPv6", () => {
  it("serves ::1 where the allowlist has ::1/128", async () => {
    expect(await client("orders").getOrchestrationState("none")).toBeUndefined();
  });

  it("refuses ::1 where the allowlist is 10.0.0.0/8", async () => {
    const error = (await client("private")
      .getOrchestrationState("none")
      .catch((e: unknown) => e)) as ServiceError;
    expect(error.code).toBe(status.PERMISSION_DENIED);
    expect(error.details).toBe(
      "client address '::1' is not in the ipAllowlist of scheduler 'dts-private' (10.0.0.0/8).",
    );
  });
});
