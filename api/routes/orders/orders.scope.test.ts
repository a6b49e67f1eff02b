import { describe, expect, it } from "vitest";
import { buildTestApp, createMember, registerTestApp } from "../../test/harness";
import { addAddress, redeemFor } from "../../test/order-fixtures";
import { listProduct, orderRow, timeline } from "../../test/redemption-fixtures";

/** Two suppliers with an order each, staff of each, and an operator. */
async function setup() {
  const t = await buildTestApp();
  const A = t.createSupplier("supplier-a");
  const B = t.createSupplier("supplier-b");
  const app = registerTestApp(t);
  const member = createMember(t, app.id, "u-1", { nickname: "小王" });
  const addressId = addAddress(t.db, member.id, t.clock.now(), { phone: "13812345678" });
  const ofA = redeemFor(t.db, t.app.ctx, member.id, listProduct(t, A, { pointsPrice: 100 }), t.clock.now(), { addressId });
  const ofB = redeemFor(t.db, t.app.ctx, member.id, listProduct(t, B, { pointsPrice: 100 }), t.clock.now(), { addressId });
  const supA = (await t.signIn("supplier", { username: "wang", supplierId: A })).client;
  const supB = (await t.signIn("supplier", { username: "li", supplierId: B })).client;
  return { t, A, B, ofA, ofB, supA, supB };
}

describe("supplier scope over orders", () => {
  it("supplier A can neither read, ship nor take back supplier B's order (404), and it stays as it was", async () => {
    const { t, ofB, supA } = await setup();
    const before = orderRow(t, ofB.id);
    const events = timeline(t, ofB.id).length;
    const audits = t.auditEntries().length;
    const calls = [
      supA.get(`/api/admin/orders/${ofB.id}`),
      supA.post(`/api/admin/orders/${ofB.id}/ship`, { carrier: "SF", trackingNo: "SF1234567890" }),
      supA.post(`/api/admin/orders/${ofB.id}/return`, { reason: "defect" }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: "NOT_FOUND", message: `Order ${ofB.id} not found` });
    }
    expect(orderRow(t, ofB.id)).toEqual(before);
    expect(timeline(t, ofB.id)).toHaveLength(events);
    expect(t.auditEntries()).toHaveLength(audits);
  });

  it("supplier A's list, filters and status counts hold only its own orders", async () => {
    const { B, ofA, supA } = await setup();
    const list = await supA.get("/api/admin/orders");
    expect(list.body.map((o: { id: number }) => o.id)).toEqual([ofA.id]);
    expect(list.headers.get("x-total-count")).toBe("1");
    expect((await supA.get(`/api/admin/orders?supplierId=${B}`)).body).toEqual([]);
    expect((await supA.get(`/api/admin/orders?q=${ofA.orderNo.slice(0, 8)}`)).body.map((o: { id: number }) => o.id)).toEqual([ofA.id]);
    expect((await supA.get("/api/admin/orders/status-counts")).body).toEqual({ awaiting_shipment: 1 });
  });

  it("supplier A ships its own order and sees the address in full to do it", async () => {
    const { t, A, ofA, supA } = await setup();
    const detail = await supA.get(`/api/admin/orders/${ofA.id}`);
    expect(detail.body.address.phone).toBe("13812345678");
    const res = await supA.post(`/api/admin/orders/${ofA.id}/ship`, { carrier: "SF", trackingNo: "SF1234567890" });
    expect(res.status).toBe(200);
    expect(res.body.timeline.at(-1).actor).toBe(`supplier:${A}/wang`);
    expect(orderRow(t, ofA.id).status).toBe("shipped");
  });

  it("an auditor reads every order with personal data masked, and changes none (403)", async () => {
    const { t, ofA, ofB } = await setup();
    const auditor = (await t.signIn("auditor")).client;
    const list = await auditor.get("/api/admin/orders");
    expect(list.body.map((o: { id: number }) => o.id).sort()).toEqual([ofA.id, ofB.id].sort());
    expect(list.body[0].address.phone).toBe("138****5678");
    expect((await auditor.post(`/api/admin/orders/${ofA.id}/ship`, { carrier: "SF", trackingNo: "SF1234567890" })).status).toBe(403);
    expect(orderRow(t, ofA.id).status).toBe("awaiting_shipment");
  });
});
