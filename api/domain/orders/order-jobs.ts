import { and, eq, lte } from "drizzle-orm";
import { orders } from "../../../db/schema";
import type { AppContext } from "../../context";
import { writeTx } from "../../lib/tx";
import { cancelOrder, confirmReceipt } from "./orders";

/** Unpaid cash orders past their 15 minutes: cancelled, points and stock returned. One transaction each. */
export function cancelUnpaid(ctx: AppContext) {
  const now = ctx.clock.now();
  const due = ctx.db.select({ id: orders.id }).from(orders).where(and(eq(orders.status, "pending_payment"), lte(orders.payBy, now))).limit(500).all();
  for (const { id } of due) writeTx(ctx.db, (tx) => cancelOrder(tx, ctx, id, { label: "system:payment-timeout" }, "not paid within 15 minutes", now));
  return { cancelled: due.length };
}

/** Shipped orders the member did not confirm complete by themselves after 7 days. */
export function autoCompleteShipped(ctx: AppContext) {
  const now = ctx.clock.now();
  const due = ctx.db.select({ id: orders.id }).from(orders).where(and(eq(orders.status, "shipped"), lte(orders.autoCompleteAt, now))).limit(1000).all();
  for (const { id } of due) writeTx(ctx.db, (tx) => confirmReceipt(tx, id, { label: "system:auto-complete" }, now, "completed automatically"));
  return { completed: due.length };
}
