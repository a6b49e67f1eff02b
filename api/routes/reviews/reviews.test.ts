import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ledgerEntries, members, pointLots, pointReviews, tierChanges } from "../../../db/schema";
import { ledgerViolations } from "../../domain/points/ledger";
import { buildTestApp, createTestRule, registerTestApp, signedRequest, type TestApp } from "../../test/harness";

const BASE = "/api/admin/reviews";

/** A purchase rule (1 point per ¥1), a host event of ¥6000 held above the risk threshold (5000), an operator. */
async function setup() {
  const t = await buildTestApp();
  const host = registerTestApp(t);
  const ruleId = createTestRule(t, "purchase", { award: { kind: "purchaseRatio", points: 1, perCents: 100 } });
  const event = { type: "purchase", memberId: "u-1", businessId: "order-big", amount: 600_000 };
  const held = await signedRequest(t, "POST", "/api/open/v1/events", event, host);
  expect(held.body).toMatchObject({ outcome: "held", points: 0 });
  const operator = await t.signIn("operator");
  const member = t.db.select().from(members).get()!;
  return { t, host, ruleId, event, op: operator.client, operatorId: operator.id, member, reviewId: held.body.reviewId as number };
}

const review = (t: TestApp, id: number) => t.db.select().from(pointReviews).where(eq(pointReviews.id, id)).get()!;
const ledgerOf = (t: TestApp, memberId: number) => t.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, memberId)).orderBy(asc(ledgerEntries.id)).all();
const balanceOf = (t: TestApp, id: number) => t.db.select({ b: members.balance }).from(members).where(eq(members.id, id)).get()!.b;

describe("GET /api/admin/reviews", () => {
  it("lists held changes, filtered by status, and shows one", async () => {
    const { op, reviewId, member, ruleId } = await setup();
    const list = await op.get(`${BASE}?status=pending`);
    expect(list.status).toBe(200);
    expect(list.headers.get("x-total-count")).toBe("1");
    expect(list.body[0]).toMatchObject({ id: reviewId, memberId: member.id, source: "event", entryType: "earn", amount: 6000, eventType: "purchase", ruleId, status: "pending", entryId: null });
    expect((await op.get(`${BASE}?status=approved`)).body).toEqual([]);
    expect((await op.get(`${BASE}/${reviewId}`)).body).toMatchObject({ id: reviewId, businessId: "order-big" });
    expect((await op.get(`${BASE}/9999`)).status).toBe(404);
  });

  it("lets customer service and the auditor read the queue", async () => {
    const { t } = await setup();
    for (const role of ["service", "auditor"]) expect((await (await t.signIn(role)).client.get(BASE)).status).toBe(200);
  });
});

describe("POST /api/admin/reviews/:id/approve", () => {
  it("applies the held earn with its rule, recomputes the tier, and writes the audit log", async () => {
    const { t, op, operatorId, reviewId, member, ruleId } = await setup();
    const res = await op.post(`${BASE}/${reviewId}/approve`, { reason: "genuine large order" });
    expect(res.status).toBe(200);
    const [entry] = ledgerOf(t, member.id);
    expect(entry).toMatchObject({ type: "earn", amount: 6000, balanceAfter: 6000, businessId: "order-big", ruleId, ruleVersion: 1, actorType: "staff", actorId: String(operatorId) });
    expect(res.body).toMatchObject({ id: reviewId, status: "approved", decidedBy: "operator", decisionReason: "genuine large order", decidedAt: t.clock.now().toISOString(), entryId: entry.id });
    expect(t.db.select().from(pointLots).all()).toEqual([expect.objectContaining({ entryId: entry.id, amount: 6000, remaining: 6000 })]);
    // 6000 points earned in 12 months: gold.
    expect(t.db.select().from(members).get()).toMatchObject({ balance: 6000, tier: "gold" });
    expect(t.db.select().from(tierChanges).all()).toEqual([expect.objectContaining({ memberId: member.id, fromTier: "normal", toTier: "gold", earned12m: 6000 })]);
    expect(t.auditEntries().at(-1)).toMatchObject({ actorId: operatorId, action: "approve", resource: "reviews", resourceId: String(reviewId), after: expect.objectContaining({ status: "approved" }) });
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("leaves the host's answer for the event as it was (held): a replay answers the same", async () => {
    const { t, host, op, event, reviewId } = await setup();
    await op.post(`${BASE}/${reviewId}/approve`, { reason: "ok" });
    const replay = await signedRequest(t, "POST", "/api/open/v1/events", event, host);
    expect(replay.headers.get("idempotent-replay")).toBe("true");
    expect(replay.body).toMatchObject({ outcome: "held", reviewId });
    expect(t.count(ledgerEntries)).toBe(1);
  });

  it("returns 409 REVIEW_DECIDED when deciding a second time, and changes nothing", async () => {
    const { t, op, reviewId, member } = await setup();
    await op.post(`${BASE}/${reviewId}/approve`, { reason: "first decision" });
    const audits = t.auditEntries().length;
    for (const action of ["approve", "reject"]) {
      const res = await op.post(`${BASE}/${reviewId}/${action}`, { reason: "second decision" });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: "REVIEW_DECIDED", details: { status: "approved" } });
    }
    expect(ledgerOf(t, member.id)).toHaveLength(1);
    expect(balanceOf(t, member.id)).toBe(6000);
    expect(review(t, reviewId).decisionReason).toBe("first decision");
    expect(t.auditEntries()).toHaveLength(audits);
  });

  it("applies a held adjustment as an adjust entry", async () => {
    const { t, op, member } = await setup();
    const held = await op.post(`/api/admin/members/${member.id}/adjust`, { amount: 7000, reason: "migration from the old system" });
    expect(held.status).toBe(202);
    const res = await op.post(`${BASE}/${held.body.reviewId}/approve`, { reason: "checked against the export" });
    expect(res.status).toBe(200);
    expect(ledgerOf(t, member.id)).toEqual([expect.objectContaining({ type: "adjust", amount: 7000, reason: "migration from the old system", actorType: "staff" })]);
    // Adjustments are not earnings: the tier stays.
    expect(t.db.select().from(members).get()).toMatchObject({ balance: 7000, tier: "normal" });
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("refuses to approve a held deduction the balance no longer covers (409), and keeps it pending", async () => {
    const { t, op, member, reviewId } = await setup();
    const held = await op.post(`/api/admin/members/${member.id}/adjust`, { amount: -5500, reason: "fraud clawback" });
    expect(held.status).toBe(202);
    const res = await op.post(`${BASE}/${held.body.reviewId}/approve`, { reason: "confirmed fraud" });
    expect([res.status, res.body.code]).toEqual([409, "INSUFFICIENT_POINTS"]);
    expect(review(t, held.body.reviewId)).toMatchObject({ status: "pending", entryId: null });
    expect(ledgerOf(t, member.id)).toEqual([]);
    // Once the member has the points, it goes through.
    await op.post(`${BASE}/${reviewId}/approve`, { reason: "large order" });
    expect((await op.post(`${BASE}/${held.body.reviewId}/approve`, { reason: "confirmed fraud" })).status).toBe(200);
    expect(balanceOf(t, member.id)).toBe(500);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("needs a reason (422), and a role allowed to decide (service: 403)", async () => {
    const { t, op, reviewId } = await setup();
    const res = await op.post(`${BASE}/${reviewId}/approve`, { reason: "" });
    expect([res.status, Object.keys(res.body.details.fields)]).toEqual([422, ["reason"]]);
    const service = await t.signIn("service");
    expect((await service.client.post(`${BASE}/${reviewId}/approve`, { reason: "I think so" })).status).toBe(403);
    expect(review(t, reviewId).status).toBe("pending");
    expect((await op.post(`${BASE}/9999/approve`, { reason: "nobody" })).status).toBe(404);
  });
});

describe("POST /api/admin/reviews/:id/reject", () => {
  it("refuses the change: nothing is applied, the decision and the audit entry are recorded", async () => {
    const { t, op, operatorId, reviewId, member } = await setup();
    const res = await op.post(`${BASE}/${reviewId}/reject`, { reason: "looks like a test order" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "rejected", decidedBy: "operator", decisionReason: "looks like a test order", entryId: null });
    expect(ledgerOf(t, member.id)).toEqual([]);
    expect(t.count(pointLots)).toBe(0);
    expect(t.db.select().from(members).get()).toMatchObject({ balance: 0, tier: "normal" });
    expect(t.auditEntries().at(-1)).toMatchObject({ actorId: operatorId, action: "reject", resource: "reviews", resourceId: String(reviewId) });
    const again = await op.post(`${BASE}/${reviewId}/approve`, { reason: "changed my mind" });
    expect([again.status, again.body.code]).toEqual([409, "REVIEW_DECIDED"]);
    expect(ledgerOf(t, member.id)).toEqual([]);
  });
});
