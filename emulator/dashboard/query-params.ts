// Parsing and validation of the dashboard API's inputs (pure; exact messages naming field, value
// and rule). The list endpoint takes the same query parameters the UI keeps in its URL, so a shared link
// and an API call read the same way: name, status (comma-separated), tag (`key` or `key=value`), createdFrom,
// createdTo, prefix, q, pageSize, token.
import { z } from "zod";
import {
  INSTANCE_ORDERS,
  RUNTIME_STATUSES,
  type InstanceQuery,
  type PurgeRequest,
  type RaiseEventRequest,
  type RestartRequest,
  type RewindRequest,
  type RuntimeStatus,
  type StartRequest,
  type TerminateRequest,
} from "./api-types";

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export class InvalidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidInputError";
  }
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length ? issue.path.join(".") : "body"}: ${issue.message}`)
    .join("; ");
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) throw new InvalidInputError(formatIssues(result.error));
  return result.data;
}

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === "" ? undefined : value.trim()));

const isoDate = (field: string) =>
  optionalText.superRefine((value, ctx) => {
    if (value !== undefined && Number.isNaN(Date.parse(value))) {
      ctx.addIssue({
        code: "custom",
        message: `expected an ISO 8601 date/time, got '${value}' (${field})`,
      });
    }
  });

const listQuerySchema = z.object({
  name: optionalText,
  status: optionalText.superRefine((value, ctx) => {
    for (const status of value?.split(",") ?? []) {
      if (!(RUNTIME_STATUSES as readonly string[]).includes(status)) {
        ctx.addIssue({
          code: "custom",
          message: `unknown runtime status '${status}'; expected one of ${RUNTIME_STATUSES.join(", ")}`,
        });
      }
    }
  }),
  tag: optionalText,
  createdFrom: isoDate("createdFrom"),
  createdTo: isoDate("createdTo"),
  prefix: optionalText,
  q: optionalText,
  pageSize: optionalText.superRefine((value, ctx) => {
    if (value === undefined) return;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
      ctx.addIssue({
        code: "custom",
        message: `expected an integer from 1 to ${MAX_PAGE_SIZE}, got '${value}'`,
      });
    }
  }),
  token: optionalText,
  order: z
    .enum(INSTANCE_ORDERS, { error: `expected one of ${INSTANCE_ORDERS.join(", ")}` })
    .optional(),
});

/** `tag=env` matches any instance tagged `env`; `tag=env=prod` only those whose `env` is `prod`. */
export function parseTagFilter(text: string): { key: string; value?: string } {
  const at = text.indexOf("=");
  if (at < 0) return { key: text };
  const key = text.slice(0, at).trim();
  const value = text.slice(at + 1).trim();
  if (key === "") throw new InvalidInputError(`tag: expected 'key' or 'key=value', got '${text}'`);
  return value === "" ? { key } : { key, value };
}

export function parseInstanceQuery(raw: unknown): InstanceQuery {
  const parsed = parseWith(listQuerySchema, raw);
  const query: InstanceQuery = {
    pageSize: parsed.pageSize ? Number(parsed.pageSize) : DEFAULT_PAGE_SIZE,
    order: parsed.order ?? "newest",
  };
  if (parsed.name) query.name = parsed.name;
  if (parsed.status) query.statuses = parsed.status.split(",") as RuntimeStatus[];
  if (parsed.tag) query.tag = parseTagFilter(parsed.tag);
  if (parsed.createdFrom) query.createdFrom = new Date(parsed.createdFrom).toISOString();
  if (parsed.createdTo) query.createdTo = new Date(parsed.createdTo).toISOString();
  if (parsed.prefix) query.instanceIdPrefix = parsed.prefix;
  if (parsed.q) query.search = parsed.q;
  if (parsed.token) query.continuationToken = parsed.token;
  return query;
}

const entityQuerySchema = z.object({
  pageSize: listQuerySchema.shape.pageSize,
  token: optionalText,
  prefix: optionalText,
});

export function parseEntityQuery(raw: unknown): {
  pageSize: number;
  continuationToken?: string;
  namePrefix?: string;
} {
  const parsed = parseWith(entityQuerySchema, raw);
  return {
    pageSize: parsed.pageSize ? Number(parsed.pageSize) : DEFAULT_PAGE_SIZE,
    ...(parsed.token ? { continuationToken: parsed.token } : {}),
    ...(parsed.prefix ? { namePrefix: parsed.prefix } : {}),
  };
}

function jsonText(field: string) {
  return z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value === undefined || value.trim() === "") return;
      try {
        JSON.parse(value);
      } catch (error) {
        ctx.addIssue({
          code: "custom",
          message: `${field} must be valid JSON (${error instanceof Error ? error.message : String(error)})`,
        });
      }
    });
}

const startSchema = z.strictObject({
  name: z.string().trim().min(1, "orchestration name is required"),
  instanceId: z.string().trim().optional(),
  version: z.string().trim().optional(),
  input: jsonText("input"),
  scheduledStartAt: isoDate("scheduledStartAt"),
  tags: z.record(z.string(), z.string()).optional(),
});

export function parseStartRequest(body: unknown): StartRequest {
  const parsed = parseWith(startSchema, body ?? {});
  const request: StartRequest = { name: parsed.name };
  if (parsed.instanceId) request.instanceId = parsed.instanceId;
  if (parsed.version) request.version = parsed.version;
  if (parsed.input !== undefined && parsed.input.trim() !== "") request.input = parsed.input.trim();
  if (parsed.scheduledStartAt)
    request.scheduledStartAt = new Date(parsed.scheduledStartAt).toISOString();
  if (parsed.tags && Object.keys(parsed.tags).length > 0) request.tags = parsed.tags;
  return request;
}

const raiseEventSchema = z.strictObject({
  eventName: z.string().trim().min(1, "event name is required"),
  data: jsonText("data"),
});

export function parseRaiseEventRequest(body: unknown): RaiseEventRequest {
  const parsed = parseWith(raiseEventSchema, body ?? {});
  return {
    eventName: parsed.eventName,
    ...(parsed.data !== undefined && parsed.data.trim() !== "" ? { data: parsed.data.trim() } : {}),
  };
}

export function parseTerminateRequest(body: unknown): TerminateRequest {
  return parseWith(
    z.strictObject({ reason: z.string().optional(), recursive: z.boolean().optional() }),
    body ?? {},
  );
}

export function parseReasonRequest(body: unknown): RewindRequest {
  return parseWith(z.strictObject({ reason: z.string().optional() }), body ?? {});
}

export function parseRestartRequest(body: unknown): RestartRequest {
  return parseWith(z.strictObject({ newInstanceId: z.boolean().optional() }), body ?? {});
}

export function parsePurgeRequest(body: unknown): PurgeRequest {
  return parseWith(z.strictObject({ recursive: z.boolean().optional() }), body ?? {});
}
