// Finds (or creates) the Python environment with the pinned official SDK for the Python suite. The venv lives in
// `.dtsx/venv` (gitignored, next to the emulator's default data dir). When python3, venv or pip is missing the
// suite is skipped with this module's reason; on CI (CI=true) an environment that cannot be built is a failure.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { resolve } from "node:path";

const repositoryRoot = resolve(__dirname, "../../..");
export const venvDir = resolve(repositoryRoot, ".dtsx/venv");
export const requirementsFile = resolve(__dirname, "requirements.txt");
const venvPython = resolve(venvDir, "bin/python");

export type PythonEnvironment = { python: string } | { skipReason: string };

function run(
  command: string,
  args: readonly string[],
  timeoutMs: number,
): { ok: boolean; output: string } {
  const result = spawnSync(command, args, {
    cwd: repositoryRoot,
    encoding: "utf8",
    timeout: timeoutMs,
  });
  const output =
    `${result.stdout ?? ""}${result.stderr ?? ""}${result.error ? String(result.error) : ""}`.trim();
  return { ok: result.status === 0, output };
}

function hasPinnedSdk(python: string): boolean {
  // Versions come from requirements.txt; importing the client proves the install is usable, not just present.
  return run(
    python,
    [
      "-c",
      "import importlib.metadata as m, durabletask.azuremanaged.client; " +
        "assert m.version('durabletask-azuremanaged') == '1.9.0', m.version('durabletask-azuremanaged')",
    ],
    60_000,
  ).ok;
}

/** Returns a python with the pinned SDK, building `.dtsx/venv` first when python3, venv and pip allow it. */
export function preparePythonEnvironment(): PythonEnvironment {
  const configured = process.env.DTSX_PYTHON;
  if (configured) {
    return hasPinnedSdk(configured)
      ? { python: configured }
      : { skipReason: `DTSX_PYTHON=${configured} has no durabletask-azuremanaged 1.9.0` };
  }
  if (existsSync(venvPython) && hasPinnedSdk(venvPython)) return { python: venvPython };

  const python3 = run("python3", ["--version"], 30_000);
  if (!python3.ok)
    return { skipReason: `python3 is not available (${python3.output || "not found"})` };
  const venv = run("python3", ["-m", "venv", "--help"], 30_000);
  if (!venv.ok) return { skipReason: `python3 has no venv module (${venv.output})` };
  if (!existsSync(venvPython)) {
    const created = run("python3", ["-m", "venv", venvDir], 120_000);
    if (!created.ok) return { skipReason: `could not create ${venvDir}: ${created.output}` };
  }
  const pip = run(venvPython, ["-m", "pip", "--version"], 30_000);
  if (!pip.ok) return { skipReason: `pip is not available in ${venvDir} (${pip.output})` };
  const install = run(
    venvPython,
    ["-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", requirementsFile],
    600_000,
  );
  if (!install.ok || !hasPinnedSdk(venvPython)) {
    return {
      skipReason: `pip install -r ${requirementsFile} failed: ${install.output.slice(-2000)}`,
    };
  }
  return { python: venvPython };
}
