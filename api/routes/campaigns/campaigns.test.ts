import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auctionBids, campaignPrizes, campaigns, campaignVisits, members, orders, products, quizQuestions } from "../../../db/schema";
import { placeBid } from "../../domain/campaigns/auction";
import { draw } from "../../domain/campaigns/campaigns";
import { simulate } from "../../domain/campaigns/forecast";
import { mallDay } from "../../domain/points/calendar";
import { HOUR, MINUTE } from "../../lib/clock";
import { seededRng } from "../../lib/rng";
import { writeTx } from "../../lib/tx";
import { createCampaign as createFixture, createProduct } from "../../test/campaign-fixtures";
import { buildTestApp, createMember, registerTestApp, type Client, type TestApp } from "../../test/harness";
import { givePoints } from "../../test/order-fixtures";

const BASE = "/api/admin/campaigns";
const text = (zh: string, en = zh) => ({ "zh-CN": zh, "en-US": en });
const DAY = 24 * HOUR;

/** An operator signed in, and a host app for the members who enter. */
async function setup() {
  const t = await buildTestApp();
  const op = (await t.signIn("operator")).client;
  const app = registerTestApp(t);
  return { t, op, appId: app.id };
}

/** Sessions end after 2 idle hours: sign in again after moving the clock far. */
const again = async (t: TestApp) => t.as(await t.login("operator"));

const window = (t: TestApp, startInMs = 10 * MINUTE, lengthMs = 7 * DAY) => {
  const start = t.clock.now().getTime() + startInMs;
  return { startAt: new Date(start).toISOString(), endAt: new Date(start + lengthMs).toISOString() };
};

const wheelPrizes = (productId?: number): Record<string, unknown>[] => [
  { name: text("50 积分", "50 points"), kind: "points", points: 50, oddsPpm: 100_000 },
  productId
    ? { name: text("耳机", "Earbuds"), kind: "product", productId, oddsPpm: 10_000, stock: 10, valueCents: 1000 }
    : { name: text("500 积分", "500 points"), kind: "points", points: 500, oddsPpm: 10_000, stock: 10 },
  { name: text("谢谢参与", "Thanks for taking part"), kind: "nothing", oddsPpm: 890_000, isFallback: true },
];

function wheelBody(t: TestApp, extra: Record<string, unknown> = {}) {
  return { template: "wheel", title: text("幸运大转盘", "Lucky wheel"), ...window(t), entryCost: 20, perDayLimit: 3, prizes: wheelPrizes(), ...extra };
}

const question = (o: Partial<{ kind: string; options: { id: string; text: { "zh-CN": string; "en-US": string } }[]; correct: string[] }> = {}) => ({
  text: text("积分会过期吗？", "Do points expire?"),
  kind: o.kind ?? "single",
  options: o.options ?? [
    { id: "a", text: text("会", "Yes") },
    { id: "b", text: text("不会", "No") },
  ],
  correct: o.correct ?? ["a"],
});

const campaignRow = (t: TestApp, id: number) => t.db.select().from(campaigns).where(eq(campaigns.id, id)).get()!;
const productStock = (t: TestApp, id: number) => t.db.select({ s: products.stock }).from(products).where(eq(products.id, id)).get()!.s;

describe("POST /api/admin/campaigns", () => {
  it("creates a draft wheel with its prizes, and writes the audit log", async () => {
    const { t, op } = await setup();
    const res = await op.post(BASE, wheelBody(t));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ template: "wheel", status: "draft", storedStatus: "draft", entryCost: 20, perDayLimit: 3, createdBy: "operator", readiness: {} });
    expect(res.body.prizes.map((p: { oddsPpm: number }) => p.oddsPpm)).toEqual([100_000, 10_000, 890_000]);
    expect(res.body.prizes[1]).toMatchObject({ stock: 10, initialStock: 10, sortOrder: 1, issued: 0 });
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "create", resource: "campaigns", resourceId: String(res.body.id) });
  });

  it("returns 422 with prize paths when the odds do not add up to 100% and there is no fallback", async () => {
    const { t, op } = await setup();
    const prizes = wheelPrizes();
    prizes[2] = { ...prizes[2], oddsPpm: 889_999, isFallback: false };
    const res = await op.post(BASE, wheelBody(t, { prizes }));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe("VALIDATION_FAILED");
    expect(res.body.details.fields.prizes).toMatch(/fallback|99\.9999%/);
    expect(t.count(campaigns)).toBe(0);
  });

  it("reports a bad prize by its index: odds out of range, points missing, a product of the wrong type, a limited fallback", async () => {
    const { t, op } = await setup();
    const coupon = createProduct(t.db, t.clock.now(), { type: "coupon" });
    const res = await op.post(
      BASE,
      wheelBody(t, {
        prizes: [
          { name: text("积分"), kind: "points", points: 0, oddsPpm: 100_000 },
          { name: text("耳机"), kind: "product", productId: coupon, oddsPpm: 100_000, stock: 3 },
          { name: text("谢谢参与"), kind: "nothing", oddsPpm: 800_000, isFallback: true, stock: 5 },
          { name: text("太多"), kind: "points", points: 1, oddsPpm: 2_000_000 },
        ],
      }),
    );
    expect(res.status).toBe(422);
    // The body's own schema answers first (odds above 1,000,000).
    expect(Object.keys(res.body.details.fields)).toEqual(["prizes.3.oddsPpm"]);

    const res2 = await op.post(
      BASE,
      wheelBody(t, {
        prizes: [
          { name: text("积分"), kind: "points", points: 0, oddsPpm: 100_000 },
          { name: text("耳机"), kind: "product", productId: coupon, oddsPpm: 100_000, stock: 3 },
          { name: text("谢谢参与"), kind: "nothing", oddsPpm: 800_000, isFallback: true, stock: 5 },
        ],
      }),
    );
    expect(res2.status).toBe(422);
    expect(res2.body.details.fields).toMatchObject({
      "prizes.0.points": expect.any(String),
      "prizes.1.productId": expect.stringContaining("physical"),
      "prizes.2.stock": expect.stringContaining("cannot run out"),
    });
  });

  it("checks a quiz's questions: unique option ids, right answers among the options, one right answer for single choice", async () => {
    const { t, op } = await setup();
    const res = await op.post(BASE, {
      template: "quiz",
      title: text("积分知识问答"),
      ...window(t),
      config: { questionsPerEntry: 2, passMark: 3, rewardPoints: 50 },
      questions: [
        question(),
        question({ options: [{ id: "a", text: text("甲") }, { id: "a", text: text("乙") }], correct: ["a"] }),
        question({ correct: ["a", "b"] }),
        question({ kind: "multiple", correct: ["c"] }),
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toMatchObject({
      "questions.1.options.1.id": expect.stringContaining("twice"),
      "questions.2.correct": expect.stringContaining("exactly one"),
      "questions.3.correct": expect.stringContaining("not among the options"),
      "config.passMark": expect.any(String),
    });
    expect(res.body.details.fields["questions.0.correct"]).toBeUndefined();
  });

  it("checks a flash sale's config: a product and a sale price, and stock set aside", async () => {
    const { t, op } = await setup();
    const res = await op.post(BASE, { template: "flash_sale", title: text("限时秒杀"), ...window(t), config: { salePoints: 0 }, reservedStock: 0 });
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toMatchObject({ "config.productId": expect.any(String), reservedStock: expect.any(String) });
    const product = createProduct(t.db, t.clock.now(), { stock: 50 });
    const res2 = await op.post(BASE, { template: "flash_sale", title: text("限时秒杀"), ...window(t), config: { productId: product, salePoints: 0, saleCash: 0 }, reservedStock: 10 });
    expect(res2.body.details.fields).toEqual({ "config.salePoints": expect.stringContaining("sale price") });
    const res3 = await op.post(BASE, { template: "flash_sale", title: text("限时秒杀"), ...window(t), config: { productId: product, salePoints: 990, bogus: 1 }, reservedStock: 10 });
    expect(Object.keys(res3.body.details.fields)).toEqual(["config"]);
    expect(res3.body.details.fields.config).toMatch(/bogus/);
  });

  it("refuses an end before the start, and unknown tiers", async () => {
    const { t, op } = await setup();
    const { startAt } = window(t);
    const res = await op.post(BASE, wheelBody(t, { startAt, endAt: startAt, tiers: ["gold", "platinum"] }));
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toMatchObject({ endAt: expect.any(String), "tiers.1": expect.stringContaining("platinum") });
  });

  it("is refused to customer service (403), who may still read campaigns", async () => {
    const { t, op } = await setup();
    const created = await op.post(BASE, wheelBody(t));
    const service = (await t.signIn("service")).client;
    expect((await service.post(BASE, wheelBody(t))).status).toBe(403);
    expect((await service.get(`${BASE}/${created.body.id}`)).status).toBe(200);
    expect((await service.post(`${BASE}/${created.body.id}/schedule`)).status).toBe(403);
  });
});

describe("PATCH /api/admin/campaigns/:id", () => {
  it("changes a draft and replaces its prizes as a whole", async () => {
    const { t, op } = await setup();
    const { body: created } = await op.post(BASE, wheelBody(t));
    const prizes = [
      { name: text("100 积分"), kind: "points", points: 100, oddsPpm: 500_000, color: "#fa8c16" },
      { name: text("谢谢参与"), kind: "nothing", oddsPpm: 500_000, isFallback: true },
    ];
    const res = await op.patch(`${BASE}/${created.id}`, { entryCost: 30, prizes });
    expect(res.status).toBe(200);
    expect(res.body.entryCost).toBe(30);
    expect(res.body.prizes).toHaveLength(2);
    expect(res.body.prizes[0]).toMatchObject({ points: 100, color: "#fa8c16" });
    expect(t.db.select().from(campaignPrizes).where(eq(campaignPrizes.campaignId, created.id)).all()).toHaveLength(2);
    // Without prizes in the body, they stay.
    const res2 = await op.patch(`${BASE}/${created.id}`, { title: text("新名字", "New name") });
    expect(res2.body.prizes).toHaveLength(2);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "update", resource: "campaigns" });
  });

  it("checks the campaign as the whole the change makes (a new end before the stored start)", async () => {
    const { t, op } = await setup();
    const { body: created } = await op.post(BASE, wheelBody(t));
    const res = await op.patch(`${BASE}/${created.id}`, { endAt: new Date(t.clock.now().getTime() - HOUR).toISOString() });
    expect(res.status).toBe(422);
    expect(res.body.details.fields.endAt).toBeDefined();
  });

  it("returns 409 once the campaign is scheduled, and changes nothing", async () => {
    const { t, op } = await setup();
    const { body: created } = await op.post(BASE, wheelBody(t));
    expect((await op.post(`${BASE}/${created.id}/schedule`)).status).toBe(200);
    const res = await op.patch(`${BASE}/${created.id}`, { entryCost: 1 });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("CAMPAIGN_NOT_DRAFT");
    expect(campaignRow(t, created.id).entryCost).toBe(20);
  });
});

describe("scheduling", () => {
  it("refuses a quiz whose bank is smaller than the questions drawn per entry: 422 CAMPAIGN_NOT_READY with the field", async () => {
    const { t, op } = await setup();
    const { body: created } = await op.post(BASE, { template: "quiz", title: text("问答"), ...window(t), config: { questionsPerEntry: 5, passMark: 4, rewardPoints: 50 }, questions: [question(), question()] });
    expect(created.readiness).toEqual({ questions: expect.stringContaining("2 questions") });
    const res = await op.post(`${BASE}/${created.id}/schedule`);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: "CAMPAIGN_NOT_READY", details: { fields: { questions: expect.any(String) } } });
    expect(campaignRow(t, created.id).status).toBe("draft");
  });

  it("schedules a flash sale, setting its stock aside; back to draft returns it", async () => {
    const { t, op } = await setup();
    const product = createProduct(t.db, t.clock.now(), { stock: 50 });
    const { body: created } = await op.post(BASE, { template: "flash_sale", title: text("秒杀"), ...window(t), config: { productId: product, salePoints: 990, perMemberLimit: 1 }, reservedStock: 20 });
    expect(created.product).toMatchObject({ id: product, stock: 50 });

    const res = await op.post(`${BASE}/${created.id}/schedule`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "scheduled", stockLeft: 20 });
    expect(productStock(t, product)).toBe(30);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "schedule", resource: "campaigns" });

    const back = await op.post(`${BASE}/${created.id}/unschedule`);
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ status: "draft", stockLeft: 0 });
    expect(productStock(t, product)).toBe(50);
  });

  it("refuses to take a live campaign back to draft", async () => {
    const { t, op } = await setup();
    const { body: created } = await op.post(BASE, wheelBody(t));
    await op.post(`${BASE}/${created.id}/schedule`);
    t.clock.advance(20 * MINUTE);
    const res = await op.post(`${BASE}/${created.id}/unschedule`);
    expect(res.status).toBe(409);
    expect((await op.get(`${BASE}/${created.id}`)).body.status).toBe("live");
  });

  it("ends a live flash sale early: unsold stock goes back to the product", async () => {
    const { t, op } = await setup();
    const product = createProduct(t.db, t.clock.now(), { stock: 50 });
    const { body: created } = await op.post(BASE, { template: "flash_sale", title: text("秒杀"), ...window(t), config: { productId: product, salePoints: 990 }, reservedStock: 20 });
    await op.post(`${BASE}/${created.id}/schedule`);
    t.clock.advance(20 * MINUTE);
    const res = await op.post(`${BASE}/${created.id}/end`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "ended", stockLeft: 0 });
    expect(new Date(res.body.endAt).getTime()).toBe(t.clock.now().getTime());
    expect(productStock(t, product)).toBe(50);
    // A second end changes nothing more.
    expect((await op.post(`${BASE}/${created.id}/end`)).status).toBe(200);
    expect(productStock(t, product)).toBe(50);
  });

  it("ends an auction early: the leader's hold pays for an order, exactly once", async () => {
    const { t, op, appId } = await setup();
    const product = createProduct(t.db, t.clock.now(), { stock: 5 });
    const { body: created } = await op.post(BASE, { template: "auction", title: text("竞拍"), ...window(t), config: { productId: product, startPrice: 100, increment: 10 } });
    await op.post(`${BASE}/${created.id}/schedule`);
    expect(productStock(t, product)).toBe(4);
    t.clock.advance(20 * MINUTE);
    const a = createMember(t, appId, "bidder-a");
    const b = createMember(t, appId, "bidder-b");
    givePoints(t.db, a.id, 1000, t.clock.now());
    givePoints(t.db, b.id, 1000, t.clock.now());
    writeTx(t.db, (tx) => placeBid(tx, t.app.ctx, created.id, a.id, 100, "k1", t.clock.now()));
    writeTx(t.db, (tx) => placeBid(tx, t.app.ctx, created.id, b.id, 150, "k2", t.clock.now()));
    const shown = await op.get(`${BASE}/${created.id}`);
    expect(shown.body.auction).toMatchObject({ currentPrice: 150, minimumBid: 160, bids: 2, leader: { id: b.id, externalId: "bidder-b" } });

    const res = await op.post(`${BASE}/${created.id}/end`);
    expect(res.status).toBe(200);
    expect(res.body.settledAt).not.toBeNull();
    await op.post(`${BASE}/${created.id}/end`);
    const made = t.db.select().from(orders).where(eq(orders.campaignId, created.id)).all();
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ memberId: b.id, source: "auction", pointsTotal: 150 });
    expect(t.db.select().from(auctionBids).where(eq(auctionBids.memberId, a.id)).get()!.status).toBe("outbid");
    expect(t.db.select({ balance: members.balance }).from(members).where(eq(members.id, a.id)).get()!.balance).toBe(1000);
    expect(productStock(t, product)).toBe(4);
  });

  it("ends an auction nobody bid on: the unit set aside goes back to the product", async () => {
    const { t, op } = await setup();
    const product = createProduct(t.db, t.clock.now(), { stock: 5 });
    const { body: created } = await op.post(BASE, { template: "auction", title: text("竞拍"), ...window(t), config: { productId: product } });
    await op.post(`${BASE}/${created.id}/schedule`);
    expect(productStock(t, product)).toBe(4);
    t.clock.advance(20 * MINUTE);
    expect((await op.post(`${BASE}/${created.id}/end`)).status).toBe(200);
    expect(productStock(t, product)).toBe(5);
    expect(t.db.select().from(orders).where(eq(orders.campaignId, created.id)).all()).toHaveLength(0);
  });

  it("refuses to end a draft", async () => {
    const { t, op } = await setup();
    const { body: created } = await op.post(BASE, wheelBody(t));
    expect((await op.post(`${BASE}/${created.id}/end`)).status).toBe(409);
  });
});

describe("GET /api/admin/campaigns", () => {
  it("lists every template with the effective status, filters by it and by template, searches titles, counts entries", async () => {
    const { t, op, appId } = await setup();
    const now = t.clock.now();
    const live = createFixture(t.db, now, { template: "wheel", title: "转盘", titleEn: "Wheel", prizes: wheelPrizes() as never, startAt: new Date(now.getTime() + 10 * MINUTE) });
    createFixture(t.db, now, { template: "sign_in", title: "签到", titleEn: "Sign-in", startAt: new Date(now.getTime() + 5 * DAY), endAt: new Date(now.getTime() + 30 * DAY) });
    createFixture(t.db, now, { template: "quiz", title: "问答草稿", titleEn: "Quiz draft", draft: true });
    // Scheduled in the database, but past its start: it shows as live.
    t.clock.advance(20 * MINUTE);
    expect(campaignRow(t, live.id).status).toBe("scheduled");
    const m = createMember(t, appId, "m-1");
    givePoints(t.db, m.id, 100, t.clock.now());
    writeTx(t.db, (tx) => draw(tx, t.app.ctx, live.id, m.id, "d1", t.clock.now()));

    const all = await op.get(`${BASE}?_sort=startAt&_order=asc`);
    expect(all.status).toBe(200);
    expect(all.headers.get("x-total-count")).toBe("3");
    const wheel = all.body.find((c: { id: number }) => c.id === live.id);
    expect(wheel).toMatchObject({ status: "live", storedStatus: "scheduled", entries: 1 });

    const liveOnly = await op.get(`${BASE}?status=live`);
    expect(liveOnly.body.map((c: { id: number }) => c.id)).toEqual([live.id]);
    expect((await op.get(`${BASE}?status=scheduled`)).body.map((c: { template: string }) => c.template)).toEqual(["sign_in"]);
    expect((await op.get(`${BASE}?status=draft&status=scheduled`)).body).toHaveLength(2);
    expect((await op.get(`${BASE}?template=quiz`)).body.map((c: { status: string }) => c.status)).toEqual(["draft"]);
    expect((await op.get(`${BASE}?q=Sign`)).body.map((c: { template: string }) => c.template)).toEqual(["sign_in"]);
    expect((await op.get(`${BASE}?q=问答`)).body).toHaveLength(1);
    expect((await op.get(`${BASE}?status=paused`)).status).toBe(400);

    t.clock.advance(8 * DAY);
    expect((await (await again(t)).get(`${BASE}?status=ended`)).body.map((c: { id: number }) => c.id)).toEqual([live.id]);
  });

  it("shows a quiz with its questions and right answers (this is the console)", async () => {
    const { t, op } = await setup();
    const c = createFixture(t.db, t.clock.now(), { template: "quiz", draft: true, config: { questionsPerEntry: 1, passMark: 1, rewardPoints: 10 }, questions: [{ options: ["是", "否"], correct: ["a"] }] });
    const res = await op.get(`${BASE}/${c.id}`);
    expect(res.body.questions).toEqual([expect.objectContaining({ kind: "single", correct: ["a"], options: [expect.objectContaining({ id: "a" }), expect.objectContaining({ id: "b" })] })]);
    expect(res.body.config).toMatchObject({ questionsPerEntry: 1, passMark: 1, rewardPoints: 10, timeLimitSec: 120 });
    expect(t.db.select().from(quizQuestions).all()).toHaveLength(1);
  });
});

describe("POST /api/admin/campaigns/:id/simulate", () => {
  it("draws N times with the real picker and the app's RNG: observed against expected, chi-square, cost and points per entry", async () => {
    const { t, op } = await setup();
    const { body: created } = await op.post(BASE, wheelBody(t, { config: { pointValueCents: 0.5 } }));
    const res = await op.post(`${BASE}/${created.id}/simulate`, { draws: 20_000 });
    expect(res.status).toBe(200);
    // The same draws as the domain's simulate() with the same seeded generator (the test app's, seed 42).
    const prizes = created.prizes.map((p: { id: number; oddsPpm: number; isFallback: boolean; stock: number | null; points: number; kind: string; valueCents: number }) => ({
      id: p.id,
      oddsPpm: p.oddsPpm,
      isFallback: p.isFallback,
      stock: p.stock,
      valueCents: p.kind === "points" ? p.points * 0.5 : p.valueCents,
    }));
    const direct = simulate(prizes, 20_000, seededRng(42), 20, 0.5);
    expect(res.body.prizes.map((p: { observed: number }) => p.observed)).toEqual(direct.prizes.map((p) => p.observed));
    expect(res.body.prizes.reduce((s: number, p: { observed: number }) => s + p.observed, 0)).toBe(20_000);
    expect(res.body.prizes[0]).toMatchObject({ expectedPpm: 100_000, expected: 2000, name: text("50 积分", "50 points"), valueCents: 25 });
    // The 500-point prize (stock 10) runs out long before 20,000 draws: the odds no longer hold, no verdict.
    expect(res.body.prizes[1].exhaustedAfter).toBeGreaterThan(0);
    expect(res.body.verdict).toBe("not-applicable");
    expect(res.body.chiSquare.pValue).toBeNull();
    expect(res.body).toMatchObject({ pointsPerEntry: 20, pointsValuePerEntryCents: 10, pointsCollected: 400_000, pointsValueCents: 200_000, pointValueCents: 0.5 });
    expect(res.body.costPerEntryCents).toBeCloseTo(direct.costPerEntryCents, 10);
    expect(res.body.marginPerEntryCents).toBeCloseTo(10 - direct.costPerEntryCents, 10);
  });

  it("calls a pool with enough stock fair (p > 0.001)", async () => {
    const { t, op } = await setup();
    const prizes = wheelPrizes();
    prizes[1] = { ...prizes[1], stock: 1_000_000 };
    const { body: created } = await op.post(BASE, wheelBody(t, { prizes }));
    const res = await op.post(`${BASE}/${created.id}/simulate`, { draws: 100_000 });
    expect(res.body.verdict).toBe("fair");
    expect(res.body.chiSquare.df).toBe(2);
    expect(res.body.chiSquare.pValue).toBeGreaterThan(0.001);
  });

  it("refuses more than a million draws, and templates without a pool", async () => {
    const { t, op } = await setup();
    const { body: created } = await op.post(BASE, wheelBody(t));
    const res = await op.post(`${BASE}/${created.id}/simulate`, { draws: 1_000_001 });
    expect(res.status).toBe(422);
    expect(res.body.details.fields.draws).toBeDefined();
    const sign = createFixture(t.db, t.clock.now(), { template: "sign_in", draft: true });
    expect((await op.post(`${BASE}/${sign.id}/simulate`, { draws: 10 })).body.code).toBe("WRONG_TEMPLATE");
  });
});

describe("GET /api/admin/campaigns/:id/forecast", () => {
  it("gives the expected cost per entry, the margin, and the budget with limited prizes running out", async () => {
    const { t, op } = await setup();
    const earbuds = createProduct(t.db, t.clock.now(), { stock: 100 });
    const { body: created } = await op.post(BASE, wheelBody(t, { prizes: wheelPrizes(earbuds) }));
    // 10% × 50 points (1 cent each) + 1% × ¥10 = 5 + 10 = 15 cents per entry; an entry collects 20 points = 20 cents.
    const res = await op.get(`${BASE}/${created.id}/forecast?entries=2000`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ entries: 2000, pointValueCents: 1, pointsPerEntry: 20, pointsValuePerEntryCents: 20, pointsCollected: 40_000, pointsValueCents: 40_000 });
    expect(res.body.costPerEntryCents).toBeCloseTo(15, 10);
    expect(res.body.marginPerEntryCents).toBeCloseTo(5, 10);
    expect(res.body.marginRate).toBeCloseTo(0.25, 10);
    // The earbuds (stock 10 at 1%) run out after 1,000 entries on average; from then on only the points cost.
    expect(res.body.prizes[1]).toMatchObject({ stock: 10, runsOutAfter: 1000 });
    expect(res.body.prizes[1].expectedIssued).toBeCloseTo(10, 9);
    expect(res.body.prizes[0].runsOutAfter).toBeNull();
    expect(res.body.budgetCents).toBeCloseTo(2000 * 5 + 10 * 1000, 6);
    expect(res.body.prizes[2].expectedIssued).toBeCloseTo(2000 - 200 - 10, 6);

    // For 500 entries nothing runs out yet: 500 × 15 cents, and the run-out point is still reported.
    const small = await op.get(`${BASE}/${created.id}/forecast?entries=500`);
    expect(small.body.budgetCents).toBeCloseTo(7500, 6);
    expect(small.body.prizes[1].runsOutAfter).toBe(1000);
  });

  it("is readable by the auditor, who may not simulate", async () => {
    const { t, op } = await setup();
    const { body: created } = await op.post(BASE, wheelBody(t));
    const auditor = (await t.signIn("auditor")).client;
    expect((await auditor.get(`${BASE}/${created.id}/forecast?entries=10`)).status).toBe(200);
    expect((await auditor.post(`${BASE}/${created.id}/simulate`, { draws: 10 })).status).toBe(403);
  });
});

describe("GET /api/admin/campaigns/:id/stats", () => {
  async function liveWheelWithEntries(t: TestApp, op: Client, appId: number) {
    const earbuds = createProduct(t.db, t.clock.now(), { stock: 100 });
    const prizes = [
      { name: text("50 积分"), kind: "points", points: 50, oddsPpm: 500_000 },
      { name: text("耳机"), kind: "product", productId: earbuds, oddsPpm: 250_000, stock: 3, valueCents: 1000 },
      { name: text("谢谢参与"), kind: "nothing", oddsPpm: 250_000, isFallback: true },
    ];
    const { body: created } = await op.post(BASE, wheelBody(t, { prizes, perDayLimit: 0, config: { pointValueCents: 2 } }));
    await op.post(`${BASE}/${created.id}/schedule`);
    t.clock.advance(20 * MINUTE);
    const ms = ["s-1", "s-2", "s-3"].map((id) => createMember(t, appId, id));
    for (const m of ms) givePoints(t.db, m.id, 1000, t.clock.now());
    const day1 = mallDay(t.clock.now());
    // Two members enter (4 + 2 draws on day 1, 3 more on day 2); all three visit.
    for (let i = 0; i < 4; i++) writeTx(t.db, (tx) => draw(tx, t.app.ctx, created.id, ms[0].id, `a${i}`, t.clock.now()));
    for (let i = 0; i < 2; i++) writeTx(t.db, (tx) => draw(tx, t.app.ctx, created.id, ms[1].id, `b${i}`, t.clock.now()));
    t.db.insert(campaignVisits).values(ms.map((m) => ({ campaignId: created.id, memberId: m.id, day: day1 }))).run();
    t.clock.advance(DAY);
    const day2 = mallDay(t.clock.now());
    for (let i = 0; i < 3; i++) writeTx(t.db, (tx) => draw(tx, t.app.ctx, created.id, ms[0].id, `c${i}`, t.clock.now()));
    t.db.insert(campaignVisits).values({ campaignId: created.id, memberId: ms[0].id, day: day2 }).run();
    return { created, day1, day2, op: await again(t) };
  }

  it("counts visitors, participants, entries and conversion; prizes issued; points against prize cost; entries by day", async () => {
    const { t, op, appId } = await setup();
    const { created, day1, day2, op: later } = await liveWheelWithEntries(t, op, appId);
    const res = await later.get(`${BASE}/${created.id}/stats`);
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s).toMatchObject({ visitors: 3, participants: 2, entries: 9, pointsCollected: 180, pointValueCents: 2, pointsValueCents: 360 });
    expect(s.conversion).toBeCloseTo(2 / 3, 10);
    expect(s.prizes.reduce((n: number, p: { issued: number }) => n + p.issued, 0)).toBe(9);
    const [points, earbuds] = s.prizes;
    expect(s.pointsAwarded).toBe(points.issued * 50);
    expect(s.prizeCostCents).toBe(earbuds.issued * 1000 + points.issued * 50 * 2);
    expect(s.outcomes.won + (s.outcomes.lost ?? 0)).toBe(9);
    expect(s.byDay).toEqual([
      { day: day1, entries: 6, participants: 2, visitors: 3 },
      { day: day2, entries: 3, participants: 1, visitors: 1 },
    ]);
    // Prize orders (the earbuds) count for fulfilment: none settled yet.
    expect(s.fulfilment).toMatchObject({ orders: earbuds.issued, completed: 0, failed: 0, inProgress: earbuds.issued });
    expect(s.fulfilment.rate).toBeNull();
  });

  it("gives fulfilment success as completed over the orders settled either way", async () => {
    const { t, op, appId } = await setup();
    const c = createFixture(t.db, t.clock.now(), { template: "flash_sale", draft: true });
    const statuses = ["completed", "completed", "cancelled", "shipped"] as const;
    statuses.forEach((status, i) => t.db.insert(orders).values(orderFixture(t, appId, c.id, i, status)).run());
    const res = await op.get(`${BASE}/${c.id}/stats`);
    expect(res.body.fulfilment).toMatchObject({ orders: 4, completed: 2, failed: 1, inProgress: 1, byStatus: { completed: 2, cancelled: 1, shipped: 1 } });
    expect(res.body.fulfilment.rate).toBeCloseTo(2 / 3, 10);
  });

  it("answers an empty draft with zeros and no days", async () => {
    const { t, op } = await setup();
    const { body: created } = await op.post(BASE, wheelBody(t));
    const res = await op.get(`${BASE}/${created.id}/stats`);
    expect(res.body).toMatchObject({ visitors: 0, participants: 0, entries: 0, conversion: null, pointsCollected: 0, prizeCostCents: 0, byDay: [] });
  });
});

/** A flash-sale order row as the orders code would leave it, for the fulfilment arithmetic. */
function orderFixture(t: TestApp, appId: number, campaignId: number, i: number, status: (typeof orders.$inferInsert)["status"]): typeof orders.$inferInsert {
  const product = createProduct(t.db, t.clock.now());
  const member = createMember(t, appId, `o-${i}`);
  const now = t.clock.now();
  return {
    orderNo: `T-${campaignId}-${i}`,
    appId,
    memberId: member.id,
    supplierId: t.db.select({ s: products.supplierId }).from(products).where(eq(products.id, product)).get()!.s,
    productId: product,
    product: { name: text("x"), image: "", type: "physical", pointsPrice: 990, cashPrice: 0, costCents: 0 },
    quantity: 1,
    pointsTotal: 990,
    status,
    idempotencyKey: `fixture-${campaignId}-${i}`,
    requestHash: "x",
    source: "flash_sale",
    campaignId,
    createdAt: now,
    updatedAt: now,
  };
}
