import { sql } from "drizzle-orm";
import type { AppContext } from "../../context";
import { writeTx } from "../../lib/tx";
import { cancelOrder, confirmReceipt } from "./orders";

/** Unpaid cash orders past their 15 minutes: cancelled, points and stock returned. One transaction each. */
export function cancelUnpaid(ctx: AppContext) {
  const now = ctx.clock.now();
  // Through the partial index that holds only unpaid orders (the status index would read them all).
  const due = ctx.db.all<{ id: number }>(sql`select id from orders indexed by orders_pay_by_idx where status = 'pending_payment' and pay_by <= ${now.getTime()} limit 500`);
  for (const { id } of due) writeTx(ctx.db, (tx) => cancelOrder(tx, ctx, id, { label: "system:payment-timeout" }, "not paid within 15 minutes", now));
  return { cancelled: due.length };
}

/** Shipped orders the member did not confirm complete by themselves after 7 days. */
export function autoCompleteShipped(ctx: AppContext) {
  const now = ctx.clock.now();
  const due = ctx.db.all<{ id: number }>(sql`select id from orders indexed by orders_auto_complete_idx where status = 'shipped' and auto_complete_at <= ${now.getTime()} limit 1000`);
  for (const { id } of due) writeTx(ctx.db, (tx) => confirmReceipt(tx, id, { label: "system:auto-complete" }, now, "completed automatically"));
  return { completed: due.length };
}
