import { createRoute, z } from "@hono/zod-openapi";
import type { AppContext } from "../../context";
import { json } from "../../lib/schemas";
import { newRouter } from "../../lib/router";

const HealthSchema = z.object({ status: z.enum(["ok", "degraded"]), db: z.enum(["ok", "error"]), time: z.string() }).openapi("Health");

export const healthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: ["System"],
  summary: "Liveness and database check",
  responses: { 200: json(HealthSchema), 503: json(HealthSchema, "The database does not answer") },
});

export function healthRouter(ctx: AppContext) {
  const router = newRouter();
  const probe = ctx.db.$client.prepare("select 1 as ok");
  router.openapi(healthRoute, (c) => {
    const time = ctx.clock.now().toISOString();
    try {
      probe.get();
      return c.json({ status: "ok" as const, db: "ok" as const, time }, 200);
    } catch (err) {
      c.get("log").error({ err }, "health check failed");
      return c.json({ status: "degraded" as const, db: "error" as const, time }, 503);
    }
  });
  return router;
}

