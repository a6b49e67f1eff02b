import { randomUUID } from "node:crypto";
import type { Request } from "autocannon";
import { and, eq, inArray, sql } from "drizzle-orm";
import { createDb, type Db } from "../../../db/client";
import { campaignEntries, campaignPrizes, campaigns, ledgerEntries, members, orders, products } from "../../../db/schema";
import { ledgerViolations } from "../../domain/points/ledger";
import { createCampaign, createProduct } from "../../test/campaign-fixtures";
import { givePoints } from "../../test/order-fixtures";
import type { BenchContext, Scenario } from "../scenario";

/** Storefront sessions for `n` members (created on first SSO), each given `points` to spend. */
async function crowd(ctx: BenchContext, prefix: string, n: number, points: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
  const cookies: string[] = [];
  for (let i = 0; i < ids.length; i += 25) cookies.push(...(await Promise.all(ids.slice(i, i + 25).map((id) => ctx.memberCookie(id)))));
  const db = createDb(ctx.dbFile);
  try {
    const rows = db.select({ id: members.id }).from(members).where(and(eq(members.appId, ctx.ids["app.demo"]), inArray(members.externalId, ids))).all();
    if (rows.length !== n) throw new Error(`expected ${n} bench members, found ${rows.length}`);
    for (const m of rows) givePoints(db, m.id, points, new Date());
  } finally {
    db.$client.close();
  }
  return cookies;
}

function withDb<T>(ctx: BenchContext, fn: (db: Db) => T): T {
  const db = createDb(ctx.dbFile);
  try {
    return fn(db);
  } finally {
    db.$client.close();
  }
}

/**
 * The checks after a run, on one snapshot: requests still in flight when the load stops go on
 * committing, so the counts compared must come from one read transaction (and a moment's wait lets
 * the stragglers finish first).
 */
async function verifySnapshot<T>(ctx: BenchContext, fn: (db: Db) => T): Promise<T> {
  await new Promise((r) => setTimeout(r, 500));
  return withDb(ctx, (db) => db.transaction(() => fn(db), { behavior: "deferred" }) as T);
}

/** POSTs spread over the members' sessions, each with its own Idempotency-Key (every request a new entry). */
function posts(cookies: string[], body: string): Request[] {
  let n = 0;
  return [
    {
      method: "POST",
      setupRequest: (req) => ({
        ...req,
        headers: { "content-type": "application/json", cookie: cookies[n++ % cookies.length], "idempotency-key": randomUUID() },
        body,
      }),
    },
  ];
}

const DRAW_COST = 10;
let wheelId = 0;

/**
 * Lucky-wheel draws at full load: 200 members draw without a daily limit, so every request is a
 * whole entry (cost charged FIFO, a random pick, stock taken, points credited or a prize order
 * created). After the run: points charged = entries × cost, no stocked prize given beyond its stock,
 * one order per product prize won, and the ledger invariant on every member.
 */
export const draw: Scenario = {
  name: "draw (POST /api/shop/campaigns/:id/draw)",
  goal: 0.25,
  prepare: async (ctx) => {
    const cookies = await crowd(ctx, "bench-draw", 200, 1_000_000);
    wheelId = withDb(ctx, (db) => {
      const now = new Date();
      const earbuds = createProduct(db, now, { stock: 100_000, pointsPrice: 12_800, name: "压测奖品耳机" });
      return createCampaign(db, now, {
        template: "wheel",
        title: "压测转盘",
        entryCost: DRAW_COST,
        prizes: [
          { name: "5 积分", kind: "points", points: 5, oddsPpm: 400_000 },
          { name: "20 积分", kind: "points", points: 20, oddsPpm: 200_000 },
          { name: "100 积分", kind: "points", points: 100, oddsPpm: 50_000, stock: 500 },
          { name: "耳机", kind: "product", productId: earbuds, oddsPpm: 2_000, stock: 100, valueCents: 19_900 },
          { name: "谢谢参与", kind: "nothing", oddsPpm: 348_000, isFallback: true },
        ],
      }).id;
    });
    return { url: `${ctx.baseUrl}/api/shop/campaigns/${wheelId}/draw`, requests: posts(cookies, "{}") };
  },
  verify: async (ctx) =>
    verifySnapshot(ctx, (db) => {
      const [{ entries }] = db.select({ entries: sql<number>`count(*)` }).from(campaignEntries).where(eq(campaignEntries.campaignId, wheelId)).all();
      const [{ charged }] = db
        .select({ charged: sql<number>`coalesce(-sum(${ledgerEntries.amount}), 0)` })
        .from(ledgerEntries)
        .where(and(eq(ledgerEntries.campaignId, wheelId), eq(ledgerEntries.type, "spend")))
        .all();
      const problems: string[] = [];
      if (charged !== entries * DRAW_COST) problems.push(`charged ${charged} for ${entries} entries`);
      const notes: string[] = [];
      for (const p of db.select().from(campaignPrizes).where(eq(campaignPrizes.campaignId, wheelId)).all()) {
        const [{ given }] = db.select({ given: sql<number>`count(*)` }).from(campaignEntries).where(and(eq(campaignEntries.campaignId, wheelId), eq(campaignEntries.prizeId, p.id))).all();
        if (p.initialStock != null) {
          if (p.stock! < 0 || p.initialStock - p.stock! !== given) problems.push(`prize ${p.id}: stock ${p.stock} of ${p.initialStock}, given ${given}`);
          notes.push(`${p.name["en-US"] || p.name["zh-CN"]} ${given}/${p.initialStock}`);
        }
        if (p.kind === "product") {
          const [{ n }] = db.select({ n: sql<number>`count(*)` }).from(orders).where(and(eq(orders.campaignId, wheelId), eq(orders.source, "prize"))).all();
          if (n !== given) problems.push(`product prize: ${given} given, ${n} orders`);
        }
      }
      const violations = ledgerViolations(db);
      if (violations.length) problems.push(`ledger violations on ${violations.length} members`);
      if (problems.length) throw new Error(`draw invariant broken: ${problems.join("; ")}`);
      return `${entries} draws, ${charged} points charged = entries × ${DRAW_COST}; stocked prizes given ≤ stock (${notes.join(", ")}); ledger ok`;
    }),
};

const SALE_STOCK = 3_000;
const SALE_LIMIT = 5;
const PRODUCT_STOCK = 10_000;
let saleId = 0;
let saleProductId = 0;

/**
 * A flash sale at full load: 800 members (limit 5 each) hammer a sale of 3,000 set aside. It sells out
 * during the run, so the mix is real buys (order, FIFO spend) then sold-out refusals, as a sale's
 * opening is. After the run: orders = stock set aside − stock left, stock left ≥ 0, nobody over the
 * limit, the product's own stock untouched, the ledger invariant on every member.
 */
export const flashSale: Scenario = {
  name: "flash sale (POST /api/shop/campaigns/:id/buy)",
  goal: 0.25,
  prepare: async (ctx) => {
    const cookies = await crowd(ctx, "bench-flash", 800, 100_000);
    ({ saleId, saleProductId } = withDb(ctx, (db) => {
      const now = new Date();
      const productId = createProduct(db, now, { type: "virtual", stock: PRODUCT_STOCK, pointsPrice: 3_000, name: "压测话费" });
      const sale = createCampaign(db, now, { template: "flash_sale", title: "压测秒杀", reservedStock: SALE_STOCK, config: { productId, salePoints: 100, perMemberLimit: SALE_LIMIT } });
      return { saleId: sale.id, saleProductId: productId };
    }));
    return { url: `${ctx.baseUrl}/api/shop/campaigns/${saleId}/buy`, requests: posts(cookies, JSON.stringify({ quantity: 1, recipient: "13800138000" })) };
  },
  verify: async (ctx) =>
    verifySnapshot(ctx, (db) => {
      const sale = db.select().from(campaigns).where(eq(campaigns.id, saleId)).get()!;
      const [{ sold, n }] = db.select({ sold: sql<number>`coalesce(sum(${orders.quantity}), 0)`, n: sql<number>`count(*)` }).from(orders).where(eq(orders.campaignId, saleId)).all();
      const [{ most }] = db
        .select({ most: sql<number>`coalesce(max(q), 0)` })
        .from(sql`(select sum(${orders.quantity}) as q from ${orders} where ${orders.campaignId} = ${saleId} group by ${orders.memberId})`)
        .all();
      const product = db.select({ stock: products.stock }).from(products).where(eq(products.id, saleProductId)).get()!;
      const violations = ledgerViolations(db);
      const problems: string[] = [];
      if (sale.stockLeft < 0) problems.push(`stock left ${sale.stockLeft}`);
      if (sold > SALE_STOCK || sold !== SALE_STOCK - sale.stockLeft) problems.push(`sold ${sold} of ${SALE_STOCK}, ${sale.stockLeft} left`);
      if (most > SALE_LIMIT) problems.push(`a member bought ${most} (limit ${SALE_LIMIT})`);
      if (product.stock !== PRODUCT_STOCK - SALE_STOCK) problems.push(`product stock ${product.stock}`);
      if (violations.length) problems.push(`ledger violations on ${violations.length} members`);
      if (problems.length) throw new Error(`flash sale invariant broken: ${problems.join("; ")}`);
      return `sold ${sold}/${SALE_STOCK} in ${n} orders (no oversell, ${sale.stockLeft} left ≥ 0), most per member ${most} ≤ ${SALE_LIMIT}; non-2xx are sold-out/limit refusals; ledger ok`;
    }),
};
