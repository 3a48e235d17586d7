// Entra data-plane auth end to end: tokens from the REAL @azure/identity ManagedIdentityCredential
// (App Service protocol against the emulator's identity endpoint), used by the official JS SDK through its
// metadataGenerator (`taskhub` + `authorization: Bearer …`), against the fixture topology served with auth entra.
import { ManagedIdentityCredential } from "@azure/identity";
import { Metadata, credentials, status, type ServiceError } from "@grpc/grpc-js";
import {
  NoOpLogger,
  OrchestrationStatus,
  TaskHubGrpcClient,
  TaskHubGrpcWorker,
  type OrchestrationContext,
  type TOrchestrator,
} from "@microsoft/durabletask-js";
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import { TaskHubSidecarServiceClient } from "@microsoft/durabletask-js/dist/proto/orchestrator_service_grpc_pb";
import { UnsecuredJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSigningKey } from "../../../emulator/identity/signingKey";
import { TokenService } from "../../../emulator/identity/tokens";
import type { EmulatorHandle } from "../../../emulator/server";
import { IDS, RESOURCE_GROUP, SUBSCRIPTION, startFixtureEmulator } from "../topology/authFixture";

const SCOPE = "https://durabletask.io/.default";
const SCHEDULER_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${RESOURCE_GROUP}/providers/Microsoft.DurableTask/schedulers/dts-auth`;

let handle: EmulatorHandle;
const clients: TaskHubGrpcClient[] = [];
const workers: TaskHubGrpcWorker[] = [];
const raws: TaskHubSidecarServiceClient[] = [];

beforeAll(async () => {
  handle = await startFixtureEmulator();
  const environment = handle.control.identityEnvironment(handle.httpPort);
  process.env.IDENTITY_ENDPOINT = environment.IDENTITY_ENDPOINT;
  process.env.IDENTITY_HEADER = environment.IDENTITY_HEADER;
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop().catch(() => undefined)));
  await Promise.all(clients.map((c) => c.stop()));
  for (const raw of raws) raw.close();
  await handle.close();
});

/** The SDK's per-call metadata: hub + bearer token, exactly as the DTS SDK variants send them. */
function metadataFor(hub: string, token: () => Promise<string | undefined>) {
  return async () => {
    const metadata = new Metadata();
    metadata.set("taskhub", hub);
    const value = await token();
    if (value !== undefined) metadata.set("authorization", `Bearer ${value}`);
    return metadata;
  };
}

function credentialToken(clientId: string, scope = SCOPE): () => Promise<string> {
  const credential = new ManagedIdentityCredential({ clientId });
  return async () => (await credential.getToken(scope)).token;
}

function client(hub: string, token: () => Promise<string | undefined>): TaskHubGrpcClient {
  const c = new TaskHubGrpcClient({
    hostAddress: `localhost:${handle.grpcPort}`,
    metadataGenerator: metadataFor(hub, token),
    logger: new NoOpLogger(),
  });
  clients.push(c);
  return c;
}

// eslint-disable-next-line @typescript-eslint/require-await -- durabletask-js 0.4.0 drives async orchestrators
const hello: TOrchestrator = async (_context: OrchestrationContext, name: string) =>
  `hello ${name}`;

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the call should have been refused").toBeDefined();
  return error as ServiceError;
}

describe("roles", () => {
  it("Contributor starts and reads; a Worker identity runs the orchestration", async () => {
    const worker = new TaskHubGrpcWorker({
      hostAddress: `localhost:${handle.grpcPort}`,
      metadataGenerator: metadataFor("orders", credentialToken(IDS.ordersWorker.clientId)),
      logger: new NoOpLogger(),
      shutdownTimeoutMs: 2000,
    });
    worker.addOrchestrator(hello);
    workers.push(worker);
    await worker.start();
    const orders = client("orders", credentialToken(IDS.ordersApp.clientId));
    const id = await orders.scheduleNewOrchestration(hello, "orders");
    const state = await orders.waitForOrchestrationCompletion(id, true, 60);
    expect(state?.runtimeStatus).toBe(OrchestrationStatus.COMPLETED);
    expect(state?.serializedOutput).toBe(JSON.stringify("hello orders"));
  });

  it("Worker may not start orchestrations or read instances: PERMISSION_DENIED naming principal, RPC, role, scope", async () => {
    const asWorker = client("orders", credentialToken(IDS.ordersWorker.clientId));
    const error = await refusal(asWorker.scheduleNewOrchestration(hello, "x"));
    expect(error.code).toBe(status.PERMISSION_DENIED);
    expect(error.details).toBe(
      `principal '${IDS.ordersWorker.principalId}' (client id '${IDS.ordersWorker.clientId}') is not allowed to call StartInstance on task hub 'orders': it needs the role Durable Task Data Contributor at scope '${SCHEDULER_ID}/taskHubs/orders' or '${SCHEDULER_ID}'; it has only Durable Task Worker at '${SCHEDULER_ID}/taskHubs/orders'.`,
    );
    const read = await refusal(asWorker.getOrchestrationState("anything"));
    expect(read.code).toBe(status.PERMISSION_DENIED);
    expect(read.details).toContain("call GetInstance");
    expect(read.details).toContain(
      "needs the role Durable Task Data Reader or Durable Task Data Contributor",
    );
  });

  it("Reader at scheduler scope reads every hub of the scheduler but cannot write or take work", async () => {
    const orders = client("orders", credentialToken(IDS.ordersApp.clientId));
    const id = await orders.scheduleNewOrchestration(hello, "reader");
    const asReader = client("orders", credentialToken(IDS.auditor.clientId));
    expect((await asReader.getOrchestrationState(id))?.instanceId).toBe(id);
    const ids = await asReader.listInstanceIds({ pageSize: 10 });
    expect(ids.values).toContain(id);
    const billing = client("billing", credentialToken(IDS.auditor.clientId));
    expect(await billing.getOrchestrationState("none")).toBeUndefined();
    const write = await refusal(asReader.terminateOrchestration(id, "no"));
    expect(write.code).toBe(status.PERMISSION_DENIED);
    expect(write.details).toContain("call TerminateInstance");
    expect(write.details).toContain(`it has only Durable Task Data Reader at '${SCHEDULER_ID}'`);

    // GetWorkItems (a worker RPC) through the SDK's generated client.
    const raw = new TaskHubSidecarServiceClient(
      `localhost:${handle.grpcPort}`,
      credentials.createInsecure(),
    );
    raws.push(raw);
    const metadata = await metadataFor("orders", credentialToken(IDS.auditor.clientId))();
    const streamError = await new Promise<ServiceError>((resolve) => {
      const stream = raw.getWorkItems(new pb.GetWorkItemsRequest(), metadata);
      stream.on("data", () => undefined);
      stream.on("error", (e: ServiceError) => resolve(e));
    });
    expect(streamError.code).toBe(status.PERMISSION_DENIED);
    expect(streamError.details).toContain("call GetWorkItems");
    expect(streamError.details).toContain(
      "needs the role Durable Task Worker or Durable Task Data Contributor",
    );
  });

  it("an identity with no role is refused everything", async () => {
    const asStranger = client("orders", credentialToken(IDS.stranger.clientId));
    const error = await refusal(asStranger.getOrchestrationState("x"));
    expect(error.code).toBe(status.PERMISSION_DENIED);
    expect(error.details).toContain(`principal '${IDS.stranger.principalId}'`);
    expect(error.details).toContain(
      "it has no Durable Task role on this task hub or its scheduler",
    );
  });

  it("a Contributor on one hub is refused on a hub it has no role on", async () => {
    const billing = client("billing", credentialToken(IDS.ordersApp.clientId));
    const error = await refusal(billing.scheduleNewOrchestration(hello, "x"));
    expect(error.code).toBe(status.PERMISSION_DENIED);
    expect(error.details).toContain("call StartInstance on task hub 'billing'");
    expect(error.details).toContain(`'${SCHEDULER_ID}/taskHubs/billing'`);
  });
});

describe("role assignments made over ARM apply at once", () => {
  it("grants a role with PUT and revokes it with DELETE", async () => {
    const asStranger = client("billing", credentialToken(IDS.stranger.clientId));
    expect((await refusal(asStranger.getOrchestrationState("x"))).code).toBe(
      status.PERMISSION_DENIED,
    );
    const url = `${handle.httpEndpoint}${SCHEDULER_ID}/taskHubs/billing/providers/Microsoft.Authorization/roleAssignments/0d9d5e0e-1111-4a4a-8b8b-555555555555?api-version=2022-04-01`;
    const put = await fetch(url, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        properties: {
          roleDefinitionId: "d6a5505f-6ebb-45a4-896e-ac8274cfc0ac",
          principalId: IDS.stranger.principalId,
          principalType: "ServicePrincipal",
        },
      }),
    });
    expect(put.status).toBe(201);
    expect(await asStranger.getOrchestrationState("x")).toBeUndefined();
    expect((await fetch(url, { method: "DELETE" })).status).toBe(200);
    expect((await refusal(asStranger.getOrchestrationState("x"))).code).toBe(
      status.PERMISSION_DENIED,
    );
  });
});

describe("bad tokens → UNAUTHENTICATED with the reason", () => {
  const expectUnauthenticated = async (
    token: () => Promise<string | undefined>,
    reason: RegExp,
  ) => {
    const error = await refusal(client("orders", token).getOrchestrationState("x"));
    expect(error.code).toBe(status.UNAUTHENTICATED);
    expect(error.details).toMatch(reason);
  };

  it("missing", async () => {
    await expectUnauthenticated(
      () => Promise.resolve(undefined),
      /^missing 'authorization' metadata/,
    );
  });

  it("not a Bearer token", async () => {
    const c = new TaskHubGrpcClient({
      hostAddress: `localhost:${handle.grpcPort}`,
      metadataGenerator: () => {
        const metadata = new Metadata();
        metadata.set("taskhub", "orders");
        metadata.set("authorization", "Basic dXNlcjpwYXNz");
        return Promise.resolve(metadata);
      },
      logger: new NoOpLogger(),
    });
    clients.push(c);
    const error = await refusal(c.getOrchestrationState("x"));
    expect(error.code).toBe(status.UNAUTHENTICATED);
    expect(error.details).toContain("is not a Bearer token");
  });

  it("bad signature (a token from another emulator's key)", async () => {
    const foreign = new TokenService({ key: await loadSigningKey() });
    await expectUnauthenticated(
      async () => (await foreign.issue(IDS.ordersApp)).token,
      /^invalid bearer token: the bearer token's signature is invalid/,
    );
  });

  it("expired", async () => {
    const past = Math.floor(Date.now() / 1000) - 7200;
    await expectUnauthenticated(
      async () =>
        (
          await handle.control.tokens.issue(IDS.ordersApp, {
            issuedAtSeconds: past,
            lifetimeSeconds: 3600,
          })
        ).token,
      /^invalid bearer token: the bearer token expired at /,
    );
  });

  it("wrong audience (a real credential asked for another resource)", async () => {
    await expectUnauthenticated(
      credentialToken(IDS.ordersApp.clientId, "https://management.azure.com/.default"),
      /audience "https:\/\/management\.azure\.com" is not 'https:\/\/durabletask\.io'/,
    );
  });

  it("alg none", async () => {
    const unsigned = new UnsecuredJWT({
      oid: IDS.ordersApp.principalId,
      tid: handle.control.tokens.tenantId,
    })
      .setAudience("https://durabletask.io")
      .setIssuer(handle.control.tokens.issuer)
      .setExpirationTime("1h")
      .encode();
    await expectUnauthenticated(
      () => Promise.resolve(unsigned),
      /the bearer token is unsigned \(alg 'none'\)/,
    );
  });
});

describe("ipAllowlist", () => {
  it("an empty allowlist denies all traffic, even with the right role", async () => {
    const closed = client("closed", credentialToken(IDS.ordersApp.clientId));
    const error = await refusal(closed.scheduleNewOrchestration(hello, "x"));
    expect(error.code).toBe(status.PERMISSION_DENIED);
    expect(error.details).toBe(
      "client address '127.0.0.1' is not allowed: the ipAllowlist of scheduler 'dts-closed' is empty, which denies all traffic.",
    );
  });

  it("an address outside the allowlist is refused; inside it is served", async () => {
    const privateHub = client("private", credentialToken(IDS.ordersApp.clientId));
    const error = await refusal(privateHub.getOrchestrationState("x"));
    expect(error.code).toBe(status.PERMISSION_DENIED);
    expect(error.details).toBe(
      "client address '127.0.0.1' is not in the ipAllowlist of scheduler 'dts-private' (10.0.0.0/8).",
    );
    const orders = client("orders", credentialToken(IDS.ordersApp.clientId));
    expect(await orders.getOrchestrationState("nothing")).toBeUndefined();
  });
});
