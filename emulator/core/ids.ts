// Identifier minting. executionIds are 32 lowercase hex chars: the JS SDK derives default sub-orchestration ids as
// `${executionId}:${hex4}` and DTS e2e tests assert /^[0-9a-f]{32}:[0-9a-f]{4}$/ (docs/reference/sidecar.md
// "History layout").
import { randomUUID } from "node:crypto";

export function newExecutionId(): string {
  return randomUUID().replace(/-/g, "");
}

/** Instance ids generated for StartInstance without an id (as the Python reference backend: uuid4().hex). */
export function newInstanceId(): string {
  return randomUUID().replace(/-/g, "");
}
