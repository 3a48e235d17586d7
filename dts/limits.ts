// Data-plane limits of Durable Task Scheduler (docs/reference/limits.md "Payload and metadata limits"), as facts
// for every surface; each surface words its own error.

/** Orchestration and activity inputs/outputs, event data, custom status, entity state: 1 MB each, serialized. */
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** Orchestration tags: the whole JSON-serialized dictionary. */
export const MAX_TAGS_BYTES = 1000;
/** Orchestration instance ids: 1–100 characters. */
export const MAX_INSTANCE_ID_LENGTH = 100;
/** Instance ids starting with `@` are reserved for entities (`@name@key`). */
export const RESERVED_INSTANCE_ID_PREFIX = "@";
/** Instance ids are printable ASCII, 0x20–0x7E. */
export const INSTANCE_ID_PATTERN = /^[\x20-\x7e]+$/;
/**
 * Names (orchestrations, activities, entities, entity operations, events) and versions. DTS documents no limit for
 * them; this bound is the emulator's own, so that an identifier can never be a payload in disguise.
 */
export const MAX_NAME_BYTES = 1024;
