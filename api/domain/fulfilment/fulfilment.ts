import { eq } from "drizzle-orm";
import { randomBytes, randomUUID } from "node:crypto";
import type { DbOrTx } from "../../../db/client";
import { products, suppliers } from "../../../db/schema";
import type { AppContext } from "../../context";
import { signedHeaders } from "../../lib/signing";
import { notFound } from "../../lib/errors";
import type { SecretBox } from "../../lib/secret-box";
import { completeFulfilment, failFulfilment, loadOrder } from "../orders/orders";
import type { DeliveryResult, OutboxItem } from "../outbox/outbox";

export const FULFILMENT_TIMEOUT_MS = 5000;
/** A virtual order whose supplier endpoint fails this many times is marked failed and refunded. */
export const FULFILMENT_MAX_ATTEMPTS = 5;

/** A new secret for signing fulfilment calls to a supplier; returned once, stored sealed. */
export function rotateSupplierSecret(tx: DbOrTx, box: SecretBox, supplierId: number, now: Date): string {
  const secret = randomBytes(24).toString("base64url");
  const changed = tx.update(suppliers).set({ apiSecretEnc: box.seal(secret), updatedAt: now }).where(eq(suppliers.id, supplierId)).run();
  if (changed.changes !== 1) throw notFound("Supplier", supplierId);
  return secret;
}

export function supplierSecret(db: DbOrTx, box: SecretBox, supplierId: number): { key: string; secret: string } | null {
  const s = db.select({ code: suppliers.code, enc: suppliers.apiSecretEnc }).from(suppliers).where(eq(suppliers.id, supplierId)).get();
  return s?.enc ? { key: s.code, secret: box.open(s.enc) } : null;
}

/**
 * Outbox: calls the supplier's endpoint for a virtual order, signed with the supplier's secret like
 * host-app calls (X-Pointmall-* headers). The order number makes the call idempotent on their side.
 */
export async function deliverFulfilment(ctx: AppContext, item: OutboxItem): Promise<DeliveryResult> {
  const { orderId } = item.payload as { orderId: number };
  const order = loadOrder(ctx.db, orderId);
  if (order.status !== "fulfilling") return { ok: true, url: "", statusCode: 0, responseSnippet: `order is ${order.status}; nothing to do` };
  const product = ctx.db.select({ fulfilment: products.fulfilment }).from(products).where(eq(products.id, order.productId)).get();
  const creds = supplierSecret(ctx.db, ctx.box, order.supplierId);
  if (!product?.fulfilment?.endpoint || !creds) return { ok: false, url: "", error: "the supplier has no fulfilment endpoint or secret", permanent: true };
  const url = new URL(product.fulfilment.endpoint, "http://pointmall.internal");
  const body = JSON.stringify({ orderNo: order.orderNo, productCode: product.fulfilment.productCode, recipient: order.recipient, quantity: order.quantity });
  const headers = { "content-type": "application/json", ...signedHeaders(creds.key, creds.secret, "POST", url.pathname + url.search, body, ctx.clock.now(), randomUUID()) };
  // The sandbox supplier lives inside this app; a real endpoint is an absolute URL reached over the network.
  const call = product.fulfilment.endpoint.startsWith("/") ? (r: Request) => ctx.selfFetch(r) : (r: Request) => ctx.fetch(r);
  try {
    const res = await call(new Request(url, { method: "POST", headers, body, signal: AbortSignal.timeout(FULFILMENT_TIMEOUT_MS) }));
    const text = await res.text();
    return { ok: res.ok, url: url.toString(), statusCode: res.status, responseSnippet: text.slice(0, 500), error: res.ok ? undefined : `HTTP ${res.status}` };
  } catch (err) {
    const e = err as Error;
    return { ok: false, url: url.toString(), error: e.name === "TimeoutError" ? `timed out after ${FULFILMENT_TIMEOUT_MS} ms` : e.message };
  }
}

/** When the outbox is done with a fulfilment item: success completes the order, giving up refunds it. */
export function onFulfilmentOutcome(ctx: AppContext) {
  return (tx: DbOrTx, item: OutboxItem, final: "delivered" | "dead", now: Date) => {
    const { orderId } = item.payload as { orderId: number };
    const order = loadOrder(tx, orderId);
    if (order.status !== "fulfilling") return;
    if (final === "delivered") completeFulfilment(tx, orderId, `delivered after ${item.attempts} attempt(s)`, now);
    else failFulfilment(tx, ctx, orderId, `the supplier endpoint failed ${item.attempts} times: ${item.lastError ?? ""}`.trim(), now);
  };
}
