import { createRoute, z } from "@hono/zod-openapi";
import { asc, eq } from "drizzle-orm";
import { deliveryAttempts, outbox } from "../../../db/schema";
import type { AppContext } from "../../context";
import { retryNow } from "../../domain/outbox/outbox";
import { audit } from "../../lib/audit";
import { notFound } from "../../lib/errors";
import { listTable, specFor } from "../../lib/list-query";
import { errorResponses, IdParam, IsoDate, json, ListQuerySchema } from "../../lib/schemas";
import { newRouter } from "../../lib/router";
import { iso } from "../../lib/serialize";
import { writeTx } from "../../lib/tx";

export const DeliverySchema = z
  .object({
    id: z.number(),
    kind: z.string(),
    topic: z.string(),
    appId: z.number().nullable(),
    dedupeKey: z.string().nullable(),
    payload: z.unknown(),
    status: z.enum(["pending", "delivered", "dead"]),
    attempts: z.number(),
    nextAttemptAt: IsoDate,
    lastError: z.string().nullable(),
    deliveredAt: IsoDate.nullable(),
    createdAt: IsoDate,
  })
  .openapi("Delivery");

const AttemptSchema = z
  .object({ id: z.number(), attempt: z.number(), url: z.string(), statusCode: z.number().nullable(), ok: z.boolean(), durationMs: z.number(), error: z.string().nullable(), responseSnippet: z.string().nullable(), createdAt: IsoDate })
  .openapi("DeliveryAttempt");

const tags = ["Deliveries"];
export const listDeliveries = createRoute({
  method: "get",
  path: "/deliveries",
  tags,
  summary: "Outgoing webhooks and supplier calls (filters: kind, topic, status, appId)",
  request: { query: ListQuerySchema },
  responses: { 200: json(z.array(DeliverySchema)), ...errorResponses },
});
export const getDelivery = createRoute({
  method: "get",
  path: "/deliveries/{id}",
  tags,
  summary: "One delivery with every attempt",
  request: { params: IdParam },
  responses: { 200: json(DeliverySchema.extend({ attemptLog: z.array(AttemptSchema) })), ...errorResponses },
});
export const retryDelivery = createRoute({
  method: "post",
  path: "/deliveries/{id}/retry",
  tags,
  summary: "Deliver again now (also a delivered or given-up one)",
  request: { params: IdParam },
  responses: { 200: json(DeliverySchema), ...errorResponses },
});

const spec = specFor(outbox, { search: [outbox.topic, outbox.lastError], defaultSort: { field: "id", order: "desc" } });

export function deliveriesRouter(ctx: AppContext) {
  const router = newRouter();
  const load = (id: number) => {
    const row = ctx.db.select().from(outbox).where(eq(outbox.id, id)).get();
    if (!row) throw notFound("Delivery", id);
    return row;
  };
  router.openapi(listDeliveries, (c) => listTable(c, ctx.db, outbox, spec, undefined, iso));
  router.openapi(getDelivery, (c) => {
    const { id } = c.req.valid("param");
    const row = load(id);
    const attemptLog = ctx.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.outboxId, id)).orderBy(asc(deliveryAttempts.attempt)).all().map(iso);
    return c.json({ ...iso(row), attemptLog }, 200);
  });
  router.openapi(retryDelivery, (c) => {
    const { id } = c.req.valid("param");
    const now = ctx.clock.now();
    const row = writeTx(ctx.db, (tx) => {
      const before = load(id);
      retryNow(tx, id, now);
      audit(tx, c, now, { action: "retry", resource: "deliveries", resourceId: id, before: { status: before.status, attempts: before.attempts } });
      return load(id);
    });
    return c.json(iso(row), 200);
  });
  return router;
}
