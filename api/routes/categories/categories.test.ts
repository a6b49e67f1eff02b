import { describe, expect, it } from "vitest";
import { categories } from "../../../db/schema";
import { buildTestApp, type Client } from "../../test/harness";

const BASE = "/api/admin/categories";
const n = (zh: string, en = "") => ({ name: { "zh-CN": zh, "en-US": en } });

async function setup() {
  const t = await buildTestApp();
  const operator = (await t.signIn("operator")).client;
  const add = async (zh: string, parentId?: number) => {
    const res = await operator.post(BASE, { ...n(zh, zh.toUpperCase()), parentId });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  };
  const digital = await add("数码");
  const headphones = await add("耳机", digital);
  const charging = await add("充电", digital);
  const home = await add("生活");
  const kitchen = await add("厨房", home);
  return { t, operator, add, digital, headphones, charging, home, kitchen };
}

const children = async (client: Client, parentId: number | null) =>
  ((await client.get(`${BASE}?_sort=sortOrder&_order=asc`)).body as { id: number; parentId: number | null }[]).filter((c) => c.parentId === parentId).map((c) => c.id);

describe("/api/admin/categories", () => {
  it("lists flat rows with parentId, sortOrder and product counts, new ones last among their siblings", async () => {
    const { t, operator, digital, headphones, charging } = await setup();
    const res = await operator.get(`${BASE}?parentId=${digital}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-total-count")).toBe("2");
    expect(res.body).toEqual([
      expect.objectContaining({ id: headphones, parentId: digital, sortOrder: 0, productCount: 0, status: "active", name: { "zh-CN": "耳机", "en-US": "耳机".toUpperCase() } }),
      expect.objectContaining({ id: charging, parentId: digital, sortOrder: 1 }),
    ]);
    expect(t.auditEntries().filter((e) => e.resource === "categories" && e.action === "create")).toHaveLength(5);
  });

  it("refuses a category without a name, or under a parent that does not exist", async () => {
    const { operator } = await setup();
    expect((await operator.post(BASE, n("", ""))).body.details.fields).toHaveProperty(["name.zh-CN"]);
    expect((await operator.post(BASE, { ...n("x"), parentId: 999 })).body.details.fields).toHaveProperty("parentId");
  });

  it("reorders siblings", async () => {
    const { t, operator, digital, home } = await setup();
    const food = (await operator.post(BASE, n("美食"))).body.id;
    const res = await operator.post(`${BASE}/reorder`, { parentId: null, ids: [food, digital] });
    expect(res.status).toBe(200);
    // The ones left out follow in their order.
    expect(res.body.map((c: { id: number }) => c.id)).toEqual([food, digital, home]);
    expect(await children(operator, null)).toEqual([food, digital, home]);
    expect(t.auditEntries().at(-1)).toMatchObject({ action: "reorder", resource: "categories" });
  });

  it("moves a category under another parent at the position given", async () => {
    const { operator, home, kitchen, charging, digital, headphones } = await setup();
    const res = await operator.post(`${BASE}/reorder`, { parentId: home, ids: [charging, kitchen] });
    expect(res.status).toBe(200);
    expect(await children(operator, home)).toEqual([charging, kitchen]);
    expect(await children(operator, digital)).toEqual([headphones]);
  });

  it("refuses a move under itself or its own subcategory, and trees deeper than three levels", async () => {
    const { operator, digital, headphones, add } = await setup();
    expect((await operator.post(`${BASE}/reorder`, { parentId: headphones, ids: [digital] })).status).toBe(422);
    expect((await operator.patch(`${BASE}/${digital}`, { parentId: digital })).status).toBe(422);
    const anc = await add("降噪", headphones);
    const tooDeep = await operator.post(BASE, { ...n("第四层"), parentId: anc });
    expect(tooDeep.status).toBe(422);
    expect(tooDeep.body.details.fields).toHaveProperty("parentId");
    // 数码 has three levels now: it cannot go under anything.
    const home = (await operator.get(`${BASE}?q=生活`)).body[0].id;
    expect((await operator.post(`${BASE}/reorder`, { parentId: home, ids: [digital] })).status).toBe(422);
    expect((await operator.post(`${BASE}/reorder`, { parentId: null, ids: [digital, digital] })).status).toBe(422);
    expect((await operator.post(`${BASE}/reorder`, { parentId: null, ids: [999] })).status).toBe(422);
  });

  it("renames and hides a category", async () => {
    const { operator, charging } = await setup();
    const res = await operator.patch(`${BASE}/${charging}`, { ...n("充电配件", "Chargers"), status: "hidden" });
    expect(res.body).toMatchObject({ name: { "zh-CN": "充电配件", "en-US": "Chargers" }, status: "hidden" });
  });

  it("deletes only an empty category (409 while it holds subcategories or products)", async () => {
    const { t, operator, digital, headphones, charging } = await setup();
    const supplierId = t.createSupplier("platform");
    const product = await operator.post("/api/admin/products", { supplierId, type: "physical", categoryId: headphones, ...n("耳机"), pointsPrice: 100 });
    expect(product.status).toBe(201);
    const withChildren = await operator.delete(`${BASE}/${digital}`);
    expect(withChildren.status).toBe(409);
    expect(withChildren.body).toMatchObject({ code: "CATEGORY_NOT_EMPTY", details: { children: 2, products: 0 } });
    const withProducts = await operator.delete(`${BASE}/${headphones}`);
    expect(withProducts.body).toMatchObject({ code: "CATEGORY_NOT_EMPTY", details: { children: 0, products: 1 } });
    expect((await operator.get(`${BASE}/${headphones}`)).body.productCount).toBe(1);
    expect((await operator.delete(`${BASE}/${charging}`)).status).toBe(200);
    expect((await operator.get(`${BASE}/${charging}`)).status).toBe(404);
    expect(t.count(categories)).toBe(4);
  });

  it("lets supplier staff read the tree but not change it", async () => {
    const { t, digital } = await setup();
    const supplier = (await t.signIn("supplier", { supplierId: t.createSupplier("digital-select") })).client;
    expect((await supplier.get(BASE)).status).toBe(200);
    expect((await supplier.post(BASE, n("x"))).status).toBe(403);
    expect((await supplier.patch(`${BASE}/${digital}`, n("x"))).status).toBe(403);
    expect((await supplier.post(`${BASE}/reorder`, { parentId: null, ids: [digital] })).status).toBe(403);
    expect((await supplier.delete(`${BASE}/${digital}`)).status).toBe(403);
  });
});

describe("GET /api/shop/categories", () => {
  it("answers the active tree in order, without hidden categories and what is under them", async () => {
    const { t, operator, digital, home, headphones, charging } = await setup();
    await operator.patch(`${BASE}/${home}`, { status: "hidden" });
    await operator.post(`${BASE}/reorder`, { parentId: digital, ids: [charging, headphones] });
    const res = await t.request("GET", "/api/shop/categories");
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        id: digital,
        name: { "zh-CN": "数码", "en-US": "数码".toUpperCase() },
        icon: "",
        children: [expect.objectContaining({ id: charging, children: [] }), expect.objectContaining({ id: headphones })],
      },
    ]);
  });
});
