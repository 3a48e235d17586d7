// DTS limits (docs/reference/limits.md): payloads 1 MB, tags 1,000 bytes (JSON-serialized),
// instance ids 100 characters. Each check names the field, its size and the limit; callers validate
// everything before writing anything, so a rejected call stores nothing.
import { engineErrors } from "./errors";

export const MAX_PAYLOAD_BYTES = 1024 * 1024;
export const MAX_TAGS_BYTES = 1000;
export const MAX_INSTANCE_ID_LENGTH = 100;

export function checkPayload(field: string, value: string | null | undefined): void {
  if (value === null || value === undefined) return;
  // Fast path: a string of n UTF-16 units is at most 3n UTF-8 bytes.
  if (value.length * 3 <= MAX_PAYLOAD_BYTES) return;
  const size = Buffer.byteLength(value, "utf8");
  if (size > MAX_PAYLOAD_BYTES) {
    throw engineErrors.invalidArgument(
      `${field} is ${size} bytes, which exceeds the limit of ${MAX_PAYLOAD_BYTES} bytes (1 MB)`,
    );
  }
}

export function checkTags(field: string, tags: Record<string, string> | null | undefined): void {
  if (!tags || Object.keys(tags).length === 0) return;
  const size = Buffer.byteLength(JSON.stringify(tags), "utf8");
  if (size > MAX_TAGS_BYTES) {
    throw engineErrors.invalidArgument(
      `${field} are ${size} bytes when JSON-serialized, which exceeds the limit of ${MAX_TAGS_BYTES} bytes`,
    );
  }
}

export function checkInstanceId(field: string, instanceId: string): void {
  if (instanceId.length > MAX_INSTANCE_ID_LENGTH) {
    throw engineErrors.invalidArgument(
      `${field} "${instanceId.slice(0, 20)}…" is ${instanceId.length} characters long, which exceeds the limit of ${MAX_INSTANCE_ID_LENGTH} characters`,
    );
  }
}
