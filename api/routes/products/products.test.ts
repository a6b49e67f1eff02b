import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, couponCodes, importJobs, products } from "../../../db/schema";
import { CODE_MAC_PURPOSE, runCouponImport, parseCodeCsv } from "../../domain/catalog/coupon-import";
import { buildTestApp, type Client, type TestApp } from "../../test/harness";

const BASE = "/api/admin/products";
const name = { "zh-CN": "降噪耳机", "en-US": "ANC Headphones" };
const physical = (o: Record<string, unknown> = {}) => ({ type: "physical", name, pointsPrice: 12800, stock: 20, lowStockThreshold: 5, ...o });

/** Two suppliers, a staff member of each, an operator, and a category. */
async function setup() {
  const t = await buildTestApp();
  const a = t.createSupplier("digital-select", { name: "Digital Select" });
  const b = t.createSupplier("fresh-fruit", { name: "Fresh Fruit", contactPhone: "13998765432" });
  const operator = (await t.signIn("operator")).client;
  const supA = (await t.signIn("supplier", { username: "wang", supplierId: a })).client;
  const supB = (await t.signIn("supplier", { username: "li", supplierId: b })).client;
  const category = (await operator.post("/api/admin/categories", { name: { "zh-CN": "耳机", "en-US": "Headphones" } })).body.id as number;
  return { t, a, b, operator, supA, supB, category };
}

const row = (t: TestApp, id: number) => t.db.select().from(products).where(eq(products.id, id)).get()!;

async function create(client: Client, body: Record<string, unknown> = physical()) {
  const res = await client.post(BASE, body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: number; status: string; supplierId: number };
}

/** A product of the supplier behind `client`, taken on sale by the operator. */
async function onSale(client: Client, operator: Client, body?: Record<string, unknown>) {
  const p = await create(client, body);
  expect((await client.post(`${BASE}/${p.id}/submit`)).status).toBe(200);
  expect((await operator.post(`${BASE}/${p.id}/approve`)).status).toBe(200);
  return p.id;
}

describe("POST /api/admin/products", () => {
  it("makes a supplier's product a draft of their own supplier, whatever supplierId the body names", async () => {
    const { t, a, b, supA } = await setup();
    const p = await create(supA, physical({ supplierId: b }));
    expect(p).toMatchObject({ supplierId: a, status: "draft", supplierName: "Digital Select" });
    expect(row(t, p.id).supplierId).toBe(a);
    const entry = t.auditEntries().at(-1)!;
    expect(entry).toMatchObject({ action: "create", resource: "products", resourceId: String(p.id), actorName: "wang" });
  });

  it("lets an operator list for any supplier, and asks which one", async () => {
    const { b, operator } = await setup();
    expect(await create(operator, physical({ supplierId: b }))).toMatchObject({ supplierId: b, status: "draft" });
    const res = await operator.post(BASE, physical());
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty("supplierId");
  });

  it.each([
    ["a negative points price", { pointsPrice: -1 }, "pointsPrice"],
    ["a fractional points price", { pointsPrice: 10.5 }, "pointsPrice"],
    ["cash in yuan instead of cents", { cashPrice: 9.9 }, "cashPrice"],
    ["no price at all", { pointsPrice: 0, cashPrice: 0 }, "pointsPrice"],
    ["a sale that ends before it starts", { saleStart: "2026-03-01T00:00:00+08:00", saleEnd: "2026-02-01T00:00:00+08:00" }, "saleEnd"],
    ["a name in neither language", { name: { "zh-CN": " ", "en-US": "" } }, "name.zh-CN"],
    ["a script URL as image", { images: ["javascript:alert(1)"] }, "images.0"],
    ["an unknown tier", { minTier: "platinum" }, "minTier"],
    ["a negative stock", { stock: -3 }, "stock"],
    ["an unknown field", { status: "on_sale" }, "(root)"],
    ["a category that does not exist", { categoryId: 999 }, "categoryId"],
  ])("refuses %s with the field path", async (_, patch, field) => {
    const { t, supA } = await setup();
    const before = t.count(products);
    const res = await supA.post(BASE, physical(patch));
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.details.fields)).toContain(field);
    expect(t.count(products)).toBe(before);
  });

  it("asks a virtual product for its fulfilment endpoint and product code, and refuses other paths on this server", async () => {
    const { supA } = await setup();
    const missing = await supA.post(BASE, physical({ type: "virtual" }));
    expect(missing.status).toBe(422);
    expect(missing.body.details.fields).toMatchObject({ "fulfilment.endpoint": expect.any(String), "fulfilment.productCode": expect.any(String) });
    const inside = await supA.post(BASE, physical({ type: "virtual", fulfilment: { endpoint: "/api/admin/products", productCode: "X" } }));
    expect(inside.status).toBe(422);
    expect(inside.body.details.fields).toHaveProperty("fulfilment.endpoint");
    const ok = await create(supA, physical({ type: "virtual", fulfilment: { endpoint: "/sandbox/supplier/fulfil", productCode: "TOPUP-CM-50" } }));
    expect(ok).toMatchObject({ type: "virtual", fulfilment: { endpoint: "/sandbox/supplier/fulfil", productCode: "TOPUP-CM-50" } });
  });

  it("keeps fulfilment settings off goods that are not virtual", async () => {
    const { supA } = await setup();
    const p = await create(supA, physical({ fulfilment: { endpoint: "https://supplier.example/fulfil", productCode: "X" } }));
    expect(p).toMatchObject({ fulfilment: null });
  });

  it("refuses a stock for a coupon product: its stock is its code pool", async () => {
    const { operator, a } = await setup();
    const res = await operator.post(BASE, physical({ type: "coupon", supplierId: a, stock: 100 }));
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty("stock");
    expect(await create(operator, physical({ type: "coupon", supplierId: a, stock: undefined }))).toMatchObject({ stock: 0 });
  });

  it("sanitises the description, keeping the safe subset", async () => {
    const { t, supA } = await setup();
    const p = await create(
      supA,
      physical({
        description: {
          "zh-CN": '<h3>规格</h3><p onclick="x()">续航 <b>40</b> 小时<script>alert(1)</script></p><a href="javascript:alert(1)">点我</a><img src="/uploads/x.png" onerror="y()">',
          "en-US": '<p>See <a href="https://brand.example/manual">the manual</a></p>',
        },
      }),
    );
    expect(row(t, p.id).description).toEqual({
      "zh-CN": '<h3>规格</h3><p>续航 <b>40</b> 小时</p><a>点我</a><img src="/uploads/x.png">',
      "en-US": '<p>See <a href="https://brand.example/manual" rel="nofollow noopener noreferrer" target="_blank">the manual</a></p>',
    });
  });

  it("does not let supplier staff set the display order", async () => {
    const { supA } = await setup();
    const res = await supA.post(BASE, physical({ sortOrder: 1 }));
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty("sortOrder");
  });
});

describe("supplier scope", () => {
  it("supplier A can neither read nor change supplier B's product (404)", async () => {
    const { t, supA, supB, operator } = await setup();
    const theirs = await onSale(supB, operator);
    const before = row(t, theirs);
    const audits = t.auditEntries().length;
    for (const res of [
      await supA.get(`${BASE}/${theirs}`),
      await supA.patch(`${BASE}/${theirs}`, { pointsPrice: 1 }),
      await supA.post(`${BASE}/${theirs}/submit`),
      await supA.get(`${BASE}/${theirs}/codes/stats`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("NOT_FOUND");
    }
    expect(row(t, theirs)).toEqual(before);
    expect(t.auditEntries()).toHaveLength(audits);
    const list = await supA.get(BASE);
    expect(list.body.map((p: { id: number }) => p.id)).not.toContain(theirs);
    expect(list.headers.get("x-total-count")).toBe("0");
    // Filtering on the other supplier finds nothing either.
    expect((await supA.get(`${BASE}?supplierId=${before.supplierId}`)).body).toEqual([]);
  });

  it.each(["approve", "publish", "unpublish"])("a supplier may not %s its own listing (403 by policy)", async (verb) => {
    const { t, supA, operator } = await setup();
    const pending = await create(supA);
    await supA.post(`${BASE}/${pending.id}/submit`);
    const live = await onSale(supA, operator);
    const id = verb === "approve" ? pending.id : live;
    const before = row(t, id);
    const res = await supA.post(`${BASE}/${id}/${verb}`);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: "FORBIDDEN", details: { resource: "products", action: verb } });
    expect(row(t, id)).toEqual(before);
  });

  it("a supplier may not reject, and the auditor may only read", async () => {
    const { t, supA } = await setup();
    const p = await create(supA);
    await supA.post(`${BASE}/${p.id}/submit`);
    expect((await supA.post(`${BASE}/${p.id}/reject`, { reason: "no" })).status).toBe(403);
    const auditor = (await t.signIn("auditor")).client;
    expect((await auditor.get(`${BASE}/${p.id}`)).status).toBe(200);
    expect((await auditor.patch(`${BASE}/${p.id}`, { pointsPrice: 1 })).status).toBe(403);
    expect((await auditor.post(`${BASE}/${p.id}/approve`)).status).toBe(403);
  });
});

describe("the review of a listing", () => {
  it("a supplier submits a draft and an operator approves it: on sale, with who and when", async () => {
    const { t, supA, operator } = await setup();
    const p = await create(supA);
    const submitted = await supA.post(`${BASE}/${p.id}/submit`);
    expect(submitted.body).toMatchObject({ status: "pending_review", submittedAt: t.clock.now().toISOString() });
    t.clock.advance(60_000);
    const approved = await operator.post(`${BASE}/${p.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "on_sale", reviewedBy: "operator", reviewedAt: t.clock.now().toISOString(), rejectReason: null });
    const entries = t.auditEntries().filter((e) => e.resource === "products");
    expect(entries.map((e) => e.action)).toEqual(["create", "submit", "approve"]);
    expect(entries[2]).toMatchObject({ actorName: "operator", before: expect.objectContaining({ status: "pending_review" }), after: expect.objectContaining({ status: "on_sale" }) });
  });

  it("rejects with the reason the supplier sees, and takes the listing again once fixed", async () => {
    const { t, supA, operator } = await setup();
    const p = await create(supA);
    await supA.post(`${BASE}/${p.id}/submit`);
    expect((await operator.post(`${BASE}/${p.id}/reject`, {})).status).toBe(422);
    expect((await operator.post(`${BASE}/${p.id}/reject`, { reason: " " })).body.details.fields).toHaveProperty("reason");
    const rejected = await operator.post(`${BASE}/${p.id}/reject`, { reason: "主图有水印 Watermarked picture" });
    expect(rejected.body).toMatchObject({ status: "rejected", rejectReason: "主图有水印 Watermarked picture", reviewedBy: "operator" });
    expect((await supA.get(`${BASE}/${p.id}`)).body).toMatchObject({ status: "rejected", rejectReason: "主图有水印 Watermarked picture" });
    // Fixing a rejected listing is a change: it goes back to review by itself.
    const fixed = await supA.patch(`${BASE}/${p.id}`, { images: ["https://cdn.example/own.png"] });
    expect(fixed.body).toMatchObject({ status: "pending_review" });
    expect((await operator.post(`${BASE}/${p.id}/approve`)).body).toMatchObject({ status: "on_sale", rejectReason: null });
    expect(row(t, p.id).status).toBe("on_sale");
  });

  it("a supplier's edit to an on-sale product sends it back to pending_review (and out of the shop)", async () => {
    const { t, supA, operator } = await setup();
    const id = await onSale(supA, operator);
    expect((await t.request("GET", `/api/shop/products/${id}`)).status).toBe(200);
    t.clock.advance(3_600_000);
    const res = await supA.patch(`${BASE}/${id}`, { pointsPrice: 9900, name: { "zh-CN": "降噪耳机 Pro", "en-US": "ANC Headphones Pro" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: "pending_review", pointsPrice: 9900, submittedAt: t.clock.now().toISOString() });
    expect((await t.request("GET", `/api/shop/products/${id}`)).status).toBe(404);

    // The approvals queue shows what changed against the version that was on sale.
    const queue = await operator.get("/api/admin/approvals");
    const item = queue.body.find((q: { id: number }) => q.id === id);
    expect(item.changes).toEqual([
      { field: "name", before: name, after: { "zh-CN": "降噪耳机 Pro", "en-US": "ANC Headphones Pro" } },
      { field: "pointsPrice", before: 12800, after: 9900 },
    ]);
  });

  it("keeps a listing on sale when its supplier only restocks it", async () => {
    const { supA, operator } = await setup();
    const id = await onSale(supA, operator);
    const res = await supA.patch(`${BASE}/${id}`, { stock: 500, lowStockThreshold: 50 });
    expect(res.body).toMatchObject({ status: "on_sale", stock: 500 });
    // Sending the same values again is not a change either.
    expect((await supA.patch(`${BASE}/${id}`, { pointsPrice: 12800, name })).body).toMatchObject({ status: "on_sale" });
  });

  it("lets operators edit a listed product without sending it to review", async () => {
    const { supA, operator } = await setup();
    const id = await onSale(supA, operator);
    expect((await operator.patch(`${BASE}/${id}`, { pointsPrice: 9900, sortOrder: 3 })).body).toMatchObject({ status: "on_sale", pointsPrice: 9900, sortOrder: 3 });
  });

  it("refuses moves the state machine does not have (409), naming the states it would take", async () => {
    const { t, supA, operator } = await setup();
    const p = await create(supA);
    const res = await operator.post(`${BASE}/${p.id}/approve`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: "ILLEGAL_TRANSITION", details: { from: "draft", allowedFrom: ["pending_review"] } });
    expect((await operator.post(`${BASE}/${p.id}/unpublish`)).status).toBe(409);
    const id = await onSale(supA, operator);
    expect((await supA.post(`${BASE}/${id}/submit`)).status).toBe(409);
    expect(row(t, id).status).toBe("on_sale");
  });

  it("operators take products off sale and back", async () => {
    const { supA, operator } = await setup();
    const id = await onSale(supA, operator);
    expect((await operator.post(`${BASE}/${id}/unpublish`)).body.status).toBe("off_sale");
    expect((await operator.post(`${BASE}/${id}/publish`)).body.status).toBe("on_sale");
  });

  it("lists new listings in the queue without a diff, oldest first, and only to operators", async () => {
    const { t, supA, supB, operator } = await setup();
    const first = await create(supA);
    await supA.post(`${BASE}/${first.id}/submit`);
    t.clock.advance(1000);
    const second = await create(supB);
    await supB.post(`${BASE}/${second.id}/submit`);
    const queue = await operator.get("/api/admin/approvals");
    expect(queue.body.map((q: { id: number }) => q.id)).toEqual([first.id, second.id]);
    expect(queue.body[0]).toMatchObject({ changes: null, supplierName: "Digital Select", status: "pending_review" });
    expect((await supA.get("/api/admin/approvals")).status).toBe(403);
  });
});

describe("GET /api/admin/products filters", () => {
  it("filters by supplier, type, status, category (with subcategories), stock, low stock, name and tag", async () => {
    const { t, a, b, operator, category } = await setup();
    const sub = (await operator.post("/api/admin/categories", { name: { "zh-CN": "降噪", "en-US": "ANC" }, parentId: category })).body.id;
    const p1 = await create(operator, physical({ supplierId: a, categoryId: sub, tags: ["热门"], stock: 3 }));
    const p2 = await create(operator, physical({ supplierId: b, name: { "zh-CN": "脐橙", "en-US": "Oranges" }, stock: 100 }));
    const p3 = await create(operator, physical({ supplierId: a, type: "virtual", fulfilment: { endpoint: "https://topup.example/f", productCode: "CM-50" }, categoryId: category }));
    await operator.post(`${BASE}/${p2.id}/publish`);
    const ids = async (q: string) => (await operator.get(`${BASE}?${q}`)).body.map((p: { id: number }) => p.id).sort();
    expect(await ids(`supplierId=${a}`)).toEqual([p1.id, p3.id]);
    expect(await ids("type=virtual")).toEqual([p3.id]);
    expect(await ids("status=on_sale")).toEqual([p2.id]);
    expect(await ids(`categoryId=${category}`)).toEqual([p1.id, p3.id]);
    expect(await ids(`categoryId=${sub}`)).toEqual([p1.id]);
    expect(await ids("stock_lte=5")).toEqual([p1.id]);
    expect(await ids("lowStock=true")).toEqual([p1.id]);
    expect(await ids("q=脐橙")).toEqual([p2.id]);
    expect(await ids("q=oranges")).toEqual([p2.id]);
    expect(await ids("tags=热门")).toEqual([p1.id]);
    expect(await ids(`id=${p1.id}&id=${p2.id}`)).toEqual([p1.id, p2.id]);
    expect((await operator.get(`${BASE}?categoryId=abc`)).status).toBe(400);
    expect((await operator.get(`${BASE}?colour=red`)).status).toBe(400);
    expect(t.count(products)).toBe(3);
  });
});

describe("coupon code pools", () => {
  async function couponProduct() {
    const s = await setup();
    const p = await create(s.operator, physical({ type: "coupon", supplierId: s.a, stock: undefined, name: { "zh-CN": "咖啡券", "en-US": "Coffee voucher" } }));
    return { ...s, id: p.id };
  }

  async function finished(client: Client, jobId: number) {
    for (let i = 0; i < 200; i++) {
      const res = await client.get(`/api/admin/import-jobs/${jobId}`);
      if (res.body.status !== "running") return res.body;
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error("the import did not finish");
  }

  it("imports a CSV, refusing duplicates within the file and against the pool, with row errors", async () => {
    const { t, operator, id } = await couponProduct();
    const csv = "code\nCOFFEE-0001\n  COFFEE-0002  \n\nCOFFEE-0001\nCOFFEE-0003,extra column\n" + "X".repeat(200) + "\n";
    const res = await operator.post(`${BASE}/${id}/codes/import`, { csv });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ kind: "coupon_codes", targetId: id, total: 5, createdBy: "operator" });
    const job = await finished(operator, res.body.id);
    expect(job).toMatchObject({ status: "done", total: 5, processed: 5, succeeded: 3, failed: 2 });
    expect(job.errors).toEqual([
      { row: 5, message: "duplicate of row 2" },
      { row: 7, message: "longer than 128 characters" },
    ]);
    expect((await operator.get(`${BASE}/${id}/codes/stats`)).body).toEqual({ available: 3, assigned: 0 });
    expect(row(t, id).stock).toBe(3);

    const again = await operator.post(`${BASE}/${id}/codes/import`, { csv: "COFFEE-0003\nCOFFEE-0004\n" });
    const second = await finished(operator, again.body.id);
    expect(second).toMatchObject({ status: "done", succeeded: 1, failed: 1, errors: [{ row: 1, message: "already in the pool" }] });
    expect(row(t, id).stock).toBe(4);
  });

  it("seals the codes at rest and never returns or logs them", async () => {
    const { t, operator, id } = await couponProduct();
    const res = await operator.post(`${BASE}/${id}/codes/import`, { csv: "SECRET-CODE-AAAA\nSECRET-CODE-BBBB\n" });
    const job = await finished(operator, res.body.id);
    const stored = t.db.select().from(couponCodes).where(eq(couponCodes.productId, id)).all();
    expect(stored).toHaveLength(2);
    const box = t.app.ctx.box;
    for (const c of stored) {
      expect(c.codeEnc).not.toContain("SECRET");
      expect(c.codeHash).toBe(box.mac(CODE_MAC_PURPOSE, box.open(c.codeEnc)));
      expect(c.importId).toBe(job.id);
    }
    expect(stored.map((c) => box.open(c.codeEnc)).sort()).toEqual(["SECRET-CODE-AAAA", "SECRET-CODE-BBBB"]);
    const seen = JSON.stringify([
      job,
      (await operator.get(`${BASE}/${id}`)).body,
      (await operator.get(`${BASE}/${id}/codes/stats`)).body,
      (await operator.get("/api/admin/import-jobs")).body,
      t.db.select().from(auditLog).all(),
      t.db.select().from(importJobs).all(),
    ]);
    expect(seen).not.toContain("SECRET-CODE");
  });

  it("works in chunks, reporting progress between them", async () => {
    const { t, id } = await couponProduct();
    const csv = Array.from({ length: 1200 }, (_, i) => `BULK-${String(i).padStart(5, "0")}`).join("\n");
    const parsed = parseCodeCsv(csv);
    const job = t.db.insert(importJobs).values({ kind: "coupon_codes", targetId: id, total: parsed.rows, createdBy: "test", createdAt: t.clock.now() }).returning().get();
    const seen: Array<{ status: string; processed: number }> = [];
    const running = runCouponImport({ db: t.db, box: t.app.ctx.box, now: () => t.clock.now() }, job.id, id, parsed);
    let done = false;
    void running.then(() => (done = true));
    while (!done) {
      const j = t.db.select().from(importJobs).where(eq(importJobs.id, job.id)).get()!;
      seen.push({ status: j.status, processed: j.processed });
      await new Promise((r) => setImmediate(r));
    }
    expect(seen.some((s) => s.status === "running" && s.processed > 0 && s.processed < 1200)).toBe(true);
    expect(t.db.select().from(importJobs).where(eq(importJobs.id, job.id)).get()).toMatchObject({ status: "done", processed: 1200, succeeded: 1200, failed: 0 });
    expect(row(t, id).stock).toBe(1200);
  });

  it("refuses a product that is not a coupon, an empty file, and suppliers", async () => {
    const { t, operator, supA, id, a } = await couponProduct();
    const other = await create(operator, physical({ supplierId: a }));
    expect((await operator.post(`${BASE}/${other.id}/codes/import`, { csv: "A\n" })).body.code).toBe("NOT_A_COUPON_PRODUCT");
    const empty = await operator.post(`${BASE}/${id}/codes/import`, { csv: "code\n\n  \n" });
    expect(empty.status).toBe(422);
    expect(empty.body.details.fields).toHaveProperty("csv");
    expect((await supA.post(`${BASE}/${id}/codes/import`, { csv: "A\n" })).status).toBe(403);
    // Supplier staff see their own pool's numbers, though.
    expect((await supA.get(`${BASE}/${id}/codes/stats`)).body).toEqual({ available: 0, assigned: 0 });
    expect(t.count(importJobs)).toBe(0);
  });

  it("keeps a coupon product's stock to its pool", async () => {
    const { t, operator, id } = await couponProduct();
    const res = await operator.patch(`${BASE}/${id}`, { stock: 50 });
    expect(res.status).toBe(422);
    expect(res.body.details.fields).toHaveProperty("stock");
    expect(row(t, id).stock).toBe(0);
    expect(t.db.select().from(couponCodes).where(and(eq(couponCodes.productId, id))).all()).toHaveLength(0);
  });
});

describe("catalog permissions (Casbin lines)", () => {
  type Call = [method: "GET" | "POST" | "PATCH", path: (id: number) => string, body?: (supplierId: number) => unknown];
  const calls: Record<string, Call> = {
    "GET /products": ["GET", () => BASE],
    "POST /products": ["POST", () => BASE, (supplierId) => physical({ supplierId })],
    "PATCH /products/:id": ["PATCH", (id) => `${BASE}/${id}`, () => ({ stock: 5 })],
    "POST /products/:id/submit": ["POST", (id) => `${BASE}/${id}/submit`],
    "POST /products/:id/approve": ["POST", (id) => `${BASE}/${id}/approve`],
    "POST /products/:id/reject": ["POST", (id) => `${BASE}/${id}/reject`, () => ({ reason: "not like this" })],
    "POST /products/:id/publish": ["POST", (id) => `${BASE}/${id}/publish`],
    "POST /products/:id/codes/import": ["POST", (id) => `${BASE}/${id}/codes/import`, () => ({ csv: "A-1\n" })],
    "GET /approvals": ["GET", () => "/api/admin/approvals"],
    "GET /categories": ["GET", () => "/api/admin/categories"],
    "POST /categories": ["POST", () => "/api/admin/categories", () => ({ name: { "zh-CN": "新", "en-US": "" } })],
  };
  // prettier-ignore
  const matrix: Record<keyof typeof calls, [operator: boolean, supplier: boolean, service: boolean, auditor: boolean]> = {
    "GET /products":                 [true,  true,  true,  true],
    "POST /products":                [true,  true,  false, false],
    "PATCH /products/:id":           [true,  true,  false, false],
    "POST /products/:id/submit":     [true,  true,  false, false],
    "POST /products/:id/approve":    [true,  false, false, false],
    "POST /products/:id/reject":     [true,  false, false, false],
    "POST /products/:id/publish":    [true,  false, false, false],
    "POST /products/:id/codes/import": [true, false, false, false],
    "GET /approvals":                [true,  false, true,  true],
    "GET /categories":               [true,  true,  true,  true],
    "POST /categories":              [true,  false, false, false],
  };
  const roles = ["operator", "supplier", "service", "auditor"] as const;
  const rows = Object.entries(matrix).flatMap(([call, allowed]) => roles.map((role, i) => [role, call, allowed[i]] as const));

  it.each(rows)("%s: %s → %s", async (role, call, allowed) => {
    const { t, a } = await setup();
    const operator = (await t.signIn("operator", { username: "op2" })).client;
    const client = role === "supplier" ? (await t.signIn("supplier", { username: "s2", supplierId: a })).client : (await t.signIn(role, { username: `${role}-2` })).client;
    // A product of the supplier, in the state the verb starts from.
    const verb = call.split("/").pop();
    const p = await create(operator, physical({ supplierId: a, type: verb === "import" ? "coupon" : "physical", stock: verb === "import" ? undefined : 20 }));
    if (verb === "approve" || verb === "reject") await operator.post(`${BASE}/${p.id}/submit`);
    const [method, path, bodyFor] = calls[call];
    const body = bodyFor?.(a);
    const res = method === "GET" ? await client.get(path(p.id)) : method === "POST" ? await client.post(path(p.id), body) : await client.patch(path(p.id), body);
    if (allowed) expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    else expect(res.status).toBe(403);
  });
});
