import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { createDb } from "../../../db/client";
import { members, orders, products, suppliers } from "../../../db/schema";
import { givePoints } from "../../test/order-fixtures";
import { ledgerViolations } from "../../domain/points/ledger";
import type { BenchContext, Scenario } from "../scenario";

const STOCK = 1_000_000;
let productId = 0;

/** The demo members who redeem, each with a session, a delivery address and points enough for the run. */
async function shoppers(ctx: BenchContext, n: number) {
  const out: { cookie: string; addressId: number }[] = [];
  const db = createDb(ctx.dbFile);
  try {
    const ids = Array.from({ length: n }, (_, i) => `u-${1001 + i}`);
    const rows = db.select({ id: members.id }).from(members).where(and(eq(members.appId, ctx.ids["app.demo"]), inArray(members.externalId, ids))).all();
    for (const m of rows) givePoints(db, m.id, 100_000, new Date());
  } finally {
    db.$client.close();
  }
  for (let i = 0; i < n; i++) {
    const cookie = await ctx.memberCookie(`u-${1001 + i}`);
    const res = await fetch(`${ctx.baseUrl}/api/shop/addresses`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ name: "压测", phone: "13800138000", region: "上海市 浦东新区", detail: "世纪大道 1 号" }),
    });
    out.push({ cookie, addressId: ((await res.json()) as { id: number }).id });
  }
  return out;
}

/**
 * Redemptions at full load: 60 signed-in members redeem a 1-point physical product, every request
 * with its own Idempotency-Key, so each is a full transaction (stock, FIFO spend, order, timeline).
 * After the run: sold = stock taken = orders, stock never below zero, the ledger invariant holds.
 */
export const redeem: Scenario = {
  name: "redeem (POST /api/shop/redemptions)",
  goal: 0.25,
  prepare: async (ctx) => {
    const db = createDb(ctx.dbFile);
    try {
      const supplierId = db.select({ id: suppliers.id }).from(suppliers).limit(1).get()!.id;
      const now = new Date();
      productId = db
        .insert(products)
        .values({ supplierId, type: "physical", name: { "zh-CN": "压测商品", "en-US": "Bench item" }, description: { "zh-CN": "", "en-US": "" }, pointsPrice: 1, stock: STOCK, status: "on_sale", createdAt: now, updatedAt: now })
        .returning()
        .get().id;
    } finally {
      db.$client.close();
    }
    const members = await shoppers(ctx, 60);
    let n = 0;
    return {
      url: `${ctx.baseUrl}/api/shop/redemptions`,
      requests: [
        {
          method: "POST",
          setupRequest: (req) => {
            const m = members[n++ % members.length];
            return {
              ...req,
              headers: { "content-type": "application/json", cookie: m.cookie, "idempotency-key": randomUUID() },
              body: JSON.stringify({ productId, quantity: 1, addressId: m.addressId }),
            };
          },
        },
      ],
    };
  },
  verify: async (ctx) => {
    const db = createDb(ctx.dbFile);
    try {
      const p = db.select().from(products).where(eq(products.id, productId)).get()!;
      const [{ n }] = db.select({ n: sql<number>`count(*)` }).from(orders).where(eq(orders.productId, productId)).all();
      const violations = ledgerViolations(db);
      if (p.stock < 0 || STOCK - p.stock !== p.sold || p.sold !== n || violations.length)
        throw new Error(`redeem invariant broken: stock ${p.stock}, sold ${p.sold}, orders ${n}, ledger violations ${violations.length}`);
      return `${n} orders = sold = stock taken; stock ${p.stock} ≥ 0; ledger invariant ok`;
    } finally {
      db.$client.close();
    }
  },
};
