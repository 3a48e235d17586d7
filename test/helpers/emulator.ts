// Test fixture: an emulator on free ports plus official @microsoft/durabletask-js clients and workers bound to a
// task hub through the `taskhub` metadata, exactly as the DTS SDK variants send it (docs/reference/sidecar.md
// "Per-call metadata").
import { Metadata, credentials, type ServiceError } from "@grpc/grpc-js";
import {
  NoOpLogger,
  TaskHubGrpcClient,
  TaskHubGrpcWorker,
  type TaskHubGrpcWorkerOptions,
} from "@microsoft/durabletask-js";
import { TaskHubSidecarServiceClient } from "@microsoft/durabletask-js/dist/proto/orchestrator_service_grpc_pb";
import {
  startEmulator,
  type EmulatorHandle,
  type StartEmulatorExtras,
} from "../../emulator/server";
import type { EmulatorOptionsInput } from "../../emulator/options";
import pino from "pino";

export interface TestEmulator {
  handle: EmulatorHandle;
  hostAddress: string;
  client(hub?: string): TaskHubGrpcClient;
  worker(
    hub?: string,
    configure?: (worker: TaskHubGrpcWorker) => void,
    extra?: Partial<TaskHubGrpcWorkerOptions>,
  ): TaskHubGrpcWorker;
  /** The generated raw client, for RPCs the SDK does not expose. */
  raw(): TaskHubSidecarServiceClient;
  metadata(hub?: string): Metadata;
  close(): Promise<void>;
}

export function hubMetadata(hub: string): Metadata {
  const metadata = new Metadata();
  metadata.set("taskhub", hub);
  return metadata;
}

export async function startTestEmulator(
  options: EmulatorOptionsInput = {},
  extras: StartEmulatorExtras = {},
): Promise<TestEmulator> {
  const handle = await startEmulator(
    { grpcPort: 0, httpPort: 0, inMemory: true, logLevel: "silent", ...options },
    { logger: pino({ level: process.env.DTSX_TEST_LOG_LEVEL ?? "silent" }), ...extras },
  );
  const hostAddress = `localhost:${handle.grpcPort}`;
  const clients: TaskHubGrpcClient[] = [];
  const workers: TaskHubGrpcWorker[] = [];
  const raws: TaskHubSidecarServiceClient[] = [];
  const generator = (hub: string) => () => Promise.resolve(hubMetadata(hub));
  return {
    handle,
    hostAddress,
    client(hub = "default") {
      const client = new TaskHubGrpcClient({
        hostAddress,
        metadataGenerator: generator(hub),
        logger: new NoOpLogger(),
      });
      clients.push(client);
      return client;
    },
    worker(hub = "default", configure, extra = {}) {
      const worker = new TaskHubGrpcWorker({
        hostAddress,
        metadataGenerator: generator(hub),
        logger: new NoOpLogger(),
        shutdownTimeoutMs: 2000,
        ...extra,
      });
      configure?.(worker);
      workers.push(worker);
      return worker;
    },
    raw() {
      const client = new TaskHubSidecarServiceClient(hostAddress, credentials.createInsecure());
      raws.push(client);
      return client;
    },
    metadata: (hub = "default") => hubMetadata(hub),
    async close() {
      await Promise.all(
        workers.map((worker) =>
          worker.stop().catch(() => {
            /* already stopped */
          }),
        ),
      );
      await Promise.all(clients.map((client) => client.stop()));
      for (const raw of raws) raw.close();
      await handle.close();
    },
  };
}

/** Promisified raw unary call with metadata. */
export function rawCall<Request, Response>(
  method: (
    request: Request,
    metadata: Metadata,
    callback: (error: ServiceError | null, response: Response) => void,
  ) => unknown,
  request: Request,
  metadata: Metadata,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    method(request, metadata, (error, response) => (error ? reject(error) : resolve(response)));
  });
}
