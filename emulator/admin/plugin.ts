// Time skipping: with `--time-skipping`, `POST /admin/clock/advance {"seconds": n}` moves the
// emulator's clock forward, firing due timers (the engine subscribes to `clock.onAdvance`) and retention, as
// Temporal's test server lets tests cross long timers in seconds. Not registered at all when the flag is off,
// so the routes answer 404.
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { SkippableClock } from "../clock";

export interface AdminPluginOptions {
  clock: SkippableClock;
  /** Awaited after each advance, so the response means "retention has run" (the autopurge sweep). */
  afterAdvance?: () => Promise<unknown>;
}

/** At most ten years per call: enough for any retention window, and it keeps Date arithmetic finite. */
export const MAX_ADVANCE_SECONDS = 10 * 365 * 24 * 60 * 60;

const advanceBody = z.strictObject({
  seconds: z.number().positive().max(MAX_ADVANCE_SECONDS),
});

export function parseAdvanceBody(body: unknown): { seconds: number } | { error: string } {
  const result = advanceBody.safeParse(body ?? {});
  if (result.success) return result.data;
  const given = (body as { seconds?: unknown } | null)?.seconds;
  return {
    error: `seconds: expected a number greater than 0 and at most ${MAX_ADVANCE_SECONDS}, got ${JSON.stringify(given)}${
      result.error.issues.some((i) => i.code === "unrecognized_keys")
        ? " (the body may only contain 'seconds')"
        : ""
    }`,
  };
}

export function adminPlugin(
  app: FastifyInstance,
  options: AdminPluginOptions,
  done: () => void,
): void {
  app.setErrorHandler((error, _request, reply) =>
    reply.code(400).send({
      error: {
        code: "InvalidRequestContent",
        message: error instanceof Error ? error.message : String(error),
      },
    }),
  );

  app.get("/admin/clock", (_request, reply) =>
    reply.send({ now: new Date(options.clock.now()).toISOString() }),
  );

  app.post("/admin/clock/advance", async (request, reply) => {
    const parsed = parseAdvanceBody(request.body);
    if ("error" in parsed) {
      return reply
        .code(400)
        .send({ error: { code: "InvalidRequestContent", message: parsed.error } });
    }
    const now = options.clock.advance(parsed.seconds * 1000);
    await options.afterAdvance?.();
    request.log.info(
      { seconds: parsed.seconds, now: new Date(now).toISOString() },
      "clock advanced",
    );
    return reply.send({ advancedSeconds: parsed.seconds, now: new Date(now).toISOString() });
  });
  done();
}
