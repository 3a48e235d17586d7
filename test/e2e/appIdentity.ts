// What an app does after `pulumi up` in the end-to-end tests: with the managed-identity variables the emulator prints
// (IDENTITY_ENDPOINT / IDENTITY_HEADER), DefaultAzureCredential gets a token for its client id; the official JS SDK
// runs an orchestration on the app's own hub, and the same identity is refused on a hub it holds no role on.
import { DefaultAzureCredential } from "@azure/identity";
import { Metadata } from "@grpc/grpc-js";
import {
  NoOpLogger,
  OrchestrationStatus,
  TaskHubGrpcClient,
  TaskHubGrpcWorker,
  type ActivityContext,
  type OrchestrationContext,
} from "@microsoft/durabletask-js";
import { expect } from "vitest";
import type { LocalScheduler } from "./localScheduler";

const greet = (_context: ActivityContext, name: string): string => `Hello, ${name}!`;
// An orchestrator as the SDK's samples write it: an async generator whose yields the SDK types as `any`.
// eslint-disable-next-line @typescript-eslint/require-await, @typescript-eslint/no-explicit-any
async function* hello(context: OrchestrationContext, name: string): any {
  return yield context.callActivity(greet, name);
}

export interface AppIdentityCheck {
  scheduler: LocalScheduler;
  clientId: string;
  principalId: string;
  /** The hub the identity holds a role on: an orchestration must complete there. */
  ownHub: string;
  /** A hub it holds no role on: the data plane must refuse it, naming the principal. */
  otherHub: string;
  /** The orchestration's input; its output must be `Hello, <input>!`. */
  input: string;
}

export async function expectAppIdentityConfinedToItsHub(check: AppIdentityCheck): Promise<void> {
  const { scheduler } = check;
  // MSAL reads the variables when a token is requested, so they stay set for the whole check.
  const saved = {
    IDENTITY_ENDPOINT: process.env["IDENTITY_ENDPOINT"],
    IDENTITY_HEADER: process.env["IDENTITY_HEADER"],
  };
  Object.assign(process.env, scheduler.identityEnvironment);
  const credential = new DefaultAzureCredential({ managedIdentityClientId: check.clientId });
  const metadataFor = (hub: string) => async () => {
    const token = await credential.getToken("https://durabletask.io/.default");
    const metadata = new Metadata();
    metadata.set("taskhub", hub);
    metadata.set("authorization", `Bearer ${token.token}`);
    return metadata;
  };
  const worker = new TaskHubGrpcWorker({
    hostAddress: scheduler.hostAddress,
    metadataGenerator: metadataFor(check.ownHub),
    logger: new NoOpLogger(),
    shutdownTimeoutMs: 2000,
  });
  worker.addOrchestrator(hello);
  worker.addActivity(greet);
  const client = new TaskHubGrpcClient({
    hostAddress: scheduler.hostAddress,
    metadataGenerator: metadataFor(check.ownHub),
    logger: new NoOpLogger(),
  });
  const refused = new TaskHubGrpcClient({
    hostAddress: scheduler.hostAddress,
    metadataGenerator: metadataFor(check.otherHub),
    logger: new NoOpLogger(),
  });
  try {
    await worker.start();
    const id = await client.scheduleNewOrchestration(hello, check.input);
    const state = await client.waitForOrchestrationCompletion(id, true, 120);
    expect(state?.runtimeStatus).toBe(OrchestrationStatus.COMPLETED);
    expect(state?.serializedOutput).toBe(JSON.stringify(`Hello, ${check.input}!`));
    await expect(refused.scheduleNewOrchestration(hello, check.otherHub)).rejects.toThrow(
      new RegExp(`PERMISSION_DENIED[\\s\\S]*${check.principalId}`),
    );
  } finally {
    await worker.stop().catch(() => undefined);
    await client.stop();
    await refused.stop();
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
