import { eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { members } from "../../../db/schema";
import type { AppContext } from "../../context";
import { adjustPoints } from "../../domain/points/adjust";
import { BUSINESS_ID } from "../../domain/points/events";
import { memberSummary } from "../../domain/points/summary";
import { audit } from "../../lib/audit";
import { AppError, notFound, unprocessable } from "../../lib/errors";
import { listTable, specFor, withoutFields } from "../../lib/list-query";
import { maskPhone } from "../../lib/masking";
import { newRouter } from "../../lib/router";
import { writeTx } from "../../lib/tx";
import { adjustMember, getMember, getMemberPolicy, listMembers, updateMember } from "./members.routes";

type MemberRow = typeof members.$inferSelect;

export function memberDto(m: MemberRow, unmask: boolean) {
  return {
    id: m.id,
    appId: m.appId,
    externalId: m.externalId,
    nickname: m.nickname,
    phone: unmask ? m.phone : maskPhone(m.phone),
    tier: m.tier,
    balance: m.balance,
    status: m.status,
    lastSeenAt: m.lastSeenAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

const spec = specFor(members, { search: [members.nickname, members.phone, members.externalId], defaultSort: { field: "id", order: "desc" } });
// A role that sees phones masked must not find them out digit by digit through search or filters.
const maskedSpec = withoutFields(spec, ["phone"]);

export function membersRouter(ctx: AppContext) {
  const router = newRouter();
  const unmask = (role: string) => ctx.authz.can(role, "pii", "unmask");
  const load = (id: number) => {
    const m = ctx.db.select().from(members).where(eq(members.id, id)).get();
    if (!m) throw notFound("Member", id);
    return m;
  };

  router.openapi(listMembers, (c) => {
    const see = unmask(c.get("staff")!.role);
    return listTable(c, ctx.db, members, see ? spec : maskedSpec, undefined, (m) => memberDto(m, see));
  });

  // Registered before /members/{id}, which would otherwise take "policy" for an id.
  router.openapi(getMemberPolicy, (c) => {
    const policy = ctx.policy.get();
    const unlimited = ctx.authz.can(c.get("staff")!.role, "points", "adjust-unlimited");
    return c.json({ tiers: policy.tiers, riskThreshold: policy.riskThreshold, adjustLimit: unlimited ? null : policy.serviceAdjustLimit }, 200);
  });

  router.openapi(getMember, (c) => {
    const { id } = c.req.valid("param");
    load(id);
    const summary = memberSummary(ctx, id)!;
    return c.json({ ...memberDto(load(id), unmask(c.get("staff")!.role)), earned12m: summary.progress.earned12m, progress: summary.progress, expiring: summary.expiring }, 200);
  });

  router.openapi(updateMember, (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const after = writeTx(ctx.db, (tx) => {
      const before = load(id);
      const row = tx.update(members).set({ ...body, updatedAt: now }).where(eq(members.id, id)).returning().get();
      audit(tx, c, now, { action: "update", resource: "members", resourceId: id, before, after: row });
      return row;
    });
    return c.json(memberDto(after, unmask(c.get("staff")!.role)), 200);
  });

  router.openapi(adjustMember, (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const staff = c.get("staff")!;
    const policy = ctx.policy.get();
    if (!ctx.authz.can(staff.role, "points", "adjust-unlimited") && Math.abs(body.amount) > policy.serviceAdjustLimit)
      throw new AppError(403, "ADJUST_LIMIT_EXCEEDED", `Your role may adjust at most ${policy.serviceAdjustLimit} points at a time`, { limit: policy.serviceAdjustLimit });
    // Staff keys share the app's business-id space with Pointmall's own ids (pm:expire:lot:N ...): one
    // taken by an adjustment would make that lot's expiry fail for good, so the pm: prefix is refused.
    const key = BUSINESS_ID.safeParse(body.businessId ?? c.req.header("idempotency-key") ?? `adjust-${randomUUID()}`);
    if (!key.success) throw unprocessable("This adjustment id (businessId or Idempotency-Key) is not allowed", { businessId: key.error.issues[0].message });
    // Staff keys live in their own space, apart from the business ids host apps send.
    const businessId = `staff:${key.data}`;
    const now = ctx.clock.now();
    const result = writeTx(ctx.db, (tx) => {
      const outcome = adjustPoints(tx, ctx, { memberId: id, amount: body.amount, reason: body.reason, businessId, staff }, now);
      const balance = tx.select({ b: members.balance }).from(members).where(eq(members.id, id)).get()!.b;
      // A retried click (same Idempotency-Key) is one adjustment and one audit entry.
      if (!outcome.replayed)
        audit(tx, c, now, { action: "adjust", resource: "members", resourceId: id, after: { amount: body.amount, reason: body.reason, businessId, ...outcome, entry: undefined, balance } });
      return outcome.status === "applied"
        ? { status: "applied" as const, entryId: outcome.entry.id, reviewId: null, balance, replayed: outcome.replayed }
        : { status: "held" as const, entryId: null, reviewId: outcome.reviewId, balance, replayed: outcome.replayed };
    });
    return c.json(result, result.status === "held" ? 202 : 200);
  });

  return router;
}
