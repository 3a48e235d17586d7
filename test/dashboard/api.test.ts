// The dashboard's HTTP surface without a browser (runs everywhere, also where Chromium is missing): the page and
// its bundle are served by the emulator itself, the JSON API validates its input with messages naming field, value
// and rule, actions answer with the data plane's own status, and the timeline pairs scheduling and result events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTimeline } from "../../emulator/dashboard/timeline";
import { parseRoute, paths } from "../../emulator/dashboard/ui/router";
import type { HistoryEventView, InstanceDetail } from "../../emulator/dashboard/api-types";
import { status, type ServiceError } from "@grpc/grpc-js";
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import { rawCall, startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { helloCities, registerWorkload } from "./workload";

let emulator: TestEmulator;
let base: string;

beforeAll(async () => {
  emulator = await startTestEmulator();
  base = `http://127.0.0.1:${emulator.handle.httpPort}`;
  const worker = emulator.worker("default", registerWorkload);
  await worker.start();
});
afterAll(async () => {
  await emulator?.close();
});

async function getJson(path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, body: await response.json() };
}

async function postJson(path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

describe("served by the emulator", () => {
  it("serves the page on / and on every client route, and the bundled script and styles", async () => {
    for (const path of [
      "/",
      "/taskhubs/default",
      "/taskhubs/default/orchestrations/a%2Fb",
      "/taskhubs/default/workers",
    ]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/html");
      const html = await response.text();
      expect(html).toMatch(
        /<script type="module" src="\/dashboard\/assets\/app\.js\?v=[0-9a-f]{12}"><\/script>/,
      );
    }
    const script = await fetch(`${base}/dashboard/assets/app.js`);
    expect(script.headers.get("content-type")).toContain("text/javascript");
    expect((await script.text()).length).toBeGreaterThan(10_000);
    const styles = await fetch(`${base}/dashboard/assets/styles.css`);
    expect(styles.headers.get("content-type")).toContain("text/css");
    expect(await styles.text()).toContain("--accent");
  });
});

describe("JSON API", () => {
  it("lists hubs and reports auth mode none", async () => {
    expect(await getJson("/dashboard/api/hubs")).toEqual({
      status: 200,
      body: [
        {
          name: "default",
          scheduler: "emulator",
          createdAt: expect.any(String) as string,
          counts: { total: 0, running: 0, pending: 0, suspended: 0, failed: 0 },
        },
      ],
    });
    expect(await getJson("/dashboard/api/session")).toEqual({
      status: 200,
      body: { authMode: "none", identities: [] },
    });
    const signIn = await postJson("/dashboard/api/session", { principalId: "x" });
    expect(signIn.status).toBe(400);
  });

  it("rejects bad list filters naming the field, the value and the rule", async () => {
    expect(await getJson("/dashboard/api/hubs/default/orchestrations?status=Done")).toEqual({
      status: 400,
      body: {
        error: {
          code: "INVALID_ARGUMENT",
          message:
            "status: unknown runtime status 'Done'; expected one of Running, Completed, ContinuedAsNew, Failed, Canceled, Terminated, Pending, Suspended",
        },
      },
    });
    expect(await getJson("/dashboard/api/hubs/default/orchestrations?pageSize=0")).toEqual({
      status: 400,
      body: {
        error: {
          code: "INVALID_ARGUMENT",
          message: "pageSize: expected an integer from 1 to 500, got '0'",
        },
      },
    });
    expect(
      await getJson("/dashboard/api/hubs/default/orchestrations?createdFrom=yesterday"),
    ).toEqual({
      status: 400,
      body: {
        error: {
          code: "INVALID_ARGUMENT",
          message: "createdFrom: expected an ISO 8601 date/time, got 'yesterday' (createdFrom)",
        },
      },
    });
    expect(await getJson("/dashboard/api/hubs/default/orchestrations?order=sideways")).toEqual({
      status: 400,
      body: {
        error: { code: "INVALID_ARGUMENT", message: "order: expected one of newest, oldest" },
      },
    });
    expect(await getJson("/dashboard/api/hubs/default/orchestrations?token=-3")).toEqual({
      status: 400,
      body: {
        error: {
          code: "INVALID_ARGUMENT",
          message: "token: '-3' is not a continuation token returned by this API",
        },
      },
    });
    expect(await getJson("/dashboard/api/hubs/default/orchestrations?tag=%3Dprod")).toEqual({
      status: 400,
      body: {
        error: {
          code: "INVALID_ARGUMENT",
          message: "tag: expected 'key' or 'key=value', got '=prod'",
        },
      },
    });
  });

  it("answers NOT_FOUND for an unknown hub and an unknown instance", async () => {
    const hub = await getJson("/dashboard/api/hubs/nope/orchestrations");
    expect(hub).toEqual({
      status: 404,
      body: { error: { code: "NOT_FOUND", message: "task hub 'nope' was not found" } },
    });
    const instance = await getJson("/dashboard/api/hubs/default/orchestrations/missing");
    expect(instance).toEqual({
      status: 404,
      body: {
        error: {
          code: "NOT_FOUND",
          message: "No orchestration instance 'missing' in task hub 'default'.",
        },
      },
    });
  });

  it("validates action bodies before calling the data plane", async () => {
    const badInput = await postJson("/dashboard/api/hubs/default/orchestrations", {
      name: "helloCities",
      input: "{oops",
    });
    expect(badInput.status).toBe(400);
    expect((badInput.body as { error: { message: string } }).error.message).toMatch(
      /^input: input must be valid JSON \(/,
    );
    expect(
      await postJson("/dashboard/api/hubs/default/orchestrations", { name: "x", color: "red" }),
    ).toEqual({
      status: 400,
      body: { error: { code: "INVALID_ARGUMENT", message: 'body: Unrecognized key: "color"' } },
    });
    expect(await postJson("/dashboard/api/hubs/default/orchestrations/x/explode", {})).toEqual({
      status: 404,
      body: {
        error: {
          code: "NOT_FOUND",
          message:
            "Unknown action 'explode'; expected one of raise-event, suspend, resume, terminate, restart, rewind, purge.",
        },
      },
    });
  });

  it("starts through the data plane and returns its refusals with their gRPC status", async () => {
    const started = await postJson("/dashboard/api/hubs/default/orchestrations", {
      name: "helloCities",
      instanceId: "api-1",
      tags: { via: "api" },
    });
    expect(started).toEqual({
      status: 200,
      body: { message: "Started orchestration 'helloCities' as api-1.", instanceId: "api-1" },
    });
    const state = await emulator.client().waitForOrchestrationCompletion("api-1", true, 60);
    expect(state?.serializedOutput).toBe('["Hello, Tokyo!","Hello, Seattle!","Hello, London!"]');
    // Purging a completed instance twice: the second is the data plane's NOT_FOUND or zero count, never a crash.
    const purged = await postJson("/dashboard/api/hubs/default/orchestrations/api-1/purge", {});
    expect(purged).toEqual({
      status: 200,
      body: { message: "Purged 1 instance.", instanceId: "api-1" },
    });
    // Rewinding a completed instance is refused by the data plane; the API forwards code and message verbatim.
    await emulator.client().scheduleNewOrchestration(helloCities, undefined, "api-2");
    await emulator.client().waitForOrchestrationCompletion("api-2", false, 60);
    const request = new pb.RewindInstanceRequest();
    request.setInstanceid("api-2");
    const raw = emulator.raw();
    const refusal = await rawCall(raw.rewindInstance.bind(raw), request, emulator.metadata()).then(
      () => undefined,
      (error: ServiceError) => ({ code: status[error.code], message: error.details }),
    );
    expect(refusal?.code).toBe("FAILED_PRECONDITION");
    expect(await postJson("/dashboard/api/hubs/default/orchestrations/api-2/rewind", {})).toEqual({
      status: 409,
      body: { error: refusal },
    });
  });

  it("starts with a scheduled start time, version and raw JSON input", async () => {
    const at = new Date(Date.now() + 86_400_000).toISOString();
    const started = await postJson("/dashboard/api/hubs/default/orchestrations", {
      name: "helloCities",
      instanceId: "api-later",
      version: "2.1",
      input: '{ "spaced": [1, 2] }',
      scheduledStartAt: at,
    });
    expect(started.status).toBe(200);
    const { body } = await getJson("/dashboard/api/hubs/default/orchestrations/api-later");
    const detail = body as InstanceDetail;
    expect([detail.status, detail.scheduledStartAt, detail.version, detail.input]).toEqual([
      "Pending",
      at,
      "2.1",
      '{ "spaced": [1, 2] }',
    ]);
    const terminated = await postJson(
      "/dashboard/api/hubs/default/orchestrations/api-later/terminate",
      {
        reason: "not needed",
        recursive: false,
      },
    );
    expect(terminated).toEqual({
      status: 200,
      body: { message: "Terminated api-later.", instanceId: "api-later" },
    });
  });

  it("shows an instance with its history and timeline", async () => {
    await emulator.client().scheduleNewOrchestration(helloCities, undefined, "api-3");
    await emulator.client().waitForOrchestrationCompletion("api-3", false, 60);
    const { status, body } = await getJson("/dashboard/api/hubs/default/orchestrations/api-3");
    expect(status).toBe(200);
    const detail = body as InstanceDetail;
    expect(detail.status).toBe("Completed");
    expect(detail.customStatus).toBe('{"greeted":3}');
    expect(detail.history.map((event) => event.type)).toContain("TaskCompleted");
    expect(detail.timeline.map((bar) => [bar.kind, bar.name, bar.outcome])).toEqual([
      ["activity", "sayHello", "completed"],
      ["activity", "sayHello", "completed"],
      ["activity", "sayHello", "completed"],
    ]);
  });
});

describe("client routes", () => {
  const route = (url: string) => {
    const parsed = new URL(url, "http://localhost");
    return parseRoute({ pathname: parsed.pathname, search: parsed.search });
  };

  it("maps paths to pages, keeps the filters and accepts '/' inside instance ids", () => {
    expect(route("/")).toEqual({ page: "hubs" });
    expect(route("/?taskhub=orders")).toMatchObject({ page: "orchestrations", hub: "orders" });
    const list = route("/taskhubs/orders?status=Failed&tag=env%3Dprod");
    expect(list).toMatchObject({ page: "orchestrations", hub: "orders" });
    expect(list.page === "orchestrations" && list.params.get("tag")).toBe("env=prod");
    expect(route(paths.instance("orders", "a/b c"))).toEqual({
      page: "instance",
      hub: "orders",
      instanceId: "a/b c",
    });
    expect(route("/taskhubs/orders/entities")).toMatchObject({ page: "entities", hub: "orders" });
    expect(route("/taskhubs/orders/workers")).toEqual({ page: "workers", hub: "orders" });
    expect(route("/nowhere")).toEqual({ page: "notFound", path: "/nowhere" });
  });
});

describe("buildTimeline", () => {
  const event = (
    eventId: number,
    type: string,
    second: number,
    fields: Record<string, unknown> = {},
  ): HistoryEventView => ({
    eventId,
    type,
    timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
    fields,
  });

  it("pairs results with their scheduling events by id and leaves unanswered tasks pending", () => {
    const bars = buildTimeline([
      event(-1, "OrchestratorStarted", 0),
      event(-1, "ExecutionStarted", 0, { name: "main" }),
      event(0, "TaskScheduled", 1, { name: "a" }),
      event(1, "TaskScheduled", 1, { name: "b" }),
      event(2, "TimerCreated", 1, { fireAt: "2026-01-01T00:00:09.000Z" }),
      event(3, "SubOrchestrationInstanceCreated", 2, { name: "child", instanceId: "c-1" }),
      event(-1, "TaskFailed", 4, { taskScheduledId: 1 }),
      event(-1, "TaskCompleted", 5, { taskScheduledId: 0 }),
      event(-1, "TimerFired", 9, { timerId: 2 }),
    ]);
    expect(bars).toEqual([
      {
        kind: "activity",
        taskId: 0,
        name: "a",
        start: "2026-01-01T00:00:01.000Z",
        end: "2026-01-01T00:00:05.000Z",
        outcome: "completed",
      },
      {
        kind: "activity",
        taskId: 1,
        name: "b",
        start: "2026-01-01T00:00:01.000Z",
        end: "2026-01-01T00:00:04.000Z",
        outcome: "failed",
      },
      {
        kind: "timer",
        taskId: 2,
        name: "timer",
        start: "2026-01-01T00:00:01.000Z",
        end: "2026-01-01T00:00:09.000Z",
        outcome: "completed",
        fireAt: "2026-01-01T00:00:09.000Z",
      },
      {
        kind: "subOrchestration",
        taskId: 3,
        name: "child",
        start: "2026-01-01T00:00:02.000Z",
        outcome: "pending",
        instanceId: "c-1",
      },
    ]);
  });
});
