// The dashboard's HTTP port against requests a hostile page or network peer can make: a foreign Host (DNS
// rebinding) gets 421, a state-changing call that a cross-site page could send without a CORS preflight, or one
// naming a foreign Origin, gets 403 and changes nothing; reads and actions obey the scheduler's ipAllowlist with the
// caller's own address (a second loopback address, 127.0.0.2, stands in for another machine), also on the gRPC leg
// of an action, which no other client can impersonate.
import { request as httpRequest } from "node:http";
import { Metadata, status, type ServiceError } from "@grpc/grpc-js";
import { OrchestrationStatus } from "@microsoft/durabletask-js";
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORWARDED_CLIENT_METADATA, FORWARDED_KEY_METADATA } from "../../emulator/auth/ipAllowlist";
import { rawCall, startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { approval, registerWorkload } from "./workload";

let emulator: TestEmulator;
let port: number;

interface Answer {
  status: number;
  body: { error?: { code: string; message: string } } & Record<string, unknown>;
}

/** node:http rather than fetch: fetch cannot set Host, Origin or Sec-Fetch-Site, nor pick a source address. */
function send(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string; localAddress?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: "127.0.0.1",
        port,
        method,
        path,
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk.toString()));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: (text ? JSON.parse(text) : {}) as Answer["body"],
          }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(options.body);
  });
}

const terminatePath = (instanceId: string, hub = "default") =>
  `/dashboard/api/hubs/${hub}/orchestrations/${instanceId}/terminate`;

async function startWaiting(instanceId: string): Promise<void> {
  const client = emulator.client();
  await client.scheduleNewOrchestration(approval, undefined, instanceId);
  await client.waitForOrchestrationStart(instanceId, false, 30);
}

async function runtimeStatus(instanceId: string): Promise<OrchestrationStatus | undefined> {
  return (await emulator.client().getOrchestrationState(instanceId, false))?.runtimeStatus;
}

beforeAll(async () => {
  emulator = await startTestEmulator({ taskHubNames: ["default"], allowedHosts: ["dtsx.test"] });
  port = emulator.handle.httpPort;
  await emulator.worker("default", registerWorkload).start();
}, 60_000);
afterAll(async () => {
  await emulator?.close();
});

describe("Host header (DNS rebinding)", () => {
  it("answers 421 to a name it does not serve, on the dashboard and every other route", async () => {
    for (const path of ["/", "/dashboard/api/hubs", "/health"]) {
      const answer = await send("GET", path, {
        headers: { host: `rebind.attacker.example:${port}` },
      });
      expect(answer.status).toBe(421);
      expect(answer.body.error?.code).toBe("MISDIRECTED_REQUEST");
      expect(answer.body.error?.message).toContain(`Host 'rebind.attacker.example:${port}'`);
    }
  });

  it("serves loopback names, the bound address and configured names", async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, "dtsx.test"]) {
      const answer = await send("GET", "/dashboard/api/hubs", { headers: { host } });
      expect(answer.status, host).toBe(200);
    }
  });
});

describe("state-changing calls a cross-site page could send", () => {
  it("refuses a body-less POST, text/plain and a form, and the orchestration keeps running", async () => {
    await startWaiting("csrf-simple");
    const simple: Record<string, string>[] = [
      {},
      { "content-type": "text/plain" },
      { "content-type": "application/x-www-form-urlencoded" },
      { "content-type": "multipart/form-data; boundary=x" },
    ];
    for (const headers of simple) {
      const answer = await send("POST", terminatePath("csrf-simple"), {
        headers,
        body: headers["content-type"] ? '{"reason":"pwned"}' : undefined,
      });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.body.error?.code).toBe("PERMISSION_DENIED");
      expect(answer.body.error?.message).toContain("content-type: application/json");
    }
    // The refusal is answered before anything runs, so the state read after it is final.
    expect(await runtimeStatus("csrf-simple")).toBe(OrchestrationStatus.RUNNING);
  });

  it("refuses JSON from a foreign Origin (another localhost port included) and cross-site fetch metadata", async () => {
    await startWaiting("csrf-origin");
    const foreign: Record<string, string>[] = [
      { origin: "http://evil.example" },
      { origin: `http://127.0.0.1:${port + 1}` },
      { origin: "null" },
      { "sec-fetch-site": "same-site" },
      { "sec-fetch-site": "cross-site" },
    ];
    for (const headers of foreign) {
      const answer = await send("POST", terminatePath("csrf-origin"), {
        headers: { "content-type": "application/json", ...headers },
        body: "{}",
      });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.body.error?.code).toBe("PERMISSION_DENIED");
    }
    const origin = await send("POST", terminatePath("csrf-origin"), {
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      body: "{}",
    });
    expect(origin.body.error?.message).toBe(
      `Origin 'http://evil.example' is not this dashboard's origin (http://127.0.0.1:${port}): cross-site requests may not change anything.`,
    );
    expect(await runtimeStatus("csrf-origin")).toBe(OrchestrationStatus.RUNNING);
  });

  it("accepts the dashboard's own requests: same-origin JSON, or the dashboard header without a body", async () => {
    await startWaiting("same-origin");
    const suspended = await send(
      "POST",
      "/dashboard/api/hubs/default/orchestrations/same-origin/suspend",
      { headers: { "x-dtsx-dashboard": "1", "sec-fetch-site": "same-origin" } },
    );
    expect(suspended.status).toBe(200);
    const terminated = await send("POST", terminatePath("same-origin"), {
      headers: { "content-type": "application/json", origin: `http://127.0.0.1:${port}` },
      body: '{"reason":"done"}',
    });
    expect(terminated.status).toBe(200);
    const state = await emulator.client().waitForOrchestrationCompletion("same-origin", false, 30);
    expect(state?.runtimeStatus).toBe(OrchestrationStatus.TERMINATED);
  });

  it("guards the session endpoints too", async () => {
    const answer = await send("DELETE", "/dashboard/api/session");
    expect(answer.status).toBe(403);
  });
});

describe("the scheduler's network rules with the caller's address", () => {
  const ref = {
    subscriptionId: "00000000-0000-4000-8000-000000000001",
    resourceGroup: "rg-net",
    scheduler: "dts-net",
  };

  beforeAll(async () => {
    const control = emulator.handle.control.controlPlane;
    control.putScheduler(ref, {
      location: "westeurope",
      tags: {},
      ipAllowlist: ["127.0.0.2/32"],
      sku: { name: "Consumption" },
    });
    await control.putTaskHub(ref, "fenced");
  });

  it("refuses reads and actions from an address outside the ipAllowlist, naming it", async () => {
    const read = await send("GET", "/dashboard/api/hubs/fenced/orchestrations");
    expect(read.status).toBe(403);
    expect(read.body.error).toEqual({
      code: "PERMISSION_DENIED",
      message:
        "client address '127.0.0.1' is not in the ipAllowlist of scheduler 'dts-net' (127.0.0.2/32).",
    });
    const start = await send("POST", "/dashboard/api/hubs/fenced/orchestrations", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "approval", instanceId: "fenced-1" }),
    });
    expect(start.status).toBe(403);
    expect(emulator.handle.engine.getInstance("fenced", "fenced-1")).toBeUndefined();
    const hubs = (await send("GET", "/dashboard/api/hubs")).body as unknown as { name: string }[];
    expect(hubs.map((hub) => hub.name)).toEqual(["default"]);
  });

  it("admits the allowed address for reads and for actions, whose gRPC leg judges that address too", async () => {
    const from = { localAddress: "127.0.0.2" };
    const read = await send("GET", "/dashboard/api/hubs/fenced/orchestrations", from);
    expect(read.status).toBe(200);
    // The dashboard's own gRPC connection comes from 127.0.0.1, which the allowlist refuses: the start succeeds
    // only because the guard judges the forwarded browser address.
    const start = await send("POST", "/dashboard/api/hubs/fenced/orchestrations", {
      ...from,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "approval", instanceId: "fenced-2" }),
    });
    expect(start.status).toBe(200);
    expect(emulator.handle.engine.getInstance("fenced", "fenced-2")?.name).toBe("approval");
    const hubs = (await send("GET", "/dashboard/api/hubs", from)).body as unknown as {
      name: string;
    }[];
    expect(hubs.map((hub) => hub.name).sort()).toEqual(["default", "fenced"]);
  });

  it("does not let another gRPC client claim an address without the emulator's key", async () => {
    const metadata = new Metadata();
    metadata.set("taskhub", "fenced");
    metadata.set(FORWARDED_CLIENT_METADATA, "127.0.0.2");
    metadata.set(FORWARDED_KEY_METADATA, "guessed");
    const request = new pb.GetInstanceRequest();
    request.setInstanceid("fenced-2");
    const raw = emulator.raw();
    const error = (await rawCall(raw.getInstance.bind(raw), request, metadata).catch(
      (e: unknown) => e,
    )) as ServiceError;
    expect(error.code).toBe(status.PERMISSION_DENIED);
    expect(error.details).toContain("client address '127.0.0.1'");
  });
});
