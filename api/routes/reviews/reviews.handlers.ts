import { createRoute, z } from "@hono/zod-openapi";
import { eq } from "drizzle-orm";
import { pointReviews } from "../../../db/schema";
import type { AppContext } from "../../context";
import { approveReview, rejectReview } from "../../domain/points/reviews";
import { audit } from "../../lib/audit";
import { notFound } from "../../lib/errors";
import { listTable, specFor } from "../../lib/list-query";
import { errorResponses, IdParam, IsoDate, json, jsonBody, ListQuerySchema } from "../../lib/schemas";
import { newRouter } from "../../lib/router";
import { iso } from "../../lib/serialize";
import { writeTx } from "../../lib/tx";

export const ReviewSchema = z
  .object({
    id: z.number(),
    appId: z.number(),
    memberId: z.number(),
    source: z.enum(["event", "adjustment"]),
    entryType: z.enum(["earn", "adjust"]),
    amount: z.number(),
    businessId: z.string(),
    reason: z.string(),
    eventType: z.string().nullable(),
    ruleId: z.number().nullable(),
    ruleVersion: z.number().nullable(),
    requestedBy: z.string(),
    status: z.enum(["pending", "approved", "rejected"]),
    decidedBy: z.string().nullable(),
    decidedAt: IsoDate.nullable(),
    decisionReason: z.string().nullable(),
    entryId: z.number().nullable(),
    createdAt: IsoDate,
  })
  .openapi("PointReview");

const Decision = z.object({ reason: z.string().trim().min(2, "Say why (at least 2 characters)").max(200) }).strict();
const tags = ["Review queue"];

export const listReviews = createRoute({
  method: "get",
  path: "/reviews",
  tags,
  summary: "Changes held above the risk threshold (filter status=pending)",
  request: { query: ListQuerySchema },
  responses: { 200: json(z.array(ReviewSchema)), ...errorResponses },
});
export const getReview = createRoute({ method: "get", path: "/reviews/{id}", tags, request: { params: IdParam }, responses: { 200: json(ReviewSchema), ...errorResponses } });
export const approveRoute = createRoute({
  method: "post",
  path: "/reviews/{id}/approve",
  tags,
  summary: "Apply the held change",
  request: { params: IdParam, body: jsonBody(Decision) },
  responses: { 200: json(ReviewSchema), ...errorResponses },
});
export const rejectRoute = createRoute({
  method: "post",
  path: "/reviews/{id}/reject",
  tags,
  summary: "Refuse the held change; nothing is applied",
  request: { params: IdParam, body: jsonBody(Decision) },
  responses: { 200: json(ReviewSchema), ...errorResponses },
});

const spec = specFor(pointReviews, { search: [pointReviews.reason, pointReviews.businessId], defaultSort: { field: "id", order: "desc" } });

export function reviewsRouter(ctx: AppContext) {
  const router = newRouter();
  router.openapi(listReviews, (c) => listTable(c, ctx.db, pointReviews, spec, undefined, iso));
  router.openapi(getReview, (c) => {
    const { id } = c.req.valid("param");
    const row = ctx.db.select().from(pointReviews).where(eq(pointReviews.id, id)).get();
    if (!row) throw notFound("Review", id);
    return c.json(iso(row), 200);
  });
  router.openapi(approveRoute, (c) => {
    const { id } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const staff = c.get("staff")!;
    const now = ctx.clock.now();
    const row = writeTx(ctx.db, (tx) => {
      const after = approveReview(tx, ctx, id, staff, reason, now);
      audit(tx, c, now, { action: "approve", resource: "reviews", resourceId: id, after });
      return after;
    });
    return c.json(iso(row), 200);
  });
  router.openapi(rejectRoute, (c) => {
    const { id } = c.req.valid("param");
    const { reason } = c.req.valid("json");
    const now = ctx.clock.now();
    const row = writeTx(ctx.db, (tx) => {
      const after = rejectReview(tx, id, c.get("staff")!, reason, now);
      audit(tx, c, now, { action: "reject", resource: "reviews", resourceId: id, after });
      return after;
    });
    return c.json(iso(row), 200);
  });
  return router;
}
