import { asc, desc, eq, inArray, sql } from "drizzle-orm";
import { prepared } from "../../../db/prepared";
import type { DbOrTx } from "../../../db/client";
import { couponCodes, members, orderEvents, payments } from "../../../db/schema";
import { maskAddress, maskName, maskPhone } from "../../lib/masking";
import { iso } from "../../lib/serialize";
import type { OrderRow } from "./orders";

export function orderDto(o: OrderRow, opts: { unmask: boolean }) {
  const address = o.address && !opts.unmask ? { name: maskName(o.address.name), phone: maskPhone(o.address.phone), region: o.address.region, detail: maskAddress(o.address.detail) } : o.address;
  const { idempotencyKey: _k, requestHash: _h, ...rest } = o;
  return { ...iso(rest), address, recipient: o.recipient && !opts.unmask ? maskPhone(o.recipient) : o.recipient };
}

/** Every order answer carries its timeline and payments: built once per connection (see db/prepared.ts). */
const q = (db: DbOrTx) =>
  prepared(db, "orders.view", (d) => ({
    timeline: d.select().from(orderEvents).where(eq(orderEvents.orderId, sql.placeholder("orderId"))).orderBy(asc(orderEvents.id)).prepare(),
    payments: d
      .select({ id: payments.id, provider: payments.provider, reference: payments.reference, amountCents: payments.amountCents, status: payments.status, callbacks: payments.callbacks, paidAt: payments.paidAt, refundedAt: payments.refundedAt, note: payments.note, createdAt: payments.createdAt })
      .from(payments)
      .where(eq(payments.orderId, sql.placeholder("orderId")))
      .orderBy(desc(payments.id))
      .prepare(),
  }));

export function timelineOf(db: DbOrTx, orderId: number) {
  return q(db).timeline.all({ orderId }).map(iso);
}

export function paymentsOf(db: DbOrTx, orderId: number) {
  return q(db).payments.all({ orderId }).map(iso);
}

/** Whether an order's coupon code has been shown to its buyer (never the code itself). */
export function couponStateOf(db: DbOrTx, o: OrderRow) {
  if (!o.couponCodeId) return null;
  const c = db.select({ revealedAt: couponCodes.revealedAt }).from(couponCodes).where(eq(couponCodes.id, o.couponCodeId)).get();
  return { revealed: !!c?.revealedAt, revealedAt: c?.revealedAt?.toISOString() ?? null };
}

/** Member nicknames and host ids for a page of orders, in one query. */
export function membersOf(db: DbOrTx, list: OrderRow[]) {
  const ids = [...new Set(list.map((o) => o.memberId))];
  if (!ids.length) return new Map<number, { nickname: string; externalId: string }>();
  return new Map(db.select({ id: members.id, nickname: members.nickname, externalId: members.externalId }).from(members).where(inArray(members.id, ids)).all().map((m) => [m.id, m]));
}

