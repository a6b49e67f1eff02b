import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, notifications, orders, orderStatuses, type OrderStatus } from "../../../db/schema";
import { autoCompleteShipped } from "../../domain/orders/order-jobs";
import { canReturn, canTransition } from "../../domain/orders/order-state";
import { AUTO_COMPLETE_MS } from "../../domain/orders/orders";
import { ledgerViolations } from "../../domain/points/ledger";
import { createCampaign, createProduct, shopMember } from "../../test/campaign-fixtures";
import { buildTestApp, registerTestApp, type Client, type TestApp } from "../../test/harness";
import { addAddress, redeemFor } from "../../test/order-fixtures";
import { balance, earnLot, entriesOf, keyed, listProduct, loadCodes, openLots, orderRow, outboxOf, productRow, timeline } from "../../test/redemption-fixtures";

const DAY = 86_400_000;
const JUNE = new Date("2026-06-30T16:00:00.000Z");
const SHIPMENT = { carrier: "顺丰速运", trackingNo: "SF1234567890" };

/** A member (300 points expiring in June, 1000 that never expire) who bought a physical product of supplier A for 800. */
async function setup(o: { webhookUrl?: string } = {}) {
  const t = await buildTestApp();
  const app = registerTestApp(t, { webhookUrl: o.webhookUrl });
  const supplierId = t.createSupplier("supplier-a");
  const buyer = await shopMember(t, app, "u-1", { points: 1000 });
  earnLot(t, buyer.member.id, 300, JUNE);
  const addressId = addAddress(t.db, buyer.member.id, t.clock.now());
  const productId = listProduct(t, supplierId, { pointsPrice: 800, stock: 10 });
  const res = await buyer.client.post("/api/shop/redemptions", { productId, addressId }, keyed());
  expect(res.status).toBe(201);
  const operator = (await t.signIn("operator")).client;
  return { t, app, supplierId, buyer, addressId, productId, operator, order: res.body as { id: number; orderNo: string } };
}

const lotsByExpiry = (t: TestApp, memberId: number) => {
  const sums = new Map<string | null, number>();
  for (const l of openLots(t, memberId)) sums.set(l.expiresAt, (sums.get(l.expiresAt) ?? 0) + l.amount);
  return Object.fromEntries([...sums].map(([k, v]) => [k ?? "never", v]));
};

describe("every action against every state (the table in order-state.ts)", () => {
  type Action = { name: string; target: OrderStatus; legalFrom: (s: OrderStatus) => boolean; call: (c: { staff: Client; member: Client }, id: number) => Promise<{ status: number; body: any }> };
  const actions: Action[] = [
    { name: "ship", target: "shipped", legalFrom: (s) => canTransition(s, "shipped"), call: (c, id) => c.staff.post(`/api/admin/orders/${id}/ship`, SHIPMENT) },
    { name: "cancel (console)", target: "cancelled", legalFrom: (s) => canTransition(s, "cancelled"), call: (c, id) => c.staff.post(`/api/admin/orders/${id}/cancel`, { reason: "test" }) },
    { name: "return", target: "returned", legalFrom: (s) => canReturn("physical", s), call: (c, id) => c.staff.post(`/api/admin/orders/${id}/return`, { reason: "defect" }) },
    // The member confirms receipt of goods that were shipped, nothing else (completed is reached otherwise by the system).
    { name: "confirm receipt (member)", target: "completed", legalFrom: (s) => s === "shipped", call: (c, id) => c.member.post(`/api/shop/orders/${id}/confirm`) },
    { name: "cancel (member)", target: "cancelled", legalFrom: (s) => s === "pending_payment", call: (c, id) => c.member.post(`/api/shop/orders/${id}/cancel`) },
  ];

  it.each(orderStatuses)("from %s: each legal action moves the order, each illegal one is 409 and changes nothing", async (state) => {
    const { t, buyer, addressId, productId, operator } = await setup();
    for (const action of actions) {
      const order = redeemFor(t.db, t.app.ctx, buyer.member.id, productId, t.clock.now(), { addressId });
      const before = t.db.update(orders).set({ status: state }).where(eq(orders.id, order.id)).returning().get();
      const events = timeline(t, order.id).length;
      const points = balance(t, buyer.member.id);
      const res = await action.call({ staff: operator, member: buyer.client }, order.id);
      if (action.legalFrom(state)) {
        expect(res.status, `${action.name} from ${state}: ${JSON.stringify(res.body)}`).toBe(200);
        expect(res.body.status).toBe(action.target);
        expect(canTransition(state, action.target)).toBe(true);
      } else {
        expect(res.status, `${action.name} from ${state}`).toBe(409);
        expect(res.body.code, `${action.name} from ${state}`).toBe("ILLEGAL_TRANSITION");
        expect(orderRow(t, order.id)).toEqual(before);
        expect(timeline(t, order.id)).toHaveLength(events);
        expect(balance(t, buyer.member.id)).toBe(points);
      }
    }
    expect(ledgerViolations(t.db)).toEqual([]);
  });
});

describe("POST /api/admin/orders/:id/ship", () => {
  it("ships with carrier and tracking number: timeline, audit, the member told, auto-completion scheduled", async () => {
    const { t, buyer, operator, order } = await setup({ webhookUrl: "https://host.example/hooks" });
    const res = await operator.post(`/api/admin/orders/${order.id}/ship`, SHIPMENT);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "shipped", ...SHIPMENT, shippedAt: t.clock.now().toISOString() });
    expect(res.body.autoCompleteAt).toBe(new Date(t.clock.now().getTime() + AUTO_COMPLETE_MS).toISOString());
    expect(res.body.timeline.at(-1)).toMatchObject({ fromStatus: "awaiting_shipment", toStatus: "shipped", actor: "staff:operator", note: "顺丰速运 SF1234567890" });
    expect(t.db.select().from(auditLog).where(eq(auditLog.action, "ship")).all()).toMatchObject([{ resource: "orders", resourceId: String(order.id) }]);

    const told = t.db.select().from(notifications).where(eq(notifications.kind, "order-shipped")).all();
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ audience: "member", memberId: buyer.member.id, payload: { orderNo: order.orderNo, ...SHIPMENT } });
    // The host app hears of it through its webhook, once.
    expect(outboxOf(t, "webhook").filter((w) => w.topic === "order.shipped")).toMatchObject([{ payload: { orderNo: order.orderNo, memberId: "u-1", ...SHIPMENT } }]);

    // The member's order shows the tracking number.
    expect((await buyer.client.get(`/api/shop/orders/${order.id}`)).body).toMatchObject({ status: "shipped", ...SHIPMENT });
  });

  it("refuses a missing carrier or a bad tracking number with the fields (422), and shipping twice (409)", async () => {
    const { t, operator, order } = await setup();
    const bad = await operator.post(`/api/admin/orders/${order.id}/ship`, { carrier: "", trackingNo: "no!" });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.details.fields).sort()).toEqual(["carrier", "trackingNo"]);
    expect(orderRow(t, order.id).status).toBe("awaiting_shipment");
    expect((await operator.post(`/api/admin/orders/${order.id}/ship`, SHIPMENT)).status).toBe(200);
    const twice = await operator.post(`/api/admin/orders/${order.id}/ship`, { carrier: "JD", trackingNo: "JD0000000001" });
    expect(twice.status).toBe(409);
    expect(orderRow(t, order.id)).toMatchObject(SHIPMENT);
    expect(t.db.select().from(notifications).where(eq(notifications.kind, "order-shipped")).all()).toHaveLength(1);
  });

  it("will not ship an order that has no delivery address yet (409 ADDRESS_MISSING)", async () => {
    const { t, operator, order } = await setup();
    t.db.update(orders).set({ address: null }).where(eq(orders.id, order.id)).run();
    const res = await operator.post(`/api/admin/orders/${order.id}/ship`, SHIPMENT);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("ADDRESS_MISSING");
  });

  it("bulk shipping tells each member once", async () => {
    const { t, buyer, addressId, productId, operator, order } = await setup();
    const second = redeemFor(t.db, t.app.ctx, buyer.member.id, productId, t.clock.now(), { addressId });
    const csv = `orderNo,carrier,trackingNo\n${order.orderNo},SF,SF0000000001\n${second.orderNo},SF,SF0000000002\n${order.orderNo},SF,SF0000000001`;
    const job = (await operator.post("/api/admin/orders/bulk-ship", { csv })).body;
    for (let i = 0; i < 100 && (await operator.get(`/api/admin/import-jobs/${job.jobId}`)).body.status === "running"; i++) await new Promise((r) => setTimeout(r, 5));
    expect((await operator.get(`/api/admin/import-jobs/${job.jobId}`)).body).toMatchObject({ status: "done", succeeded: 2, failed: 1 });
    const told = t.db.select().from(notifications).where(and(eq(notifications.kind, "order-shipped"), eq(notifications.memberId, buyer.member.id))).all();
    expect(told.map((n) => (n.payload as { trackingNo: string }).trackingNo).sort()).toEqual(["SF0000000001", "SF0000000002"]);
  });
});

describe("completion", () => {
  it("comes by itself 7 days after shipping unless the member confirmed first", async () => {
    const { t, buyer, addressId, productId, operator, order } = await setup();
    const confirmed = redeemFor(t.db, t.app.ctx, buyer.member.id, productId, t.clock.now(), { addressId });
    await operator.post(`/api/admin/orders/${order.id}/ship`, SHIPMENT);
    await operator.post(`/api/admin/orders/${confirmed.id}/ship`, { carrier: "SF", trackingNo: "SF0000000009" });
    t.clock.advance(DAY);
    expect((await buyer.client.post(`/api/shop/orders/${confirmed.id}/confirm`)).status).toBe(200);
    const confirmedAt = orderRow(t, confirmed.id).completedAt;

    t.clock.advance(AUTO_COMPLETE_MS - DAY - 1);
    expect(autoCompleteShipped(t.app.ctx)).toEqual({ completed: 0 });
    t.clock.advance(1);
    expect(autoCompleteShipped(t.app.ctx)).toEqual({ completed: 1 });
    expect(orderRow(t, order.id)).toMatchObject({ status: "completed", completedAt: t.clock.now() });
    expect(timeline(t, order.id).at(-1)).toMatchObject({ fromStatus: "shipped", toStatus: "completed", actor: "system:auto-complete", note: "completed automatically" });
    expect(orderRow(t, confirmed.id).completedAt).toEqual(confirmedAt);
    expect(autoCompleteShipped(t.app.ctx)).toEqual({ completed: 0 });
  });
});

describe("POST /api/admin/orders/:id/cancel", () => {
  it.each(["service", "operator"])("%s cancels before shipment with a reason: points back keeping their expiry, stock back, audited", async (role) => {
    const { t, buyer, productId, order } = await setup();
    // 800 were taken FIFO: the 300 expiring in June first, then 500 of those that never expire.
    expect(lotsByExpiry(t, buyer.member.id)).toEqual({ never: 500 });
    const staff = role === "operator" ? (await t.signIn("operator", { username: "op-2" })).client : (await t.signIn(role)).client;
    const res = await staff.post(`/api/admin/orders/${order.id}/cancel`, { reason: "地址无法送达" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "cancelled", closeReason: "地址无法送达" });
    expect(res.body.timeline.at(-1)).toMatchObject({ toStatus: "cancelled", actor: role === "operator" ? "staff:op-2" : "staff:service", note: "地址无法送达" });

    expect(lotsByExpiry(t, buyer.member.id)).toEqual({ [JUNE.toISOString()]: 300, never: 1000 });
    const refund = entriesOf(t, buyer.member.id).filter((e) => e.type === "refund");
    expect(refund).toMatchObject([{ amount: 800, orderId: order.id }]);
    expect(productRow(t, productId)).toMatchObject({ stock: 10, sold: 0 });
    expect(t.db.select().from(auditLog).where(eq(auditLog.action, "cancel")).all()).toMatchObject([
      { resource: "orders", resourceId: String(order.id), after: { status: "cancelled", reason: "地址无法送达", refundEntryId: refund[0].id } },
    ]);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("returns a flash-sale order's unit to the product without miscounting what the product sold", async () => {
    const { t, buyer, addressId, operator } = await setup();
    const productId = createProduct(t.db, t.clock.now(), { stock: 20, pointsPrice: 900 });
    const sale = createCampaign(t.db, t.clock.now(), { template: "flash_sale", reservedStock: 5, config: { productId, salePoints: 100, perMemberLimit: 1 } });
    expect(productRow(t, productId)).toMatchObject({ stock: 15, sold: 0 });
    const points = balance(t, buyer.member.id);
    const bought = await buyer.client.post(`/api/shop/campaigns/${sale.id}/buy`, { quantity: 1, addressId }, keyed());
    expect(bought.status, JSON.stringify(bought.body)).toBe(201);
    // The unit came out of the sale's allocation (set aside from the product's stock when it was scheduled).
    expect(productRow(t, productId)).toMatchObject({ stock: 15, sold: 0 });

    expect((await operator.post(`/api/admin/orders/${bought.body.order.id}/cancel`, { reason: "member asked" })).status).toBe(200);
    const after = productRow(t, productId);
    expect(after.stock).toBe(16);
    expect(after.sold).toBe(0);
    expect(balance(t, buyer.member.id)).toBe(points);
  });

  it("gives back points whose lot expired meanwhile as already expired: the expiry is kept, not reset", async () => {
    const { t, buyer, addressId, operator } = await setup();
    const soon = new Date(t.clock.now().getTime() + 3_600_000);
    earnLot(t, buyer.member.id, 100, soon);
    const order = redeemFor(t.db, t.app.ctx, buyer.member.id, listProduct(t, t.createSupplier("s2"), { pointsPrice: 100 }), t.clock.now(), { addressId });
    const before = balance(t, buyer.member.id);
    t.clock.advance(90 * 60_000);
    expect((await operator.post(`/api/admin/orders/${order.id}/cancel`, { reason: "late" })).status).toBe(200);
    const [refund, expired] = entriesOf(t, buyer.member.id).slice(-2);
    expect([refund.type, refund.amount, expired.type, expired.amount]).toEqual(["refund", 100, "expire", -100]);
    expect(balance(t, buyer.member.id)).toBe(before);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("two agents cancelling at once give the points back once", async () => {
    const { t, buyer, operator, order } = await setup();
    const service = (await t.signIn("service")).client;
    const [a, b] = await Promise.all([operator.post(`/api/admin/orders/${order.id}/cancel`, { reason: "one" }), service.post(`/api/admin/orders/${order.id}/cancel`, { reason: "two" })]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(entriesOf(t, buyer.member.id).filter((e) => e.type === "refund")).toHaveLength(1);
    expect(balance(t, buyer.member.id)).toBe(1300);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("asks for a reason (422 with the field) and changes nothing without one", async () => {
    const { t, operator, order } = await setup();
    const res = await operator.post(`/api/admin/orders/${order.id}/cancel`, {});
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty("reason");
    expect(orderRow(t, order.id).status).toBe("awaiting_shipment");
  });

  it("is 409 once the order has shipped, and gives nothing back", async () => {
    const { t, buyer, productId, operator, order } = await setup();
    await operator.post(`/api/admin/orders/${order.id}/ship`, SHIPMENT);
    const points = balance(t, buyer.member.id);
    const service = (await t.signIn("service")).client;
    const res = await service.post(`/api/admin/orders/${order.id}/cancel`, { reason: "changed their mind" });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "ILLEGAL_TRANSITION", details: { from: "shipped", to: "cancelled" } });
    expect(orderRow(t, order.id).status).toBe("shipped");
    expect(balance(t, buyer.member.id)).toBe(points);
    expect(productRow(t, productId).stock).toBe(9);
  });

  it("gives the points back once: a second cancel is 409", async () => {
    const { t, buyer, operator, order } = await setup();
    expect((await operator.post(`/api/admin/orders/${order.id}/cancel`, { reason: "first" })).status).toBe(200);
    expect((await operator.post(`/api/admin/orders/${order.id}/cancel`, { reason: "again" })).status).toBe(409);
    expect(entriesOf(t, buyer.member.id).filter((e) => e.type === "refund")).toHaveLength(1);
    expect(balance(t, buyer.member.id)).toBe(1300);
  });

  it("will not cancel a coupon whose code was delivered, nor a top-up already with the supplier", async () => {
    const { t, supplierId, buyer, operator } = await setup();
    const coupon = listProduct(t, supplierId, { type: "coupon", stock: 0, pointsPrice: 10 });
    loadCodes(t, coupon, ["C-0001-XYZ"]);
    const topUp = listProduct(t, supplierId, { type: "virtual", pointsPrice: 10, fulfilment: { endpoint: "https://supplier.example/f", productCode: "T" } });
    for (const [productId, body] of [
      [coupon, { productId: coupon }],
      [topUp, { productId: topUp, recipient: "13900139000" }],
    ] as const) {
      const order = (await buyer.client.post("/api/shop/redemptions", body, keyed())).body;
      const res = await operator.post(`/api/admin/orders/${order.id}/cancel`, { reason: "test" });
      expect(res.status, String(productId)).toBe(409);
      expect(res.body.code).toBe("ILLEGAL_TRANSITION");
    }
  });

  it("is not a supplier's or an auditor's to do (403 by policy), even on the supplier's own order", async () => {
    const { t, supplierId, order } = await setup();
    const supplier = (await t.signIn("supplier", { supplierId })).client;
    const auditor = (await t.signIn("auditor")).client;
    for (const client of [supplier, auditor]) {
      const res = await client.post(`/api/admin/orders/${order.id}/cancel`, { reason: "no" });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe("FORBIDDEN");
    }
    expect(orderRow(t, order.id).status).toBe("awaiting_shipment");
  });
});

describe("POST /api/admin/orders/:id/return", () => {
  it("takes shipped goods back: the points return, the goods are not restocked, the reason kept for the defect rate", async () => {
    const { t, supplierId, buyer, productId, order } = await setup();
    const supplier = (await t.signIn("supplier", { supplierId })).client;
    await supplier.post(`/api/admin/orders/${order.id}/ship`, SHIPMENT);
    const res = await supplier.post(`/api/admin/orders/${order.id}/return`, { reason: "defect", note: "屏幕碎了" });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "returned", returnReason: "defect", closeReason: "屏幕碎了" });
    expect(balance(t, buyer.member.id)).toBe(1300);
    expect(lotsByExpiry(t, buyer.member.id)).toEqual({ [JUNE.toISOString()]: 300, never: 1000 });
    expect(productRow(t, productId)).toMatchObject({ stock: 9, sold: 1 });
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("refuses a reason it does not know (422)", async () => {
    const { operator, order } = await setup();
    const res = await operator.post(`/api/admin/orders/${order.id}/return`, { reason: "bored" });
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty("reason");
  });
});
