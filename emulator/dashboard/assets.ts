// Builds the dashboard UI with esbuild on first use and keeps the result in memory, so the
// emulator serves its own UI from npm packages alone. Nothing is committed as build output and no step beyond
// `npm ci` is needed; a build takes well under a second.
import { createHash } from "node:crypto";
import path from "node:path";
import { build } from "esbuild";

export interface DashboardAssets {
  script: string;
  styles: string;
  /** Short content hash, appended to asset URLs so browsers never run a stale bundle. */
  version: string;
}

const UI_DIR = path.join(__dirname, "ui");

export async function buildDashboardAssets(): Promise<DashboardAssets> {
  const result = await build({
    entryPoints: { app: path.join(UI_DIR, "main.ts"), styles: path.join(UI_DIR, "styles.css") },
    bundle: true,
    write: false,
    outdir: "/dashboard-assets",
    format: "esm",
    target: ["es2022"],
    minify: true,
    sourcemap: false,
    legalComments: "none",
    logLevel: "silent",
  });
  const find = (suffix: string) => {
    const file = result.outputFiles.find((output) => output.path.endsWith(suffix));
    if (!file) throw new Error(`dashboard build produced no ${suffix}`);
    return file.text;
  };
  const script = find("app.js");
  const styles = find("styles.css");
  const version = createHash("sha256").update(script).update(styles).digest("hex").slice(0, 12);
  return { script, styles, version };
}

/** The one HTML page; every client route renders into it. */
export function indexHtml(assets: DashboardAssets): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dtsx dashboard</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/dashboard/assets/styles.css?v=${assets.version}">
<script>document.documentElement.dataset.theme = localStorage.getItem("dtsx.theme") || (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");</script>
</head>
<body>
<div id="app"></div>
<script type="module" src="/dashboard/assets/app.js?v=${assets.version}"></script>
</body>
</html>
`;
}

let cached: Promise<DashboardAssets> | undefined;

/** One build per process; a failed build is retried on the next request instead of being cached. */
export function dashboardAssets(): Promise<DashboardAssets> {
  cached ??= buildDashboardAssets().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
