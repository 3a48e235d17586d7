// The ARM request body parser: JSON only, its nesting checked before JSON.parse so a hostile body gets a 400
// naming the limit instead of a stack overflow ("Maximum call stack size exceeded") in a recursive walk later.
// ARM documents no depth limit; 64 is the default maximum depth of .NET's System.Text.Json
// (https://learn.microsoft.com/dotnet/api/system.text.json.jsonserializeroptions.maxdepth), far beyond any
// Microsoft.DurableTask body (a handful of levels).
import { armErrors } from "./armErrors";

export const MAX_JSON_DEPTH = 64;

/** Nesting depth of a JSON text, counting only brackets outside strings. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > MAX_JSON_DEPTH) return max;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return max;
}

/** Drops `__proto__` and `constructor.prototype` keys, so a parsed body can never reach Object.prototype. */
function safeReviver(key: string, value: unknown): unknown {
  if (key === "__proto__") return undefined;
  if (
    key === "constructor" &&
    value !== null &&
    typeof value === "object" &&
    "prototype" in value
  ) {
    return undefined;
  }
  return value;
}

/**
 * Parses a JSON request body. An empty body is no body (`undefined`): fine for GET and DELETE, and PUT/PATCH
 * handlers refuse it with a message of their own.
 */
export function parseArmJson(text: string, method: string): unknown {
  if (text.trim() === "") {
    if (method === "PUT" || method === "PATCH" || method === "POST") {
      throw armErrors.invalidRequestContent("the request body is empty.");
    }
    return undefined;
  }
  if (jsonDepth(text) > MAX_JSON_DEPTH) {
    throw armErrors.invalidRequestContent(
      `the JSON body is nested more than ${MAX_JSON_DEPTH} levels deep; ARM request bodies are at most a few levels deep.`,
    );
  }
  try {
    return JSON.parse(text, safeReviver) as unknown;
  } catch (error) {
    throw armErrors.invalidRequestContent(
      error instanceof Error ? `${error.message}.` : "invalid JSON.",
    );
  }
}
