// Authorization for the life of a GetWorkItems stream (docs/emulator.md "Auth"): with entra auth, an open stream
// ends with PERMISSION_DENIED once its caller's role assignment is deleted over ARM, and with UNAUTHENTICATED once
// the bearer token it opened with expires — each naming why — and the work item it held goes to another worker.
// Raw gRPC streams: the JS SDK worker swallows the stream's status and reconnects, so it cannot show the code.
import { Metadata, status, type ClientReadableStream, type ServiceError } from "@grpc/grpc-js";
import {
  NoOpLogger,
  OrchestrationStatus,
  TaskHubGrpcClient,
  TaskHubGrpcWorker,
} from "@microsoft/durabletask-js";
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import { TaskHubSidecarServiceClient } from "@microsoft/durabletask-js/dist/proto/orchestrator_service_grpc_pb";
import { credentials } from "@grpc/grpc-js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ROLE_DEFINITION_IDS } from "../../../emulator/auth/roles";
import type { EmulatorHandle } from "../../../emulator/server";
import { rawCall } from "../../helpers/emulator";
import { IDS, RESOURCE_GROUP, SUBSCRIPTION, startFixtureEmulator } from "../topology/authFixture";

const SCHEDULER_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.DurableTask/schedulers/dts-auth`;
const RECHECK_MS = 200;

let handle: EmulatorHandle;
let raw: TaskHubSidecarServiceClient;
const streams: ClientReadableStream<pb.WorkItem>[] = [];
const workers: TaskHubGrpcWorker[] = [];
const clients: TaskHubGrpcClient[] = [];

beforeAll(async () => {
  handle = await startFixtureEmulator({ streamAuthRecheckMs: RECHECK_MS });
  raw = new TaskHubSidecarServiceClient(
    `localhost:${handle.grpcPort}`,
    credentials.createInsecure(),
  );
});
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.cancel();
  await Promise.all(workers.splice(0).map((worker) => worker.stop().catch(() => undefined)));
  await Promise.all(clients.splice(0).map((client) => client.stop()));
});
afterAll(async () => {
  raw?.close();
  await handle?.close();
});

type Subject = (typeof IDS)[keyof typeof IDS];

async function bearer(subject: Subject, lifetimeSeconds?: number): Promise<Metadata> {
  const metadata = new Metadata();
  metadata.set("taskhub", "orders");
  const { token } = await handle.control.tokens.issue(
    subject,
    lifetimeSeconds === undefined ? {} : { lifetimeSeconds },
  );
  metadata.set("authorization", `Bearer ${token}`);
  return metadata;
}

interface OpenStream {
  items: pb.WorkItem[];
  ended: Promise<ServiceError>;
}

function openStream(metadata: Metadata): OpenStream {
  const stream = raw.getWorkItems(new pb.GetWorkItemsRequest(), metadata);
  streams.push(stream);
  const items: pb.WorkItem[] = [];
  stream.on("data", (item: pb.WorkItem) => {
    if (item.hasOrchestratorrequest()) items.push(item);
  });
  const ended = new Promise<ServiceError>((resolve) => stream.on("error", resolve));
  return { items, ended };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function endsWithin(ended: Promise<ServiceError>, timeoutMs: number): Promise<ServiceError> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the stream was still open after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([ended, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function startAsContributor(name: string): Promise<string> {
  const request = new pb.CreateInstanceRequest();
  request.setName(name);
  const response = await rawCall<pb.CreateInstanceRequest, pb.CreateInstanceResponse>(
    raw.startInstance.bind(raw),
    request,
    await bearer(IDS.ordersApp),
  );
  return response.getInstanceid();
}

/** An official SDK worker with a fresh token of the hub's Worker identity: takes over what a stream lost. */
async function rescuingWorker(name: string): Promise<void> {
  const worker = new TaskHubGrpcWorker({
    hostAddress: `localhost:${handle.grpcPort}`,
    metadataGenerator: () => bearer(IDS.ordersWorker),
    logger: new NoOpLogger(),
    shutdownTimeoutMs: 2000,
  });
  // eslint-disable-next-line @typescript-eslint/require-await -- durabletask-js drives async orchestrators
  worker.addNamedOrchestrator(name, async () => "rescued");
  workers.push(worker);
  await worker.start();
}

async function completedOutput(instanceId: string): Promise<string | undefined> {
  const client = new TaskHubGrpcClient({
    hostAddress: `localhost:${handle.grpcPort}`,
    metadataGenerator: () => bearer(IDS.ordersApp),
    logger: new NoOpLogger(),
  });
  clients.push(client);
  const state = await client.waitForOrchestrationCompletion(instanceId, true, 30);
  expect(state?.runtimeStatus).toBe(OrchestrationStatus.COMPLETED);
  return state?.serializedOutput;
}

describe("an open GetWorkItems stream", () => {
  it("ends with PERMISSION_DENIED when its caller's role is deleted, and its item is redelivered", async () => {
    const url = `${handle.httpEndpoint}${SCHEDULER_ID}/taskHubs/orders/providers/Microsoft.Authorization/roleAssignments/5e1e7a2b-2222-4b4b-8c8c-666666666666?api-version=2022-04-01`;
    const put = await fetch(url, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        properties: {
          roleDefinitionId: ROLE_DEFINITION_IDS.worker,
          principalId: IDS.stranger.principalId,
          principalType: "ServicePrincipal",
        },
      }),
    });
    expect(put.status).toBe(201);
    const stream = openStream(await bearer(IDS.stranger));
    const id = await startAsContributor("revoked");
    await until(() => stream.items.length > 0, 10_000, "the stream to receive the work item");

    expect((await fetch(url, { method: "DELETE" })).status).toBe(200);
    const error = await endsWithin(stream.ended, 5_000);
    expect(error.code).toBe(status.PERMISSION_DENIED);
    expect(error.details).toContain(
      "GetWorkItems stream ended: the caller is no longer authorized",
    );
    expect(error.details).toContain(`principal '${IDS.stranger.principalId}'`);
    expect(error.details).toContain("no Durable Task role");

    await rescuingWorker("revoked");
    expect(await completedOutput(id)).toBe(JSON.stringify("rescued"));
  });

  it("ends with UNAUTHENTICATED when the token it opened with expires, and its item is redelivered", async () => {
    const stream = openStream(await bearer(IDS.ordersWorker, 2));
    const id = await startAsContributor("expiring");
    await until(() => stream.items.length > 0, 10_000, "the stream to receive the work item");

    const error = await endsWithin(stream.ended, 6_000);
    expect(error.code).toBe(status.UNAUTHENTICATED);
    expect(error.details).toMatch(
      /^GetWorkItems stream ended: the caller is no longer authorized: invalid bearer token: the bearer token expired at /,
    );

    await rescuingWorker("expiring");
    expect(await completedOutput(id)).toBe(JSON.stringify("rescued"));
  });
});
