// The dashboard under `--auth entra` (auth follows the data plane): a local sign-in picks one of the
// topology's identities; reads are authorized by the CallGuard's own decision, actions are gRPC calls with the
// identity's token, and a refusal shows the data plane's PERMISSION_DENIED reason verbatim. Real Chromium, real
// SDK worker, the control plane's fixture topology (test/emulator/topology/fixtures/stacks/Pulumi.authtest.yaml).
import { Metadata, status, type ServiceError } from "@grpc/grpc-js";
import { NoOpLogger, TaskHubGrpcClient, TaskHubGrpcWorker } from "@microsoft/durabletask-js";
import { TaskHubSidecarServiceClient } from "@microsoft/durabletask-js/dist/proto/orchestrator_service_grpc_pb";
import * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import { credentials } from "@grpc/grpc-js";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmulatorHandle } from "../../emulator/server";
import { rawCall } from "../helpers/emulator";
import { IDS, startFixtureEmulator } from "../emulator/topology/authFixture";
import {
  chromiumAvailable,
  launchBrowser,
  reportSkip,
  screenshot,
  visible,
  waitForStatus,
  type Browser,
} from "./browser";
import { approval, helloCities, registerWorkload } from "./workload";

reportSkip("dashboard auth");

describe.skipIf(!chromiumAvailable)("dashboard with --auth entra in Chromium", () => {
  let handle: EmulatorHandle;
  let browser: Browser;
  let page: Page;
  let base: string;
  let worker: TaskHubGrpcWorker;
  let contributor: TaskHubGrpcClient;

  const tokenFor = async (identity: { principalId: string; clientId: string }) =>
    (await handle.control.tokens.issue(identity)).token;
  const metadataFor =
    (hub: string, identity: { principalId: string; clientId: string }) => async () => {
      const metadata = new Metadata();
      metadata.set("taskhub", hub);
      metadata.set("authorization", `Bearer ${await tokenFor(identity)}`);
      return metadata;
    };
  const signInAs = async (name: string) => {
    await page.goto(`${base}/`);
    // The page renders after its session request: wait for either state before deciding.
    await visible(page.locator("[data-testid=signed-in-as], [data-testid=identity]"));
    const signedIn = page.locator("[data-testid=signed-in-as]");
    if (await signedIn.isVisible()) {
      await signedIn.locator("button", { hasText: "Switch identity" }).click();
    }
    await page.locator("[data-testid=identity]", { hasText: name }).first().click();
    await visible(page.locator("[data-testid=signed-in-as]", { hasText: name }));
  };

  beforeAll(async () => {
    handle = await startFixtureEmulator();
    base = `http://127.0.0.1:${handle.httpPort}`;
    worker = new TaskHubGrpcWorker({
      hostAddress: `localhost:${handle.grpcPort}`,
      metadataGenerator: metadataFor("orders", IDS.ordersWorker),
      logger: new NoOpLogger(),
      shutdownTimeoutMs: 2000,
    });
    registerWorkload(worker);
    await worker.start();
    contributor = new TaskHubGrpcClient({
      hostAddress: `localhost:${handle.grpcPort}`,
      metadataGenerator: metadataFor("orders", IDS.ordersApp),
      logger: new NoOpLogger(),
    });
    await contributor.scheduleNewOrchestration(helloCities, undefined, "entra-done");
    await contributor.waitForOrchestrationCompletion("entra-done", false, 60);
    await contributor.scheduleNewOrchestration(approval, undefined, "entra-wait");
    await contributor.waitForOrchestrationStart("entra-wait", false, 60);
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await worker?.stop().catch(() => undefined);
    await contributor?.stop();
    await handle?.close();
  });

  it("asks for a sign-in and refuses the API without one", async () => {
    await page.goto(`${base}/`);
    await visible(page.locator("[data-testid=identity]"));
    const names = await page.locator("[data-testid=identity] h3").allTextContents();
    expect(names).toEqual(["orders-app", "orders-worker", "auditor", "stranger", "oncall"]);
    await screenshot(page, "auth-sign-in");
    const response = await fetch(`${base}/dashboard/api/hubs/orders/orchestrations`);
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("a Reader sees the hubs it may read, and acting shows the data plane's PERMISSION_DENIED reason", async () => {
    await signInAs("auditor");
    // Reader at the scheduler scope of dts-auth: its two hubs, nothing of the other schedulers.
    expect(await page.locator("[data-testid=hub-card] h3").allTextContents()).toEqual([
      "billing",
      "orders",
    ]);
    await page.goto(`${base}/taskhubs/orders`);
    await visible(page.locator("tr[data-instance-id=entra-done] .badge[data-status=Completed]"));
    await page.goto(`${base}/taskhubs/orders/orchestrations/entra-wait`);
    await waitForStatus(page, "Running");

    // The same call an SDK client makes with the auditor's token…
    const raw = new TaskHubSidecarServiceClient(
      `localhost:${handle.grpcPort}`,
      credentials.createInsecure(),
    );
    const request = new pb.TerminateRequest();
    request.setInstanceid("entra-wait");
    request.setRecursive(true);
    const refusal = await rawCall(
      raw.terminateInstance.bind(raw),
      request,
      await metadataFor("orders", IDS.auditor)(),
    ).then(
      () => undefined,
      (error: ServiceError) => error,
    );
    raw.close();
    expect(refusal?.code).toBe(status.PERMISSION_DENIED);
    // …is refused with the same words in the dashboard.
    await page.locator("[data-action=terminate]").click();
    await page.locator(".dialog button.confirm").click();
    const error = await visible(page.locator("[data-testid=dialog-error]"));
    expect(await error.locator("strong").textContent()).toBe("PERMISSION_DENIED");
    expect(await error.textContent()).toContain(refusal!.details);
    expect(refusal!.details).toContain(`principal '${IDS.auditor.principalId}'`);
    expect(refusal!.details).toContain("TerminateInstance");
    await screenshot(page, "auth-permission-denied");
    await page.locator(".dialog button", { hasText: "Cancel" }).click();
    expect((await contributor.getOrchestrationState("entra-wait"))?.runtimeStatus).toBe(
      0 /* RUNNING */,
    );
  });

  it("an identity without a role sees no hub and is refused reads with the reason", async () => {
    await signInAs("stranger");
    await visible(
      page.locator(".empty-state", { hasText: "No task hubs that this identity can read" }),
    );
    await page.goto(`${base}/taskhubs/orders`);
    const error = await visible(page.locator("[data-testid=list-error]"));
    expect(await error.textContent()).toContain("PERMISSION_DENIED");
    expect(await error.textContent()).toContain(`principal '${IDS.stranger.principalId}'`);
    expect(await error.textContent()).toContain("QueryInstances");
  });

  it("a Contributor acts: terminate succeeds through the data plane", async () => {
    await signInAs("orders-app");
    await page.goto(`${base}/taskhubs/orders/orchestrations/entra-wait`);
    await waitForStatus(page, "Running");
    await page.locator("[data-action=terminate]").click();
    await page.locator(".dialog [name=reason]").fill("on-call decision");
    await page.locator(".dialog button.confirm").click();
    await visible(page.locator("[data-testid=toast]", { hasText: "Terminated entra-wait" }));
    await waitForStatus(page, "Terminated");
  });
});
