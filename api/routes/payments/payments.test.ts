import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliveryAttempts, payments } from "../../../db/schema";
import { cancelUnpaid } from "../../domain/orders/order-jobs";
import { PAYMENT_WINDOW_MS } from "../../domain/orders/orders";
import { runOutbox } from "../../domain/outbox/handlers";
import { ledgerViolations } from "../../domain/points/ledger";
import { CALLBACK_PATH, type CallbackNotice } from "../../domain/payments/sandbox-gateway";
import { shopMember } from "../../test/campaign-fixtures";
import { buildTestApp, registerTestApp, type Client, type TestApp } from "../../test/harness";
import { addAddress } from "../../test/order-fixtures";
import {
  balance,
  earnLot,
  entriesOf,
  keyed,
  listProduct,
  loadCodes,
  openLots,
  orderRow,
  outboxOf,
  paymentsOfOrder,
  productRow,
  timeline,
} from "../../test/redemption-fixtures";

const MINUTE = 60_000;
const MARCH = new Date("2026-03-31T16:00:00.000Z");
const JUNE = new Date("2026-06-30T16:00:00.000Z");

/** A member with two lots (300 expiring in March, 400 in June) and a points + cash product (500 points + ¥19.90). */
async function setup(o: { type?: "physical" | "virtual" | "coupon" } = {}) {
  const t = await buildTestApp();
  const app = registerTestApp(t);
  const supplierId = t.createSupplier("cash-goods");
  const buyer = await shopMember(t, app, "u-1");
  earnLot(t, buyer.member.id, 300, MARCH);
  earnLot(t, buyer.member.id, 400, JUNE);
  const addressId = addAddress(t.db, buyer.member.id, t.clock.now());
  const type = o.type ?? "physical";
  const productId = listProduct(t, supplierId, {
    type,
    pointsPrice: 500,
    cashPrice: 1990,
    stock: type === "coupon" ? 0 : 5,
    fulfilment: type === "virtual" ? { endpoint: "https://supplier.example/fulfil", productCode: "TOPUP-50" } : null,
  });
  if (type === "coupon") loadCodes(t, productId, ["GIFT-CARD-0001"]);
  const body = type === "physical" ? { productId, addressId } : type === "virtual" ? { productId, recipient: "13900139000" } : { productId };
  const res = await buyer.client.post("/api/shop/redemptions", body, keyed());
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { t, app, buyer, productId, order: res.body as { id: number; orderNo: string; status: string; payBy: string } };
}

async function startPaying(client: Client, orderId: number) {
  const res = await client.post(`/api/shop/orders/${orderId}/pay`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { payUrl: string; reference: string; amountCents: number };
}

/** The member presses a button on the sandbox's hosted page (a form post, as the browser sends it). */
const pressOnPayPage = (t: TestApp, payUrl: string, action: "pay" | "fail") =>
  t.request("POST", payUrl, { rawBody: `action=${action}`, headers: { "content-type": "application/x-www-form-urlencoded" } });

/** The gateway's notices travel on their own (the page starts delivering them); wait for what they did. */
async function until<T>(probe: () => T | undefined | null | false, what: string): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const v = probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const payment = (t: TestApp, reference: string) => t.db.select().from(payments).where(eq(payments.reference, reference)).get()!;

/** A notify call as the gateway makes it, or forged/altered/stale as told. */
function notify(t: TestApp, notice: CallbackNotice, o: { at?: Date; secret?: string; tamper?: (body: string) => string; headers?: Record<string, string> } = {}) {
  const at = o.at ?? t.clock.now();
  let { body, headers } = t.app.ctx.sandboxGateway.signCallback(notice, at);
  if (o.secret) {
    const ts = headers["X-Sandbox-Timestamp"];
    headers = { ...headers, "X-Sandbox-Signature": createHmac("sha256", o.secret).update(`${ts}.${body}`).digest("hex") };
  }
  if (o.tamper) body = o.tamper(body);
  return t.request("POST", CALLBACK_PATH, { rawBody: body, headers: { ...headers, ...o.headers } });
}

const success = (reference: string, amountCents = 1990): CallbackNotice => ({ reference, providerTxnId: `SBX-${reference}`, status: "succeeded", amountCents, at: "2026-01-15T02:00:00.000Z" });

describe("points + cash orders", () => {
  it("wait in pending_payment for 15 minutes, their points already taken and their stock held", async () => {
    const { t, buyer, productId, order } = await setup();
    expect(order).toMatchObject({ status: "pending_payment", pointsTotal: 500, cashTotal: 1990, paidAt: null });
    expect(order.payBy).toBe(new Date(t.clock.now().getTime() + PAYMENT_WINDOW_MS).toISOString());
    expect(timeline(t, order.id).map((e) => [e.fromStatus, e.toStatus])).toEqual([[null, "pending_payment"]]);
    expect(balance(t, buyer.member.id)).toBe(200);
    expect(productRow(t, productId).stock).toBe(4);
  });

  it("pay answers the sandbox page to pay on, and the same payment when asked again", async () => {
    const { t, buyer, order } = await setup();
    const first = await startPaying(buyer.client, order.id);
    expect(first).toEqual({ payUrl: `/sandbox-pay/${order.orderNo}-P1`, reference: `${order.orderNo}-P1`, amountCents: 1990 });
    expect(await startPaying(buyer.client, order.id)).toEqual(first);
    expect(paymentsOfOrder(t, order.id)).toMatchObject([{ provider: "sandbox", status: "pending", amountCents: 1990, callbacks: 0 }]);

    const page = await t.request("GET", first.payUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.body).toContain("¥19.90");
    expect(page.body).toContain(order.orderNo);
    expect((await t.request("GET", "/sandbox-pay/NO-SUCH-REF")).status).toBe(404);
  });

  it("paid on the page, the gateway's signed notice pays the order, which moves on; its second notice changes nothing", async () => {
    const { t, buyer, order } = await setup();
    const { payUrl, reference } = await startPaying(buyer.client, order.id);
    const pressed = await pressOnPayPage(t, payUrl, "pay");
    expect(pressed.status).toBe(303);
    expect(pressed.headers.get("location")).toBe(`/orders/${order.id}?paid=1`);

    await until(() => payment(t, reference).status === "succeeded", "the first notice");
    const paid = orderRow(t, order.id);
    expect(paid).toMatchObject({ status: "awaiting_shipment" });
    expect(paid.paidAt?.toISOString()).toBe(t.clock.now().toISOString());
    const p = payment(t, reference);
    expect(p).toMatchObject({ callbacks: 1, providerTxnId: expect.stringMatching(/^SBX/) });
    expect(timeline(t, order.id).map((e) => [e.fromStatus, e.toStatus, e.actor])).toEqual([
      [null, "pending_payment", `member:${buyer.member.id}`],
      ["pending_payment", "paid", "payment:sandbox"],
      ["paid", "awaiting_shipment", "system"],
    ]);
    expect(timeline(t, order.id)[1].note).toBe(p.providerTxnId);

    // Like real gateways, the sandbox notifies a second time a few seconds later.
    await until(() => outboxOf(t, "sandbox-callback")[0].status === "delivered", "the first delivery to be logged");
    const [, second] = outboxOf(t, "sandbox-callback");
    expect(second.status).toBe("pending");
    t.clock.advance(3000);
    await runOutbox(t.app.ctx, { kinds: ["sandbox-callback"] });
    const attempt = t.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.outboxId, second.id)).get()!;
    expect(attempt).toMatchObject({ ok: true, statusCode: 200 });
    expect(JSON.parse(attempt.responseSnippet!)).toEqual({ received: true, outcome: "duplicate" });
    expect(payment(t, reference).callbacks).toBe(2);
    expect(timeline(t, order.id)).toHaveLength(3);
    expect(balance(t, buyer.member.id)).toBe(200);

    const again = await buyer.client.post(`/api/shop/orders/${order.id}/pay`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: "NOT_AWAITING_PAYMENT", details: { status: "awaiting_shipment" } });
  });

  it("a declined payment leaves the order waiting; paying again opens a new payment", async () => {
    const { t, buyer, order } = await setup();
    const first = await startPaying(buyer.client, order.id);
    await pressOnPayPage(t, first.payUrl, "fail");
    await until(() => payment(t, first.reference).status === "failed", "the declined notice");
    expect(orderRow(t, order.id).status).toBe("pending_payment");
    const page = await t.request("GET", first.payUrl);
    expect(page.body).toContain("failed");
    expect(page.body).not.toContain('value="pay"');

    const second = await startPaying(buyer.client, order.id);
    expect(second.reference).toBe(`${order.orderNo}-P2`);
    const res = await notify(t, success(second.reference));
    expect(res.body).toEqual({ received: true, outcome: "paid" });
    expect(orderRow(t, order.id).status).toBe("awaiting_shipment");
    expect(paymentsOfOrder(t, order.id).map((p) => p.status)).toEqual(["failed", "succeeded"]);
  });

  it("a paid virtual order goes to its supplier; a paid coupon order is complete and shows its code", async () => {
    const v = await setup({ type: "virtual" });
    const vp = await startPaying(v.buyer.client, v.order.id);
    await notify(v.t, success(vp.reference));
    expect(orderRow(v.t, v.order.id).status).toBe("fulfilling");
    expect(outboxOf(v.t, "fulfilment")).toMatchObject([{ payload: { orderId: v.order.id }, status: "pending" }]);

    const c = await setup({ type: "coupon" });
    expect((await c.buyer.client.post(`/api/shop/orders/${c.order.id}/code`)).status).toBe(409);
    const cp = await startPaying(c.buyer.client, c.order.id);
    await notify(c.t, success(cp.reference));
    expect(orderRow(c.t, c.order.id).status).toBe("completed");
    expect((await c.buyer.client.post(`/api/shop/orders/${c.order.id}/code`)).body).toEqual({ code: "GIFT-CARD-0001" });
  });
});

describe(`POST ${CALLBACK_PATH}`, () => {
  const forgeries: Array<[string, (t: TestApp, n: CallbackNotice) => ReturnType<typeof notify>, string]> = [
    ["without the signature headers", (t, n) => t.request("POST", CALLBACK_PATH, { body: n }), "SIGNATURE_MISSING"],
    ["with a wrong signature", (t, n) => notify(t, n, { headers: { "X-Sandbox-Signature": "ab".repeat(32) } }), "SIGNATURE_INVALID"],
    ["with a signature that is not hex", (t, n) => notify(t, n, { headers: { "X-Sandbox-Signature": "not-a-signature" } }), "SIGNATURE_INVALID"],
    ["signed with another key", (t, n) => notify(t, n, { secret: "someone-else" }), "SIGNATURE_INVALID"],
    ["with the amount changed after signing", (t, n) => notify(t, n, { tamper: (b) => b.replace('"amountCents":1990', '"amountCents":1') }), "SIGNATURE_INVALID"],
    ["signed 11 minutes ago (a replay)", (t, n) => notify(t, n, { at: new Date(t.clock.now().getTime() - 11 * MINUTE) }), "TIMESTAMP_OUT_OF_RANGE"],
    ["dated 11 minutes ahead", (t, n) => notify(t, n, { at: new Date(t.clock.now().getTime() + 11 * MINUTE) }), "TIMESTAMP_OUT_OF_RANGE"],
    ["with a timestamp that is not a number", (t, n) => notify(t, n, { headers: { "X-Sandbox-Timestamp": "yesterday" } }), "TIMESTAMP_OUT_OF_RANGE"],
  ];

  it.each(forgeries)("refuses a notice %s with 401 and changes nothing", async (_label, send, code) => {
    const { t, buyer, order } = await setup();
    const { reference } = await startPaying(buyer.client, order.id);
    const before = { payment: payment(t, reference), order: orderRow(t, order.id), events: timeline(t, order.id).length };
    const res = await send(t, success(reference));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(code);
    expect({ payment: payment(t, reference), order: orderRow(t, order.id), events: timeline(t, order.id).length }).toEqual(before);
  });

  it("refuses a well-signed notice that is not a notification (400-class, never a 500)", async () => {
    const { t, buyer, order } = await setup();
    const { reference } = await startPaying(buyer.client, order.id);
    const gateway = t.app.ctx.sandboxGateway;
    for (const raw of ["not json", "null", "[]", JSON.stringify({ reference, status: "succeeded", amountCents: "1990" })]) {
      const ts = String(Math.floor(t.clock.now().getTime() / 1000));
      const sig = createHmac("sha256", gateway.secret).update(`${ts}.${raw}`).digest("hex");
      const res = await t.request("POST", CALLBACK_PATH, { rawBody: raw, headers: { "content-type": "application/json", "X-Sandbox-Timestamp": ts, "X-Sandbox-Signature": sig } });
      expect(res.status, raw).toBe(401);
      expect(res.body.code).toBe("SIGNATURE_INVALID");
    }
    expect(payment(t, reference)).toMatchObject({ status: "pending", callbacks: 0 });
  });

  it("answers 404 to a well-signed notice for a payment we never started", async () => {
    const { t, order } = await setup();
    const res = await notify(t, success("NO-SUCH-REFERENCE"));
    expect(res.status).toBe(404);
    expect(orderRow(t, order.id).status).toBe("pending_payment");
  });

  it("refuses a success for another amount (409 AMOUNT_MISMATCH); the payment stays pending", async () => {
    const { t, buyer, order } = await setup();
    const { reference } = await startPaying(buyer.client, order.id);
    const res = await notify(t, success(reference, 1));
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "AMOUNT_MISMATCH" });
    expect(payment(t, reference)).toMatchObject({ status: "pending", callbacks: 0, providerTxnId: null });
    expect(orderRow(t, order.id).status).toBe("pending_payment");
  });

  it("applies the same notice once, however many times and however close together it comes", async () => {
    const { t, buyer, order } = await setup();
    const { reference } = await startPaying(buyer.client, order.id);
    const replies = await Promise.all(Array.from({ length: 5 }, () => notify(t, success(reference))));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(replies.map((r) => r.body.outcome).sort()).toEqual(["duplicate", "duplicate", "duplicate", "duplicate", "paid"]);
    expect(payment(t, reference)).toMatchObject({ status: "succeeded", callbacks: 5 });
    expect(timeline(t, order.id).filter((e) => e.toStatus === "paid")).toHaveLength(1);
    expect(orderRow(t, order.id).status).toBe("awaiting_shipment");
  });
});

describe("unpaid after 15 minutes", () => {
  it("the job cancels the order: the points come back as lots keeping their original expiry, the stock comes back", async () => {
    const { t, buyer, productId, order } = await setup();
    // 500 were taken FIFO: all 300 expiring in March, 200 of the 400 expiring in June.
    expect(openLots(t, buyer.member.id).map(({ amount, expiresAt }) => ({ amount, expiresAt }))).toEqual([{ amount: 200, expiresAt: JUNE.toISOString() }]);

    t.clock.advance(PAYMENT_WINDOW_MS - 1);
    expect(cancelUnpaid(t.app.ctx)).toEqual({ cancelled: 0 });
    t.clock.advance(1);
    const late = await buyer.client.post(`/api/shop/orders/${order.id}/pay`);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe("PAYMENT_EXPIRED");
    expect(cancelUnpaid(t.app.ctx)).toEqual({ cancelled: 1 });

    const cancelled = orderRow(t, order.id);
    expect(cancelled).toMatchObject({ status: "cancelled", closeReason: "not paid within 15 minutes" });
    expect(timeline(t, order.id).at(-1)).toMatchObject({ fromStatus: "pending_payment", toStatus: "cancelled", actor: "system:payment-timeout" });
    const refund = entriesOf(t, buyer.member.id).find((e) => e.type === "refund")!;
    expect(refund).toMatchObject({ amount: 500, refEntryId: cancelled.spendEntryId, orderId: order.id });
    expect(cancelled.refundEntryId).toBe(refund.id);
    expect(openLots(t, buyer.member.id).filter((l) => l.entryId === refund.id).map(({ amount, expiresAt }) => ({ amount, expiresAt }))).toEqual([
      { amount: 300, expiresAt: MARCH.toISOString() },
      { amount: 200, expiresAt: JUNE.toISOString() },
    ]);
    expect(balance(t, buyer.member.id)).toBe(700);
    expect(productRow(t, productId)).toMatchObject({ stock: 5, sold: 0 });

    // Running again finds nothing: nothing is given back twice.
    expect(cancelUnpaid(t.app.ctx)).toEqual({ cancelled: 0 });
    expect(balance(t, buyer.member.id)).toBe(700);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("money that arrives after the cancel is refunded through the provider; the order stays cancelled and nothing is charged again", async () => {
    const { t, buyer, productId, order } = await setup();
    // The member opened the pay page in time, then left it open past the window.
    const { payUrl, reference } = await startPaying(buyer.client, order.id);
    t.clock.advance(PAYMENT_WINDOW_MS);
    cancelUnpaid(t.app.ctx);
    expect(balance(t, buyer.member.id)).toBe(700);

    await pressOnPayPage(t, payUrl, "pay");
    await until(() => payment(t, reference).status === "refunded", "the late notice");
    expect(payment(t, reference)).toMatchObject({ status: "refunded", note: "late payment for a cancelled order", callbacks: 1 });
    expect(payment(t, reference).refundedAt?.toISOString()).toBe(t.clock.now().toISOString());
    const [refund] = outboxOf(t, "payment-refund");
    expect(refund).toMatchObject({ topic: "payment.refund", payload: { reference, amountCents: 1990, provider: "sandbox" } });
    await until(() => outboxOf(t, "sandbox-callback")[0].status === "delivered", "the first delivery to be logged");
    await runOutbox(t.app.ctx, { kinds: ["payment-refund"] });
    expect(outboxOf(t, "payment-refund")[0].status).toBe("delivered");

    expect(orderRow(t, order.id).status).toBe("cancelled");
    expect(timeline(t, order.id).map((e) => e.toStatus)).toEqual(["pending_payment", "cancelled"]);
    expect(balance(t, buyer.member.id)).toBe(700);
    expect(productRow(t, productId).stock).toBe(5);

    // The gateway's repeat of that notice is a duplicate: no second refund.
    t.clock.advance(3000);
    await runOutbox(t.app.ctx, { kinds: ["sandbox-callback"] });
    expect(outboxOf(t, "payment-refund")).toHaveLength(1);
    expect(payment(t, reference).callbacks).toBe(2);
    expect(ledgerViolations(t.db)).toEqual([]);
  });
});

describe("cancelling a paid points + cash order before it ships", () => {
  it("refunds the captured payment through the provider with the points and the stock", async () => {
    const { t, buyer, productId, order } = await setup();
    const { reference } = await startPaying(buyer.client, order.id);
    await notify(t, success(reference));
    expect(orderRow(t, order.id).status).toBe("awaiting_shipment");

    const service = (await t.signIn("service")).client;
    const res = await service.post(`/api/admin/orders/${order.id}/cancel`, { reason: "out of this colour" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "cancelled", closeReason: "out of this colour" });
    expect(res.body.payments).toMatchObject([{ reference, status: "refunded", note: "out of this colour" }]);
    expect(outboxOf(t, "payment-refund")).toMatchObject([{ payload: { reference, amountCents: 1990 } }]);
    expect(balance(t, buyer.member.id)).toBe(700);
    expect(productRow(t, productId).stock).toBe(5);
    expect(orderRow(t, order.id).refundEntryId).not.toBeNull();
    expect(ledgerViolations(t.db)).toEqual([]);
  });
});
