import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { memberSessions, members } from "../../../db/schema";
import { credit, hashRequest } from "../../domain/points/ledger";
import { DAY } from "../../lib/clock";
import { writeTx } from "../../lib/tx";
import { buildTestApp, memberLogin, ORIGIN, registerTestApp } from "../../test/harness";
import { createCampaign, createProduct, idem, sixPrizeWheel } from "../../test/campaign-fixtures";
import { givePoints } from "../../test/order-fixtures";

async function setup() {
  const t = await buildTestApp();
  const host = registerTestApp(t);
  return { t, host };
}

describe("GET /api/shop/me", () => {
  it("shows the signed-in member's balance, tier and points expiring soon", async () => {
    const { t, host } = await setup();
    const cookie = await memberLogin(t, host, "u-1");
    const member = t.db.select().from(members).get()!;
    writeTx(t.db, (tx) =>
      credit(tx, t.clock.now(), { type: "earn", amount: 1200, memberId: member.id, businessId: "b-1", requestHash: hashRequest({ b: 1 }), actor: { type: "app", id: "1" }, expiresAt: new Date("2026-01-31T16:00:00Z") }),
    );
    t.db.update(members).set({ tier: "silver" }).where(eq(members.id, member.id)).run();
    const res = await t.request("GET", "/api/shop/me", { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toMatchObject({
      memberId: "u-1",
      balance: 1200,
      tier: "silver",
      tierName: { "en-US": "Silver" },
      progress: { current: "silver", earned12m: 1200, next: "gold", pointsToNext: 3800 },
      expiring: { days: 30, total: 1200, dates: [{ date: "2026-01-31", points: 1200 }] },
    });
    const ledger = await t.request("GET", "/api/shop/me/ledger?limit=5", { cookie });
    expect(ledger.body).toMatchObject({ page: 1, limit: 5, total: 1, items: [{ type: "earn", amount: 1200, balanceAfter: 1200 }] });
  });

  it("returns 401 MEMBER_UNAUTHENTICATED without a cookie, with an unknown one, and after the session expires", async () => {
    const { t, host } = await setup();
    for (const cookie of [undefined, "pm_member=forged-token"]) {
      const res = await t.request("GET", "/api/shop/me", { cookie });
      expect([res.status, res.body.code]).toEqual([401, "MEMBER_UNAUTHENTICATED"]);
    }
    expect((await t.request("GET", "/api/shop/me/ledger")).status).toBe(401);
    const cookie = await memberLogin(t, host);
    t.clock.advance(7 * DAY);
    expect((await t.request("GET", "/api/shop/me", { cookie })).status).toBe(401);
  });

  it("ends the session of a member who is frozen meanwhile", async () => {
    const { t, host } = await setup();
    const cookie = await memberLogin(t, host);
    t.db.update(members).set({ status: "frozen" }).run();
    expect((await t.request("GET", "/api/shop/me", { cookie })).status).toBe(401);
  });
});

describe("GET /api/shop/me/ledger", () => {
  it("names what each entry was for: the product of a redemption and the campaign of a draw, in both languages", async () => {
    const { t, host } = await setup();
    const cookie = await memberLogin(t, host, "u-1");
    const member = t.db.select().from(members).get()!;
    const now = t.clock.now();
    givePoints(t.db, member.id, 1000, now);
    const productId = createProduct(t.db, now, { type: "virtual", pointsPrice: 300, name: "话费 10 元" });
    const wheel = createCampaign(t.db, now, { template: "wheel", title: "周年转盘", titleEn: "Anniversary wheel", entryCost: 20, prizes: sixPrizeWheel() });
    const bought = await t.request("POST", "/api/shop/redemptions", { cookie, headers: { ...idem(), origin: ORIGIN }, body: { productId, quantity: 1, recipient: "13800138000" } });
    expect(bought.status).toBe(201);
    const drawn = await t.request("POST", `/api/shop/campaigns/${wheel.id}/draw`, { cookie, headers: { ...idem(), origin: ORIGIN }, body: {} });
    expect(drawn.status).toBe(201);

    const ledger = await t.request("GET", "/api/shop/me/ledger", { cookie });
    expect(ledger.status).toBe(200);
    // A points prize comes first when the wheel gave one (its entry is the campaign's too).
    const items = drawn.body.pointsAwarded > 0 ? ledger.body.items.slice(1) : ledger.body.items;
    if (drawn.body.pointsAwarded > 0) expect(ledger.body.items[0]).toMatchObject({ type: "earn", amount: drawn.body.pointsAwarded, campaign: { template: "wheel" } });
    expect(items).toMatchObject([
      { type: "spend", amount: -20, campaignId: wheel.id, campaign: { title: { "zh-CN": "周年转盘", "en-US": "Anniversary wheel" }, template: "wheel" }, order: null },
      { type: "spend", amount: -300, orderId: bought.body.id, order: { orderNo: bought.body.orderNo, productName: { "zh-CN": "话费 10 元" } }, campaign: null },
      { type: "earn", amount: 1000, order: null, campaign: null },
    ]);
  });
});

describe("POST /api/shop/auth/logout", () => {
  it("ends the session: the row is gone, the cookie cleared, and the cookie no longer works", async () => {
    const { t, host } = await setup();
    const cookie = await memberLogin(t, host);
    expect((await t.request("GET", "/api/shop/me", { cookie })).status).toBe(200);
    const res = await t.request("POST", "/api/shop/auth/logout", { cookie, headers: { origin: ORIGIN } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true });
    expect(res.headers.get("set-cookie")).toMatch(/pm_member=;.*Max-Age=0/);
    expect(t.count(memberSessions)).toBe(0);
    expect((await t.request("GET", "/api/shop/me", { cookie })).status).toBe(401);
  });

  it("refuses a cross-site logout (CSRF)", async () => {
    const { t, host } = await setup();
    const cookie = await memberLogin(t, host);
    const res = await t.request("POST", "/api/shop/auth/logout", { cookie, headers: { origin: "https://evil.example" } });
    expect([res.status, res.body.code]).toEqual([403, "CSRF_ORIGIN_MISMATCH"]);
    expect(t.count(memberSessions)).toBe(1);
  });
});
