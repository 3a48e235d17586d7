// The only code that reads Pulumi configuration: every `dtsx:*` key of the current stack,
// decoded and validated by topology/schema.ts.
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_NAMESPACE, parseStackConfig, type StackConfig } from "../topology/schema";

/**
 * Reads all `dtsx:*` keys. `pulumi.runtime.allConfig()` rather than one `requireObject` per known key, so a
 * misspelt key (`dtsx:schedulrs`) is reported instead of silently ignored. Structured values arrive as JSON text
 * (that is how the engine passes objects and arrays, and what `Config.getObject` parses).
 */
export function readStackConfig(): StackConfig {
  const prefix = `${CONFIG_NAMESPACE}:`;
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (key.startsWith(prefix)) raw[key.slice(prefix.length)] = decodeConfigValue(value);
  }
  return parseStackConfig(raw);
}

/** Objects and arrays are JSON; everything else is the plain string the user wrote. */
export function decodeConfigValue(value: string): unknown {
  const trimmed = value.trimStart();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      return value;
    }
  }
  return value;
}
