// The dashboard in a real browser: Debian's Chromium driven by playwright-core against an emulator on free
// ports, with real orchestrations run by the official @microsoft/durabletask-js worker. Covers the list and every
// filter, paging over 10k instances, auto-refresh, the drill-down into a sub-orchestration and back, every
// action (with confirmation, success and the server's exact error), entities, workers & metrics, and the hub
// picker. Screenshots of the main pages go to test-results/dashboard/.
// The tests run in file order and build on one another's state (one emulator, one browser profile): counts and
// statuses asserted later include what earlier actions did.
import { Metadata } from "@grpc/grpc-js";
import type { TaskHubGrpcClient } from "@microsoft/durabletask-js";
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawCall, startTestEmulator, type TestEmulator } from "../helpers/emulator";
import {
  chromiumAvailable,
  launchBrowser,
  reportSkip,
  screenshot,
  UI_TIMEOUT,
  visible,
  waitForStatus,
  type Browser,
} from "./browser";
import { EntityInstanceId } from "@microsoft/durabletask-js";
import {
  approval,
  helloCities,
  processOrder,
  registerWorkload,
  restock,
  shipOrders,
} from "./workload";

reportSkip("dashboard");

const BULK_INSTANCES = 10_000;

describe.skipIf(!chromiumAvailable)("dashboard in Chromium", () => {
  let emulator: TestEmulator;
  let client: TaskHubGrpcClient;
  let browser: Browser;
  let page: Page;
  let base: string;
  /** Taken between the two seeding waves: instances created after it are exactly the "late-" ones. */
  let secondWaveAt: string;

  const rowIds = async () =>
    page
      .locator("[data-testid=instances] tbody tr")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-instance-id") ?? ""));
  /** Waits for the list to settle on exactly `expected` (order-insensitive). */
  const expectRows = async (expected: string[]) => {
    await expect
      .poll(async () => (await rowIds()).sort(), { timeout: UI_TIMEOUT, interval: 200 })
      .toEqual([...expected].sort());
  };
  const openList = async (query = "") => {
    await page.goto(`${base}/taskhubs/default${query}`);
    await visible(page.locator("[data-testid=range], [data-testid=no-instances]"));
  };
  const openInstance = async (instanceId: string) => {
    await page.goto(`${base}/taskhubs/default/orchestrations/${encodeURIComponent(instanceId)}`);
    await visible(page.locator("[data-testid=instance-id]"));
  };
  /** After client-side navigation, waits until the page shows this instance (not the previous one). */
  const showsInstance = async (instanceId: string) => {
    await expect
      .poll(() => page.locator("[data-testid=instance-id]").textContent(), { timeout: UI_TIMEOUT })
      .toBe(instanceId);
  };
  const confirmDialog = async () => {
    await page.locator(".dialog button.confirm").click();
  };
  const toast = (text: string) => visible(page.locator("[data-testid=toast]", { hasText: text }));

  beforeAll(async () => {
    emulator = await startTestEmulator({ taskHubNames: ["default", "orders", "bulk"] });
    base = `http://127.0.0.1:${emulator.handle.httpPort}`;
    const worker = emulator.worker("default", registerWorkload);
    await worker.start();
    const ordersWorker = emulator.worker("orders", registerWorkload);
    await ordersWorker.start();
    client = emulator.client("default");

    // Wave 1: finished work of every shape.
    for (let index = 1; index <= 6; index++) {
      await client.scheduleNewOrchestration(helloCities, undefined, {
        instanceId: `hello-${index}`,
        tags: { env: index % 2 ? "dev" : "prod", team: index <= 3 ? "web" : "core" },
      });
    }
    await client.scheduleNewOrchestration(shipOrders, 3, "ship-1");
    await client.scheduleNewOrchestration(processOrder, { id: "big", amount: 5000 }, "order-big");
    await client.scheduleNewOrchestration(
      processOrder,
      { id: "flaky-1", amount: 42 },
      "order-flaky",
    );
    for (const id of [
      "hello-1",
      "hello-2",
      "hello-3",
      "hello-4",
      "hello-5",
      "hello-6",
      "ship-1",
      "order-big",
      "order-flaky",
    ]) {
      await client.waitForOrchestrationCompletion(id, false, 60);
    }
    // Wave 2, strictly later: orchestrations that wait for an event (targets of the actions).
    await new Promise((resolve) => setTimeout(resolve, 50));
    secondWaveAt = new Date().toISOString();
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const id of ["late-event", "late-suspend", "late-terminate", "late-cancel"]) {
      await client.scheduleNewOrchestration(approval, undefined, id);
    }
    for (const id of ["late-event", "late-suspend", "late-terminate", "late-cancel"]) {
      await client.waitForOrchestrationStart(id, false, 60);
    }
    const orders = emulator.client("orders");
    await orders.scheduleNewOrchestration(helloCities, undefined, "orders-hello");
    await orders.waitForOrchestrationCompletion("orders-hello", false, 60);

    // 10k instances for paging, through the engine's own start path (no worker on this hub: they stay Pending).
    for (let index = 0; index < BULK_INSTANCES; index++) {
      emulator.handle.engine.startOrchestration("bulk", {
        instanceId: `bulk-${String(index).padStart(5, "0")}`,
        name: index % 2 ? "nightlyReport" : "syncInventory",
      });
    }

    browser = await launchBrowser();
    page = await browser.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await emulator?.close();
  });

  it("lists every task hub of every scheduler and switches hubs with the picker", async () => {
    await page.goto(`${base}/`);
    await visible(page.locator("[data-testid=hub-card]"));
    expect(await page.locator("[data-testid=hub-card] h3").allTextContents()).toEqual([
      "bulk",
      "default",
      "orders",
    ]);
    // Counts for the overview: bulk holds 10,000 pending instances; default has two failed and four running.
    const counts = async (hub: string) => {
      const card = page.locator("[data-testid=hub-card]", { hasText: hub });
      const chips = await card.locator(".count-chip").allTextContents();
      return [await card.locator("[data-testid=hub-counts] b").textContent(), ...chips].join(" | ");
    };
    expect(await counts("bulk")).toBe("10,000 | 10,000 pending");
    expect(await counts("default")).toBe("16 | 4 running | 2 failed");
    await screenshot(page, "hubs");
    await page.locator("[data-testid=hub-card]", { hasText: "orders" }).click();
    await page.waitForURL(`${base}/taskhubs/orders`);
    await expectRows(["orders-hello"]);
    await page.locator("[data-testid=hub-picker]").selectOption("default");
    await page.waitForURL(`${base}/taskhubs/default`);
    await visible(page.locator("tr[data-instance-id=ship-1]"));
  });

  it("shows the orchestrations list with id, name, status, created, last updated and tags", async () => {
    await openList();
    await visible(page.locator("tr[data-instance-id=late-cancel]"));
    const headers = await page.locator("[data-testid=instances] thead th").allTextContents();
    expect(headers.map((text) => text.trim())).toEqual([
      "Instance ID",
      "Name",
      "Status",
      "Created ↓",
      "Last updated",
      "Tags",
    ]);
    // Newest first by default: the second wave (late-*) comes before the first.
    const ids = await rowIds();
    expect(ids.indexOf("late-cancel")).toBeLessThan(ids.indexOf("hello-1"));
    const row = page.locator("tr[data-instance-id=hello-2]");
    await expect.poll(() => row.locator("td").nth(1).textContent()).toBe("helloCities");
    expect(await row.locator(".badge").getAttribute("data-status")).toBe("Completed");
    expect(await row.locator(".tags").textContent()).toContain("env=prod");
    expect(
      await page.locator("tr[data-instance-id=order-big] .badge").getAttribute("data-status"),
    ).toBe("Failed");
    expect(
      await page.locator("tr[data-instance-id=late-event] .badge").getAttribute("data-status"),
    ).toBe("Running");
    // 6 hello + ship-1 + 3 children + 2 orders + 4 late.
    expect(await page.locator("[data-testid=range]").textContent()).toBe("1–16 of 16");
    await screenshot(page, "orchestrations");
  });

  it("filters by orchestration name, and the URL carries the filter across a reload", async () => {
    await openList();
    await page.locator("input[name=name]").fill("processOrder");
    await page.locator("[data-testid=apply-filters]").click();
    await page.waitForURL(/[?&]name=processOrder/);
    const expected = [
      "ship-1-child-1",
      "ship-1-child-2",
      "ship-1-child-3",
      "order-big",
      "order-flaky",
    ];
    await expectRows(expected);
    await page.reload();
    await expectRows(expected);
    expect(await page.locator("input[name=name]").inputValue()).toBe("processOrder");
  });

  it("filters by runtime status", async () => {
    await openList();
    await page.locator(".status-filter label", { hasText: "Failed" }).click();
    await page.locator("[data-testid=apply-filters]").click();
    await page.waitForURL(/[?&]status=Failed/);
    await expectRows(["order-big", "order-flaky"]);
    await page.locator(".status-filter label", { hasText: "Running" }).click();
    await page.locator("[data-testid=apply-filters]").click();
    await page.waitForURL(/status=Running%2CFailed|status=Failed%2CRunning/);
    await expectRows([
      "order-big",
      "order-flaky",
      "late-event",
      "late-suspend",
      "late-terminate",
      "late-cancel",
    ]);
  });

  it("filters by tag key and by key=value", async () => {
    await openList("?tag=env%3Dprod");
    await expectRows(["hello-2", "hello-4", "hello-6"]);
    expect(await page.locator("input[name=tag]").inputValue()).toBe("env=prod");
    await page.locator("input[name=tag]").fill("team");
    await page.locator("[data-testid=apply-filters]").click();
    await page.waitForURL(/[?&]tag=team(&|$)/);
    await expectRows(["hello-1", "hello-2", "hello-3", "hello-4", "hello-5", "hello-6"]);
  });

  it("filters by instance id prefix and by free-text search", async () => {
    await openList();
    await page.locator("input[name=prefix]").fill("late-");
    await page.locator("[data-testid=apply-filters]").click();
    await page.waitForURL(/[?&]prefix=late-/);
    await expectRows(["late-event", "late-suspend", "late-terminate", "late-cancel"]);
    await page.locator("[data-testid=filters] button", { hasText: "Clear" }).click();
    await page.locator("input[name=q]").fill("ship");
    await page.locator("[data-testid=apply-filters]").click();
    await page.waitForURL(/[?&]q=ship/);
    await expectRows(["ship-1", "ship-1-child-1", "ship-1-child-2", "ship-1-child-3"]);
  });

  it("filters by created from/to", async () => {
    // Exact instants through the shareable URL…
    await openList(`?createdFrom=${encodeURIComponent(secondWaveAt)}`);
    await expectRows(["late-event", "late-suspend", "late-terminate", "late-cancel"]);
    await openList(`?createdTo=${encodeURIComponent(secondWaveAt)}&prefix=hello-`);
    await expectRows(["hello-1", "hello-2", "hello-3", "hello-4", "hello-5", "hello-6"]);
    // …and the date pickers (minute precision): from tomorrow matches nothing, to tomorrow matches everything.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const local = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, "0")}-${String(tomorrow.getDate()).padStart(2, "0")}T12:00`;
    await openList();
    await page.locator("input[name=createdFrom]").fill(local);
    await page.locator("[data-testid=apply-filters]").click();
    await page.waitForURL(/[?&]createdFrom=/);
    await visible(page.locator("[data-testid=no-instances]"));
    await openList();
    await page.locator("input[name=createdTo]").fill(local);
    await page.locator("[data-testid=apply-filters]").click();
    await page.waitForURL(/[?&]createdTo=/);
    await expect
      .poll(() => page.locator("[data-testid=range]").textContent(), { timeout: UI_TIMEOUT })
      .toBe("1–16 of 16");
  });

  it("pages through 10,000 instances with a total count", async () => {
    const started = Date.now();
    await page.goto(`${base}/taskhubs/bulk?pageSize=100`);
    await expect
      .poll(() => page.locator("[data-testid=range]").textContent(), { timeout: UI_TIMEOUT })
      .toBe(`1–100 of ${BULK_INSTANCES.toLocaleString("en-US")}`);
    console.info(
      `[dashboard] first page of ${BULK_INSTANCES} instances rendered in ${Date.now() - started} ms`,
    );
    // Newest first by default…
    expect((await rowIds())[0]).toBe("bulk-09999");
    await page.locator("[data-testid=next-page]").click();
    await expect
      .poll(() => page.locator("[data-testid=range]").textContent())
      .toBe("101–200 of 10,000");
    expect((await rowIds())[0]).toBe("bulk-09899");
    await page.locator(".pager button", { hasText: "Previous" }).click();
    await expect.poll(async () => (await rowIds())[0]).toBe("bulk-09999");
    // …oldest first from the Created header, kept in the URL; the last page is partial.
    await page.locator("[data-testid=sort-created]").click();
    await page.waitForURL(/[?&]order=oldest/);
    await expect.poll(async () => (await rowIds())[0]).toBe("bulk-00000");
    await page.locator("[data-testid=next-page]").click();
    await expect.poll(async () => (await rowIds())[0]).toBe("bulk-00100");
    await page.goto(`${base}/taskhubs/bulk?pageSize=300`);
    for (let pageIndex = 1; pageIndex < 34; pageIndex++) {
      await page.locator("[data-testid=next-page]").click();
      await expect
        .poll(() => page.locator("[data-testid=range]").textContent())
        .toMatch(new RegExp(`^${(pageIndex * 300 + 1).toLocaleString("en-US")}–`));
    }
    expect(await page.locator("[data-testid=range]").textContent()).toBe("9,901–10,000 of 10,000");
    expect((await rowIds()).at(-1)).toBe("bulk-00000");
    expect(await page.locator("[data-testid=next-page]").isDisabled()).toBe(true);
    // Filters combine with paging: every second instance is a nightlyReport.
    await page.goto(`${base}/taskhubs/bulk?name=nightlyReport&status=Pending`);
    await expect
      .poll(() => page.locator("[data-testid=range]").textContent())
      .toBe("1–50 of 5,000");
  });

  it("auto-refreshes at the chosen interval and keeps it in the URL", async () => {
    await openList("?prefix=auto-");
    await visible(page.locator("[data-testid=no-instances]"));
    await page.locator("[data-testid=auto-refresh]").selectOption("2");
    await page.waitForURL(/[?&]refresh=2/);
    await client.scheduleNewOrchestration(helloCities, undefined, "auto-1");
    await client.waitForOrchestrationCompletion("auto-1", false, 60);
    // No reload: the 2-second refresh brings the new instance in.
    await visible(page.locator("tr[data-instance-id=auto-1] .badge[data-status=Completed]"));
  });

  it("shows an instance with formatted payloads, failure details and the stack", async () => {
    await openInstance("order-big");
    await waitForStatus(page, "Failed");
    expect(JSON.parse((await page.locator("[data-testid=input]").textContent()) ?? "")).toEqual({
      id: "big",
      amount: 5000,
    });
    expect(await page.locator("[data-testid=input]").textContent()).toContain('\n  "amount": 5000');
    expect(await page.locator("[data-testid=custom-status]").textContent()).toContain(
      '"step": "charging"',
    );
    const failure = page.locator("[data-testid=failure]").first();
    expect(await failure.textContent()).toContain(
      "card declined for order big: amount 5000 over limit",
    );
    expect(await failure.locator("pre.stack").textContent()).toMatch(/\n\s+at /);
    await screenshot(page, "instance-failed", true);
  });

  it("drills down from the timeline into a sub-orchestration and back to the parent", async () => {
    await openInstance("ship-1");
    await waitForStatus(page, "Completed");
    const timeline = page.locator("[data-testid=timeline]");
    expect(await timeline.locator(".tl-row[data-kind=subOrchestration]").count()).toBe(3);
    expect(await timeline.locator(".tl-row[data-kind=timer]").count()).toBe(1);
    expect(await timeline.locator(".tl-row[data-kind=activity]").count()).toBe(2);
    expect(await timeline.locator(".tl-row[data-outcome=completed]").count()).toBe(6);
    await screenshot(page, "instance-timeline", true);

    await timeline
      .locator("[data-testid=timeline-child-link]", { hasText: "ship-1-child-2" })
      .click();
    await page.waitForURL(`${base}/taskhubs/default/orchestrations/ship-1-child-2`);
    await showsInstance("ship-1-child-2");
    await waitForStatus(page, "Completed");
    expect(await page.locator("[data-testid=input]").textContent()).toContain('"order-2"');
    expect(await timeline.locator(".tl-row[data-kind=activity]").count()).toBe(1);

    await page.locator("[data-testid=parent-link]").click();
    await page.waitForURL(`${base}/taskhubs/default/orchestrations/ship-1`);
    await showsInstance("ship-1");
    await page.locator(".tabs button", { hasText: "History" }).click();
    const history = page.locator("[data-testid=history]");
    await visible(history);
    const types = await history
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-event-type")));
    // DTS history layout (docs/reference/sidecar.md "Orchestration episodes and history layout"): OrchestratorStarted,
    // ExecutionStarted first; ExecutionCompleted last.
    expect(types.slice(0, 2)).toEqual(["OrchestratorStarted", "ExecutionStarted"]);
    expect(types.at(-1)).toBe("ExecutionCompleted");
    expect(types.filter((type) => type === "SubOrchestrationInstanceCreated")).toHaveLength(3);
    expect(types).toContain("TimerFired");
    await screenshot(page, "instance-history", true);
    await history
      .locator("[data-testid=sub-orchestration-link]", { hasText: "ship-1-child-1" })
      .click();
    await page.waitForURL(`${base}/taskhubs/default/orchestrations/ship-1-child-1`);
    await showsInstance("ship-1-child-1");
    await screenshot(page, "instance-child", true);
  });

  it("starts a new orchestration from the dialog", async () => {
    await openList();
    await page.locator("[data-testid=new-orchestration]").click();
    await page.locator(".dialog [name=name]").fill("helloCities");
    await page.locator(".dialog [name=instanceId]").fill("started-from-ui");
    await page.locator(".dialog [name=input]").fill('{"from": "dashboard"}');
    await page.locator(".dialog [name=tags]").fill("source=dashboard, env=dev");
    await screenshot(page, "dialog-start");
    await confirmDialog();
    await toast("Started orchestration 'helloCities' as started-from-ui.");
    await page.waitForURL(`${base}/taskhubs/default/orchestrations/started-from-ui`);
    await waitForStatus(page, "Completed");
    expect(await page.locator(".facts .tags").textContent()).toContain("source=dashboard");
    expect(JSON.parse((await page.locator("[data-testid=output]").textContent()) ?? "")).toEqual([
      "Hello, Tokyo!",
      "Hello, Seattle!",
      "Hello, London!",
    ]);
    const state = await client.getOrchestrationState("started-from-ui", true);
    expect(state?.serializedInput).toBe('{"from": "dashboard"}');
  });

  it("shows the data plane's exact error when a start is refused", async () => {
    const tooLong = "x".repeat(101);
    // What an SDK client gets for the same request…
    const request = new pb.CreateInstanceRequest();
    request.setName("helloCities");
    request.setInstanceid(tooLong);
    const metadata = new Metadata();
    metadata.set("taskhub", "default");
    const raw = emulator.raw();
    const refusal = await rawCall(raw.startInstance.bind(raw), request, metadata).then(
      () => undefined,
      (error: { details: string }) => error.details,
    );
    expect(refusal).toBeTruthy();
    // …is what the dialog shows, verbatim, with its status code; the dialog stays open.
    await openList();
    await page.locator("[data-testid=new-orchestration]").click();
    await page.locator(".dialog [name=name]").fill("helloCities");
    await page.locator(".dialog [name=instanceId]").fill(tooLong);
    await confirmDialog();
    const error = await visible(page.locator("[data-testid=dialog-error]"));
    expect(await error.locator("strong").textContent()).toBe("INVALID_ARGUMENT");
    expect(await error.textContent()).toContain(refusal!);
    await screenshot(page, "dialog-error");
    await page.locator(".dialog button", { hasText: "Cancel" }).click();
    await page.locator(".dialog").waitFor({ state: "detached" });
  });

  it("raises an event with a JSON payload", async () => {
    await openInstance("late-event");
    await waitForStatus(page, "Running");
    await page.locator("[data-action=raise-event]").click();
    await page.locator(".dialog [name=eventName]").fill("approve");
    await page.locator(".dialog [name=data]").fill('{"by": "qa"}');
    await confirmDialog();
    await toast("Raised event 'approve' on late-event.");
    await waitForStatus(page, "Completed");
    expect(JSON.parse((await page.locator("[data-testid=output]").textContent()) ?? "")).toEqual({
      approved: { by: "qa" },
    });
  });

  it("suspends and resumes", async () => {
    await openInstance("late-suspend");
    await waitForStatus(page, "Running");
    await page.locator("[data-action=suspend]").click();
    await page.locator(".dialog [name=reason]").fill("maintenance window");
    await confirmDialog();
    await toast("Suspended late-suspend.");
    await waitForStatus(page, "Suspended");
    expect(await page.locator("[data-action=resume]").isEnabled()).toBe(true);
    await screenshot(page, "instance-suspended");
    await page.locator("[data-action=resume]").click();
    await confirmDialog();
    await toast("Resumed late-suspend.");
    await waitForStatus(page, "Running");
    const history = await client.getOrchestrationHistory("late-suspend");
    expect(history.map((event) => event.type)).toEqual(
      expect.arrayContaining([expect.stringMatching(/suspend/i)]),
    );
  });

  it("asks for confirmation: cancelling a terminate changes nothing", async () => {
    await openInstance("late-cancel");
    await waitForStatus(page, "Running");
    await page.locator("[data-action=terminate]").click();
    await visible(page.locator(".dialog", { hasText: "Terminate late-cancel?" }));
    await page.locator(".dialog button", { hasText: "Cancel" }).click();
    await page.locator(".dialog").waitFor({ state: "detached" });
    const state = await client.getOrchestrationState("late-cancel", false);
    expect(state?.runtimeStatus).toBe(0 /* RUNNING */);
  });

  it("terminates with a reason", async () => {
    await openInstance("late-terminate");
    await waitForStatus(page, "Running");
    await page.locator("[data-action=terminate]").click();
    await page.locator(".dialog [name=reason]").fill("stopped from the dashboard");
    await confirmDialog();
    await toast("Terminated late-terminate and its sub-orchestrations.");
    await waitForStatus(page, "Terminated");
    expect(await page.locator("[data-testid=output]").textContent()).toContain(
      "stopped from the dashboard",
    );
  });

  it("restarts a completed orchestration as a new execution", async () => {
    await openInstance("hello-1");
    await waitForStatus(page, "Completed");
    const before = await page.locator("[data-testid=execution-id]").textContent();
    await page.locator("[data-action=restart]").click();
    await confirmDialog();
    await toast("Restarted hello-1 as hello-1.");
    await expect
      .poll(() => page.locator("[data-testid=execution-id]").textContent(), { timeout: UI_TIMEOUT })
      .not.toBe(before);
    await waitForStatus(page, "Completed");
  });

  it("rewinds a failed orchestration, which then completes", async () => {
    await openInstance("order-flaky");
    await waitForStatus(page, "Failed");
    expect(await page.locator("[data-testid=failure]").first().textContent()).toContain(
      "payment gateway timed out",
    );
    await page.locator("[data-action=rewind]").click();
    await page.locator(".dialog [name=reason]").fill("gateway is back");
    await confirmDialog();
    await toast("Rewound order-flaky.");
    await waitForStatus(page, "Completed");
    expect(await page.locator("[data-testid=output]").textContent()).toContain('"charged": 42');
  });

  it("purges a terminal instance", async () => {
    await openInstance("hello-6");
    await waitForStatus(page, "Completed");
    await page.locator("[data-action=purge]").click();
    await confirmDialog();
    await toast("Purged 1 instance.");
    await page.waitForURL(`${base}/taskhubs/default`);
    await visible(page.locator("[data-testid=instances]"));
    expect(await page.locator("tr[data-instance-id=hello-6]").count()).toBe(0);
    expect(await client.getOrchestrationState("hello-6")).toBeUndefined();
    await page.goto(`${base}/taskhubs/default/orchestrations/hello-6`);
    expect(
      await (await visible(page.locator("[data-testid=instance-error]"))).textContent(),
    ).toContain("NOT_FOUND");
  });

  it("lists entities with their state and lock owner", async () => {
    await client.signalEntity(new EntityInstanceId("inventory", "widgets"), "receive", 7);
    await client.scheduleNewOrchestration(restock, "gadgets", "restock-gadgets");
    // Wait through the SDK until the orchestration holds the lock (it called the entity inside the lock).
    await expect
      .poll(
        async () => {
          const entity = await client.getEntity<{ onHand: number }>(
            new EntityInstanceId("inventory", "gadgets"),
          );
          return `${entity?.lockedBy}/${entity?.includesState ? entity.state?.onHand : "-"}`;
        },
        { timeout: UI_TIMEOUT },
      )
      .toBe("restock-gadgets/10");
    await expect
      .poll(
        async () =>
          (await client.getEntity(new EntityInstanceId("inventory", "widgets")))?.includesState,
        {
          timeout: UI_TIMEOUT,
        },
      )
      .toBe(true);
    await page.goto(`${base}/taskhubs/default/entities`);
    const gadgets = page.locator('tr[data-entity-id="@inventory@gadgets"]');
    await visible(gadgets);
    expect(await gadgets.locator("[data-testid=lock-owner]").textContent()).toBe("restock-gadgets");
    expect(
      JSON.parse((await gadgets.locator("[data-testid=entity-state]").textContent()) ?? ""),
    ).toEqual({
      sku: "unknown",
      onHand: 10,
    });
    const widgets = page.locator('tr[data-entity-id="@inventory@widgets"]');
    await visible(widgets);
    expect(await widgets.textContent()).toContain("unlocked");
    expect(
      JSON.parse((await widgets.locator("[data-testid=entity-state]").textContent()) ?? ""),
    ).toEqual({
      sku: "unknown",
      onHand: 7,
    });
    await screenshot(page, "entities");
    // The lock owner links to the orchestration holding it; releasing it clears the lock.
    await gadgets.locator("[data-testid=lock-owner]").click();
    await page.waitForURL(`${base}/taskhubs/default/orchestrations/restock-gadgets`);
    await client.raiseOrchestrationEvent("restock-gadgets", "release");
    await waitForStatus(page, "Completed");
    await page.goto(`${base}/taskhubs/default/entities`);
    await expect.poll(() => gadgets.textContent(), { timeout: UI_TIMEOUT }).toContain("unlocked");
  });

  it("shows connected workers, pending and in-flight work and throughput", async () => {
    await page.goto(`${base}/taskhubs/default/workers`);
    await visible(page.locator("[data-testid=workers]"));
    expect(await page.locator("[data-testid=worker-count]").textContent()).toBe("1");
    expect(await page.locator("[data-testid=workers] tbody td").nth(1).textContent()).toContain(
      "durabletask-js",
    );
    expect(await page.locator("[data-testid=workers] tbody td").nth(2).textContent()).toBe(
      "default",
    );
    expect(
      Number(await page.locator("[data-testid=throughput-chart]").getAttribute("data-total")),
    ).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator("[data-testid=pending-orchestration]").textContent(), {
        timeout: UI_TIMEOUT,
      })
      .toBe("0");
    await screenshot(page, "workers", true);
    // The bulk hub has no worker: its 10k instances are pending orchestration work.
    await page.goto(`${base}/taskhubs/bulk/workers`);
    await expect
      .poll(() => page.locator("[data-testid=pending-orchestration]").textContent(), {
        timeout: UI_TIMEOUT,
      })
      .toBe("10,000");
    expect(await page.locator("[data-testid=worker-count]").textContent()).toBe("0");
  });

  it("shows the list after the actions, in both themes (README screenshots)", async () => {
    await openList("?pageSize=25");
    await visible(
      page.locator("tr[data-instance-id=late-terminate] .badge[data-status=Terminated]"),
    );
    await screenshot(page, "orchestrations-after-actions");
    await page.locator(".sidebar footer button", { hasText: "Dark theme" }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    await screenshot(page, "orchestrations-dark");
    await openInstance("ship-1");
    await waitForStatus(page, "Completed");
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("dark");
    await screenshot(page, "instance-timeline-dark");
    await page.locator(".sidebar footer button", { hasText: "Light theme" }).click();
  });

  it("reports an unknown task hub as the data plane does", async () => {
    await page.goto(`${base}/taskhubs/nope`);
    const error = await visible(page.locator("[data-testid=list-error]"));
    expect(await error.textContent()).toContain("NOT_FOUND");
    expect(await error.textContent()).toContain("nope");
  });
});
