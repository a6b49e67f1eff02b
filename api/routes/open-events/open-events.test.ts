import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ledgerEntries, members, pointEvents, pointLots, pointReviews } from "../../../db/schema";
import { DAY, MINUTE } from "../../lib/clock";
import { ledgerViolations } from "../../domain/points/ledger";
import { addVersion } from "../../domain/points/rules-admin";
import { RuleConfigSchema } from "../../domain/points/rule-engine";
import { buildTestApp, createTestRule, registerTestApp, setPointsPolicy, signedRequest, type TestApp, type TestHostApp } from "../../test/harness";

const EVENTS = "/api/open/v1/events";
const BATCH = "/api/open/v1/events/batch";

async function setup() {
  const t = await buildTestApp();
  const host = registerTestApp(t);
  const rules = {
    purchase: createTestRule(t, "purchase", { award: { kind: "purchaseRatio", points: 1, perCents: 1000 } }),
    share: createTestRule(t, "share", { award: { kind: "fixed", points: 20 } }),
    review: createTestRule(t, "review", { award: { kind: "fixed", points: 5 }, dailyCap: 12 }),
    login: createTestRule(t, "login", { award: { kind: "daily", points: 10 }, useTierMultiplier: false }),
    signIn: createTestRule(t, "sign_in", { award: { kind: "streak", steps: [5, 8, 12, 15, 18, 20, 25], bonusEvery: 7, bonusPoints: 50 }, useTierMultiplier: false }),
  };
  const post = (event: Record<string, unknown>, app: TestHostApp = host) => signedRequest(t, "POST", EVENTS, event, app);
  return { t, host, rules, post };
}

const memberRow = (t: TestApp, externalId: string) => t.db.select().from(members).where(eq(members.externalId, externalId)).get();
const ledgerOf = (t: TestApp, memberId: number) => t.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, memberId)).orderBy(asc(ledgerEntries.id)).all();
const written = (t: TestApp) => ({ members: t.count(members), entries: t.count(ledgerEntries), lots: t.count(pointLots), events: t.count(pointEvents), reviews: t.count(pointReviews) });

describe("POST /api/open/v1/events", () => {
  it("grants the rule's points: an earn entry with the rule and version, a lot under the expiry policy, the member created on first sight", async () => {
    const { t, host, rules, post } = await setup();
    const res = await post({ type: "share", memberId: "u-1", businessId: "share-1", member: { nickname: "小王", phone: "13812345678" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("idempotent-replay")).toBeNull();
    const member = memberRow(t, "u-1")!;
    expect(member).toMatchObject({ appId: host.id, nickname: "小王", phone: "13812345678", balance: 20, tier: "normal" });
    const [entry] = ledgerOf(t, member.id);
    expect(res.body).toEqual({
      businessId: "share-1",
      memberId: "u-1",
      type: "share",
      outcome: "granted",
      points: 20,
      balance: 20,
      tier: "normal",
      ruleId: rules.share,
      ruleVersion: 1,
      reason: null,
      reviewId: null,
      entryId: entry.id,
    });
    expect(entry).toMatchObject({ type: "earn", amount: 20, businessId: "share-1", actorType: "app", actorId: String(host.id), ruleId: rules.share, ruleVersion: 1 });
    // The default policy: points expire at the end of next year (Shanghai time).
    expect(t.db.select().from(pointLots).all()).toEqual([expect.objectContaining({ entryId: entry.id, amount: 20, remaining: 20, expiresAt: new Date("2027-12-31T16:00:00Z") })]);
    expect(t.db.select().from(pointEvents).all()).toEqual([expect.objectContaining({ businessId: "share-1", outcome: "granted", points: 20, entryId: entry.id, response: res.body })]);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("converts a purchase amount in cents by the rule's ratio and multiplies by the member's tier (gold ×1.5, floored)", async () => {
    const { t, host, post } = await setup();
    expect((await post({ type: "purchase", memberId: "u-1", businessId: "order-1", amount: 25_800 })).body).toMatchObject({ outcome: "granted", points: 25, balance: 25 });
    t.db.update(members).set({ tier: "gold" }).where(eq(members.externalId, "u-1")).run();
    expect((await post({ type: "purchase", memberId: "u-1", businessId: "order-2", amount: 25_800 })).body).toMatchObject({ outcome: "granted", points: 37, balance: 62 });
    // Login points ignore the multiplier (the rule says so).
    expect((await post({ type: "login", memberId: "u-1", businessId: "login-1" })).body).toMatchObject({ outcome: "granted", points: 10 });
    expect(memberRow(t, "u-1")!.appId).toBe(host.id);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("grants the rest of a daily cap as capped, then nothing, and again the next day", async () => {
    const { t, post } = await setup();
    const review = (n: number) => post({ type: "review", memberId: "u-1", businessId: `review-${n}` });
    expect((await review(1)).body).toMatchObject({ outcome: "granted", points: 5, balance: 5 });
    expect((await review(2)).body).toMatchObject({ outcome: "granted", points: 5, balance: 10 });
    expect((await review(3)).body).toMatchObject({ outcome: "capped", points: 2, balance: 12, reason: "daily-cap" });
    const fourth = await review(4);
    expect(fourth.body).toMatchObject({ outcome: "capped", points: 0, balance: 12, reason: "daily-cap", entryId: null });
    expect(ledgerOf(t, memberRow(t, "u-1")!.id)).toHaveLength(3);
    t.clock.advance(DAY);
    expect((await review(5)).body).toMatchObject({ outcome: "granted", points: 5, balance: 17 });
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("ignores an event type without a rule (no-rule), but still knows the member", async () => {
    const { t, post } = await setup();
    const res = await post({ type: "watch_video", memberId: "u-1", businessId: "video-1" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: "ignored", points: 0, balance: 0, reason: "no-rule", ruleId: null, ruleVersion: null, entryId: null });
    expect(memberRow(t, "u-1")).toBeDefined();
    expect(t.count(ledgerEntries)).toBe(0);
    expect(t.count(pointEvents)).toBe(1);
  });

  it("ignores a second login on the same Shanghai day (already-today) and grants the next day's", async () => {
    const { t, post } = await setup();
    t.clock.set("2026-01-15T15:00:00Z"); // 23:00 in Shanghai
    expect((await post({ type: "login", memberId: "u-1", businessId: "login-1" })).body).toMatchObject({ outcome: "granted", points: 10 });
    t.clock.set("2026-01-15T15:50:00Z");
    expect((await post({ type: "login", memberId: "u-1", businessId: "login-2" })).body).toMatchObject({ outcome: "ignored", points: 0, reason: "already-today" });
    t.clock.set("2026-01-15T16:10:00Z"); // 00:10 the next day in Shanghai, still the 15th in UTC
    expect((await post({ type: "login", memberId: "u-1", businessId: "login-3" })).body).toMatchObject({ outcome: "granted", points: 10, balance: 20 });
  });

  it("counts a sign-in streak day by day (5, 8, 12 … and 50 more on the 7th day) and starts over after a missed day", async () => {
    const { t, post } = await setup();
    const got: number[] = [];
    for (let day = 1; day <= 8; day++) {
      got.push((await post({ type: "sign_in", memberId: "u-1", businessId: `sign-${day}` })).body.points);
      t.clock.advance(DAY);
    }
    expect(got).toEqual([5, 8, 12, 15, 18, 20, 75, 25]);
    t.clock.advance(DAY); // missed one
    expect((await post({ type: "sign_in", memberId: "u-1", businessId: "sign-10" })).body).toMatchObject({ outcome: "granted", points: 5 });
    expect((await post({ type: "sign_in", memberId: "u-1", businessId: "sign-10b" })).body).toMatchObject({ outcome: "ignored", reason: "already-today" });
  });

  it("holds a change above the risk threshold for review: a review row, no ledger entry, the balance unchanged", async () => {
    const { t, host, rules, post } = await setup();
    setPointsPolicy(t, { riskThreshold: 100 });
    const res = await post({ type: "purchase", memberId: "u-1", businessId: "order-big", amount: 500_000 });
    expect(res.status).toBe(200);
    const review = t.db.select().from(pointReviews).get()!;
    expect(res.body).toMatchObject({ outcome: "held", points: 0, balance: 0, reason: "risk-threshold", reviewId: review.id, entryId: null, ruleId: rules.purchase });
    expect(review).toMatchObject({ appId: host.id, source: "event", entryType: "earn", amount: 500, businessId: "order-big", eventType: "purchase", ruleId: rules.purchase, ruleVersion: 1, status: "pending", requestedBy: `app:${host.id}` });
    expect(t.count(ledgerEntries)).toBe(0);
    expect(t.count(pointLots)).toBe(0);
    // At the threshold itself it is granted.
    expect((await post({ type: "purchase", memberId: "u-1", businessId: "order-100", amount: 100_000 })).body).toMatchObject({ outcome: "granted", points: 100 });
  });

  it("returns 422 for a purchase without an amount and writes nothing, not even the member", async () => {
    const { t, post } = await setup();
    const res = await post({ type: "purchase", memberId: "u-new", businessId: "order-1" });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: "VALIDATION_FAILED", details: { fields: { amount: expect.any(String) } } });
    expect(written(t)).toEqual({ members: 0, entries: 0, lots: 0, events: 0, reviews: 0 });
  });

  it.each([
    ["a businessId with the reserved pm: prefix", { businessId: "pm:expire:lot:1" }, "businessId"],
    ["an empty businessId", { businessId: "  " }, "businessId"],
    ["an upper-case type", { type: "Share" }, "type"],
    ["a negative amount", { amount: -1 }, "amount"],
    ["a fractional amount", { amount: 1.5 }, "amount"],
    ["an unknown field", { points: 1000 }, "(root)"],
    ["an occurredAt that is not a date", { occurredAt: "yesterday" }, "occurredAt"],
  ])("returns 422 for %s, with the field path", async (_, patch, field) => {
    const { t, post } = await setup();
    const res = await post({ type: "share", memberId: "u-1", businessId: "share-1", ...patch });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(res.body.details.fields)).toContain(field);
    expect(written(t)).toEqual({ members: 0, entries: 0, lots: 0, events: 0, reviews: 0 });
  });

  it("returns 422 for an occurredAt in the future (beyond 5 minutes of clock skew)", async () => {
    const { t, post } = await setup();
    const later = (ms: number) => new Date(t.clock.now().getTime() + ms).toISOString();
    const res = await post({ type: "share", memberId: "u-1", businessId: "share-1", occurredAt: later(6 * MINUTE) });
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toEqual({ occurredAt: "must not be in the future" });
    expect(written(t)).toEqual({ members: 0, entries: 0, lots: 0, events: 0, reviews: 0 });
    expect((await post({ type: "share", memberId: "u-1", businessId: "share-2", occurredAt: later(4 * MINUTE) })).status).toBe(200);
  });

  it("answers a replayed businessId with the first answer and an Idempotent-Replay header, and changes nothing", async () => {
    const { t, rules, post } = await setup();
    const event = { type: "share", memberId: "u-1", businessId: "share-1" };
    const first = await post(event);
    const before = written(t);
    // Even after the rule changed, the replay answers what happened then.
    addVersion(t.db, rules.share, { config: RuleConfigSchema.parse({ award: { kind: "fixed", points: 99 } }) }, "test", t.clock.now());
    t.app.ctx.rulebook.invalidate();
    t.clock.advance(DAY);
    const again = await post({ ...event, member: { nickname: "a new profile is not a new request" } });
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replay")).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(written(t)).toEqual(before);
    expect(memberRow(t, "u-1")!.balance).toBe(20);
  });

  it("returns 409 BUSINESS_ID_REUSED for the same businessId with different content, and changes nothing", async () => {
    const { t, post } = await setup();
    await post({ type: "purchase", memberId: "u-1", businessId: "order-1", amount: 10_000 });
    const before = written(t);
    for (const changed of [
      { type: "purchase", memberId: "u-1", businessId: "order-1", amount: 10_001 },
      { type: "purchase", memberId: "u-2", businessId: "order-1", amount: 10_000 },
      { type: "share", memberId: "u-1", businessId: "order-1" },
      { type: "purchase", memberId: "u-1", businessId: "order-1", amount: 10_000, occurredAt: t.clock.now().toISOString() },
    ]) {
      const res = await post(changed);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: "BUSINESS_ID_REUSED", details: { businessId: "order-1" } });
    }
    expect(written(t)).toEqual(before);
  });

  it("keeps businessIds apart per app", async () => {
    const { t, post } = await setup();
    const other = registerTestApp(t, { key: "other-app" });
    expect((await post({ type: "share", memberId: "u-1", businessId: "same" })).body.outcome).toBe("granted");
    expect((await post({ type: "share", memberId: "u-1", businessId: "same" }, other)).body.outcome).toBe("granted");
    expect(t.count(members)).toBe(2);
    expect(t.count(ledgerEntries)).toBe(2);
  });

  it("returns 400 BAD_JSON for a body that is not JSON", async () => {
    const { t, host } = await setup();
    const res = await signedRequest(t, "POST", EVENTS, "{not json", host);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("BAD_JSON");
  });
});

describe("POST /api/open/v1/events/batch", () => {
  it("answers 500 mixed events in order: each valid one applied, each invalid one with its error, replays as replays", async () => {
    const { t, host, post } = await setup();
    createTestRule(t, "survey", { award: { kind: "fixed", points: 3 } });
    const events = Array.from({ length: 500 }, (_, i) => {
      const memberId = `u-${i % 20}`;
      if (i % 10 === 3) return { type: "survey", memberId, businessId: `pm:${i}` };
      if (i % 10 === 7) return { type: "purchase", memberId, businessId: `order-${i}` };
      if (i % 50 === 11) return { type: "survey", memberId: `u-${(i - 1) % 20}`, businessId: `survey-${i - 1}` };
      if (i === 499) return "not an object";
      return { type: "survey", memberId, businessId: `survey-${i}` };
    });
    const res = await signedRequest(t, "POST", BATCH, { events }, host);
    expect(res.status).toBe(200);
    const { results } = res.body;
    expect(results).toHaveLength(500);
    results.forEach((r: any, i: number) => {
      expect(r.index).toBe(i);
      if (i % 10 === 3) expect([r.ok, r.error.code, Object.keys(r.error.details.fields)]).toEqual([false, "VALIDATION_FAILED", ["businessId"]]);
      else if (i % 10 === 7) expect([r.ok, r.error.code, Object.keys(r.error.details.fields)]).toEqual([false, "VALIDATION_FAILED", ["amount"]]);
      else if (i % 50 === 11) expect(r).toEqual({ index: i, ok: true, result: results[i - 1].result });
      else if (i === 499) expect([r.ok, r.error.code]).toEqual([false, "VALIDATION_FAILED"]);
      else expect(r).toMatchObject({ ok: true, result: { outcome: "granted", points: 3, businessId: `survey-${i}` } });
    });
    const applied = results.filter((r: any, i: number) => r.ok && i % 50 !== 11).length;
    expect(t.count(ledgerEntries)).toBe(applied);
    expect(t.db.select().from(members).all().reduce((s, m) => s + m.balance, 0)).toBe(applied * 3);
    expect(ledgerViolations(t.db)).toEqual([]);
    // A later single event with a batch's businessId is a replay.
    const single = await post({ type: "survey", memberId: "u-0", businessId: "survey-0" });
    expect(single.headers.get("idempotent-replay")).toBe("true");
    expect(single.body).toEqual(results[0].result);
  });

  it("returns 422 for 501 events and applies none", async () => {
    const { t, host } = await setup();
    const events = Array.from({ length: 501 }, (_, i) => ({ type: "share", memberId: "u-1", businessId: `share-${i}` }));
    const res = await signedRequest(t, "POST", BATCH, { events }, host);
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty("events");
    expect(written(t)).toEqual({ members: 0, entries: 0, lots: 0, events: 0, reviews: 0 });
  });

  it("returns 422 for an empty batch", async () => {
    const { t, host } = await setup();
    expect((await signedRequest(t, "POST", BATCH, { events: [] }, host)).status).toBe(422);
  });
});
