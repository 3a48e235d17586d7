// A hostile page in real Chromium (auth none, the dashboard's default): served from another 127.0.0.1 port — a
// different origin, the same site — it tries every way a page can POST to the dashboard's terminate action:
// no-cors fetches without a body and with a text body, a JSON fetch (needs a CORS preflight) and an
// auto-submitted form. The emulator must answer the ones that reach it with 403, and the orchestration, read back
// through the official SDK client, is still running.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { OrchestrationStatus } from "@microsoft/durabletask-js";
import type { Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { chromiumAvailable, launchBrowser, reportSkip, UI_TIMEOUT, type Browser } from "./browser";
import { approval, registerWorkload } from "./workload";

reportSkip("dashboard cross-site page");

function attackerPage(target: string): string {
  return `<!doctype html><html><body>
<form id="form" method="POST" action="${target}" enctype="text/plain">
  <input name='{"reason":"pwned","x":"' value='"}'>
</form>
<script>
(async () => {
  const results = {};
  try {
    await fetch(${JSON.stringify(target)}, { method: "POST", mode: "no-cors" });
    results.noBody = "sent";
  } catch (error) { results.noBody = "failed"; }
  try {
    await fetch(${JSON.stringify(target)}, { method: "POST", mode: "no-cors", body: '{"reason":"pwned"}' });
    results.noCors = "sent";
  } catch (error) { results.noCors = "failed"; }
  try {
    await fetch(${JSON.stringify(target)}, {
      method: "POST", headers: { "content-type": "application/json" }, body: '{"reason":"pwned"}',
    });
    results.json = "answered";
  } catch (error) { results.json = "blocked"; }
  document.body.dataset.results = JSON.stringify(results);
})();
</script></body></html>`;
}

describe.skipIf(!chromiumAvailable)("a cross-site page in Chromium", () => {
  let emulator: TestEmulator;
  let attacker: Server;
  let attackerBase: string;
  let browser: Browser;
  let page: Page;
  const instanceId = "cross-site-target";

  beforeAll(async () => {
    emulator = await startTestEmulator({ taskHubNames: ["default"] });
    await emulator.worker("default", registerWorkload).start();
    const client = emulator.client();
    await client.scheduleNewOrchestration(approval, undefined, instanceId);
    await client.waitForOrchestrationStart(instanceId, false, 30);
    const target = `http://127.0.0.1:${emulator.handle.httpPort}/dashboard/api/hubs/default/orchestrations/${instanceId}/terminate`;
    attacker = createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      response.end(attackerPage(target));
    });
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    attackerBase = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    page = await browser.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await emulator?.close();
  });

  it("gets 403 for the no-cors fetches and the form, no answer for the JSON fetch, and terminates nothing", async () => {
    const answers: Response[] = [];
    page.on("response", (response) => {
      if (response.url().endsWith("/terminate")) answers.push(response);
    });
    await page.goto(`${attackerBase}/`);
    await page.waitForFunction(() => document.body.dataset.results !== undefined, undefined, {
      timeout: UI_TIMEOUT,
    });
    const results = JSON.parse(
      (await page.evaluate(() => document.body.dataset.results)) ?? "{}",
    ) as Record<string, string>;
    // The JSON fetch needs a preflight the emulator never grants, so it never reaches the action.
    expect(results).toEqual({ noBody: "sent", noCors: "sent", json: "blocked" });
    await expect.poll(() => answers.length, { timeout: UI_TIMEOUT }).toBe(2);
    expect(answers.map((answer) => answer.status())).toEqual([403, 403]);

    const [formAnswer] = await Promise.all([
      page.waitForResponse(
        (response) =>
          response.url().endsWith("/terminate") && response.request().resourceType() === "document",
      ),
      page.evaluate(() => (document.getElementById("form") as HTMLFormElement).submit()),
    ]);
    expect(formAnswer.status()).toBe(403);
    expect(((await formAnswer.json()) as { error: { code: string } }).error.code).toBe(
      "PERMISSION_DENIED",
    );
    // Every request that reached the emulator was answered with a refusal before anything ran.
    const state = await emulator.client().getOrchestrationState(instanceId, false);
    expect(state?.runtimeStatus).toBe(OrchestrationStatus.RUNNING);
  });
});
