import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ledgerEntries, signIns } from "../../../db/schema";
import { balanceOf, createCampaign, shopMember } from "../../test/campaign-fixtures";
import { buildTestApp, registerTestApp } from "../../test/harness";
import { ledgerViolations } from "../points/ledger";
import { streakReward, signInConfig } from "./sign-in";

const DAY = 86_400_000;

/**
 * A sign-in calendar open from `from` to `to`, and a member on the storefront. Steps 5, 8, 12, 15,
 * 18, 20, 25 with a 50-point bonus every 7th day; make-up days cost 20, up to 7 days back, 3 a month.
 */
async function setup(clockAt: string, o: { from?: string; to?: string; config?: Record<string, unknown> } = {}) {
  const t = await buildTestApp({ config: { memberSessionMs: 300 * DAY } });
  t.clock.set(clockAt);
  const app = registerTestApp(t);
  const c = createCampaign(t.db, t.clock.now(), {
    template: "sign_in",
    startAt: new Date(o.from ?? "2025-12-01T00:00:00+08:00"),
    endAt: new Date(o.to ?? "2029-12-31T00:00:00+08:00"),
    config: o.config ?? {},
  });
  let { member, client } = await shopMember(t, app, "u-signer", { points: 500 });
  const signIn = () => client.post(`/api/shop/campaigns/${c.id}/sign-in`);
  const makeUp = (day: string) => client.post(`/api/shop/campaigns/${c.id}/make-up`, { day });
  const calendar = (month?: string) => client.get(`/api/shop/campaigns/${c.id}/calendar${month ? `?month=${month}` : ""}`);
  /** A new storefront session (sessions last 300 days here; a test that jumps years enters again). */
  const reenter = async () => ({ member, client } = await shopMember(t, app, "u-signer"));
  return { t, c, member, signIn, makeUp, calendar, reenter };
}

describe("POST /api/shop/campaigns/:id/sign-in", () => {
  it("counts the streak across a month's end: Jan 31 → Feb 1", async () => {
    const s = await setup("2026-01-30T04:00:00Z");
    expect((await s.signIn()).body).toMatchObject({ day: "2026-01-30", streak: 1, points: 5 });
    s.t.clock.set("2026-01-31T04:00:00Z");
    expect((await s.signIn()).body).toMatchObject({ day: "2026-01-31", streak: 2, points: 8 });
    s.t.clock.set("2026-02-01T04:00:00Z");
    const res = await s.signIn();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ day: "2026-02-01", streak: 3, points: 12, balance: 500 + 5 + 8 + 12 });
  });

  it("counts it across Feb 28 → Mar 1 in a common year, and Feb 28 → 29 → Mar 1 in a leap year", async () => {
    const s = await setup("2026-02-28T04:00:00Z");
    await s.signIn();
    s.t.clock.set("2026-03-01T04:00:00Z");
    expect((await s.signIn()).body).toMatchObject({ day: "2026-03-01", streak: 2 });

    s.t.clock.set("2028-02-28T04:00:00Z");
    await s.reenter();
    expect((await s.signIn()).body).toMatchObject({ day: "2028-02-28", streak: 1 });
    s.t.clock.set("2028-02-29T04:00:00Z");
    expect((await s.signIn()).body).toMatchObject({ day: "2028-02-29", streak: 2 });
    s.t.clock.set("2028-03-01T04:00:00Z");
    expect((await s.signIn()).body).toMatchObject({ day: "2028-03-01", streak: 3 });
  });

  it("starts a new day at midnight Asia/Shanghai: 15:59:59Z is still today, 16:00:00Z is tomorrow", async () => {
    const s = await setup("2026-03-10T00:00:00Z"); // 08:00 on the 10th in Shanghai
    expect((await s.signIn()).body).toMatchObject({ day: "2026-03-10", streak: 1 });
    s.t.clock.set("2026-03-10T15:59:59Z"); // 23:59:59 on the 10th
    const again = await s.signIn();
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("ALREADY_SIGNED_IN");
    s.t.clock.set("2026-03-10T16:00:00Z"); // 00:00:00 on the 11th
    expect((await s.signIn()).body).toMatchObject({ day: "2026-03-11", streak: 2 });
    // The UTC date was still the 10th: a server that used UTC days would have refused this.
    expect(s.t.db.select().from(signIns).where(eq(signIns.memberId, s.member.id)).all().map((r) => r.day)).toEqual(["2026-03-10", "2026-03-11"]);
  });

  it("refuses a second sign-in on the same day and changes nothing", async () => {
    const s = await setup("2026-04-01T02:00:00Z");
    await s.signIn();
    const before = balanceOf(s.t.db, s.member.id);
    s.t.clock.advance(10 * 3_600_000);
    const res = await s.signIn();
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "ALREADY_SIGNED_IN" });
    expect(balanceOf(s.t.db, s.member.id)).toBe(before);
    expect(s.t.db.select().from(signIns).all()).toHaveLength(1);
  });

  it("pays the 7th day's bonus on top of the step, and the last step repeats afterwards", async () => {
    const s = await setup("2026-05-01T02:00:00Z");
    const points: number[] = [];
    for (let i = 0; i < 9; i++) {
      points.push((await s.signIn()).body.points);
      s.t.clock.advance(DAY);
    }
    expect(points).toEqual([5, 8, 12, 15, 18, 20, 25 + 50, 25, 25]);
    expect(balanceOf(s.t.db, s.member.id)).toBe(500 + points.reduce((a, b) => a + b, 0));
    // The rewards are earn entries of this campaign.
    const earns = s.t.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.memberId, s.member.id), eq(ledgerEntries.campaignId, s.c.id))).all();
    expect(earns.map((e) => e.amount)).toEqual(points);
    expect(ledgerViolations(s.t.db)).toEqual([]);
  });

  it("a missed day breaks the streak", async () => {
    const s = await setup("2026-06-01T02:00:00Z");
    await s.signIn();
    s.t.clock.advance(DAY);
    await s.signIn();
    s.t.clock.advance(2 * DAY);
    expect((await s.signIn()).body).toMatchObject({ day: "2026-06-04", streak: 1, points: 5 });
  });

  it("refuses before the calendar opens and after it ends", async () => {
    const s = await setup("2026-06-01T02:00:00Z", { from: "2026-06-05T00:00:00+08:00", to: "2026-06-10T00:00:00+08:00" });
    expect((await s.signIn()).body.code).toBe("CAMPAIGN_NOT_STARTED");
    s.t.clock.set("2026-06-10T00:00:00+08:00");
    expect((await s.signIn()).body.code).toBe("CAMPAIGN_ENDED");
  });
});

describe("POST /api/shop/campaigns/:id/make-up", () => {
  it("fills a missed day for its price, and the later days' streak continues through it", async () => {
    const s = await setup("2026-07-01T02:00:00Z");
    await s.signIn(); // Jul 1: streak 1
    s.t.clock.set("2026-07-03T02:00:00Z");
    await s.signIn(); // Jul 3: streak 1 (Jul 2 missed)
    s.t.clock.set("2026-07-04T02:00:00Z");
    expect((await s.signIn()).body.streak).toBe(2);
    const before = balanceOf(s.t.db, s.member.id);

    const res = await s.makeUp("2026-07-02");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ day: "2026-07-02", streak: 2, points: 5, cost: 20, balance: before - 20 + 5 });
    const days = s.t.db.select().from(signIns).where(eq(signIns.memberId, s.member.id)).orderBy(signIns.day).all();
    expect(days.map((d) => [d.day, d.streak, d.madeUp])).toEqual([
      ["2026-07-01", 1, false],
      ["2026-07-02", 2, true],
      ["2026-07-03", 3, false],
      ["2026-07-04", 4, false],
    ]);
    s.t.clock.set("2026-07-05T02:00:00Z");
    expect((await s.signIn()).body).toMatchObject({ streak: 5, points: 18 });

    const cal = await s.calendar("2026-07");
    expect(cal.status).toBe(200);
    expect(cal.body).toMatchObject({ month: "2026-07", today: "2026-07-05", signedToday: true, currentStreak: 5, makeUpsLeft: 2, makeUpCost: 20 });
    expect(cal.body.days.find((d: { day: string }) => d.day === "2026-07-02").madeUp).toBe(true);
    // The cost is a spend of this campaign in the ledger.
    const spend = s.t.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.memberId, s.member.id), eq(ledgerEntries.type, "spend"))).all();
    expect(spend.map((e) => e.amount)).toEqual([-20]);
    expect(ledgerViolations(s.t.db)).toEqual([]);
  });

  it("keeps to the limits: past days only, within 7 days back, not a signed day, 3 a month, enough points", async () => {
    const s = await setup("2026-08-20T02:00:00Z");
    await s.signIn();
    expect((await s.makeUp("2026-08-20")).status).toBe(422); // today is no make-up day
    expect((await s.makeUp("2026-08-21")).status).toBe(422); // the future
    const far = await s.makeUp("2026-08-12");
    expect(far.status).toBe(422);
    expect(far.body.details.fields.day).toMatch(/within 7 days/);
    expect((await s.makeUp("2026-08-13")).status).toBe(201);
    expect((await s.makeUp("2026-08-13")).body.code).toBe("ALREADY_SIGNED_IN");
    expect((await s.makeUp("2026-08-14")).status).toBe(201);
    expect((await s.makeUp("2026-08-15")).status).toBe(201);
    const fourth = await s.makeUp("2026-08-16");
    expect(fourth.status).toBe(409);
    expect(fourth.body.code).toBe("MAKE_UP_LIMIT");
    expect((await s.calendar()).body.makeUpsLeft).toBe(0);

    // A new month brings new make-ups; without the points for one, nothing changes.
    s.t.clock.set("2026-09-03T02:00:00Z");
    const poor = await shopMember(s.t, registerTestApp(s.t, { key: "other-host" }), "u-poor", { points: 10 });
    const res = await poor.client.post(`/api/shop/campaigns/${s.c.id}/make-up`, { day: "2026-09-02" });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("INSUFFICIENT_POINTS");
    expect(s.t.db.select().from(signIns).where(eq(signIns.memberId, poor.member.id)).all()).toEqual([]);
    expect((await s.makeUp("2026-09-02")).status).toBe(201);
  });

  it("cannot make up a day before the campaign began", async () => {
    const s = await setup("2026-10-03T02:00:00Z", { from: "2026-10-02T00:00:00+08:00" });
    expect((await s.makeUp("2026-10-01")).status).toBe(422);
    expect((await s.makeUp("2026-10-02")).status).toBe(201);
  });
});

describe("GET /api/shop/campaigns/:id/calendar", () => {
  it("shows the month's signed days, today's state and what the next check-in earns", async () => {
    const s = await setup("2026-11-29T02:00:00Z");
    await s.signIn();
    s.t.clock.advance(DAY);
    let cal = (await s.calendar()).body;
    expect(cal).toMatchObject({ month: "2026-11", today: "2026-11-30", signedToday: false, currentStreak: 1, nextReward: 8 });
    await s.signIn();
    cal = (await s.calendar()).body;
    expect(cal).toMatchObject({ signedToday: true, currentStreak: 2, nextReward: 12 });
    expect(cal.days.map((d: { day: string }) => d.day)).toEqual(["2026-11-29", "2026-11-30"]);
    expect((await s.calendar("2026-12")).body.days).toEqual([]);
    expect((await s.calendar("2026-13")).status).toBe(400);
  });

  it("needs a member session", async () => {
    const s = await setup("2026-11-29T02:00:00Z");
    expect((await s.t.request("GET", `/api/shop/campaigns/${s.c.id}/calendar`)).status).toBe(401);
  });
});

describe("streakReward", () => {
  it("follows the steps, repeats the last, and adds the bonus every 7th day", () => {
    const cfg = signInConfig({ config: {} });
    expect([1, 2, 3, 4, 5, 6, 7, 8, 13, 14, 21].map((n) => streakReward(cfg, n))).toEqual([5, 8, 12, 15, 18, 20, 75, 25, 25, 75, 75]);
    expect(streakReward(signInConfig({ config: { bonusEvery: 0 } }), 7)).toBe(25);
  });
});
