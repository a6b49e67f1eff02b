import { createRoute, z } from "@hono/zod-openapi";
import type { AppContext } from "../../context";
import { memberLedgerPage, memberSummary, settleExpiry } from "../../domain/points/summary";
import { errorResponses, json, OkSchema } from "../../lib/schemas";
import { newRouter } from "../../lib/router";
import { writeTx } from "../../lib/tx";
import { clearMemberCookie, requireMember } from "../../middleware/member-session";
import { LedgerPageSchema, PageQuery, PointsSummarySchema } from "../open-members/open-members.routes";
import { memberSessions } from "../../../db/schema";
import { eq } from "drizzle-orm";

const tags = ["Shop"];

export const shopMeRoute = createRoute({
  method: "get",
  path: "/me",
  tags,
  summary: "The signed-in member: balance, tier and progress to the next, points expiring soon by date",
  responses: { 200: json(PointsSummarySchema), 401: errorResponses[401] },
});

export const shopLedgerRoute = createRoute({
  method: "get",
  path: "/me/ledger",
  tags,
  summary: "The member's points history, newest first",
  request: { query: PageQuery },
  responses: { 200: json(LedgerPageSchema), 400: errorResponses[400], 401: errorResponses[401] },
});

export const shopLogoutRoute = createRoute({ method: "post", path: "/auth/logout", tags, responses: { 200: json(OkSchema) } });

export function shopPointsRouter(ctx: AppContext) {
  const router = newRouter();
  router.openapi(shopMeRoute, (c) => {
    const member = requireMember(c);
    c.header("Cache-Control", "no-store");
    return c.json(memberSummary(ctx, member.id)!, 200);
  });
  router.openapi(shopLedgerRoute, (c) => {
    const member = requireMember(c);
    const { page, limit } = c.req.valid("query");
    settleExpiry(ctx, member.id);
    return c.json(memberLedgerPage(ctx.db, member.id, page, limit), 200);
  });
  router.openapi(shopLogoutRoute, (c) => {
    const member = c.get("member");
    if (member) writeTx(ctx.db, (tx) => tx.delete(memberSessions).where(eq(memberSessions.id, member.sessionId)).run());
    clearMemberCookie(c);
    return c.json({ ok: true as const }, 200);
  });
  return router;
}
