import { and, eq } from "drizzle-orm";
import { members } from "../../../db/schema";
import type { AppContext } from "../../context";
import { memberLedgerPage, memberSummary, settleExpiry } from "../../domain/points/summary";
import { notFound } from "../../lib/errors";
import { newRouter } from "../../lib/router";
import { getOpenMember, getOpenMemberLedger } from "./open-members.routes";

export function openMembersRouter(ctx: AppContext) {
  const router = newRouter();
  const find = (appId: number, externalId: string) => {
    const m = ctx.db.select({ id: members.id }).from(members).where(and(eq(members.appId, appId), eq(members.externalId, externalId))).get();
    if (!m) throw notFound("Member", externalId);
    return m.id;
  };

  router.openapi(getOpenMember, (c) => {
    const id = find(c.get("app")!.id, c.req.valid("param").memberId);
    return c.json(memberSummary(ctx, id)!, 200);
  });

  router.openapi(getOpenMemberLedger, (c) => {
    const id = find(c.get("app")!.id, c.req.valid("param").memberId);
    const { page, limit } = c.req.valid("query");
    settleExpiry(ctx, id);
    return c.json(memberLedgerPage(ctx.db, id, page, limit), 200);
  });

  return router;
}
