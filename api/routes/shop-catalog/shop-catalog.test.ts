import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { categories, couponCodes, products, suppliers } from "../../../db/schema";
import { CODE_MAC_PURPOSE } from "../../domain/catalog/coupon-import";
import { buildTestApp, type Client } from "../../test/harness";

const DAY = 86_400_000;

async function setup() {
  const t = await buildTestApp();
  const operator = (await t.signIn("operator")).client;
  const supplierId = t.createSupplier("fresh-fruit", { name: "鲜果时光 Fresh Fruit", contactPhone: "13998765432", contactEmail: "li.na@fresh.example" });
  const cat = async (zh: string, parentId?: number) => (await operator.post("/api/admin/categories", { name: { "zh-CN": zh, "en-US": "" }, parentId })).body.id as number;
  const food = await cat("美食");
  const fruit = await cat("水果", food);
  const snacks = await cat("零食", food);
  let n = 0;
  /** A product taken to `status` (on_sale by default) by the operator. */
  const product = async (o: Record<string, unknown> = {}, status = "on_sale") => {
    const res = await operator.post("/api/admin/products", {
      supplierId,
      type: "physical",
      name: { "zh-CN": `商品 ${++n}`, "en-US": `Product ${n}` },
      pointsPrice: 1000 * n,
      stock: 10,
      costCents: 777,
      categoryId: fruit,
      ...o,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.id as number;
    if (status === "on_sale" || status === "off_sale") await operator.post(`/api/admin/products/${id}/publish`);
    if (status === "off_sale") await operator.post(`/api/admin/products/${id}/unpublish`);
    if (status === "pending_review" || status === "rejected") await operator.post(`/api/admin/products/${id}/submit`);
    if (status === "rejected") await operator.post(`/api/admin/products/${id}/reject`, { reason: "not now" });
    return id;
  };
  return { t, operator, supplierId, food, fruit, snacks, product };
}

const shopIds = async (t: Awaited<ReturnType<typeof setup>>["t"], query = "") => {
  const res = await t.request("GET", `/api/shop/products${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return (res.body.items as { id: number }[]).map((p) => p.id);
};

describe("GET /api/shop/products", () => {
  it("lists only products on sale now: not drafts, reviews, rejected or off-sale ones, nor outside their window", async () => {
    const { t, product } = await setup();
    const now = t.clock.now().getTime();
    const live = await product();
    const windowed = await product({ saleStart: new Date(now - DAY).toISOString(), saleEnd: new Date(now + DAY).toISOString() });
    const hidden = [
      await product({}, "draft"),
      await product({}, "pending_review"),
      await product({}, "rejected"),
      await product({}, "off_sale"),
      await product({ saleStart: new Date(now + DAY).toISOString() }),
      await product({ saleEnd: new Date(now - 1).toISOString() }),
    ];
    const listed = await shopIds(t);
    expect(listed.sort()).toEqual([live, windowed].sort());
    for (const id of hidden) expect((await t.request("GET", `/api/shop/products/${id}`)).status).toBe(404);
    // Windows open and close on their own: a day later one sale has ended and another begun.
    t.clock.advance(DAY);
    expect((await shopIds(t)).sort()).toEqual([live, hidden[4]].sort());
  });

  it("hides the products of a suspended supplier", async () => {
    const { t, product, supplierId } = await setup();
    const id = await product();
    t.db.update(suppliers).set({ status: "suspended" }).where(eq(suppliers.id, supplierId)).run();
    expect(await shopIds(t)).toEqual([]);
    expect((await t.request("GET", `/api/shop/products/${id}`)).status).toBe(404);
  });

  it("shows members the product without its cost or the supplier's contact", async () => {
    const { t, product } = await setup();
    const id = await product({ description: { "zh-CN": "<p>甜</p>", "en-US": "<p>Sweet</p>" }, tags: ["当季"], cashPrice: 990 });
    const list = await t.request("GET", "/api/shop/products");
    expect(list.body).toMatchObject({ total: 1, page: 1, limit: 20 });
    const detail = await t.request("GET", `/api/shop/products/${id}`);
    expect(detail.body).toMatchObject({ id, pointsPrice: 1000, cashPrice: 990, stock: 10, soldOut: false, tags: ["当季"], supplierName: "鲜果时光 Fresh Fruit", description: { "zh-CN": "<p>甜</p>" } });
    for (const body of [list.body.items[0], detail.body]) {
      const text = JSON.stringify(body);
      for (const secret of ["costCents", "777", "13998765432", "li.na@", "supplierId", "rejectReason", "reviewedBy"]) expect(text).not.toContain(secret);
    }
  });

  it("filters by category (with subcategories), tag and name, sorts, and pages with a total", async () => {
    const { t, product, food, fruit, snacks } = await setup();
    const a = await product({ tags: ["热门"] }); // 1000
    const b = await product({ categoryId: snacks, name: { "zh-CN": "芒果干", "en-US": "Dried Mango" } }); // 2000
    const c = await product({ tags: ["热门"] }); // 3000
    t.db.update(products).set({ sold: 50 }).where(eq(products.id, b)).run();
    expect((await shopIds(t, `?categoryId=${food}`)).sort()).toEqual([a, b, c].sort());
    expect((await shopIds(t, `?categoryId=${fruit}`)).sort()).toEqual([a, c].sort());
    expect(await shopIds(t, "?tag=热门&sort=points_desc")).toEqual([c, a]);
    expect(await shopIds(t, `?q=${encodeURIComponent("芒果")}`)).toEqual([b]);
    expect(await shopIds(t, "?q=mango")).toEqual([b]);
    expect(await shopIds(t, "?q=%25")).toEqual([]);
    expect(await shopIds(t, "?sort=points_asc")).toEqual([a, b, c]);
    expect((await shopIds(t, "?sort=popular"))[0]).toBe(b);
    const page2 = await t.request("GET", "/api/shop/products?sort=points_asc&page=2&limit=2");
    expect(page2.body).toMatchObject({ total: 3, page: 2, limit: 2, items: [expect.objectContaining({ id: c })] });
    expect((await t.request("GET", "/api/shop/products?limit=500")).status).toBe(400);
    expect((await t.request("GET", "/api/shop/products?sort=cheapest")).status).toBe(400);
  });

  it("marks a sold-out product and keeps it listed", async () => {
    const { t, product } = await setup();
    const id = await product({ stock: 0 });
    expect((await t.request("GET", `/api/shop/products/${id}`)).body).toMatchObject({ stock: 0, soldOut: true });
  });
});

describe("the demo catalog", () => {
  it("seeds a believable mall: the category tree, 40+ products of every type, a review queue and sealed coupon pools", async () => {
    const t = await buildTestApp({ seed: true });
    const operator: Client = t.as(await t.login("operator"));
    const tree = (await t.request("GET", "/api/shop/categories")).body as { name: { "zh-CN": string }; children: { name: { "zh-CN": string } }[] }[];
    expect(tree.map((c) => c.name["zh-CN"])).toEqual(["数码", "生活", "美食", "卡券"]);
    expect(tree[3].children.map((c) => c.name["zh-CN"])).toEqual(["话费", "视频会员", "咖啡"]);
    expect(t.count(categories)).toBe(13);

    const all = t.db.select().from(products).all();
    expect(all.length).toBeGreaterThanOrEqual(40);
    expect(new Set(all.map((p) => p.type))).toEqual(new Set(["physical", "virtual", "coupon"]));
    expect(Math.min(...all.map((p) => p.pointsPrice))).toBe(200);
    expect(Math.max(...all.map((p) => p.pointsPrice))).toBe(60000);
    expect(all.filter((p) => p.cashPrice > 0).length).toBeGreaterThan(3);
    for (const p of all) expect(p.name["en-US"] && p.name["zh-CN"] && p.description["en-US"] && p.images.length).toBeTruthy();

    // The `supplier` account's queue: listings waiting for review and one rejected with a reason.
    const supplier = t.as(await t.login("supplier"));
    const own = (await supplier.get("/api/admin/products")).body as { status: string; rejectReason: string | null; supplierName: string }[];
    expect(new Set(own.map((p) => p.supplierName))).toEqual(new Set(["数码优选 Digital Select"]));
    expect(own.filter((p) => p.status === "pending_review").length).toBeGreaterThanOrEqual(2);
    expect(own.find((p) => p.status === "rejected")?.rejectReason).toContain("watermark");
    expect((await operator.get("/api/admin/approvals")).body.length).toBeGreaterThanOrEqual(2);

    // Coupon pools are sealed, and the stock is the pool.
    for (const p of all.filter((x) => x.type === "coupon")) {
      const codes = t.db.select().from(couponCodes).where(eq(couponCodes.productId, p.id)).all();
      expect(codes.length).toBeGreaterThanOrEqual(50);
      expect(codes.length).toBeLessThanOrEqual(200);
      // Orders seeded after the catalog may have taken a code or two.
      expect(p.stock).toBe(codes.filter((c) => c.status === "available").length);
      const plain = t.app.ctx.box.open(codes[0].codeEnc);
      expect(codes[0].codeEnc).not.toContain(plain);
      expect(codes[0].codeHash).toBe(t.app.ctx.box.mac(CODE_MAC_PURPOSE, plain));
    }
    // Virtual top-ups go to the sandbox supplier, which can check their signature.
    const topups = all.filter((p) => p.type === "virtual");
    expect(topups.map((p) => p.fulfilment?.productCode)).toContain("TOPUP-CM-50");
    expect(topups.some((p) => p.fulfilment?.productCode.endsWith("-FLAKY"))).toBe(true);
    expect(topups.every((p) => p.fulfilment?.endpoint === "/sandbox/supplier/fulfil")).toBe(true);
    expect(t.db.select().from(suppliers).where(eq(suppliers.code, "quick-topup")).get()?.apiSecretEnc).toBeTruthy();

    const shop = await t.request("GET", "/api/shop/products?limit=50");
    expect(shop.body.total).toBeGreaterThanOrEqual(30);
    expect(shop.body.items[0].images[0]).toMatch(/^data:image\/svg\+xml;base64,/);
  });
});
