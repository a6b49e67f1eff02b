import type { AppContext } from "../../context";
import { applyEvent, EventInputSchema, processEvent } from "../../domain/points/events";
import { errorBody, toAppError, validationError } from "../../lib/errors";
import { newRouter } from "../../lib/router";
import { postEvent, postEventBatch } from "./open-events.routes";

export function openEventsRouter(ctx: AppContext) {
  const router = newRouter();

  router.openapi(postEvent, async (c) => {
    const app = c.get("app")!;
    const input = c.req.valid("json");
    const { result, replayed } = await ctx.commits.run((tx) => applyEvent(tx, ctx, app, input));
    if (replayed) c.header("Idempotent-Replay", "true");
    return c.json(result, 200);
  });

  router.openapi(postEventBatch, (c) => {
    const app = c.get("app")!;
    const results = c.req.valid("json").events.map((raw, index) => {
      const parsed = EventInputSchema.safeParse(raw);
      if (!parsed.success) return { index, ok: false, error: errorBody(validationError(parsed.error, "json")) };
      try {
        return { index, ok: true, result: processEvent(ctx, app, parsed.data).result };
      } catch (err) {
        const known = toAppError(err);
        if (!known) throw err;
        return { index, ok: false, error: errorBody(known) };
      }
    });
    return c.json({ results }, 200);
  });

  return router;
}
