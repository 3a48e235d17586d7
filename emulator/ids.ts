// Identifier minting for the scheduler. The core never calls a random source itself: it receives an IdGenerator,
// so that tests can make ids deterministic. executionIds are 32 lowercase hex characters: the JS SDK
// (@microsoft/durabletask-js) derives default sub-orchestration ids as `${executionId}:${hex4}`, and DTS end-to-end
// tests assert /^[0-9a-f]{32}:[0-9a-f]{4}$/.
import { randomBytes, randomUUID } from "node:crypto";

export interface IdGenerator {
  /** A new execution id: 32 lowercase hex characters. */
  executionId(): string;
  /** An instance id for StartInstance without one (as the Python reference backend: uuid4().hex). */
  instanceId(): string;
  /** A request id for an entity signal sent without one (a UUID). */
  requestId(): string;
  /**
   * A work item's completion token: 128 random bits (32 lowercase hex characters), so that no caller can guess the
   * token of an item it was not given (OWASP Session Management Cheat Sheet: "at least 64 bits of entropy").
   */
  completionToken(): string;
}

/** Random ids from the platform's UUID v4 source. */
export const randomIds: IdGenerator = {
  executionId: () => randomUUID().replace(/-/g, ""),
  instanceId: () => randomUUID().replace(/-/g, ""),
  requestId: () => randomUUID(),
  completionToken: () => randomBytes(16).toString("hex"),
};
