import { beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { members, products } from "../../../db/schema";
import { addAddress, redeemFor } from "../../test/order-fixtures";
import { buildTestApp, createMember, registerTestApp, type TestApp } from "../../test/harness";

let t: TestApp;
let A: number;
let B: number;
let pa: number;
let pb: number;
let memberId: number;

function product(supplierId: number, name: string) {
  const now = t.clock.now();
  return t.db
    .insert(products)
    .values({ supplierId, type: "physical", name: { "zh-CN": name, "en-US": name }, description: { "zh-CN": "", "en-US": "" }, pointsPrice: 100, stock: 50, lowStockThreshold: 1, status: "on_sale", createdAt: now, updatedAt: now })
    .returning()
    .get().id;
}

beforeEach(async () => {
  t = await buildTestApp();
  A = t.createSupplier("supplier-a");
  B = t.createSupplier("supplier-b");
  pa = product(A, "A's");
  pb = product(B, "B's");
  const app = registerTestApp(t);
  memberId = createMember(t, app.id, "u-1", { nickname: "小王" }).id;
  const addressId = addAddress(t.db, memberId, t.clock.now());
  const redeem = (p: number) => redeemFor(t.db, t.app.ctx, memberId, p, t.clock.now(), { addressId });
  redeem(pa);
  redeem(pa);
  redeem(pa);
  redeem(pb);
});

describe("GET /api/admin/orders/status-counts", () => {
  it("counts a supplier's own orders by status, for the console's tabs", async () => {
    const { client } = await t.signIn("supplier", { supplierId: A });
    const list = await client.get("/api/admin/orders?status=awaiting_shipment");
    expect(list.headers.get("x-total-count")).toBe("3");
    const [first] = list.body;
    expect((await client.post(`/api/admin/orders/${first.id}/ship`, { carrier: "SF", trackingNo: "SF1234567890" })).status).toBe(200);

    const res = await client.get("/api/admin/orders/status-counts");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ awaiting_shipment: 2, shipped: 1 });
  });

  it("applies the list's other filters and ignores its status filter", async () => {
    const { client } = await t.signIn("operator");
    expect((await client.get("/api/admin/orders/status-counts")).body).toEqual({ awaiting_shipment: 4 });
    expect((await client.get(`/api/admin/orders/status-counts?supplierId=${B}&status=shipped`)).body).toEqual({ awaiting_shipment: 1 });
    expect((await client.get(`/api/admin/orders/status-counts?productId=${pa}`)).body).toEqual({ awaiting_shipment: 3 });
    const future = new Date(t.clock.now().getTime() + 86_400_000).toISOString();
    expect((await client.get(`/api/admin/orders/status-counts?createdAt_gte=${future}`)).body).toEqual({});
    expect((await client.get("/api/admin/orders/status-counts?bogus=1")).status).toBe(400);
  });

  it("is a read of orders: service and auditors may, a role without orders read may not", async () => {
    for (const role of ["service", "auditor"]) expect((await (await t.signIn(role)).client.get("/api/admin/orders/status-counts")).status, role).toBe(200);
    const other = await t.signIn("guest");
    expect((await other.client.get("/api/admin/orders/status-counts")).status).toBe(403);
  });
});

describe("the console's order list", () => {
  it("carries the member's nickname and the product snapshot in both languages", async () => {
    const { client } = await t.signIn("operator");
    const res = await client.get("/api/admin/orders?_start=0&_end=10");
    expect(res.status).toBe(200);
    expect(res.body[0].member).toMatchObject({ nickname: "小王", externalId: "u-1" });
    expect(res.body[0].product.name).toEqual({ "zh-CN": "B's", "en-US": "B's" });
    expect(t.db.select({ b: members.balance }).from(members).where(eq(members.id, memberId)).get()!.b).toBe(0);
  });
});

describe("POST /api/admin/orders/bulk-ship", () => {
  /** The job runs after the answer; wait for it as the console does. */
  async function finished(client: { get: (p: string) => Promise<{ body: { status: string } }> }, jobId: number) {
    for (let i = 0; i < 50; i++) {
      const job = await client.get(`/api/admin/import-jobs/${jobId}`);
      if (job.body.status !== "running") return job.body as { status: string; succeeded: number; failed: number; errors: { row: number; message: string }[] };
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error("the job never finished");
  }

  it("takes a spreadsheet's CSV (byte-order mark, quoted cells) and reports each bad line with its problem", async () => {
    const { client } = await t.signIn("supplier", { supplierId: A });
    const list = (await client.get("/api/admin/orders?status=awaiting_shipment&_sort=id&_order=asc")).body as { id: number; orderNo: string }[];
    const csv = [
      '\uFEFF"orderNo","carrier","trackingNo"',
      `"${list[0].orderNo}","SF","SF1234567890"`,
      `${list[1].orderNo},${"X".repeat(33)},SF1234567891`,
      `${list[2].orderNo},JD,short`,
      "",
      `${list[0].orderNo},SF,SF1234567890`,
    ].join("\r\n");
    const res = await client.post("/api/admin/orders/bulk-ship", { csv });
    expect(res.status).toBe(202);
    expect(res.body.total).toBe(4);
    const job = await finished(client, res.body.jobId);
    expect(job).toMatchObject({ status: "done", succeeded: 1, failed: 3 });
    expect(job.errors.map((e) => e.row)).toEqual([3, 4, 6]);
    expect(job.errors[0].message).toContain("longer than 32");
    expect(job.errors[1].message).toContain("6–40 letters");
    expect(job.errors[2].message).toContain("cannot become shipped");
    expect((await client.get(`/api/admin/orders/${list[0].id}`)).body).toMatchObject({ status: "shipped", carrier: "SF", trackingNo: "SF1234567890" });
  });

  it("never ships another supplier's order: its line is 'not found'", async () => {
    const b = (await (await t.signIn("operator")).client.get(`/api/admin/orders?supplierId=${B}`)).body[0] as { id: number; orderNo: string };
    const { client } = await t.signIn("supplier", { supplierId: A });
    const res = await client.post("/api/admin/orders/bulk-ship", { csv: `${b.orderNo},SF,SF1234567890` });
    const job = await finished(client, res.body.jobId);
    expect(job).toMatchObject({ succeeded: 0, failed: 1 });
    expect(job.errors[0].message).toContain("not found");
  });
});
