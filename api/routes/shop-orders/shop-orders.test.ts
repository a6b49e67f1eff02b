import { and, eq } from "drizzle-orm";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { couponCodes, memberAddresses, members, notifications, products } from "../../../db/schema";
import { redeem as redeemInDomain } from "../../domain/orders/orders";
import { ledgerViolations } from "../../domain/points/ledger";
import { writeTx } from "../../lib/tx";
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
  ordersOf,
  outboxOf,
  productRow,
  redemptionFootprint,
  timeline,
} from "../../test/redemption-fixtures";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const REDEEM = "/api/shop/redemptions";

async function setup(o: { logger?: pino.Logger } = {}) {
  const t = await buildTestApp({ deps: o.logger ? { logger: o.logger } : {} });
  const app = registerTestApp(t);
  const supplierId = t.createSupplier("good-goods");
  const buyer = await shopMember(t, app, "u-1", { points: 2000, nickname: "小王" });
  const addressId = addAddress(t.db, buyer.member.id, t.clock.now());
  return { t, app, supplierId, buyer, addressId };
}

const redeem = (client: Client, body: unknown, headers: Record<string, string> = keyed()) => client.post(REDEEM, body, headers);

describe("POST /api/shop/redemptions", () => {
  it("takes the stock, spends the points (soonest-expiring lot first) and creates the order, all at once (201)", async () => {
    const { t, supplierId, buyer, addressId } = await setup();
    const expiring = new Date("2026-03-31T16:00:00.000Z");
    earnLot(t, buyer.member.id, 200, expiring);
    const productId = listProduct(t, supplierId, { pointsPrice: 300, stock: 10 });

    const res = await redeem(buyer.client, { productId, quantity: 2, addressId });

    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      productId,
      memberId: buyer.member.id,
      supplierId,
      quantity: 2,
      pointsTotal: 600,
      cashTotal: 0,
      status: "awaiting_shipment",
      source: "catalog",
      address: { name: "张三", phone: "13800138000", region: "上海市 浦东新区", detail: "世纪大道 100 号 8 楼" },
      product: { pointsPrice: 300, type: "physical" },
      coupon: null,
      payments: [],
    });
    expect(res.body.orderNo).toMatch(/^PM20260115\d{7}$/);
    expect(res.body).not.toHaveProperty("idempotencyKey");
    expect(res.body).not.toHaveProperty("requestHash");
    expect(res.body.timeline.map((e: { fromStatus: string | null; toStatus: string }) => [e.fromStatus, e.toStatus])).toEqual([
      [null, "paid"],
      ["paid", "awaiting_shipment"],
    ]);

    expect(productRow(t, productId)).toMatchObject({ stock: 8, sold: 2 });
    expect(balance(t, buyer.member.id)).toBe(2200 - 600);
    const spend = entriesOf(t, buyer.member.id).filter((e) => e.type === "spend");
    expect(spend).toHaveLength(1);
    expect(spend[0]).toMatchObject({ amount: -600, orderId: res.body.id });
    expect(orderRow(t, res.body.id).spendEntryId).toBe(spend[0].id);
    // FIFO by expiry: the lot expiring in March went first, the rest came from the lot that never expires.
    expect(openLots(t, buyer.member.id).map(({ amount, expiresAt }) => ({ amount, expiresAt }))).toEqual([{ amount: 1600, expiresAt: null }]);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("answers 409 SOLD_OUT and writes nothing when the stock does not cover the quantity", async () => {
    const { t, supplierId, buyer, addressId } = await setup();
    const productId = listProduct(t, supplierId, { stock: 1 });
    const before = redemptionFootprint(t);
    const res = await redeem(buyer.client, { productId, quantity: 2, addressId });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "SOLD_OUT", message: "Sold out" });
    expect(redemptionFootprint(t)).toEqual(before);
  });

  it("refuses a member without enough points with 409 INSUFFICIENT_POINTS and writes nothing, not even the low-stock notice", async () => {
    const { t, supplierId, buyer, addressId } = await setup();
    // Taking one would cross the low-stock threshold: the notice must roll back with the rest.
    const productId = listProduct(t, supplierId, { pointsPrice: 5000, stock: 3, lowStockThreshold: 5 });
    const before = redemptionFootprint(t);
    const res = await redeem(buyer.client, { productId, addressId });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "INSUFFICIENT_POINTS", details: { balance: 2000, required: 5000 } });
    expect(res.body.message).toContain("Not enough points");
    expect(redemptionFootprint(t)).toEqual(before);
    expect(productRow(t, productId)).toMatchObject({ stock: 3, sold: 0 });
  });

  it("answers 404 for a product that does not exist", async () => {
    const { t, buyer, addressId } = await setup();
    const before = redemptionFootprint(t);
    const res = await redeem(buyer.client, { productId: 999, addressId });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("NOT_FOUND");
    expect(redemptionFootprint(t)).toEqual(before);
  });

  describe("the on-sale window", () => {
    const cases: Array<[string, (now: number) => Record<string, unknown>, string]> = [
      ["off sale", () => ({ status: "off_sale" }), "NOT_ON_SALE"],
      ["a draft", () => ({ status: "draft" }), "NOT_ON_SALE"],
      ["waiting for review", () => ({ status: "pending_review" }), "NOT_ON_SALE"],
      ["not started (starts in an hour)", (now) => ({ saleStart: new Date(now + HOUR) }), "SALE_NOT_STARTED"],
      ["over (ended an hour ago)", (now) => ({ saleEnd: new Date(now - HOUR) }), "SALE_ENDED"],
      ["over (ends this very instant)", (now) => ({ saleEnd: new Date(now) }), "SALE_ENDED"],
    ];
    it.each(cases)("refuses a product that is %s with 409 and writes nothing", async (_label, values, code) => {
      const { t, supplierId, buyer, addressId } = await setup();
      const productId = listProduct(t, supplierId, values(t.clock.now().getTime()));
      const before = redemptionFootprint(t);
      const res = await redeem(buyer.client, { productId, addressId });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe(code);
      expect(redemptionFootprint(t)).toEqual(before);
    });

    it("sells from the window's first instant until just before its end", async () => {
      const { t, supplierId, buyer, addressId } = await setup();
      const now = t.clock.now().getTime();
      const productId = listProduct(t, supplierId, { saleStart: new Date(now + HOUR), saleEnd: new Date(now + 2 * HOUR) });
      expect((await redeem(buyer.client, { productId, addressId })).body.code).toBe("SALE_NOT_STARTED");
      t.clock.advance(HOUR);
      expect((await redeem(buyer.client, { productId, addressId })).status).toBe(201);
      t.clock.advance(HOUR - 1);
      expect((await redeem(buyer.client, { productId, addressId })).status).toBe(201);
      t.clock.advance(1);
      expect((await redeem(buyer.client, { productId, addressId })).body.code).toBe("SALE_ENDED");
      expect(ordersOf(t, productId)).toHaveLength(2);
    });
  });

  it("keeps a product with a minimum tier to members of that tier and above (403 NOT_ELIGIBLE, nothing written)", async () => {
    const { t, app, supplierId, buyer, addressId } = await setup();
    const productId = listProduct(t, supplierId, { minTier: "gold" });
    const before = redemptionFootprint(t);
    const refused = await redeem(buyer.client, { productId, addressId });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: "NOT_ELIGIBLE", details: { minTier: "gold", tier: "normal" } });
    expect(redemptionFootprint(t)).toEqual(before);

    for (const [externalId, tier] of [["u-gold", "gold"], ["u-diamond", "diamond"]]) {
      const m = await shopMember(t, app, externalId, { points: 1000, tier });
      const res = await redeem(m.client, { productId, addressId: addAddress(t.db, m.member.id, t.clock.now()) });
      expect(res.status, tier).toBe(201);
    }
  });

  it("holds a member to the per-member limit; cancelled orders no longer count", async () => {
    const { t, supplierId, buyer, addressId } = await setup();
    const productId = listProduct(t, supplierId, { pointsPrice: 100, perMemberLimit: 2 });
    const first = await redeem(buyer.client, { productId, addressId });
    expect(first.status).toBe(201);
    expect((await redeem(buyer.client, { productId, addressId })).status).toBe(201);
    const before = redemptionFootprint(t);
    const third = await redeem(buyer.client, { productId, addressId });
    expect(third.status).toBe(409);
    expect(third.body).toMatchObject({ code: "LIMIT_REACHED", details: { limit: 2, bought: 2 } });
    expect(redemptionFootprint(t)).toEqual(before);

    const service = (await t.signIn("service")).client;
    expect((await service.post(`/api/admin/orders/${first.body.id}/cancel`, { reason: "member asked" })).status).toBe(200);
    expect((await redeem(buyer.client, { productId, addressId })).status).toBe(201);
    expect((await redeem(buyer.client, { productId, quantity: 2, addressId })).body.code).toBe("LIMIT_REACHED");
  });

  it("needs a delivery address of the member's own for shipped goods and a recipient for virtual ones (422 with the field)", async () => {
    const { t, app, supplierId, buyer } = await setup();
    const physical = listProduct(t, supplierId);
    const virtual = listProduct(t, supplierId, { type: "virtual", fulfilment: { endpoint: "https://supplier.example/fulfil", productCode: "TOPUP-50" } });
    const other = await shopMember(t, app, "u-2");
    const theirs = addAddress(t.db, other.member.id, t.clock.now());
    const before = redemptionFootprint(t);

    const none = await redeem(buyer.client, { productId: physical });
    expect(none.status).toBe(422);
    expect(none.body).toMatchObject({ code: "VALIDATION_FAILED", details: { fields: { addressId: "required for goods that are shipped" } } });
    const notMine = await redeem(buyer.client, { productId: physical, addressId: theirs });
    expect(notMine.status).toBe(422);
    expect(notMine.body.details.fields).toEqual({ addressId: "not one of your addresses" });
    const noRecipient = await redeem(buyer.client, { productId: virtual });
    expect(noRecipient.status).toBe(422);
    expect(noRecipient.body.details.fields).toHaveProperty("recipient");
    expect(redemptionFootprint(t)).toEqual(before);

    const topUp = await redeem(buyer.client, { productId: virtual, recipient: "13900139000" });
    expect(topUp.status).toBe(201);
    expect(topUp.body).toMatchObject({ status: "fulfilling", recipient: "13900139000", address: null });
  });

  describe("bad input is a 400 or 422 with the field, never a 500, and writes nothing", () => {
    const bodies: Array<[string, unknown, number, string | null]> = [
      ["no product", {}, 422, "productId"],
      ["a product id as a string", { productId: "1" }, 422, "productId"],
      ["a negative product id", { productId: -1 }, 422, "productId"],
      ["a fractional quantity", { productId: 1, quantity: 1.5 }, 422, "quantity"],
      ["quantity 0", { productId: 1, quantity: 0 }, 422, "quantity"],
      ["quantity 11", { productId: 1, quantity: 11 }, 422, "quantity"],
      ["a recipient that is not a phone number", { productId: 1, recipient: "<script>" }, 422, "recipient"],
      ["a field the API does not take (a price)", { productId: 1, pointsPrice: 1 }, 422, null],
      ["an array", [{ productId: 1 }], 422, null],
    ];
    it.each(bodies)("%s", async (_label, body, status, field) => {
      const { t, supplierId, buyer, addressId } = await setup();
      listProduct(t, supplierId);
      const before = redemptionFootprint(t);
      const res = await redeem(buyer.client, Array.isArray(body) ? body : { addressId, ...(body as object) });
      expect(res.status).toBe(status);
      expect(res.body).toMatchObject({ code: "VALIDATION_FAILED", message: expect.any(String), details: { fields: expect.any(Object) } });
      if (field) expect(res.body.details.fields).toHaveProperty(field);
      expect(redemptionFootprint(t)).toEqual(before);
    });

    it("a body that is not JSON is 400 BAD_JSON", async () => {
      const { t, buyer } = await setup();
      const before = redemptionFootprint(t);
      const res = await t.request("POST", REDEEM, { cookie: buyer.cookie, rawBody: '{"productId": 1', headers: { "content-type": "application/json", ...keyed() } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("BAD_JSON");
      expect(redemptionFootprint(t)).toEqual(before);
    });
  });

  it("asks for an Idempotency-Key: none is 400 naming the header, a too short one is 400 too", async () => {
    const { t, supplierId, buyer, addressId } = await setup();
    const productId = listProduct(t, supplierId);
    const before = redemptionFootprint(t);
    const missing = await t.request("POST", REDEEM, { cookie: buyer.cookie, body: { productId, addressId } });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: "IDEMPOTENCY_KEY_REQUIRED", details: { fields: { "Idempotency-Key": "required" } } });
    const short = await redeem(buyer.client, { productId, addressId }, keyed("abc"));
    expect(short.status).toBe(400);
    expect(short.body.details.fields).toHaveProperty("idempotency-key");
    expect(redemptionFootprint(t)).toEqual(before);
  });

  it("answers 401 to a visitor without a member session and to a frozen member, writing nothing", async () => {
    const { t, supplierId, buyer, addressId } = await setup();
    const productId = listProduct(t, supplierId);
    const before = redemptionFootprint(t);
    const anonymous = await t.request("POST", REDEEM, { body: { productId, addressId }, headers: keyed() });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe("MEMBER_UNAUTHENTICATED");
    t.db.update(members).set({ status: "frozen" }).where(eq(members.id, buyer.member.id)).run();
    expect((await redeem(buyer.client, { productId, addressId })).status).toBe(401);
    expect(redemptionFootprint(t)).toEqual(before);
  });
});

describe("Idempotency-Key", () => {
  it("a retry with the same key returns the same order (200, Idempotent-Replay) and changes nothing, even once the product is gone", async () => {
    const { t, supplierId, buyer, addressId } = await setup();
    const productId = listProduct(t, supplierId, { stock: 1 });
    const key = keyed();
    const first = await redeem(buyer.client, { productId, addressId }, key);
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replay")).toBeNull();
    const before = redemptionFootprint(t);

    const again = await redeem(buyer.client, { productId, addressId }, key);
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotent-replay")).toBe("true");
    expect(again.body).toEqual(first.body);
    // Sold out (stock 1) and taken off sale since: the retry still gets the answer the first call got.
    t.db.update(products).set({ status: "off_sale" }).where(eq(products.id, productId)).run();
    const later = await redeem(buyer.client, { productId, quantity: 1, addressId }, key);
    expect(later.status).toBe(200);
    expect(later.body.id).toBe(first.body.id);
    expect(redemptionFootprint(t)).toEqual(before);
    expect(ordersOf(t, productId)).toHaveLength(1);
  });

  it("the same key with another request is 409 IDEMPOTENCY_KEY_REUSED naming the first order, and changes nothing", async () => {
    const { t, supplierId, buyer, addressId } = await setup();
    const a = listProduct(t, supplierId);
    const b = listProduct(t, supplierId);
    const key = keyed();
    const first = await redeem(buyer.client, { productId: a, addressId }, key);
    const before = redemptionFootprint(t);
    for (const body of [{ productId: b, addressId }, { productId: a, quantity: 2, addressId }]) {
      const res = await redeem(buyer.client, body, key);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", details: { orderId: first.body.id } });
    }
    expect(redemptionFootprint(t)).toEqual(before);
  });

  it("keys belong to one member: another member's same key is their own redemption", async () => {
    const { t, app, supplierId, buyer, addressId } = await setup();
    const productId = listProduct(t, supplierId);
    const other = await shopMember(t, app, "u-2", { points: 1000 });
    const key = keyed("shared-key-0001");
    const mine = await redeem(buyer.client, { productId, addressId }, key);
    const theirs = await redeem(other.client, { productId, addressId: addAddress(t.db, other.member.id, t.clock.now()) }, key);
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(theirs.body.memberId).toBe(other.member.id);
  });
});

describe("coupon codes", () => {
  async function couponSetup(o: { logger?: pino.Logger; cashPrice?: number } = {}) {
    const s = await setup(o);
    const productId = listProduct(s.t, s.supplierId, { type: "coupon", stock: 0, pointsPrice: 300, cashPrice: o.cashPrice ?? 0 });
    loadCodes(s.t, productId, ["CAFE-0001-SECRET", "CAFE-0002-SECRET"]);
    return { ...s, productId };
  }

  it("assigns a code from the pool inside the redemption: the order is complete at once, the code held for it", async () => {
    const { t, buyer, productId } = await couponSetup();
    const res = await redeem(buyer.client, { productId });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: "completed", coupon: { revealed: false, revealedAt: null } });
    expect(res.body.completedAt).toBe(t.clock.now().toISOString());
    const code = t.db.select().from(couponCodes).where(eq(couponCodes.id, res.body.couponCodeId)).get()!;
    expect(code).toMatchObject({ status: "assigned", orderId: res.body.id, productId });
    expect(code.assignedAt?.toISOString()).toBe(t.clock.now().toISOString());
    expect(productRow(t, productId).stock).toBe(1);
    expect(JSON.stringify(res.body)).not.toContain("CAFE-");
  });

  it("shows the code once to its buyer (no-store); a second look is 409 and the order says it was shown", async () => {
    const { t, buyer, productId } = await couponSetup();
    const order = (await redeem(buyer.client, { productId })).body;
    const shown = await buyer.client.post(`/api/shop/orders/${order.id}/code`);
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ code: "CAFE-0001-SECRET" });
    expect(shown.headers.get("cache-control")).toBe("no-store");

    const again = await buyer.client.post(`/api/shop/orders/${order.id}/code`);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe("CODE_ALREADY_SHOWN");
    expect(JSON.stringify(again.body)).not.toContain("CAFE-");

    const view = await buyer.client.get(`/api/shop/orders/${order.id}`);
    expect(view.body.coupon).toEqual({ revealed: true, revealedAt: t.clock.now().toISOString() });
    const operator = (await t.signIn("operator")).client;
    const staffView = await operator.get(`/api/admin/orders/${order.id}`);
    expect(staffView.body.coupon.revealed).toBe(true);
    expect(JSON.stringify([view.body, staffView.body, (await operator.get("/api/admin/orders")).body])).not.toContain("CAFE-");
  });

  it("another member cannot see the code (404), and a physical order has none (404)", async () => {
    const { t, app, supplierId, buyer, addressId, productId } = await couponSetup();
    const order = (await redeem(buyer.client, { productId })).body;
    const other = await shopMember(t, app, "u-2");
    expect((await other.client.post(`/api/shop/orders/${order.id}/code`)).status).toBe(404);
    const goods = (await redeem(buyer.client, { productId: listProduct(t, supplierId), addressId })).body;
    expect((await buyer.client.post(`/api/shop/orders/${goods.id}/code`)).status).toBe(404);
    // The code is still unseen for its buyer.
    expect((await buyer.client.post(`/api/shop/orders/${order.id}/code`)).body.code).toBe("CAFE-0001-SECRET");
  });

  it("never writes a code to the logs", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "trace" }, { write: (line: string) => lines.push(line) });
    const { buyer, productId } = await couponSetup({ logger });
    const order = (await redeem(buyer.client, { productId })).body;
    await buyer.client.post(`/api/shop/orders/${order.id}/code`);
    await buyer.client.post(`/api/shop/orders/${order.id}/code`);
    await buyer.client.get(`/api/shop/orders/${order.id}`);
    await redeem(buyer.client, { productId });
    expect(lines.filter((l) => l.includes('"msg":"request"')).length).toBeGreaterThanOrEqual(5);
    expect(lines.join("\n")).not.toContain("CAFE-");
  });

  it("a refused redemption leaves its code in the pool for the next buyer", async () => {
    const { t, app, productId } = await couponSetup();
    const poor = await shopMember(t, app, "u-poor", { points: 100 });
    expect((await redeem(poor.client, { productId })).body.code).toBe("INSUFFICIENT_POINTS");
    expect(t.db.select().from(couponCodes).where(eq(couponCodes.status, "available")).all()).toHaveLength(2);
    const rich = await shopMember(t, app, "u-rich", { points: 1000 });
    const order = (await redeem(rich.client, { productId })).body;
    expect((await rich.client.post(`/api/shop/orders/${order.id}/code`)).body.code).toBe("CAFE-0001-SECRET");
  });

  it("sells one code per order: a quantity above 1 is refused (422) and takes nothing from the pool", async () => {
    const { t, buyer, productId } = await couponSetup();
    const before = redemptionFootprint(t);
    const res = await redeem(buyer.client, { productId, quantity: 2 });
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty("quantity");
    expect(redemptionFootprint(t)).toEqual(before);
    expect(productRow(t, productId).stock).toBe(2);
  });

  it("answers 409 SOLD_OUT once the pool is empty", async () => {
    const { t, app, productId } = await couponSetup();
    const m = await shopMember(t, app, "u-3", { points: 5000 });
    expect((await redeem(m.client, { productId })).status).toBe(201);
    expect((await redeem(m.client, { productId })).status).toBe(201);
    const before = redemptionFootprint(t);
    const res = await redeem(m.client, { productId });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("SOLD_OUT");
    expect(redemptionFootprint(t)).toEqual(before);
  });

  it("does not show the code of an order still waiting for its cash part; cancelled, the code goes back unseen", async () => {
    const { t, app, buyer, productId } = await couponSetup({ cashPrice: 990 });
    const order = (await redeem(buyer.client, { productId })).body;
    expect(order.status).toBe("pending_payment");
    const early = await buyer.client.post(`/api/shop/orders/${order.id}/code`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe("NOT_PAID");
    expect(JSON.stringify(early.body)).not.toContain("CAFE-");

    expect((await buyer.client.post(`/api/shop/orders/${order.id}/cancel`)).body.status).toBe("cancelled");
    const code = t.db.select().from(couponCodes).where(eq(couponCodes.id, order.couponCodeId)).get()!;
    expect(code).toMatchObject({ status: "available", orderId: null, revealedAt: null });

    // The next buyer gets that code.
    const next = await shopMember(t, app, "u-next", { points: 1000 });
    const theirs = (await redeem(next.client, { productId })).body;
    expect(theirs.couponCodeId).toBe(order.couponCodeId);
  });
});

describe("the member's orders", () => {
  it("lists only the member's own orders, newest first, by status", async () => {
    const { t, app, supplierId, buyer, addressId } = await setup();
    const goods = listProduct(t, supplierId, { pointsPrice: 100 });
    const cash = listProduct(t, supplierId, { pointsPrice: 100, cashPrice: 500 });
    const a = (await redeem(buyer.client, { productId: goods, addressId })).body;
    const b = (await redeem(buyer.client, { productId: cash, addressId })).body;
    const other = await shopMember(t, app, "u-2", { points: 500 });
    await redeem(other.client, { productId: goods, addressId: addAddress(t.db, other.member.id, t.clock.now()) });

    const all = await buyer.client.get("/api/shop/orders");
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(2);
    expect(all.body.items.map((o: { id: number }) => o.id)).toEqual([b.id, a.id]);
    const waiting = await buyer.client.get("/api/shop/orders?status=pending_payment");
    expect(waiting.body).toMatchObject({ total: 1, items: [{ id: b.id }] });
    // The member sees their own address in full.
    expect(all.body.items[1].address.phone).toBe("13800138000");
  });

  it("another member's order is 404 to every call, and nothing about it changes", async () => {
    const { t, app, supplierId, buyer, addressId } = await setup();
    const cashOrder = (await redeem(buyer.client, { productId: listProduct(t, supplierId, { cashPrice: 500 }), addressId })).body;
    const goodsOrder = (await redeem(buyer.client, { productId: listProduct(t, supplierId), addressId })).body;
    const other = await shopMember(t, app, "u-2", { points: 500 });
    const theirAddress = addAddress(t.db, other.member.id, t.clock.now());
    const before = [orderRow(t, cashOrder.id), orderRow(t, goodsOrder.id)];
    const footprint = redemptionFootprint(t);
    const calls = [
      other.client.get(`/api/shop/orders/${goodsOrder.id}`),
      other.client.post(`/api/shop/orders/${cashOrder.id}/pay`),
      other.client.post(`/api/shop/orders/${cashOrder.id}/cancel`),
      other.client.post(`/api/shop/orders/${goodsOrder.id}/confirm`),
      other.client.post(`/api/shop/orders/${goodsOrder.id}/code`),
      other.client.post(`/api/shop/orders/${goodsOrder.id}/address`, { addressId: theirAddress }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("NOT_FOUND");
    }
    expect([orderRow(t, cashOrder.id), orderRow(t, goodsOrder.id)]).toEqual(before);
    expect(redemptionFootprint(t)).toEqual(footprint);
    expect((await other.client.get("/api/shop/orders")).body).toEqual({ items: [], total: 0 });
  });

  it("a member cancels only an order still waiting for payment; points and stock come back", async () => {
    const { t, supplierId, buyer, addressId } = await setup();
    const cashProduct = listProduct(t, supplierId, { pointsPrice: 400, cashPrice: 500, stock: 5 });
    const order = (await redeem(buyer.client, { productId: cashProduct, addressId })).body;
    expect(balance(t, buyer.member.id)).toBe(1600);
    const res = await buyer.client.post(`/api/shop/orders/${order.id}/cancel`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "cancelled", closeReason: "cancelled by the member" });
    expect(res.body.timeline.at(-1)).toMatchObject({ fromStatus: "pending_payment", toStatus: "cancelled", actor: `member:${buyer.member.id}` });
    expect(balance(t, buyer.member.id)).toBe(2000);
    expect(productRow(t, cashProduct)).toMatchObject({ stock: 5, sold: 0 });

    const goods = (await redeem(buyer.client, { productId: listProduct(t, supplierId), addressId })).body;
    const refused = await buyer.client.post(`/api/shop/orders/${goods.id}/cancel`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("ILLEGAL_TRANSITION");
    expect(orderRow(t, goods.id).status).toBe("awaiting_shipment");
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("a member confirms receipt of shipped goods only", async () => {
    const { t, supplierId, buyer, addressId } = await setup();
    const order = (await redeem(buyer.client, { productId: listProduct(t, supplierId), addressId })).body;
    const early = await buyer.client.post(`/api/shop/orders/${order.id}/confirm`);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe("ILLEGAL_TRANSITION");
    const operator = (await t.signIn("operator")).client;
    await operator.post(`/api/admin/orders/${order.id}/ship`, { carrier: "SF", trackingNo: "SF1234567890" });
    const shipped = await buyer.client.get(`/api/shop/orders/${order.id}`);
    expect(shipped.body).toMatchObject({ status: "shipped", carrier: "SF", trackingNo: "SF1234567890" });
    t.clock.advance(DAY);
    const done = await buyer.client.post(`/api/shop/orders/${order.id}/confirm`);
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: "completed", completedAt: t.clock.now().toISOString() });
    expect(timeline(t, order.id).at(-1)).toMatchObject({ fromStatus: "shipped", toStatus: "completed", actor: `member:${buyer.member.id}`, note: "received" });
    expect((await buyer.client.post(`/api/shop/orders/${order.id}/confirm`)).status).toBe(409);
  });

  it("a member cannot 'confirm' a top-up still with its supplier: 409, and the supplier is still called", async () => {
    const { t, supplierId, buyer } = await setup();
    const productId = listProduct(t, supplierId, { type: "virtual", fulfilment: { endpoint: "https://supplier.example/fulfil", productCode: "TOPUP-50" } });
    const order = (await redeem(buyer.client, { productId, recipient: "13900139000" })).body;
    expect(order.status).toBe("fulfilling");
    const res = await buyer.client.post(`/api/shop/orders/${order.id}/confirm`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "ILLEGAL_TRANSITION", details: { from: "fulfilling", to: "completed" } });
    expect(orderRow(t, order.id).status).toBe("fulfilling");
    expect(outboxOf(t, "fulfilment")).toMatchObject([{ status: "pending", payload: { orderId: order.id } }]);
  });
});

describe("POST /api/shop/orders/:id/address", () => {
  it("gives a won order its delivery address before it ships, and not after", async () => {
    const { t, app, supplierId, buyer, addressId } = await setup();
    const productId = listProduct(t, supplierId);
    // A prize: an order without an address, at no cost, waiting for the member to say where.
    const won = writeTx(t.db, (tx) =>
      redeemInDomain(tx, t.app.ctx, buyer.member.id, { productId, quantity: 1 }, { idempotencyKey: "prize-1", source: "prize", pointsPrice: 0, skipChecks: true, addressLater: true }, t.clock.now()),
    ).order;
    expect(won).toMatchObject({ status: "awaiting_shipment", address: null, pointsTotal: 0 });
    const operator = (await t.signIn("operator")).client;
    expect((await operator.post(`/api/admin/orders/${won.id}/ship`, { carrier: "SF", trackingNo: "SF1234567890" })).body.code).toBe("ADDRESS_MISSING");

    const other = await shopMember(t, app, "u-2");
    const notMine = await buyer.client.post(`/api/shop/orders/${won.id}/address`, { addressId: addAddress(t.db, other.member.id, t.clock.now()) });
    expect(notMine.status).toBe(422);
    expect(notMine.body.details.fields).toHaveProperty("addressId");

    const res = await buyer.client.post(`/api/shop/orders/${won.id}/address`, { addressId });
    expect(res.status).toBe(200);
    expect(res.body.address).toMatchObject({ name: "张三", phone: "13800138000" });
    expect(res.body.timeline.at(-1)).toMatchObject({ fromStatus: "awaiting_shipment", toStatus: "awaiting_shipment", note: "address set" });
    expect((await operator.post(`/api/admin/orders/${won.id}/ship`, { carrier: "SF", trackingNo: "SF1234567890" })).status).toBe(200);

    const late = await buyer.client.post(`/api/shop/orders/${won.id}/address`, { addressId });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe("ILLEGAL_TRANSITION");
  });
});

describe("addresses", () => {
  it("the first address is the default; a new default replaces it", async () => {
    const { t, app } = await setup();
    const m = await shopMember(t, app, "u-addr");
    const body = { name: "李四", phone: "13911112222", region: "北京市 朝阳区", detail: "建国路 88 号" };
    const first = await m.client.post("/api/shop/addresses", body);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ ...body, isDefault: true, memberId: m.member.id });
    const second = await m.client.post("/api/shop/addresses", { ...body, detail: "建国路 99 号", isDefault: true });
    const list = await m.client.get("/api/shop/addresses");
    expect(list.body.map((a: { id: number; isDefault: boolean }) => [a.id, a.isDefault])).toEqual([
      [second.body.id, true],
      [first.body.id, false],
    ]);
  });

  it("refuses bad fields with their paths, another member's address (404) and a 21st address (409)", async () => {
    const { t, app, buyer, addressId } = await setup();
    const m = await shopMember(t, app, "u-addr");
    const bad = await m.client.post("/api/shop/addresses", { name: "", phone: "call me", region: "x", detail: "ok" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.details.fields).sort()).toEqual(["detail", "name", "phone", "region"]);
    expect((await m.client.patch(`/api/shop/addresses/${addressId}`, { name: "王五" })).status).toBe(404);
    expect((await m.client.delete(`/api/shop/addresses/${addressId}`)).status).toBe(404);
    expect(t.db.select().from(memberAddresses).where(eq(memberAddresses.id, addressId)).get()).toMatchObject({ memberId: buyer.member.id, name: "张三" });

    for (let i = 0; i < 20; i++) addAddress(t.db, m.member.id, t.clock.now());
    const tooMany = await m.client.post("/api/shop/addresses", { name: "李四", phone: "13911112222", region: "北京市 朝阳区", detail: "建国路 88 号" });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.code).toBe("TOO_MANY_ADDRESSES");
  });
});

describe("low-stock notifications", () => {
  it("tell the product's supplier and the operators once per crossing: when a redemption brings the stock to the threshold, and again only after a restock", async () => {
    const { t, supplierId, buyer, addressId } = await setup();
    const productId = listProduct(t, supplierId, { pointsPrice: 10, stock: 5, lowStockThreshold: 2 });
    const notices = () => t.db.select().from(notifications).where(eq(notifications.kind, "low-stock")).all();

    for (let i = 0; i < 2; i++) expect((await redeem(buyer.client, { productId, addressId })).status).toBe(201);
    expect(notices()).toEqual([]); // stock 3
    await redeem(buyer.client, { productId, addressId }); // stock 2: at the threshold
    const sent = notices();
    expect(sent.map((n) => [n.audience, n.staffScope]).sort()).toEqual([
      ["staff", "operator"],
      ["staff", `supplier:${supplierId}`],
    ]);
    expect(sent[0].payload).toMatchObject({ productId, stock: 2, threshold: 2 });

    await redeem(buyer.client, { productId, addressId }); // stock 1: told already
    t.clock.advance(DAY);
    await redeem(buyer.client, { productId, addressId }); // stock 0, the next day: still the same shortage
    expect(notices()).toHaveLength(2);
    // The supplier restocks to 3 (above the threshold); crossing it again is news.
    t.db.update(products).set({ stock: 3 }).where(eq(products.id, productId)).run();
    await redeem(buyer.client, { productId, addressId }); // stock 2
    expect(notices()).toHaveLength(4);
    expect(notices().at(-1)!.payload).toMatchObject({ stock: 2 });
    // Members are not told.
    expect(t.db.select().from(notifications).where(and(eq(notifications.kind, "low-stock"), eq(notifications.audience, "member"))).all()).toEqual([]);
  });
});
