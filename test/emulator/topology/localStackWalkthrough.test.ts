// The walkthrough of docs/control-plane.md against the repository's own stacks/Pulumi.local.yaml, i.e. what
// `npm start` (`dtsx emulator --stack local`) serves: auth is on by default; the orders-app identity gets a token
// with DefaultAzureCredential (IDENTITY_ENDPOINT, IDENTITY_HEADER, AZURE_CLIENT_ID), runs an orchestration on its
// hub `orders`, and is refused on `billing`, where it has no role.
import { DefaultAzureCredential } from "@azure/identity";
import { Metadata, status, type ServiceError } from "@grpc/grpc-js";
import {
  NoOpLogger,
  OrchestrationStatus,
  TaskHubGrpcClient,
  TaskHubGrpcWorker,
  type OrchestrationContext,
  type TOrchestrator,
} from "@microsoft/durabletask-js";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type EmulatorHandle } from "../../../emulator/server";

const ORDERS_APP_CLIENT_ID = "4a6c8e0b-2d4f-4a1c-9e3b-5f7a9c1e3b58";

let handle: EmulatorHandle;
const stoppers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  handle = await startEmulator(
    {
      grpcPort: 0,
      httpPort: 0,
      inMemory: true,
      stack: "local",
      stackDir: join(__dirname, "../../../stacks"),
    },
    { logger: pino({ level: "silent" }) },
  );
  const environment = handle.control.identityEnvironment(handle.httpPort);
  process.env.IDENTITY_ENDPOINT = environment.IDENTITY_ENDPOINT;
  process.env.IDENTITY_HEADER = environment.IDENTITY_HEADER;
  process.env.AZURE_CLIENT_ID = ORDERS_APP_CLIENT_ID;
});
afterAll(async () => {
  for (const stop of stoppers) await stop().catch(() => undefined);
  await handle.close();
});

// eslint-disable-next-line @typescript-eslint/require-await -- durabletask-js 0.4.0 drives async orchestrators
const greet: TOrchestrator = async (_context: OrchestrationContext, name: string) =>
  `hello ${name}`;

/** What an app writes: `taskhub` plus a bearer token from DefaultAzureCredential for https://durabletask.io. */
function dtsMetadata(hub: string) {
  const credential = new DefaultAzureCredential();
  return async () => {
    const token = await credential.getToken("https://durabletask.io/.default");
    const metadata = new Metadata();
    metadata.set("taskhub", hub);
    metadata.set("authorization", `Bearer ${token.token}`);
    return metadata;
  };
}

describe("docs/control-plane.md walkthrough on stacks/Pulumi.local.yaml", () => {
  it("serves the local stack with entra auth on by default", () => {
    expect(handle.control.auth).toBe("entra");
    expect(
      handle.engine
        .listHubs()
        .map((h) => h.name)
        .sort(),
    ).toEqual(["billing", "orders"]);
  });

  it("orders-app runs an orchestration on its hub and is refused on billing", async () => {
    const hostAddress = `localhost:${handle.grpcPort}`;
    const worker = new TaskHubGrpcWorker({
      hostAddress,
      metadataGenerator: dtsMetadata("orders"),
      logger: new NoOpLogger(),
      shutdownTimeoutMs: 2000,
    });
    worker.addOrchestrator(greet);
    await worker.start();
    stoppers.push(() => worker.stop());
    const client = new TaskHubGrpcClient({
      hostAddress,
      metadataGenerator: dtsMetadata("orders"),
      logger: new NoOpLogger(),
    });
    stoppers.push(() => client.stop());
    const id = await client.scheduleNewOrchestration(greet, "local");
    const state = await client.waitForOrchestrationCompletion(id, true, 60);
    expect(state?.runtimeStatus).toBe(OrchestrationStatus.COMPLETED);
    expect(state?.serializedOutput).toBe(JSON.stringify("hello local"));

    const billing = new TaskHubGrpcClient({
      hostAddress,
      metadataGenerator: dtsMetadata("billing"),
      logger: new NoOpLogger(),
    });
    stoppers.push(() => billing.stop());
    const error = (await billing
      .scheduleNewOrchestration(greet, "x")
      .catch((e: unknown) => e)) as ServiceError;
    expect(error.code).toBe(status.PERMISSION_DENIED);
    expect(error.details).toMatch(
      /^principal '7c3e5a1f-9d2b-4f6e-8a4c-1b3d5f7a9e02' \(client id '4a6c8e0b-2d4f-4a1c-9e3b-5f7a9c1e3b58'\) is not allowed to call StartInstance on task hub 'billing': it needs the role Durable Task Data Contributor at scope '.*\/taskHubs\/billing' or '.*\/schedulers\/dts-local'; it has no Durable Task role on this task hub or its scheduler\.$/,
    );
  });
});
