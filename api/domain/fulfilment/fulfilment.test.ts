import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliveryAttempts, orders } from "../../../db/schema";
import { CALLBACK_PATH } from "../payments/sandbox-gateway";
import { signRequest, signedHeaders } from "../../lib/signing";
import { writeTx } from "../../lib/tx";
import { BACKOFF_MS } from "../outbox/outbox";
import { runOutbox } from "../outbox/handlers";
import { ledgerViolations } from "../points/ledger";
import { shopMember } from "../../test/campaign-fixtures";
import { buildTestApp, registerTestApp, type TestApp } from "../../test/harness";
import { balance, earnLot, entriesOf, keyed, listProduct, openLots, orderRow, outboxOf, paymentsOfOrder, productRow, timeline } from "../../test/redemption-fixtures";
import { FULFILMENT_MAX_ATTEMPTS, FULFILMENT_TIMEOUT_MS, rotateSupplierSecret } from "./fulfilment";
import { SANDBOX_SUPPLIER_PATH } from "./sandbox-supplier";

const ENDPOINT = "https://api.topup.example/v1/fulfil?channel=mall";
const JUNE = new Date("2026-06-30T16:00:00.000Z");

interface SupplierCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** The supplier's side: answers call by call (a Response, or a thrown error), recording every call. */
function fakeSupplier() {
  const calls: SupplierCall[] = [];
  let answer: (n: number) => Response | Promise<Response> = () => Response.json({ status: "ok" });
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = input instanceof Request ? input : new Request(input, init);
    calls.push({ url: req.url, method: req.method, headers: Object.fromEntries(req.headers), body: await req.text() });
    return answer(calls.length);
  }) as typeof globalThis.fetch;
  return { calls, fetch, answer: (fn: typeof answer) => (answer = fn) };
}

/** What AbortSignal.timeout raises when the supplier does not answer in time. */
const timedOut = () => {
  throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
};

/**
 * A virtual product (500 points, stock 10) of a supplier with a signing secret, and a member with
 * 300 points expiring in June and 1000 that never expire, who has just bought it.
 */
async function setup(o: { endpoint?: string; productCode?: string; cashPrice?: number; secret?: boolean } = {}) {
  const supplier = fakeSupplier();
  const t = await buildTestApp({ deps: { fetch: supplier.fetch } });
  const app = registerTestApp(t);
  const supplierId = t.createSupplier("topup-co");
  const secret = o.secret === false ? null : writeTx(t.db, (tx) => rotateSupplierSecret(tx, t.app.ctx.box, supplierId, t.clock.now()));
  const productId = listProduct(t, supplierId, {
    type: "virtual",
    pointsPrice: 500,
    cashPrice: o.cashPrice ?? 0,
    stock: 10,
    fulfilment: { endpoint: o.endpoint ?? ENDPOINT, productCode: o.productCode ?? "CM-50" },
  });
  const buyer = await shopMember(t, app, "u-1", { points: 1000 });
  earnLot(t, buyer.member.id, 300, JUNE);
  const res = await buyer.client.post("/api/shop/redemptions", { productId, recipient: "13900139000" }, keyed());
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { t, supplier, secret, productId, buyer, order: res.body as { id: number; orderNo: string; status: string } };
}

const fulfil = (t: TestApp) => runOutbox(t.app.ctx, { kinds: ["fulfilment"] });
const item = (t: TestApp) => outboxOf(t, "fulfilment")[0];
const attempts = (t: TestApp) => t.db.select().from(deliveryAttempts).where(eq(deliveryAttempts.outboxId, item(t).id)).orderBy(asc(deliveryAttempts.attempt)).all();

describe("virtual fulfilment through the supplier's endpoint", () => {
  it("queues the order in the redemption and calls the endpoint after commit, signed with the supplier's secret; a 2xx completes it", async () => {
    const { t, supplier, secret, order } = await setup();
    expect(order.status).toBe("fulfilling");
    expect(item(t)).toMatchObject({ topic: "order.fulfil", status: "pending", payload: { orderId: order.id }, dedupeKey: `fulfil:${order.id}` });
    expect(supplier.calls).toEqual([]);

    expect(await fulfil(t)).toEqual({ attempted: 1, delivered: 1 });
    expect(supplier.calls).toHaveLength(1);
    const [call] = supplier.calls;
    expect(call.url).toBe(ENDPOINT);
    expect(call.method).toBe("POST");
    expect(JSON.parse(call.body)).toEqual({ orderNo: order.orderNo, productCode: "CM-50", recipient: "13900139000", quantity: 1 });
    // The signature the supplier checks: the host-app scheme, over the path with its query, under the supplier's own secret.
    const ts = call.headers["x-pointmall-timestamp"];
    const nonce = call.headers["x-pointmall-nonce"];
    expect(call.headers["x-pointmall-key"]).toBe("topup-co");
    expect(ts).toBe(String(Math.floor(t.clock.now().getTime() / 1000)));
    expect(nonce).toMatch(/^[0-9a-f-]{36}$/);
    expect(call.headers["x-pointmall-signature"]).toBe(signRequest(secret!, "POST", "/v1/fulfil?channel=mall", ts, nonce, call.body));
    expect(call.headers["x-pointmall-signature"]).not.toBe(signRequest("another-secret", "POST", "/v1/fulfil?channel=mall", ts, nonce, call.body));

    expect(orderRow(t, order.id)).toMatchObject({ status: "completed", completedAt: t.clock.now() });
    expect(timeline(t, order.id).at(-1)).toMatchObject({ fromStatus: "fulfilling", toStatus: "completed", actor: "supplier-endpoint", note: "delivered after 1 attempt(s)" });
    expect(item(t).status).toBe("delivered");
    expect(attempts(t)).toMatchObject([{ attempt: 1, ok: true, statusCode: 200, url: ENDPOINT }]);
  });

  it("retries a 500 and a timeout with backoff (not before it is due), then completes", async () => {
    const { t, supplier, buyer, order } = await setup();
    supplier.answer((n) => (n === 1 ? new Response("upstream down", { status: 500 }) : n === 2 ? timedOut() : Response.json({ status: "ok" })));

    await fulfil(t);
    expect(item(t)).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 500" });
    expect(item(t).nextAttemptAt.getTime()).toBe(t.clock.now().getTime() + BACKOFF_MS[0]);
    expect(orderRow(t, order.id).status).toBe("fulfilling");

    t.clock.advance(BACKOFF_MS[0] - 1);
    expect(await fulfil(t)).toEqual({ attempted: 0, delivered: 0 });
    expect(supplier.calls).toHaveLength(1);
    t.clock.advance(1);
    await fulfil(t);
    expect(item(t)).toMatchObject({ status: "pending", attempts: 2, lastError: `timed out after ${FULFILMENT_TIMEOUT_MS} ms` });
    expect(item(t).nextAttemptAt.getTime()).toBe(t.clock.now().getTime() + BACKOFF_MS[1]);

    t.clock.advance(BACKOFF_MS[1]);
    expect(await fulfil(t)).toEqual({ attempted: 1, delivered: 1 });
    expect(orderRow(t, order.id).status).toBe("completed");
    expect(timeline(t, order.id).at(-1)!.note).toBe("delivered after 3 attempt(s)");
    expect(attempts(t).map((a) => [a.ok, a.statusCode, a.error])).toEqual([
      [false, 500, "HTTP 500"],
      [false, null, `timed out after ${FULFILMENT_TIMEOUT_MS} ms`],
      [true, 200, null],
    ]);
    // Each call was signed afresh: a new nonce every time.
    expect(new Set(supplier.calls.map((c) => c.headers["x-pointmall-nonce"])).size).toBe(3);
    expect(entriesOf(t, buyer.member.id).filter((e) => e.type === "refund")).toEqual([]);
  });

  it(`gives up after ${FULFILMENT_MAX_ATTEMPTS} failed attempts: the order fails and is refunded, points (keeping their expiry) and stock back`, async () => {
    const { t, supplier, buyer, productId, order } = await setup();
    supplier.answer(() => new Response("no", { status: 503 }));
    expect(balance(t, buyer.member.id)).toBe(800);

    for (let i = 0; i < FULFILMENT_MAX_ATTEMPTS; i++) {
      expect(orderRow(t, order.id).status, `before attempt ${i + 1}`).toBe("fulfilling");
      expect((await fulfil(t)).attempted).toBe(1);
      t.clock.advance(BACKOFF_MS[Math.min(i, BACKOFF_MS.length - 1)]);
    }
    expect(supplier.calls).toHaveLength(FULFILMENT_MAX_ATTEMPTS);
    expect(item(t)).toMatchObject({ status: "dead", attempts: FULFILMENT_MAX_ATTEMPTS, lastError: "HTTP 503" });

    const failed = orderRow(t, order.id);
    expect(failed.status).toBe("refunded");
    expect(failed.closeReason).toBe(`the supplier endpoint failed ${FULFILMENT_MAX_ATTEMPTS} times: HTTP 503`);
    expect(timeline(t, order.id).slice(-2).map((e) => [e.fromStatus, e.toStatus, e.actor])).toEqual([
      ["fulfilling", "fulfillment_failed", "supplier-endpoint"],
      ["fulfillment_failed", "refunded", "system"],
    ]);
    const refund = entriesOf(t, buyer.member.id).filter((e) => e.type === "refund");
    expect(refund).toMatchObject([{ amount: 500, orderId: order.id }]);
    expect(failed.refundEntryId).toBe(refund[0].id);
    expect(openLots(t, buyer.member.id).filter((l) => l.entryId === refund[0].id).map(({ amount, expiresAt }) => ({ amount, expiresAt }))).toEqual([
      { amount: 300, expiresAt: JUNE.toISOString() },
      { amount: 200, expiresAt: null },
    ]);
    expect(balance(t, buyer.member.id)).toBe(1300);
    expect(productRow(t, productId)).toMatchObject({ stock: 10, sold: 0 });

    // Given up means given up: no further calls, however long we wait.
    t.clock.advance(24 * 3_600_000);
    expect(await fulfil(t)).toEqual({ attempted: 0, delivered: 0 });
    expect(supplier.calls).toHaveLength(FULFILMENT_MAX_ATTEMPTS);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("refunds the cash part too when a paid points + cash top-up fails", async () => {
    const { t, supplier, buyer, order } = await setup({ cashPrice: 990 });
    supplier.answer(() => new Response("no", { status: 500 }));
    const { reference } = (await buyer.client.post(`/api/shop/orders/${order.id}/pay`)).body;
    const { body, headers } = t.app.ctx.sandboxGateway.signCallback({ reference, providerTxnId: "SBX-1", status: "succeeded", amountCents: 990, at: t.clock.now().toISOString() }, t.clock.now());
    expect((await t.request("POST", CALLBACK_PATH, { rawBody: body, headers })).body.outcome).toBe("paid");
    expect(orderRow(t, order.id).status).toBe("fulfilling");

    for (let i = 0; i < FULFILMENT_MAX_ATTEMPTS; i++) {
      await fulfil(t);
      t.clock.advance(BACKOFF_MS[Math.min(i, BACKOFF_MS.length - 1)]);
    }
    expect(orderRow(t, order.id).status).toBe("refunded");
    expect(paymentsOfOrder(t, order.id)).toMatchObject([{ reference, status: "refunded", note: "fulfilment failed" }]);
    expect(outboxOf(t, "payment-refund")).toMatchObject([{ payload: { reference, amountCents: 990 } }]);
  });

  it("fails and refunds at once when the supplier has no signing secret: nothing is sent unsigned", async () => {
    const { t, supplier, buyer, order } = await setup({ secret: false });
    await fulfil(t);
    expect(supplier.calls).toEqual([]);
    expect(item(t)).toMatchObject({ status: "dead", attempts: 1, lastError: "the supplier has no fulfilment endpoint or secret" });
    expect(orderRow(t, order.id).status).toBe("refunded");
    expect(balance(t, buyer.member.id)).toBe(1300);
  });

  it("does not call the supplier for an order that is no longer fulfilling", async () => {
    const { t, supplier, order } = await setup();
    // Settled meanwhile (by hand, after the supplier confirmed by phone).
    t.db.update(orders).set({ status: "completed" }).where(eq(orders.id, order.id)).run();
    expect(await fulfil(t)).toEqual({ attempted: 1, delivered: 1 });
    expect(supplier.calls).toEqual([]);
    expect(attempts(t)[0].responseSnippet).toBe("order is completed; nothing to do");
  });
});

describe("the sandbox supplier endpoint", () => {
  it("checks the signature and delivers: the order completes on the first call", async () => {
    const { t, supplier, order } = await setup({ endpoint: SANDBOX_SUPPLIER_PATH, productCode: "CM-50" });
    expect(await fulfil(t)).toEqual({ attempted: 1, delivered: 1 });
    expect(supplier.calls).toEqual([]); // it lives in this app, not behind ctx.fetch
    expect(attempts(t)[0]).toMatchObject({ ok: true, statusCode: 200 });
    expect(JSON.parse(attempts(t)[0].responseSnippet!)).toEqual({ status: "ok", reference: `SUP-${order.orderNo}` });
    expect(orderRow(t, order.id).status).toBe("completed");
  });

  it("-FLAKY fails twice (503) then delivers, with backoff between", async () => {
    const { t, order } = await setup({ endpoint: SANDBOX_SUPPLIER_PATH, productCode: "CM-50-FLAKY" });
    for (let i = 0; i < 3; i++) {
      await fulfil(t);
      t.clock.advance(BACKOFF_MS[i]);
    }
    expect(attempts(t).map((a) => a.statusCode)).toEqual([503, 503, 200]);
    expect(orderRow(t, order.id).status).toBe("completed");
  });

  it(`-FAIL fails every time (502): after ${FULFILMENT_MAX_ATTEMPTS} attempts the order is refunded`, async () => {
    const { t, buyer, productId, order } = await setup({ endpoint: SANDBOX_SUPPLIER_PATH, productCode: "CM-50-FAIL" });
    for (let i = 0; i < FULFILMENT_MAX_ATTEMPTS + 2; i++) {
      await fulfil(t);
      t.clock.advance(BACKOFF_MS[Math.min(i, BACKOFF_MS.length - 1)]);
    }
    expect(attempts(t).map((a) => a.statusCode)).toEqual(Array(FULFILMENT_MAX_ATTEMPTS).fill(502));
    expect(orderRow(t, order.id).status).toBe("refunded");
    expect(balance(t, buyer.member.id)).toBe(1300);
    expect(productRow(t, productId).stock).toBe(10);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("refuses a call with a wrong signature, an unknown key or a reused nonce (401)", async () => {
    const { t, secret, order } = await setup({ endpoint: SANDBOX_SUPPLIER_PATH });
    const body = JSON.stringify({ orderNo: order.orderNo, productCode: "CM-50", recipient: "13900139000", quantity: 1 });
    const call = (headers: Record<string, string>) => t.request("POST", SANDBOX_SUPPLIER_PATH, { rawBody: body, headers: { "content-type": "application/json", ...headers } });
    const signed = (s: string, key = "topup-co", nonce = `n-${Math.random()}`) => signedHeaders(key, s, "POST", SANDBOX_SUPPLIER_PATH, body, t.clock.now(), nonce);

    expect((await call(signed("not-the-secret"))).body).toEqual({ error: "bad signature" });
    expect((await call(signed(secret!, "nobody"))).status).toBe(401);
    const once = signed(secret!, "topup-co", "nonce-once");
    expect((await call(once)).status).toBe(200);
    const replay = await call(once);
    expect(replay.status).toBe(401);
    expect(replay.body).toEqual({ error: "nonce reused" });
  });
});
