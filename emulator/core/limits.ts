// DTS limits (docs/reference/limits.md; the figures live in dts/limits.ts): payloads 1 MB, tags 1,000 bytes
// (JSON-serialized), instance ids 100 printable ASCII characters not starting with `@`, names and versions
// 1,024 bytes. Each check names the field, its size and the limit; callers validate everything before writing
// anything, so a rejected call stores nothing.
import type * as pb from "@microsoft/durabletask-js/dist/proto/orchestrator_service_pb";
import {
  INSTANCE_ID_PATTERN,
  MAX_INSTANCE_ID_LENGTH,
  MAX_NAME_BYTES,
  MAX_PAYLOAD_BYTES,
  MAX_TAGS_BYTES,
  RESERVED_INSTANCE_ID_PREFIX,
} from "../../dts";
import { engineErrors } from "./errors";

export { MAX_INSTANCE_ID_LENGTH, MAX_NAME_BYTES, MAX_PAYLOAD_BYTES, MAX_TAGS_BYTES };

function utf8Size(value: string, limit: number): number | undefined {
  // Fast path: a string of n UTF-16 units is at most 3n UTF-8 bytes.
  if (value.length * 3 <= limit) return undefined;
  const size = Buffer.byteLength(value, "utf8");
  return size > limit ? size : undefined;
}

export function checkPayload(field: string, value: string | null | undefined): void {
  if (value === null || value === undefined) return;
  const size = utf8Size(value, MAX_PAYLOAD_BYTES);
  if (size !== undefined) {
    throw engineErrors.invalidArgument(
      `${field} is ${size} bytes, which exceeds the limit of ${MAX_PAYLOAD_BYTES} bytes (1 MB)`,
    );
  }
}

/** Names and versions (orchestration, activity, entity operation, event). */
export function checkName(field: string, value: string | null | undefined): void {
  if (value === null || value === undefined) return;
  const size = utf8Size(value, MAX_NAME_BYTES);
  if (size !== undefined) {
    throw engineErrors.invalidArgument(
      `${field} "${value.slice(0, 20)}…" is ${size} bytes, which exceeds the limit of ${MAX_NAME_BYTES} bytes for names and versions`,
    );
  }
}

/** Failure details count as one payload: error type, message, stack trace and inner failures together. */
export function checkFailureDetails(
  field: string,
  details: pb.TaskFailureDetails | undefined,
): void {
  if (details === undefined) return;
  let size = 0;
  for (
    let current: pb.TaskFailureDetails | undefined = details;
    current;
    current = current.getInnerfailure()
  ) {
    size +=
      Buffer.byteLength(current.getErrortype(), "utf8") +
      Buffer.byteLength(current.getErrormessage(), "utf8") +
      Buffer.byteLength(current.getStacktrace()?.getValue() ?? "", "utf8");
    if (size > MAX_PAYLOAD_BYTES) break;
  }
  if (size > MAX_PAYLOAD_BYTES) {
    throw engineErrors.invalidArgument(
      `${field} is at least ${size} bytes (error type, message, stack trace and inner failures), which exceeds the limit of ${MAX_PAYLOAD_BYTES} bytes (1 MB)`,
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

/** Length only: shared by orchestration and entity ids (entity ids are `@name@key`). */
export function checkInstanceId(field: string, instanceId: string): void {
  if (instanceId.length > MAX_INSTANCE_ID_LENGTH) {
    throw engineErrors.invalidArgument(
      `${field} "${instanceId.slice(0, 20)}…" is ${instanceId.length} characters long, which exceeds the limit of ${MAX_INSTANCE_ID_LENGTH} characters`,
    );
  }
}

/** An orchestration's id: the length limit, printable ASCII, and not the entity form (reserved `@` prefix). */
export function checkOrchestrationInstanceId(field: string, instanceId: string): void {
  checkInstanceId(field, instanceId);
  if (instanceId.startsWith(RESERVED_INSTANCE_ID_PREFIX)) {
    throw engineErrors.invalidArgument(
      `${field} "${instanceId}" starts with '${RESERVED_INSTANCE_ID_PREFIX}', which is reserved for entity ids (@name@key); an orchestration id must not start with it`,
    );
  }
  if (!INSTANCE_ID_PATTERN.test(instanceId)) {
    throw engineErrors.invalidArgument(
      `${field} "${instanceId}" contains a character outside printable ASCII (0x20–0x7E), which instance ids are limited to`,
    );
  }
}
