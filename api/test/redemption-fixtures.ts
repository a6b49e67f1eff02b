import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import {
  couponCodes,
  ledgerEntries,
  members,
  notifications,
  orderEvents,
  orders,
  outbox,
  payments,
  pointLots,
  products,
  type FulfilmentSettings,
} from "../../db/schema";
import { CODE_MAC_PURPOSE } from "../domain/catalog/coupon-import";
import { credit, hashRequest } from "../domain/points/ledger";
import { writeTx } from "../lib/tx";
import type { TestApp } from "./harness";

/**
 * Products, coupon pools, point lots and read-backs for the redemption and order tests, written
 * straight into the database so that each test states only what it is about.
 */

let seq = 0;

export type ProductValues = Partial<typeof products.$inferInsert>;

/** A product on sale (physical, 500 points, stock 100 unless told otherwise); returns its id. */
export function listProduct(t: TestApp, supplierId: number, o: ProductValues = {}): number {
  const now = t.clock.now();
  const n = ++seq;
  return t.db
    .insert(products)
    .values({
      supplierId,
      type: "physical",
      name: { "zh-CN": `商品 ${n}`, "en-US": `Product ${n}` },
      description: { "zh-CN": "<p>好东西</p>", "en-US": "<p>A good thing</p>" },
      pointsPrice: 500,
      stock: 100,
      status: "on_sale",
      createdAt: now,
      updatedAt: now,
      ...o,
    })
    .returning({ id: products.id })
    .get().id;
}

/** A virtual product fulfilled through `fulfilment` (the supplier's endpoint and product code). */
export const virtualProduct = (t: TestApp, supplierId: number, fulfilment: FulfilmentSettings, o: ProductValues = {}) =>
  listProduct(t, supplierId, { type: "virtual", fulfilment, ...o });

/** Loads codes into a coupon product's pool as the import does (sealed, with their keyed hash); its stock follows the pool. */
export function loadCodes(t: TestApp, productId: number, codes: string[]) {
  const box = t.app.ctx.box;
  const now = t.clock.now();
  writeTx(t.db, (tx) => {
    for (const code of codes) tx.insert(couponCodes).values({ productId, codeEnc: box.seal(code), codeHash: box.mac(CODE_MAC_PURPOSE, code), createdAt: now }).run();
    tx.update(products).set({ stock: sql`${products.stock} + ${codes.length}` }).where(eq(products.id, productId)).run();
  });
}

/** An earn lot of `amount` expiring at `expiresAt` (null: never), as a host's event would give. */
export function earnLot(t: TestApp, memberId: number, amount: number, expiresAt: Date | null) {
  const n = ++seq;
  return writeTx(t.db, (tx) =>
    credit(tx, t.clock.now(), {
      type: "earn",
      amount,
      memberId,
      businessId: `lot-fixture-${n}-${process.pid}`,
      requestHash: hashRequest({ lot: n }),
      reason: "fixture",
      actor: { type: "system", id: "fixture" },
      expiresAt,
    }),
  ).entry;
}

/** Headers for a redemption: a fresh Idempotency-Key unless one is given. */
export const keyed = (key: string = randomUUID()) => ({ "Idempotency-Key": key });

export const productRow = (t: TestApp, id: number) => t.db.select().from(products).where(eq(products.id, id)).get()!;
export const orderRow = (t: TestApp, id: number) => t.db.select().from(orders).where(eq(orders.id, id)).get()!;
export const ordersOf = (t: TestApp, productId: number) => t.db.select().from(orders).where(eq(orders.productId, productId)).orderBy(asc(orders.id)).all();
export const balance = (t: TestApp, memberId: number) => t.db.select({ b: members.balance }).from(members).where(eq(members.id, memberId)).get()!.b;
export const entriesOf = (t: TestApp, memberId: number) => t.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, memberId)).orderBy(asc(ledgerEntries.id)).all();
export const timeline = (t: TestApp, orderId: number) => t.db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.id)).all();
export const paymentsOfOrder = (t: TestApp, orderId: number) => t.db.select().from(payments).where(eq(payments.orderId, orderId)).orderBy(asc(payments.id)).all();
export const outboxOf = (t: TestApp, kind: string) => t.db.select().from(outbox).where(eq(outbox.kind, kind)).orderBy(asc(outbox.id)).all();

/** The member's open lots (not expired, something left) as amount and expiry, soonest expiry first. */
export function openLots(t: TestApp, memberId: number) {
  return t.db
    .select({ amount: pointLots.remaining, expiresAt: pointLots.expiresAt, entryId: pointLots.entryId })
    .from(pointLots)
    .where(and(eq(pointLots.memberId, memberId), sql`${pointLots.remaining} > 0`, sql`${pointLots.expiredAt} is null`))
    .orderBy(sql`${pointLots.expiresAt} is null`, asc(pointLots.expiresAt), asc(pointLots.id))
    .all()
    .map((l) => ({ amount: l.amount, expiresAt: l.expiresAt?.toISOString() ?? null, entryId: l.entryId }));
}

/** Row counts of everything a redemption writes: compare before and after to prove a refusal wrote nothing. */
export function redemptionFootprint(t: TestApp) {
  const n = (table: Parameters<TestApp["count"]>[0]) => t.count(table);
  return {
    orders: n(orders),
    orderEvents: n(orderEvents),
    ledgerEntries: n(ledgerEntries),
    pointLots: n(pointLots),
    outbox: n(outbox),
    payments: n(payments),
    assignedCodes: t.db.select().from(couponCodes).where(eq(couponCodes.status, "assigned")).all().length,
    stock: t.db.select({ s: sql<number>`coalesce(sum(${products.stock}), 0)` }).from(products).get()!.s,
    balances: t.db.select({ s: sql<number>`coalesce(sum(${members.balance}), 0)` }).from(members).get()!.s,
    notifications: n(notifications),
  };
}
