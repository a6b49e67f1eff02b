import { serve, type ServerType } from "@hono/node-server";
import { Agent, request } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { campaignEntries, campaignPrizes, campaigns, ledgerEntries, orders, products } from "../../../db/schema";
import { ledgerViolations } from "../../domain/points/ledger";
import { advanceCampaigns } from "../../domain/campaigns/lifecycle";
import { createMemberSession } from "../../middleware/member-session";
import { createCampaign, createProduct } from "../../test/campaign-fixtures";
import { buildTestApp, createMember, registerTestApp, type TestApp } from "../../test/harness";
import { givePoints } from "../../test/order-fixtures";

/**
 * Many members at once over real HTTP: the app served on a port, requests in flight together, as a
 * flash sale's opening second looks. Node runs one request's transaction at a time, but requests
 * interleave between them; these tests hold the limits, the stock and the ledger to account.
 */
let server: ServerType | undefined;
afterEach(async () => {
  (server as unknown as { closeAllConnections?: () => void } | undefined)?.closeAllConnections?.();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
  server = undefined;
});

async function listen(t: TestApp): Promise<string> {
  server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** `n` members with `points` each and a storefront session each (created directly, as SSO would). */
function crowd(t: TestApp, n: number, points: number) {
  const app = registerTestApp(t);
  const now = t.clock.now();
  return Array.from({ length: n }, (_, i) => {
    const m = createMember(t, app.id, `u-crowd-${i}`);
    if (points) givePoints(t.db, m.id, points, now);
    return { id: m.id, cookie: `pm_member=${createMemberSession(t.db, m.id, now, t.app.ctx.config)}` };
  });
}

/**
 * Every request is sent at once; the client keeps up to 128 connections open (as a proxy in front of
 * the app would) and queues the rest, since a thousand fresh connections overflow the listen backlog.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 128 });

function post(base: string, path: string, cookie: string, body: unknown = {}): Promise<{ status: number; body: { code?: string } }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      { method: "POST", agent, headers: { cookie, "content-type": "application/json", "content-length": Buffer.byteLength(payload), "idempotency-key": randomUUID() } },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

describe("concurrent draws over HTTP", () => {
  it("40 members × 8 simultaneous draws, limit 3 a day, cost 15: nobody exceeds 3, points charged = entries × cost, the ledger holds", async () => {
    const t = await buildTestApp();
    const base = await listen(t);
    const members = crowd(t, 40, 1000);
    const c = createCampaign(t.db, t.clock.now(), {
      template: "wheel",
      entryCost: 15,
      perDayLimit: 3,
      prizes: [
        { name: "scarce", kind: "points", points: 500, oddsPpm: 300_000, stock: 5 },
        { name: "ten", kind: "points", points: 10, oddsPpm: 300_000 },
        { name: "thanks", oddsPpm: 400_000, isFallback: true },
      ],
    });

    const requests = members.flatMap((m) => Array.from({ length: 8 }, () => post(base, `/api/shop/campaigns/${c.id}/draw`, m.cookie).then((r) => ({ member: m.id, ...r }))));
    const results = await Promise.all(requests);

    const statuses = new Map<number, number[]>();
    for (const r of results) statuses.set(r.member, [...(statuses.get(r.member) ?? []), r.status]);
    for (const [, s] of statuses) {
      expect(s.filter((x) => x === 201)).toHaveLength(3);
      expect(s.filter((x) => x === 409)).toHaveLength(5);
    }
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(["LIMIT_REACHED"]));

    const entries = t.db.select().from(campaignEntries).where(eq(campaignEntries.campaignId, c.id)).all();
    expect(entries).toHaveLength(40 * 3);
    const perMember = t.db
      .select({ m: campaignEntries.memberId, n: sql<number>`count(*)` })
      .from(campaignEntries)
      .where(eq(campaignEntries.campaignId, c.id))
      .groupBy(campaignEntries.memberId)
      .all();
    expect(Math.max(...perMember.map((r) => r.n))).toBe(3);
    const [{ charged }] = t.db
      .select({ charged: sql<number>`-sum(${ledgerEntries.amount})` })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.campaignId, c.id), eq(ledgerEntries.type, "spend")))
      .all();
    expect(charged).toBe(entries.length * 15);

    // The scarce prize was given at most its stock, and its stock counts what was given.
    const scarce = t.db.select().from(campaignPrizes).where(and(eq(campaignPrizes.campaignId, c.id), eq(campaignPrizes.points, 500))).get()!;
    const givenScarce = entries.filter((e) => e.prizeId === scarce.id).length;
    expect(givenScarce).toBeLessThanOrEqual(5);
    expect(scarce.stock).toBe(5 - givenScarce);
    expect(givenScarce).toBe(5); // 120 draws at 30%: it ran out
    expect(ledgerViolations(t.db)).toEqual([]);
  });
});

describe("flash sale over HTTP", () => {
  it("500 members at once (each tapping twice) against stock 100: exactly 100 sold, nobody over the limit of 1, the ledger holds", async () => {
    const t = await buildTestApp();
    const base = await listen(t);
    const members = crowd(t, 500, 2000);
    const productId = createProduct(t.db, t.clock.now(), { type: "virtual", stock: 150, pointsPrice: 5000 });
    const sale = createCampaign(t.db, t.clock.now(), { template: "flash_sale", reservedStock: 100, endAt: new Date(t.clock.now().getTime() + 3_600_000), config: { productId, salePoints: 990, perMemberLimit: 1 } });
    expect(t.db.select().from(products).where(eq(products.id, productId)).get()!.stock).toBe(50);

    const body = { quantity: 1, recipient: "13800138000" };
    const results = await Promise.all(members.flatMap((m) => [0, 1].map(() => post(base, `/api/shop/campaigns/${sale.id}/buy`, m.cookie, body).then((r) => ({ member: m.id, ...r })))));

    const created = results.filter((r) => r.status === 201);
    expect(created).toHaveLength(100);
    const refusals = results.filter((r) => r.status !== 201);
    expect(refusals.every((r) => r.status === 409 && (r.body.code === "SOLD_OUT" || r.body.code === "LIMIT_REACHED"))).toBe(true);

    const sold = t.db.select().from(orders).where(eq(orders.campaignId, sale.id)).all();
    expect(sold).toHaveLength(100);
    expect(sold.reduce((s, o) => s + o.quantity, 0)).toBe(100);
    expect(new Set(sold.map((o) => o.memberId)).size).toBe(100);
    expect(sold.every((o) => o.pointsTotal === 990 && o.source === "flash_sale")).toBe(true);
    expect(t.db.select().from(campaigns).where(eq(campaigns.id, sale.id)).get()!.stockLeft).toBe(0);
    const [{ spent }] = t.db
      .select({ spent: sql<number>`-sum(${ledgerEntries.amount})` })
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.campaignId, sale.id), eq(ledgerEntries.type, "spend")))
      .all();
    expect(spent).toBe(100 * 990);
    expect(ledgerViolations(t.db)).toEqual([]);

    // The sale ends: nothing was left to return, and the product keeps the 50 never set aside.
    t.clock.advance(3_600_000);
    advanceCampaigns(t.app.ctx);
    expect(t.db.select().from(products).where(eq(products.id, productId)).get()!.stock).toBe(50);
  });

  it("unsold stock returns to the product when the sale ends", async () => {
    const t = await buildTestApp();
    const base = await listen(t);
    const members = crowd(t, 60, 2000);
    const productId = createProduct(t.db, t.clock.now(), { type: "virtual", stock: 150, pointsPrice: 5000 });
    const sale = createCampaign(t.db, t.clock.now(), { template: "flash_sale", reservedStock: 100, endAt: new Date(t.clock.now().getTime() + 3_600_000), config: { productId, salePoints: 990, perMemberLimit: 1 } });
    const results = await Promise.all(members.map((m) => post(base, `/api/shop/campaigns/${sale.id}/buy`, m.cookie, { quantity: 1, recipient: "13800138000" })));
    expect(results.filter((r) => r.status === 201)).toHaveLength(60);
    expect(t.db.select().from(campaigns).where(eq(campaigns.id, sale.id)).get()!.stockLeft).toBe(40);

    t.clock.advance(3_600_000);
    expect(advanceCampaigns(t.app.ctx).ended).toBe(1);
    expect(t.db.select().from(campaigns).where(eq(campaigns.id, sale.id)).get()).toMatchObject({ status: "ended", stockLeft: 0 });
    expect(t.db.select().from(products).where(eq(products.id, productId)).get()!.stock).toBe(50 + 40);
    // Ending again gives nothing back twice.
    advanceCampaigns(t.app.ctx);
    expect(t.db.select().from(products).where(eq(products.id, productId)).get()!.stock).toBe(90);
    expect(ledgerViolations(t.db)).toEqual([]);
  });
});
