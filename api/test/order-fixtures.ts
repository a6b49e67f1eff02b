import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { memberAddresses, members, products } from "../../db/schema";
import type { AppContext } from "../context";
import { credit, hashRequest } from "../domain/points/ledger";
import { redeem, type OrderRow } from "../domain/orders/orders";
import { writeTx } from "../lib/tx";

let fixtureSeq = 0;

/** Gives a member points (an earn lot that never expires), as a host's event would. */
export function givePoints(db: Db, memberId: number, amount: number, now: Date) {
  const n = ++fixtureSeq;
  writeTx(db, (tx) =>
    credit(tx, now, {
      type: "earn",
      amount,
      memberId,
      businessId: `fixture-earn-${n}-${process.pid}`,
      requestHash: hashRequest({ fixture: n }),
      reason: "fixture",
      actor: { type: "system", id: "fixture" },
      expiresAt: null,
    }),
  );
}

/** A delivery address for a member; returns its id. */
export function addAddress(db: Db, memberId: number, now: Date, o: Partial<{ name: string; phone: string; region: string; detail: string }> = {}): number {
  return db
    .insert(memberAddresses)
    .values({ memberId, name: o.name ?? "张三", phone: o.phone ?? "13800138000", region: o.region ?? "上海市 浦东新区", detail: o.detail ?? "世纪大道 100 号 8 楼", isDefault: true, createdAt: now, updatedAt: now })
    .returning()
    .get().id;
}

/**
 * A real redemption through the domain (stock taken, points spent, order created), topping the
 * member's points up first when they would not cover it. Physical goods go to the member's address.
 */
export function redeemFor(db: Db, ctx: AppContext, memberId: number, productId: number, now: Date, o: { quantity?: number; addressId?: number; recipient?: string } = {}): OrderRow {
  const n = ++fixtureSeq;
  const quantity = o.quantity ?? 1;
  const balance = db.select({ b: members.balance }).from(members).where(eq(members.id, memberId)).get()!.b;
  const price = db.select({ p: products.pointsPrice }).from(products).where(eq(products.id, productId)).get()!.p;
  if (balance < price * quantity) givePoints(db, memberId, price * quantity - balance, now);
  const addressId = o.addressId ?? addAddress(db, memberId, now);
  return writeTx(db, (tx) => redeem(tx, ctx, memberId, { productId, quantity, addressId, recipient: o.recipient }, { idempotencyKey: `fixture-${n}-${process.pid}` }, now)).order;
}
