import { and, count, eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { DbOrTx } from "../../../db/client";
import { payments } from "../../../db/schema";
import type { AppContext } from "../../context";
import { conflict, notFound } from "../../lib/errors";
import { enqueue, type DeliveryResult, type OutboxItem } from "../outbox/outbox";
import { afterPaid, loadOrder, transition } from "../orders/orders";
import { CALLBACK_PATH, SANDBOX, type CallbackNotice } from "./sandbox-gateway";

export type PaymentRow = typeof payments.$inferSelect;

/** Starts (or resumes) paying the cash part of a member's order; answers where to pay. */
export function startPayment(tx: DbOrTx, ctx: AppContext, orderId: number, memberId: number, now: Date): { payment: PaymentRow; payUrl: string } {
  const order = loadOrder(tx, orderId);
  if (order.memberId !== memberId) throw notFound("Order", orderId);
  if (order.status !== "pending_payment") throw conflict("NOT_AWAITING_PAYMENT", "This order is not waiting for payment", { status: order.status });
  if (order.payBy && order.payBy.getTime() <= now.getTime()) throw conflict("PAYMENT_EXPIRED", "The time to pay this order has run out");
  let payment = tx.select().from(payments).where(and(eq(payments.orderId, orderId), eq(payments.status, "pending"))).get();
  if (!payment) {
    const [{ n }] = tx.select({ n: count() }).from(payments).where(eq(payments.orderId, orderId)).all();
    payment = tx
      .insert(payments)
      .values({ orderId, provider: SANDBOX, reference: `${order.orderNo}-P${n + 1}`, amountCents: order.cashTotal, createdAt: now, updatedAt: now })
      .returning()
      .get();
  }
  return { payment, payUrl: ctx.sandboxGateway.checkoutUrl(payment.reference) };
}

export type CallbackOutcome = "paid" | "duplicate" | "failed" | "late-refunded" | "ignored";

/**
 * A verified notification from the gateway, applied once: a success pays the order (which then moves
 * on), a duplicate changes nothing, a success for an order cancelled meanwhile (too late) is refunded.
 */
export function applyPaymentNotice(tx: DbOrTx, notice: CallbackNotice, now: Date): { outcome: CallbackOutcome; orderId: number } {
  const payment = tx.select().from(payments).where(eq(payments.reference, notice.reference)).get();
  if (!payment) throw notFound("Payment", notice.reference);
  tx.update(payments).set({ callbacks: payment.callbacks + 1, updatedAt: now }).where(eq(payments.id, payment.id)).run();
  if (payment.status === "succeeded" || payment.status === "refunded") return { outcome: "duplicate", orderId: payment.orderId };
  if (notice.status === "failed") {
    tx.update(payments).set({ status: "failed", providerTxnId: notice.providerTxnId, note: "declined", updatedAt: now }).where(eq(payments.id, payment.id)).run();
    return { outcome: "failed", orderId: payment.orderId };
  }
  if (notice.amountCents !== payment.amountCents) throw conflict("AMOUNT_MISMATCH", `Paid ${notice.amountCents}, expected ${payment.amountCents}`);
  tx.update(payments).set({ status: "succeeded", providerTxnId: notice.providerTxnId, paidAt: now, updatedAt: now }).where(eq(payments.id, payment.id)).run();
  const order = loadOrder(tx, payment.orderId);
  if (order.status === "pending_payment") {
    const paid = transition(tx, order, "paid", { label: `payment:${SANDBOX}` }, notice.providerTxnId, now, { paidAt: now });
    afterPaid(tx, paid, now);
    return { outcome: "paid", orderId: order.id };
  }
  // The money arrived after the order was cancelled (the payment window ran out): give it back.
  tx.update(payments).set({ status: "refunded", refundedAt: now, note: `late payment for a ${order.status} order`, updatedAt: now }).where(eq(payments.id, payment.id)).run();
  enqueue(tx, now, { kind: "payment-refund", topic: "payment.refund", payload: { paymentId: payment.id, provider: payment.provider, reference: payment.reference, amountCents: payment.amountCents }, dedupeKey: `refund:${payment.id}` });
  return { outcome: "late-refunded", orderId: order.id };
}

/** The sandbox gateway's hosted page: the member pays (or fails); the gateway notifies, twice like real ones do. */
export function sandboxCheckout(tx: DbOrTx, reference: string, action: "pay" | "fail", now: Date) {
  const payment = tx.select().from(payments).where(eq(payments.reference, reference)).get();
  if (!payment) throw notFound("Payment", reference);
  const notice: CallbackNotice = {
    reference,
    providerTxnId: `SBX${now.getTime()}${randomUUID().slice(0, 6)}`,
    status: action === "pay" ? "succeeded" : "failed",
    amountCents: payment.amountCents,
    at: now.toISOString(),
  };
  enqueue(tx, now, { kind: "sandbox-callback", topic: "payment.notify", payload: notice, dedupeKey: `${notice.providerTxnId}:1` });
  enqueue(tx, now, { kind: "sandbox-callback", topic: "payment.notify", payload: notice, dedupeKey: `${notice.providerTxnId}:2`, delayMs: 3000 });
  return { payment, orderId: payment.orderId };
}

/** Outbox: the gateway's notify call to our callback endpoint, over HTTP into this app. */
export async function deliverSandboxCallback(ctx: AppContext, item: OutboxItem): Promise<DeliveryResult> {
  const { body, headers } = ctx.sandboxGateway.signCallback(item.payload as CallbackNotice, ctx.clock.now());
  const url = `http://pointmall.internal${CALLBACK_PATH}`;
  try {
    const res = await ctx.selfFetch(new Request(url, { method: "POST", body, headers }));
    const text = await res.text();
    return { ok: res.ok, url: CALLBACK_PATH, statusCode: res.status, responseSnippet: text.slice(0, 300), error: res.ok ? undefined : `HTTP ${res.status}` };
  } catch (err) {
    return { ok: false, url: CALLBACK_PATH, error: (err as Error).message };
  }
}

/** Outbox: asks the provider to refund. The sandbox refunds at once; a real provider is called here. */
export async function deliverPaymentRefund(_ctx: AppContext, item: OutboxItem): Promise<DeliveryResult> {
  const p = item.payload as { provider: string; reference: string };
  if (p.provider === SANDBOX) return { ok: true, url: `sandbox:refund/${p.reference}`, statusCode: 200 };
  return { ok: false, url: "", error: `no refund client for provider ${p.provider}`, permanent: true };
}

