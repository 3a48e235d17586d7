// The pack entry as the engine starts it: plain Node in the pack directory, running package.json's "main". It must
// load every policy, read the version from policies/package.json and print the analyzer's gRPC port.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

describe("policies/ as a CrossGuard pack", () => {
  it("starts the analyzer server and prints its port", async () => {
    const child = spawn(process.execPath, ["-e", "require('.')"], {
      cwd: join(__dirname, "../../policies"),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        child.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes("\n")) resolve(stdout.split("\n")[0] ?? "");
        });
        child.on("exit", (code) => reject(new Error(`pack exited with ${code}: ${stderr}`)));
      });
      expect(firstLine).toMatch(/^\d+$/);
      expect(Number(firstLine)).toBeGreaterThan(0);
    } finally {
      child.kill();
    }
  });
});
