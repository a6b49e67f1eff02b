import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { campaignEntries, campaigns, campaignVisits, ledgerEntries, members, orders, products } from "../../../db/schema";
import { ledgerViolations } from "../../domain/points/ledger";
import { advanceCampaigns } from "../../domain/campaigns/lifecycle";
import { balanceOf, createCampaign, createProduct, idem, shopMember, sixPrizeWheel } from "../../test/campaign-fixtures";
import { buildTestApp, registerTestApp } from "../../test/harness";
import { addAddress } from "../../test/order-fixtures";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

async function setup() {
  const t = await buildTestApp();
  const app = registerTestApp(t);
  const now = t.clock.now();
  const wheel = createCampaign(t.db, now, { template: "wheel", title: "幸运大转盘", entryCost: 20, perDayLimit: 3, prizes: sixPrizeWheel() });
  const member = await shopMember(t, app, "u-1", { points: 1000, nickname: "张三" });
  return { t, app, now, wheel, member };
}

describe("GET /api/shop/campaigns", () => {
  it("lists live campaigns and those starting within a week; not drafts, ended ones or those further off", async () => {
    const { t, now, wheel } = await setup();
    const soon = createCampaign(t.db, now, { template: "scratch", prizes: sixPrizeWheel(), startAt: new Date(now.getTime() + 2 * DAY) });
    createCampaign(t.db, now, { template: "scratch", prizes: sixPrizeWheel(), startAt: new Date(now.getTime() + 10 * DAY), endAt: new Date(now.getTime() + 20 * DAY) });
    createCampaign(t.db, now, { template: "wheel", prizes: sixPrizeWheel(), draft: true });
    const over = createCampaign(t.db, now, { template: "wheel", prizes: sixPrizeWheel(), endAt: new Date(now.getTime() + HOUR) });
    t.clock.advance(2 * HOUR);
    const res = await t.request("GET", "/api/shop/campaigns");
    expect(res.status).toBe(200);
    expect(res.body.map((c: { id: number }) => c.id)).toEqual([wheel.id, soon.id]);
    expect(res.body[0]).toMatchObject({ template: "wheel", status: "live", entryCost: 20, perDayLimit: 3, eligibility: null, title: { "zh-CN": "幸运大转盘" } });
    expect(res.body[1]).toMatchObject({ status: "scheduled" });
    expect(res.body.map((c: { id: number }) => c.id)).not.toContain(over.id);
  });

  it("tells a signed-in member whether they may enter and the chances left", async () => {
    const { t, now, wheel, member } = await setup();
    const gold = createCampaign(t.db, now, { template: "wheel", prizes: sixPrizeWheel(), tiers: ["gold", "diamond"] });
    await member.client.post(`/api/shop/campaigns/${wheel.id}/draw`, {}, idem());
    const res = await member.client.get("/api/shop/campaigns");
    const byId = new Map(res.body.map((c: { id: number }) => [c.id, c]));
    expect(byId.get(wheel.id)).toMatchObject({ eligibility: { eligible: true, reason: null, entriesToday: 1, chancesLeftToday: 2, chancesLeft: null } });
    expect(byId.get(gold.id)).toMatchObject({ eligibility: { eligible: false, reason: "tier" } });
  });
});

describe("GET /api/shop/campaigns/:id", () => {
  it("shows the prizes' names, kinds and colours in the wheel's order, never their stock or odds", async () => {
    const { t, wheel, member } = await setup();
    const res = await member.client.get(`/api/shop/campaigns/${wheel.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: wheel.id, template: "wheel", status: "live", balance: 1000, rules: { "zh-CN": expect.any(String) } });
    expect(res.body.prizes).toHaveLength(6);
    expect(res.body.prizes.map((p: { name: Record<string, string> }) => p.name["zh-CN"])).toEqual(["88 积分", "188 积分", "888 积分", "8888 积分", "18 积分", "谢谢参与"]);
    for (const p of res.body.prizes) expect(Object.keys(p).sort()).toEqual(["color", "id", "isFallback", "kind", "name", "points"]);
    expect(JSON.stringify(res.body)).not.toMatch(/odds|stock|valueCents|dailyRelease/i);
    expect(t.db.select().from(campaigns).where(eq(campaigns.id, wheel.id)).get()).toBeDefined();
  });

  it("counts a visit once per member per day, and none without a session", async () => {
    const { t, wheel, member } = await setup();
    await t.request("GET", `/api/shop/campaigns/${wheel.id}`);
    expect(t.db.select().from(campaignVisits).all()).toEqual([]);
    await member.client.get(`/api/shop/campaigns/${wheel.id}`);
    await member.client.get(`/api/shop/campaigns/${wheel.id}`);
    expect(t.db.select().from(campaignVisits).all()).toEqual([{ campaignId: wheel.id, memberId: member.member.id, day: "2026-01-15" }]);
    t.clock.advance(DAY);
    await member.client.get(`/api/shop/campaigns/${wheel.id}`);
    expect(t.db.select().from(campaignVisits).all().map((v) => v.day)).toEqual(["2026-01-15", "2026-01-16"]);
  });

  it("is 404 for a draft or a campaign that does not exist; an ended one says it ended", async () => {
    const { t, now, member } = await setup();
    const draft = createCampaign(t.db, now, { template: "wheel", prizes: sixPrizeWheel(), draft: true });
    expect((await member.client.get(`/api/shop/campaigns/${draft.id}`)).status).toBe(404);
    expect((await member.client.get(`/api/shop/campaigns/9999`)).status).toBe(404);
    expect((await member.client.post(`/api/shop/campaigns/${draft.id}/draw`, {}, idem())).status).toBe(404);
    const short = createCampaign(t.db, now, { template: "wheel", prizes: sixPrizeWheel(), endAt: new Date(now.getTime() + HOUR) });
    t.clock.advance(2 * HOUR);
    const res = await member.client.get(`/api/shop/campaigns/${short.id}`);
    expect(res.body).toMatchObject({ status: "ended", eligibility: { eligible: false, reason: "ended" } });
  });

  it("shows a flash sale's product, price, stock left and what the member bought", async () => {
    const { t, now, member } = await setup();
    const productId = createProduct(t.db, now, { stock: 50, pointsPrice: 3000, name: "保温杯" });
    const sale = createCampaign(t.db, now, { template: "flash_sale", reservedStock: 10, config: { productId, salePoints: 990, perMemberLimit: 2 } });
    const res = await member.client.get(`/api/shop/campaigns/${sale.id}`);
    expect(res.body.flashSale).toMatchObject({ product: { id: productId, pointsPrice: 3000, name: { "zh-CN": "保温杯" } }, salePoints: 990, perMemberLimit: 2, stockLeft: 10, reservedStock: 10, bought: 0 });
    expect(res.body).toMatchObject({ salePoints: 990, stockLeft: 10 });
  });

  it("shows a sign-in calendar's rewards and an auction's live state", async () => {
    const { t, now, member } = await setup();
    const cal = createCampaign(t.db, now, { template: "sign_in", config: { makeUpCost: 30 } });
    expect((await member.client.get(`/api/shop/campaigns/${cal.id}`)).body.signIn).toMatchObject({ steps: [5, 8, 12, 15, 18, 20, 25], bonusEvery: 7, makeUpCost: 30 });
    const productId = createProduct(t.db, now, { stock: 1 });
    const auction = createCampaign(t.db, now, { template: "auction", config: { productId, startPrice: 500, increment: 50 } });
    expect((await t.request("GET", `/api/shop/campaigns/${auction.id}`)).body.auction).toMatchObject({ currentPrice: null, minimumBid: 500, leader: null, leading: false, bidCount: 0, product: { id: productId } });
  });
});

describe("POST /api/shop/campaigns/:id/draw", () => {
  it("draws: charges the cost, gives the prize, and says where the wheel stops", async () => {
    const { t, wheel, member } = await setup();
    const detail = (await member.client.get(`/api/shop/campaigns/${wheel.id}`)).body;
    const res = await member.client.post(`/api/shop/campaigns/${wheel.id}/draw`, {}, idem());
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const { prize, landedIndex, pointsAwarded, balance, chancesLeftToday } = res.body;
    expect(detail.prizes[landedIndex].id).toBe(prize.id);
    expect(pointsAwarded).toBe(prize.points);
    expect(balance).toBe(1000 - 20 + pointsAwarded);
    expect(chancesLeftToday).toBe(2);
    const ledger = t.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.memberId, member.member.id), eq(ledgerEntries.campaignId, wheel.id))).all();
    expect(ledger.map((e) => [e.type, e.amount])).toEqual(pointsAwarded ? [["spend", -20], ["earn", pointsAwarded]] : [["spend", -20]]);
  });

  it("needs an Idempotency-Key; a retry with the same key is the same draw, charged once", async () => {
    const { t, wheel, member } = await setup();
    const none = await member.client.post(`/api/shop/campaigns/${wheel.id}/draw`);
    expect(none.status).toBe(400);
    expect(none.body.code).toBe("IDEMPOTENCY_KEY_REQUIRED");
    const a = await member.client.post(`/api/shop/campaigns/${wheel.id}/draw`, {}, idem("draw-key-0001"));
    const b = await member.client.post(`/api/shop/campaigns/${wheel.id}/draw`, {}, idem("draw-key-0001"));
    expect(b.status).toBe(200);
    expect(b.headers.get("Idempotent-Replay")).toBe("true");
    expect(b.body).toMatchObject({ entryId: a.body.entryId, prize: a.body.prize, landedIndex: a.body.landedIndex, replayed: true });
    expect(t.db.select().from(campaignEntries).all()).toHaveLength(1);
  });

  it("refuses the fourth draw of the day with LIMIT_REACHED, and allows three again tomorrow", async () => {
    const { t, wheel, member } = await setup();
    for (let i = 0; i < 3; i++) expect((await member.client.post(`/api/shop/campaigns/${wheel.id}/draw`, {}, idem())).status).toBe(201);
    const before = balanceOf(t.db, member.member.id);
    const fourth = await member.client.post(`/api/shop/campaigns/${wheel.id}/draw`, {}, idem());
    expect(fourth.status).toBe(409);
    expect(fourth.body).toMatchObject({ code: "LIMIT_REACHED", details: { reason: "daily-limit", chancesLeftToday: 0 } });
    expect(balanceOf(t.db, member.member.id)).toBe(before);
    t.clock.advance(DAY);
    expect((await member.client.post(`/api/shop/campaigns/${wheel.id}/draw`, {}, idem())).status).toBe(201);
  });

  it("refuses with clear codes: not started, ended, not eligible (403), not enough points — changing nothing", async () => {
    const { t, app, now, wheel, member } = await setup();
    const later = createCampaign(t.db, now, { template: "wheel", prizes: sixPrizeWheel(), startAt: new Date(now.getTime() + DAY) });
    const gold = createCampaign(t.db, now, { template: "wheel", prizes: sixPrizeWheel(), tiers: ["gold"] });
    const newcomers = createCampaign(t.db, now, { template: "wheel", prizes: sixPrizeWheel(), newMemberDays: 7 });
    const draw = (id: number, who = member) => who.client.post(`/api/shop/campaigns/${id}/draw`, {}, idem());

    expect((await draw(later.id)).body.code).toBe("CAMPAIGN_NOT_STARTED");
    const tier = await draw(gold.id);
    expect(tier.status).toBe(403);
    expect(tier.body).toMatchObject({ code: "NOT_ELIGIBLE", details: { reason: "tier" } });
    expect((await draw(newcomers.id)).status).toBe(201);
    t.db.update(members).set({ createdAt: new Date(now.getTime() - 30 * DAY) }).where(eq(members.id, member.member.id)).run();
    expect((await draw(newcomers.id)).body).toMatchObject({ code: "NOT_ELIGIBLE", details: { reason: "new-members-only" } });

    const poor = await shopMember(t, app, "u-poor", { points: 19 });
    const res = await draw(wheel.id, poor);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("INSUFFICIENT_POINTS");
    expect(t.db.select().from(campaignEntries).where(eq(campaignEntries.memberId, poor.member.id)).all()).toEqual([]);
    expect(balanceOf(t.db, poor.member.id)).toBe(19);

    const short = createCampaign(t.db, now, { template: "wheel", prizes: sixPrizeWheel(), endAt: new Date(now.getTime() + HOUR) });
    t.clock.set(short.endAt);
    const ended = await draw(short.id);
    expect(ended.status).toBe(409);
    expect(ended.body.code).toBe("CAMPAIGN_ENDED");
    expect((await t.request("POST", `/api/shop/campaigns/${wheel.id}/draw`, { headers: idem() })).status).toBe(401);
    expect((await draw(later.id + 1000)).status).toBe(404);
  });

  it("refuses a draw on a campaign of another template", async () => {
    const { t, now, member } = await setup();
    const cal = createCampaign(t.db, now, { template: "sign_in" });
    expect((await member.client.post(`/api/shop/campaigns/${cal.id}/draw`, {}, idem())).body.code).toBe("WRONG_TEMPLATE");
  });
});

describe("POST /api/shop/campaigns/:id/buy", () => {
  it("buys at the sale price from the sale's stock, up to the per-member limit; sold out after", async () => {
    const { t, app, now, member } = await setup();
    const productId = createProduct(t.db, now, { stock: 10, pointsPrice: 3000 });
    const sale = createCampaign(t.db, now, { template: "flash_sale", reservedStock: 2, config: { productId, salePoints: 300, perMemberLimit: 1 } });
    expect(t.db.select().from(products).where(eq(products.id, productId)).get()!.stock).toBe(8);
    const addressId = addAddress(t.db, member.member.id, now);
    const buy = (who = member, body: Record<string, unknown> = { quantity: 1, addressId }, key?: string) => who.client.post(`/api/shop/campaigns/${sale.id}/buy`, body, idem(key));

    const noAddress = await buy(member, { quantity: 1 });
    expect(noAddress.status).toBe(422);
    const res = await buy(member, undefined, "buy-key-00001");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ stockLeft: 1, replayed: false, order: { source: "flash_sale", campaignId: sale.id, pointsTotal: 300, quantity: 1, status: "awaiting_shipment" } });
    expect((await buy(member, undefined, "buy-key-00001")).body).toMatchObject({ replayed: true, order: { id: res.body.order.id } });
    expect((await buy()).body.code).toBe("LIMIT_REACHED");
    expect(balanceOf(t.db, member.member.id)).toBe(700);

    const other = await shopMember(t, app, "u-2", { points: 1000 });
    const otherAddress = addAddress(t.db, other.member.id, now);
    expect((await buy(other, { quantity: 1, addressId: otherAddress })).status).toBe(201);
    const third = await shopMember(t, app, "u-3", { points: 1000 });
    const sold = await buy(third, { quantity: 1, addressId: addAddress(t.db, third.member.id, now) });
    expect(sold.status).toBe(409);
    expect(sold.body.code).toBe("SOLD_OUT");
    expect(balanceOf(t.db, third.member.id)).toBe(1000);
    // Sold out is answered without a write; a retry of a buy that went through still gets its order.
    const retry = await buy(member, undefined, "buy-key-00001");
    expect(retry.status).toBe(200);
    expect(retry.body.order.id).toBe(res.body.order.id);
    expect(t.db.select().from(orders).where(eq(orders.campaignId, sale.id)).all()).toHaveLength(2);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("refuses before the sale opens, and after it closes; unsold stock goes back to the product at the end", async () => {
    const { t, now, member } = await setup();
    const productId = createProduct(t.db, now, { type: "virtual", stock: 20, pointsPrice: 800 });
    const sale = createCampaign(t.db, now, { template: "flash_sale", reservedStock: 10, startAt: new Date(now.getTime() + HOUR), endAt: new Date(now.getTime() + 3 * HOUR), config: { productId, salePoints: 100, perMemberLimit: 3 } });
    const buy = () => member.client.post(`/api/shop/campaigns/${sale.id}/buy`, { quantity: 3, recipient: "13800138000" }, idem());
    const early = await buy();
    expect(early.status).toBe(409);
    expect(early.body.code).toBe("CAMPAIGN_NOT_STARTED");
    t.clock.advance(HOUR);
    expect((await buy()).status).toBe(201);
    t.clock.advance(2 * HOUR);
    expect((await buy()).body.code).toBe("CAMPAIGN_ENDED");
    advanceCampaigns(t.app.ctx);
    expect(t.db.select().from(campaigns).where(eq(campaigns.id, sale.id)).get()).toMatchObject({ status: "ended", stockLeft: 0 });
    expect(t.db.select().from(products).where(eq(products.id, productId)).get()!.stock).toBe(20 - 3);
  });
});

describe("GET /api/shop/me/campaign-entries", () => {
  it("lists the member's own entries, newest first, with prizes; won=true only those that gave something", async () => {
    const { t, app, wheel, member } = await setup();
    for (let i = 0; i < 3; i++) await member.client.post(`/api/shop/campaigns/${wheel.id}/draw`, {}, idem());
    const other = await shopMember(t, app, "u-2", { points: 100 });
    await other.client.post(`/api/shop/campaigns/${wheel.id}/draw`, {}, idem());

    const res = await member.client.get("/api/shop/me/campaign-entries");
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    const ids = res.body.items.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a: number, b: number) => b - a));
    expect(res.body.items[0]).toMatchObject({ campaignId: wheel.id, template: "wheel", title: { "zh-CN": "幸运大转盘" }, cost: 20, prize: { name: expect.any(Object), kind: expect.any(String) } });
    const wins = (await member.client.get("/api/shop/me/campaign-entries?won=true")).body;
    expect(wins.items.every((e: { pointsAwarded: number; orderId: number | null }) => e.pointsAwarded > 0 || e.orderId)).toBe(true);
    const losses = (await member.client.get("/api/shop/me/campaign-entries?won=false")).body;
    expect(wins.total + losses.total).toBe(3);
    expect((await t.request("GET", "/api/shop/me/campaign-entries")).status).toBe(401);
  });
});
