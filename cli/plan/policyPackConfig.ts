// `--policy-pack-config FILE`: the JSON object `pulumi preview --policy-pack-config` takes.
import { readFileSync } from "node:fs";

/** A bad `--policy-pack-config`; the message names the flag and the file. */
export class PolicyPackConfigError extends Error {
  override readonly name = "PolicyPackConfigError";
}

export function readPolicyPackConfig(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : String(error);
    throw new PolicyPackConfigError(
      `--policy-pack-config: cannot read ${JSON.stringify(path)}: ${reason}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PolicyPackConfigError(
      `--policy-pack-config: ${JSON.stringify(path)} is not valid JSON: ${(error as Error).message}`,
    );
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new PolicyPackConfigError(
      `--policy-pack-config: ${JSON.stringify(path)} must hold a JSON object like {"all": "mandatory", "<policy-name>": {…}}, got ${Array.isArray(value) ? "an array" : JSON.stringify(value)}`,
    );
  }
  return value as Record<string, unknown>;
}
