import { beforeEach, describe, expect, it } from "vitest";
import { orders, products, type OrderStatus, type ProductStatus } from "../../../db/schema";
import { HOUR } from "../../lib/clock";
import { fillDays, lastDays } from "../../domain/orders/supplier-dashboard";
import { buildTestApp, createMember, registerTestApp, type TestApp } from "../../test/harness";

// The test clock: 2026-01-15 10:00 in Shanghai. The 30-day window runs from 2025-12-17 to 2026-01-15.
const NOW = "2026-01-15T02:00:00.000Z";
const at = (iso: string) => new Date(iso);

let t: TestApp;
let A: number;
let B: number;
let memberId: number;
let appId: number;
let seq = 0;

function product(supplierId: number, o: { stock?: number; low?: number; status?: ProductStatus; rejectReason?: string; name?: string; reviewedAt?: Date } = {}) {
  const now = t.clock.now();
  const name = o.name ?? `p${++seq}`;
  return t.db
    .insert(products)
    .values({
      supplierId,
      type: "physical",
      name: { "zh-CN": name, "en-US": name },
      description: { "zh-CN": "", "en-US": "" },
      images: [`/uploads/${name}.png`],
      pointsPrice: 100,
      stock: o.stock ?? 50,
      lowStockThreshold: o.low ?? 5,
      status: o.status ?? "on_sale",
      rejectReason: o.rejectReason ?? null,
      reviewedAt: o.reviewedAt ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get().id;
}

/** An order row as the redemption and shipping code would have left it, at the times given. */
function order(
  supplierId: number,
  productId: number,
  o: { status: OrderStatus; created: string; paid?: string | null; shipped?: string; quantity?: number; points: number; returnReason?: "defect" | "other"; type?: "physical" | "virtual" },
) {
  const n = ++seq;
  const created = at(o.created);
  return t.db
    .insert(orders)
    .values({
      orderNo: `PMTEST${String(n).padStart(6, "0")}`,
      appId,
      memberId,
      supplierId,
      productId,
      product: { name: { "zh-CN": "商品", "en-US": "Item" }, image: "", type: o.type ?? "physical", pointsPrice: o.points, cashPrice: 0, costCents: 0 },
      quantity: o.quantity ?? 1,
      pointsTotal: o.points,
      status: o.status,
      idempotencyKey: `k-${n}`,
      requestHash: `h-${n}`,
      paidAt: o.paid === null ? null : at(o.paid ?? o.created),
      shippedAt: o.shipped ? at(o.shipped) : null,
      returnReason: o.returnReason ?? null,
      createdAt: created,
      updatedAt: created,
    })
    .run();
}

beforeEach(async () => {
  t = await buildTestApp();
  t.clock.set(NOW);
  A = t.createSupplier("supplier-a", { name: "Supplier A" });
  B = t.createSupplier("supplier-b", { name: "Supplier B" });
  appId = registerTestApp(t).id;
  memberId = createMember(t, appId, "u-1").id;

  const pa = product(A, { stock: 3, low: 5, name: "low-on-sale" });
  product(A, { stock: 0, low: 0, status: "off_sale", name: "empty-off-sale" });
  product(A, { stock: 10, low: 5, name: "plenty" });
  product(A, { stock: 1, low: 5, status: "draft", name: "low-draft" });
  product(A, { status: "rejected", rejectReason: "Watermark on the main picture", name: "rejected-a", reviewedAt: at("2026-01-14T08:00:00Z") });
  const pb = product(B, { stock: 1, low: 5, name: "low-of-b" });
  product(B, { status: "rejected", rejectReason: "B's reason", name: "rejected-b" });

  // Supplier A
  order(A, pa, { status: "awaiting_shipment", created: "2026-01-15T01:00:00Z", points: 100 }); // 1 h waiting
  order(A, pa, { status: "shipped", created: "2026-01-14T15:30:00Z", shipped: "2026-01-15T01:00:00Z", quantity: 2, points: 200 }); // 23:30 on the 14th, on time
  order(A, pa, { status: "completed", created: "2026-01-14T16:30:00Z", shipped: "2026-01-15T00:00:00Z", points: 300 }); // 00:30 on the 15th in Shanghai
  order(A, pa, { status: "cancelled", created: "2026-01-15T00:30:00Z", points: 1000 });
  order(A, pa, { status: "returned", created: "2026-01-10T02:00:00Z", shipped: "2026-01-13T02:00:00Z", points: 500, returnReason: "defect" }); // shipped after 72 h
  order(A, pa, { status: "returned", created: "2026-01-11T02:00:00Z", shipped: "2026-01-12T02:00:00Z", points: 50, returnReason: "other" });
  order(A, pa, { status: "awaiting_shipment", created: "2026-01-12T02:00:00Z", points: 70 }); // waiting 72 h: overdue
  order(A, pa, { status: "completed", created: "2025-12-01T02:00:00Z", shipped: "2025-12-02T02:00:00Z", points: 800 }); // before the window
  order(A, pa, { status: "completed", created: "2026-01-13T02:00:00Z", points: 30, type: "virtual" });
  order(A, pa, { status: "pending_payment", created: "2026-01-15T01:30:00Z", paid: null, points: 40 }); // unpaid: a redemption, nothing to ship yet
  // Supplier B
  order(B, pb, { status: "awaiting_shipment", created: "2026-01-10T02:00:00Z", points: 9999 });
  order(B, pb, { status: "returned", created: "2026-01-13T02:00:00Z", shipped: "2026-01-13T03:00:00Z", points: 7777, returnReason: "defect" });
});

const day = (body: { days: { day: string }[] }, d: string) => body.days.find((x) => x.day === d);

describe("GET /api/admin/dashboard/supplier", () => {
  it("gives supplier staff their own supplier's numbers, computed from their orders and listings", async () => {
    const { client } = await t.signIn("supplier", { supplierId: A });
    const res = await client.get("/api/admin/dashboard/supplier");
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.supplier).toEqual({ id: A, name: "Supplier A" });
    expect(b.windowDays).toBe(30);
    expect(b.from).toBe("2025-12-17");
    expect(b.to).toBe("2026-01-15");
    expect(b.days).toHaveLength(30);
    // Shanghai days: the order placed at 00:30 on the 15th (16:30 UTC on the 14th) belongs to the 15th; the cancelled one to none.
    expect(day(b, "2026-01-15")).toEqual({ day: "2026-01-15", redemptions: 3, units: 3, points: 440 });
    expect(day(b, "2026-01-14")).toEqual({ day: "2026-01-14", redemptions: 1, units: 2, points: 200 });
    expect(day(b, "2026-01-13")).toMatchObject({ redemptions: 1, points: 30 });
    expect(day(b, "2026-01-12")).toMatchObject({ redemptions: 1, points: 70 });
    expect(day(b, "2026-01-11")).toMatchObject({ redemptions: 1, points: 50 });
    expect(day(b, "2026-01-10")).toMatchObject({ redemptions: 1, points: 500 });
    expect(day(b, "2026-01-09")).toEqual({ day: "2026-01-09", redemptions: 0, units: 0, points: 0 });
    expect(b.days.reduce((s: number, d: { points: number }) => s + d.points, 0)).toBe(1290);

    expect(b.awaitingShipment).toEqual({ count: 2, oldestPaidAt: "2026-01-12T02:00:00.000Z", oldestAgeHours: 72, overdue: 1 });
    // Due: shipped on time (3), shipped late (1), still waiting past 48 h (1); the one waiting 1 h is not judged yet.
    expect(b.onTime).toEqual({ due: 5, onTime: 3, rate: 0.6 });
    expect(b.returns).toEqual({ shipped: 4, returned: 2, defects: 1, returnRate: 0.5, defectRate: 0.25 });

    expect(b.lowStock.map((p: { name: { "en-US": string } }) => p.name["en-US"])).toEqual(["empty-off-sale", "low-on-sale"]);
    expect(b.lowStock[1]).toMatchObject({ stock: 3, lowStockThreshold: 5, status: "on_sale", image: "/uploads/low-on-sale.png" });
    expect(b.rejected).toHaveLength(1);
    expect(b.rejected[0]).toMatchObject({ rejectReason: "Watermark on the main picture", reviewedAt: "2026-01-14T08:00:00.000Z" });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("never shows a supplier another supplier's numbers: asking for one is 404", async () => {
    const { client } = await t.signIn("supplier", { username: "b-staff", supplierId: B });
    const own = await client.get("/api/admin/dashboard/supplier");
    expect(own.body.supplier).toEqual({ id: B, name: "Supplier B" });
    expect(own.body.awaitingShipment.count).toBe(1);
    expect(own.body.returns).toEqual({ shipped: 1, returned: 1, defects: 1, returnRate: 1, defectRate: 1 });
    expect(own.body.days.reduce((s: number, d: { points: number }) => s + d.points, 0)).toBe(9999 + 7777);
    expect(own.body.rejected.map((r: { rejectReason: string }) => r.rejectReason)).toEqual(["B's reason"]);

    const other = await client.get(`/api/admin/dashboard/supplier?supplierId=${A}`);
    expect(other.status).toBe(404);
    expect(other.body.code).toBe("NOT_FOUND");
    expect(JSON.stringify(other.body)).not.toContain("Supplier A");
    // Their own id, said out loud, is fine.
    expect((await client.get(`/api/admin/dashboard/supplier?supplierId=${B}`)).status).toBe(200);
  });

  it("gives operators every supplier together by default, or one supplier by supplierId", async () => {
    const { client } = await t.signIn("operator");
    const all = await client.get("/api/admin/dashboard/supplier");
    expect(all.status).toBe(200);
    expect(all.body.supplier).toBeNull();
    expect(all.body.awaitingShipment.count).toBe(3);
    expect(all.body.returns).toEqual({ shipped: 5, returned: 3, defects: 2, returnRate: 0.6, defectRate: 0.4 });
    expect(all.body.lowStock).toHaveLength(3);
    expect(all.body.rejected).toHaveLength(2);

    const a = await client.get(`/api/admin/dashboard/supplier?supplierId=${A}`);
    const asSupplier = await (await t.signIn("supplier", { supplierId: A })).client.get("/api/admin/dashboard/supplier");
    expect(a.body).toEqual(asSupplier.body);

    expect((await client.get("/api/admin/dashboard/supplier?supplierId=999")).status).toBe(404);
    expect((await client.get("/api/admin/dashboard/supplier?supplierId=abc")).status).toBe(400);
  });

  it("is open to the roles with dashboard read (service, auditor) and to nobody signed out", async () => {
    for (const role of ["service", "auditor", "admin"]) {
      const { client } = await t.signIn(role);
      expect((await client.get(`/api/admin/dashboard/supplier?supplierId=${B}`)).status, role).toBe(200);
    }
    expect((await t.request("GET", "/api/admin/dashboard/supplier")).status).toBe(401);
  });
});

describe("the dashboard's calendar", () => {
  it("lists the last 30 mall days, today last, and fills days without orders with zeros", () => {
    const days = lastDays(new Date("2026-03-01T15:59:00Z")); // 23:59 on 1 March in Shanghai
    expect(days).toHaveLength(30);
    expect(days[29]).toBe("2026-03-01");
    expect(days[0]).toBe("2026-01-31");
    expect(lastDays(new Date("2026-03-01T16:00:00Z"))[29]).toBe("2026-03-02");
    const filled = fillDays(days.slice(0, 3), [{ day: days[1], redemptions: 2, units: 3, points: 10 }]);
    expect(filled.map((d) => d.redemptions)).toEqual([0, 2, 0]);
  });

  it("counts an order 48 hours after payment as on time, a minute later as late", async () => {
    const p = product(A);
    t.clock.set("2026-01-20T02:00:00Z");
    order(A, p, { status: "shipped", created: "2026-01-17T00:00:00Z", shipped: new Date(Date.parse("2026-01-17T00:00:00Z") + 48 * HOUR).toISOString(), points: 1 });
    order(A, p, { status: "shipped", created: "2026-01-17T00:00:00Z", shipped: new Date(Date.parse("2026-01-17T00:00:00Z") + 48 * HOUR + 60_000).toISOString(), points: 1 });
    const { client } = await t.signIn("operator");
    const res = await client.get(`/api/admin/dashboard/supplier?supplierId=${A}`);
    // Five days on, the order that was waiting an hour is overdue too: 3 of 6 before, plus 1 of these 2.
    expect(res.body.onTime).toMatchObject({ due: 8, onTime: 4 });
  });
});
