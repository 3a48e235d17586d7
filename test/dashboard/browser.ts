// Chromium for the dashboard suites: Debian's package driven by playwright-core (no browser downloads). When the
// binary is missing the suites are skipped with a printed reason, never silently.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";

export const CHROMIUM_PATH = process.env.DTSX_CHROMIUM ?? "/usr/bin/chromium";
export const chromiumAvailable = existsSync(CHROMIUM_PATH);
export const SCREENSHOT_DIR = path.resolve("test-results/dashboard");

export function reportSkip(suite: string): void {
  if (!chromiumAvailable) {
    console.warn(
      `[${suite}] SKIPPED: Chromium not found at ${CHROMIUM_PATH}; install it with 'apt-get install -y chromium' (or set DTSX_CHROMIUM).`,
    );
  }
}

/** Generous: the suite must hold on a loaded 2-core machine. */
export const UI_TIMEOUT = 30_000;

export interface Browser {
  context: BrowserContext;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/** A fresh profile per suite, headless, no network beyond loopback. */
export async function launchBrowser(): Promise<Browser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), "dtsx-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1400, height: 900 },
    timeout: 60_000,
  });
  context.setDefaultTimeout(UI_TIMEOUT);
  return {
    context,
    newPage: () => context.newPage(),
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

export async function visible(locator: Locator): Promise<Locator> {
  await locator.first().waitFor({ state: "visible", timeout: UI_TIMEOUT });
  return locator;
}

/** Waits until the instance page shows `status` (the page polls while the instance is not terminal). */
export async function waitForStatus(page: Page, status: string): Promise<void> {
  await page
    .locator(`.subtitle .badge[data-status="${status}"]`)
    .waitFor({ state: "visible", timeout: UI_TIMEOUT });
}
