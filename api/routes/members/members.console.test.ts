import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, ledgerEntries, members, pointLots, pointReviews, tierChanges } from "../../../db/schema";
import { credit, hashRequest, ledgerViolations } from "../../domain/points/ledger";
import { sweepExpired } from "../../domain/points/sweeps";
import { DAY } from "../../lib/clock";
import { writeTx } from "../../lib/tx";
import { buildTestApp, createMember, registerTestApp, setPointsPolicy, type TestApp } from "../../test/harness";

const BASE = "/api/admin/members";

/** Three members of a host app (one gold, with 2000 points), and an operator signed in. */
async function setup() {
  const t = await buildTestApp();
  const host = registerTestApp(t);
  const alice = createMember(t, host.id, "u-1", { nickname: "Alice", phone: "13812345678", tier: "gold" }).id;
  t.clock.advance(DAY);
  const bob = createMember(t, host.id, "u-2", { nickname: "Bob", phone: "13900001111" }).id;
  t.clock.advance(DAY);
  const carol = createMember(t, host.id, "u-3", { nickname: "王芳", phone: "13711112222", status: "frozen" }).id;
  writeTx(t.db, (tx) =>
    credit(tx, t.clock.now(), { type: "earn", amount: 2000, memberId: alice, businessId: "seed-1", requestHash: hashRequest({ seed: 1 }), actor: { type: "app", id: "1" }, expiresAt: null }),
  );
  const operator = await t.signIn("operator");
  return { t, host, op: operator.client, operatorId: operator.id, alice, bob, carol };
}

const ids = (body: { id: number }[]) => body.map((m) => m.id);
const row = (t: TestApp, id: number) => t.db.select().from(members).where(eq(members.id, id)).get()!;
const ledgerOf = (t: TestApp, id: number) => t.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, id)).orderBy(asc(ledgerEntries.id)).all();
const written = (t: TestApp) => ({ entries: t.count(ledgerEntries), lots: t.count(pointLots), reviews: t.count(pointReviews), audit: t.count(auditLog), balances: t.db.select({ b: members.balance }).from(members).all() });

describe("GET /api/admin/members", () => {
  it("lists members newest first with X-Total-Count and pages them", async () => {
    const { op, alice, bob, carol } = await setup();
    const res = await op.get(BASE);
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual([carol, bob, alice]);
    expect(res.headers.get("x-total-count")).toBe("3");
    expect(res.body[2]).toMatchObject({ externalId: "u-1", nickname: "Alice", phone: "13812345678", tier: "gold", balance: 2000, status: "active" });
    expect(ids((await op.get(`${BASE}?_start=1&_end=2`)).body)).toEqual([bob]);
  });

  it("filters by tier, status, balance range and joining date, and searches nickname, phone and host id", async () => {
    const { t, op, alice, bob, carol } = await setup();
    expect(ids((await op.get(`${BASE}?tier=gold`)).body)).toEqual([alice]);
    expect(ids((await op.get(`${BASE}?status=frozen`)).body)).toEqual([carol]);
    expect(ids((await op.get(`${BASE}?balance_gte=1&balance_lte=5000`)).body)).toEqual([alice]);
    expect(ids((await op.get(`${BASE}?balance_lte=0&_sort=id&_order=asc`)).body)).toEqual([bob, carol]);
    const since = new Date(t.clock.now().getTime() - DAY).toISOString();
    expect(ids((await op.get(`${BASE}?createdAt_gte=${since}&_sort=id&_order=asc`)).body)).toEqual([bob, carol]);
    expect(ids((await op.get(`${BASE}?q=${encodeURIComponent("王")}`)).body)).toEqual([carol]);
    expect(ids((await op.get(`${BASE}?q=13900`)).body)).toEqual([bob]);
    expect(ids((await op.get(`${BASE}?q=u-1`)).body)).toEqual([alice]);
    expect(ids((await op.get(`${BASE}?id=${alice}&id=${bob}&_sort=id&_order=asc`)).body)).toEqual([alice, bob]);
  });

  it("shows the auditor phone numbers masked, and lets it neither filter nor search by phone", async () => {
    const { t } = await setup();
    const { client } = await t.signIn("auditor");
    const res = await client.get(BASE);
    expect(res.status).toBe(200);
    expect(res.body.map((m: { phone: string }) => m.phone)).toEqual(["137****2222", "139****1111", "138****5678"]);
    expect(JSON.stringify(res.body)).not.toContain("13812345678");
    expect((await client.get(`${BASE}?phone_like=138`)).status).toBe(400);
    expect((await client.get(`${BASE}?q=1381234`)).headers.get("x-total-count")).toBe("0");
  });

  it("shows customer service phone numbers in full (it calls members back)", async () => {
    const { t } = await setup();
    const { client } = await t.signIn("service");
    expect((await client.get(BASE)).body.map((m: { phone: string }) => m.phone)).toContain("13812345678");
  });
});

describe("GET /api/admin/members/:id", () => {
  it("shows the member with points earned in 12 months, tier progress and points expiring soon", async () => {
    const { t, op, bob } = await setup();
    writeTx(t.db, (tx) =>
      credit(tx, t.clock.now(), { type: "earn", amount: 1200, memberId: bob, businessId: "b-1", requestHash: "h", actor: { type: "app", id: "1" }, expiresAt: new Date(t.clock.now().getTime() + 10 * DAY) }),
    );
    const res = await op.get(`${BASE}/${bob}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: bob, balance: 1200, earned12m: 1200, progress: { current: "silver", next: "gold", pointsToNext: 3800 }, expiring: { total: 1200 } });
  });

  it("masks the phone for the auditor and returns 404 for an unknown member", async () => {
    const { t, op, alice } = await setup();
    const { client } = await t.signIn("auditor");
    expect((await client.get(`${BASE}/${alice}`)).body.phone).toBe("138****5678");
    expect((await op.get(`${BASE}/9999`)).status).toBe(404);
  });
});

describe("PATCH /api/admin/members/:id", () => {
  it("changes nickname, phone and status, and writes the audit log with before and after", async () => {
    const { t, op, bob, operatorId } = await setup();
    const res = await op.patch(`${BASE}/${bob}`, { nickname: "Bobby", status: "frozen" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: bob, nickname: "Bobby", status: "frozen", phone: "13900001111" });
    expect(row(t, bob)).toMatchObject({ nickname: "Bobby", status: "frozen" });
    const entry = t.auditEntries().at(-1)!;
    expect(entry).toMatchObject({ actorId: operatorId, action: "update", resource: "members", resourceId: String(bob) });
    expect(entry.before).toMatchObject({ nickname: "Bob", status: "active" });
    expect(entry.after).toMatchObject({ nickname: "Bobby", status: "frozen" });
  });

  it("refuses a balance or tier change through PATCH (422) and a bad phone (422 with the field)", async () => {
    const { t, op, bob } = await setup();
    expect((await op.patch(`${BASE}/${bob}`, { balance: 1_000_000 })).status).toBe(422);
    expect((await op.patch(`${BASE}/${bob}`, { tier: "diamond" })).status).toBe(422);
    const bad = await op.patch(`${BASE}/${bob}`, { phone: "call me" });
    expect([bad.status, Object.keys(bad.body.details.fields)]).toEqual([422, ["phone"]]);
    expect(row(t, bob)).toMatchObject({ balance: 0, tier: "normal", phone: "13900001111" });
  });

  it("lets neither the auditor (403) nor anyone without a session (401) change a member", async () => {
    const { t, bob } = await setup();
    const { client } = await t.signIn("auditor");
    expect((await client.patch(`${BASE}/${bob}`, { nickname: "x" })).status).toBe(403);
    expect((await t.request("PATCH", `${BASE}/${bob}`, { body: { nickname: "x" } })).status).toBe(401);
    expect(row(t, bob).nickname).toBe("Bob");
  });
});

describe("POST /api/admin/members/:id/adjust", () => {
  it("adds points as a new lot under the expiry policy, with the staff member as actor, an audit entry and a balance", async () => {
    const { t, op, bob, operatorId } = await setup();
    const res = await op.post(`${BASE}/${bob}/adjust`, { amount: 300, reason: "goodwill for a late delivery" });
    expect(res.status).toBe(200);
    const [entry] = ledgerOf(t, bob);
    expect(res.body).toEqual({ status: "applied", entryId: entry.id, reviewId: null, balance: 300, replayed: false });
    expect(entry).toMatchObject({ type: "adjust", amount: 300, balanceAfter: 300, reason: "goodwill for a late delivery", actorType: "staff", actorId: String(operatorId) });
    expect(t.db.select().from(pointLots).where(eq(pointLots.entryId, entry.id)).get()).toMatchObject({ amount: 300, expiresAt: new Date("2027-12-31T16:00:00Z") });
    expect(t.auditEntries().at(-1)).toMatchObject({ actorId: operatorId, action: "adjust", resource: "members", resourceId: String(bob), after: expect.objectContaining({ amount: 300, balance: 300 }) });
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("takes points FIFO with a negative amount", async () => {
    const { t, op, alice } = await setup();
    const res = await op.post(`${BASE}/${alice}/adjust`, { amount: -500, reason: "points credited twice" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "applied", balance: 1500 });
    expect(ledgerOf(t, alice).at(-1)).toMatchObject({ type: "adjust", amount: -500, balanceAfter: 1500 });
    expect(t.db.select().from(pointLots).where(eq(pointLots.memberId, alice)).get()!.remaining).toBe(1500);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("holds a change above the risk threshold for review (202): a review row, no ledger entry", async () => {
    const { t, op, bob } = await setup();
    const res = await op.post(`${BASE}/${bob}/adjust`, { amount: 5001, reason: "campaign make-good" });
    expect(res.status).toBe(202);
    const review = t.db.select().from(pointReviews).get()!;
    expect(res.body).toEqual({ status: "held", entryId: null, reviewId: review.id, balance: 0, replayed: false });
    expect(review).toMatchObject({ memberId: bob, source: "adjustment", entryType: "adjust", amount: 5001, reason: "campaign make-good", status: "pending", requestedBy: "staff:operator" });
    expect(ledgerOf(t, bob)).toEqual([]);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "adjust", resourceId: String(bob), after: expect.objectContaining({ status: "held", reviewId: review.id }) });
    // Taking a large amount is held as well.
    expect((await op.post(`${BASE}/${bob}/adjust`, { amount: -6000, reason: "fraud clawback" })).status).toBe(202);
    // At the threshold it applies.
    expect((await op.post(`${BASE}/${bob}/adjust`, { amount: 5000, reason: "exactly the threshold" })).status).toBe(200);
  });

  it("refuses customer service above serviceAdjustLimit with 403 ADJUST_LIMIT_EXCEEDED and writes nothing, either way", async () => {
    const { t, alice } = await setup();
    const { client } = await t.signIn("service");
    const before = written(t);
    for (const amount of [501, -501]) {
      const res = await client.post(`${BASE}/${alice}/adjust`, { amount, reason: "too generous" });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: "ADJUST_LIMIT_EXCEEDED", details: { limit: 500 } });
    }
    expect(written(t)).toEqual(before);
    expect((await client.post(`${BASE}/${alice}/adjust`, { amount: -500, reason: "within the limit" })).status).toBe(200);
    // The limit follows the policy.
    setPointsPolicy(t, { serviceAdjustLimit: 1000 });
    expect((await client.post(`${BASE}/${alice}/adjust`, { amount: 900, reason: "raised limit" })).status).toBe(200);
  });

  it("forbids the auditor to adjust at all (403)", async () => {
    const { t, alice } = await setup();
    const { client } = await t.signIn("auditor");
    const res = await client.post(`${BASE}/${alice}/adjust`, { amount: 1, reason: "nope" });
    expect([res.status, res.body.code]).toEqual([403, "FORBIDDEN"]);
  });

  it("applies a retried click with the same Idempotency-Key once, and answers with the first entry", async () => {
    const { t, op, bob } = await setup();
    const send = () => op.post(`${BASE}/${bob}/adjust`, { amount: 50, reason: "retry me" }, { "idempotency-key": "click-1" });
    const first = await send();
    const again = await send();
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, replayed: true });
    expect(ledgerOf(t, bob)).toHaveLength(1);
    expect(ledgerOf(t, bob)[0].businessId).toBe("staff:click-1");
    expect(t.db.select().from(auditLog).where(and(eq(auditLog.action, "adjust"), eq(auditLog.resourceId, String(bob)))).all()).toHaveLength(1);
    // A businessId in the body works the same way.
    const byBody = await op.post(`${BASE}/${bob}/adjust`, { amount: 50, reason: "retry me", businessId: "click-1" });
    expect(byBody.body).toMatchObject({ entryId: first.body.entryId, replayed: true });
  });

  it("returns 409 BUSINESS_ID_REUSED for the same Idempotency-Key with a different adjustment", async () => {
    const { t, op, alice, bob } = await setup();
    await op.post(`${BASE}/${bob}/adjust`, { amount: 50, reason: "first" }, { "idempotency-key": "click-2" });
    const before = written(t);
    for (const [id, body] of [
      [bob, { amount: 60, reason: "first" }],
      [alice, { amount: 50, reason: "first" }],
    ] as const) {
      const res = await op.post(`${BASE}/${id}/adjust`, body, { "idempotency-key": "click-2" });
      expect([res.status, res.body.code]).toEqual([409, "BUSINESS_ID_REUSED"]);
    }
    expect(written(t)).toEqual(before);
  });

  it("returns 409 INSUFFICIENT_POINTS when taking more than the balance, and writes nothing", async () => {
    const { t, op, alice } = await setup();
    const before = written(t);
    const res = await op.post(`${BASE}/${alice}/adjust`, { amount: -2001, reason: "take too much" });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "INSUFFICIENT_POINTS", details: { balance: 2000, required: 2001 } });
    expect(written(t)).toEqual(before);
  });

  it.each([
    [{ amount: 0, reason: "zero" }, "amount"],
    [{ amount: 1.5, reason: "half" }, "amount"],
    [{ amount: 10 }, "reason"],
    [{ amount: 10, reason: " " }, "reason"],
  ])("returns 422 for %j", async (body, field) => {
    const { t, op, bob } = await setup();
    const res = await op.post(`${BASE}/${bob}/adjust`, body);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.details.fields)).toContain(field);
    expect(ledgerOf(t, bob)).toEqual([]);
  });

  it("refuses an adjustment id in Pointmall's own pm: namespace (422), which would block the expiry of a lot", async () => {
    const { t, op, alice } = await setup();
    const lot = t.db.select().from(pointLots).where(eq(pointLots.memberId, alice)).get()!;
    t.db.update(pointLots).set({ expiresAt: new Date(t.clock.now().getTime() + DAY) }).where(eq(pointLots.id, lot.id)).run();
    const byHeader = await op.post(`${BASE}/${alice}/adjust`, { amount: 5, reason: "sneaky" }, { "idempotency-key": `pm:expire:lot:${lot.id}` });
    expect([byHeader.status, Object.keys(byHeader.body.details?.fields ?? {})]).toEqual([422, ["businessId"]]);
    const byBody = await op.post(`${BASE}/${alice}/adjust`, { amount: 5, reason: "sneaky", businessId: `pm:expire:lot:${lot.id}` });
    expect(byBody.status).toBe(422);
    t.clock.advance(2 * DAY);
    expect(sweepExpired(t.app.ctx)).toEqual({ members: 1, lots: 1 });
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("returns 404 for an unknown member", async () => {
    const { op } = await setup();
    expect((await op.post(`${BASE}/9999/adjust`, { amount: 5, reason: "nobody" })).status).toBe(404);
  });
});

describe("GET /api/admin/ledger-entries, /point-lots, /tier-changes", () => {
  it("lists a member's ledger, lots and tier history, without the request hashes", async () => {
    const { t, op, alice } = await setup();
    await op.post(`${BASE}/${alice}/adjust`, { amount: -100, reason: "correction" });
    t.db.insert(tierChanges).values({ memberId: alice, fromTier: "normal", toTier: "gold", earned12m: 6000, reason: "earned points", createdAt: t.clock.now() }).run();
    const ledger = await op.get(`/api/admin/ledger-entries?memberId=${alice}`);
    expect(ledger.status).toBe(200);
    expect(ledger.headers.get("x-total-count")).toBe("2");
    expect(ledger.body.map((e: { type: string; amount: number }) => [e.type, e.amount])).toEqual([
      ["adjust", -100],
      ["earn", 2000],
    ]);
    expect(ledger.body[0]).not.toHaveProperty("requestHash");
    expect((await op.get("/api/admin/ledger-entries?requestHash=x")).status).toBe(400);
    const lots = await op.get(`/api/admin/point-lots?memberId=${alice}`);
    expect(lots.body).toEqual([expect.objectContaining({ memberId: alice, amount: 2000, remaining: 1900, expiresAt: null })]);
    const tiers = await op.get(`/api/admin/tier-changes?memberId=${alice}`);
    expect(tiers.body).toEqual([expect.objectContaining({ fromTier: "normal", toTier: "gold", earned12m: 6000 })]);
  });

  it("lets the auditor read the ledger", async () => {
    const { t } = await setup();
    const { client } = await t.signIn("auditor");
    expect((await client.get("/api/admin/ledger-entries")).status).toBe(200);
  });
});
