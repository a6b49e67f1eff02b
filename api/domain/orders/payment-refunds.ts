import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { payments, type orders } from "../../../db/schema";
import { enqueue } from "../outbox/outbox";

/**
 * Gives back the cash part of an order that will not be fulfilled: a captured payment is marked
 * refunded and the provider is asked to refund it (through the outbox, after commit).
 */
export function refundCapturedPayment(tx: DbOrTx, order: typeof orders.$inferSelect, now: Date, reason: string) {
  if (order.cashTotal <= 0) return;
  const captured = tx.select().from(payments).where(and(eq(payments.orderId, order.id), eq(payments.status, "succeeded"))).all();
  for (const p of captured) {
    tx.update(payments).set({ status: "refunded", refundedAt: now, note: reason, updatedAt: now }).where(eq(payments.id, p.id)).run();
    enqueue(tx, now, { kind: "payment-refund", topic: "payment.refund", payload: { paymentId: p.id, provider: p.provider, reference: p.reference, amountCents: p.amountCents }, dedupeKey: `refund:${p.id}` });
  }
}
