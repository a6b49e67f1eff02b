import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { eq } from "drizzle-orm";
import pino from "pino";
import { describe, expect, it, vi } from "vitest";
import { suppliers } from "../../../db/schema";
import { endCampaign } from "../../domain/campaigns/lifecycle";
import { PAGE_MAX_AGE_MS } from "../../domain/pages/page-cache";
import type { ResolvedPage } from "../../domain/pages/resolved";
import { HOUR, MINUTE } from "../../lib/clock";
import { writeTx } from "../../lib/tx";
import { createCampaign, createProduct, sixPrizeWheel, shopMember } from "../../test/campaign-fixtures";
import { buildTestApp, ORIGIN, registerTestApp, type TestApp } from "../../test/harness";
import { createCategory, createPage, createSlot, createThemeRow, ICON, IMG, noticeBlock, publishedPage, setProduct, text } from "../../test/page-fixtures";

const SHOP = "/api/shop/pages";

async function setup() {
  const t = await buildTestApp();
  const op = (await t.signIn("operator")).client;
  return { t, op };
}

/** A raw GET (the harness decodes bodies as text; a gzipped body needs its bytes). */
async function raw(t: TestApp, path = "/", headers: Record<string, string> = {}) {
  const res = await t.app.request(`${ORIGIN}${SHOP}?path=${encodeURIComponent(path)}`, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function page(t: TestApp, path = "/"): Promise<ResolvedPage> {
  const res = await t.request<ResolvedPage>("GET", `${SHOP}?path=${encodeURIComponent(path)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const types = (p: ResolvedPage) => p.blocks.map((b) => b.type);
const block = <T extends ResolvedPage["blocks"][number]["type"]>(p: ResolvedPage, type: T) => p.blocks.find((b) => b.type === type) as Extract<ResolvedPage["blocks"][number], { type: T }> | undefined;
const builds = (t: TestApp) => t.app.ctx.pageCache.builds;

describe("GET /api/shop/pages", () => {
  it("serves the published home page to anyone, every block resolved, links ready for the router", async () => {
    const { t, op } = await setup();
    const now = t.clock.now();
    const product = createProduct(t.db, now, { name: "耳机", image: IMG, pointsPrice: 1200 });
    const wheel = createCampaign(t.db, now, { template: "wheel", title: "转盘", titleEn: "Wheel", prizes: sixPrizeWheel(), entryCost: 20 });
    createSlot(t.db, now, "home-top", [
      { title: "新品", link: { type: "product", target: String(product) } },
      { title: "专题", link: { type: "page", target: "/" } },
    ]);
    await publishedPage(
      op,
      "/",
      [
        { id: "banner", type: "banner", slotCode: "home-top", height: 180 },
        {
          id: "icons",
          type: "icon_grid",
          columns: 4,
          items: [
            { icon: ICON, label: text("全部商品", "All products"), link: { type: "url", target: "/products" } },
            { icon: ICON, label: text("转盘", "Wheel"), link: { type: "campaign", target: String(wheel.id) } },
            { icon: ICON, label: text("合作", "Partner"), link: { type: "url", target: "https://partner.example/x" } },
          ],
        },
        { id: "notice", type: "notice", text: text("全场包邮", "Free delivery"), link: { type: "url", target: "/me" } },
        { id: "grid", type: "product_grid", title: text("热门兑换", "Popular"), source: "manual", productIds: [product], columns: 3 },
        { id: "entry", type: "campaign_entry", campaignId: wheel.id },
        { id: "rich", type: "rich_text", html: text("<p>你好</p>", "<p>Hello</p>") },
        { id: "pic", type: "image", url: IMG, alt: text("图", "Picture") },
      ],
      text("首页", "Home"),
    );

    const res = await t.request<ResolvedPage>("GET", `${SHOP}?path=/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(res.headers.get("cache-control")).toBe("no-cache");
    const p = res.body;
    expect(p).toMatchObject({ path: "/", title: text("首页", "Home"), version: 1, publishedAt: now.toISOString() });
    // No theme configured: the mall settings' colours.
    expect(p.theme).toMatchObject({ id: null, festival: false, primaryColor: expect.stringMatching(/^#[0-9a-f]{6}$/i) });
    expect(types(p)).toEqual(["banner", "icon_grid", "notice", "product_grid", "campaign_entry", "rich_text", "image"]);
    expect(block(p, "banner")).toMatchObject({ slotCode: "home-top", height: 180 });
    expect(block(p, "banner")!.items.map((i) => i.link)).toEqual([
      { type: "product", target: String(product), href: `/products/${product}`, external: false },
      { type: "page", target: "/", href: "/", external: false },
    ]);
    expect(block(p, "icon_grid")!.items.map((i) => [i.link.href, i.link.external])).toEqual([
      ["/products", false],
      [`/campaigns/${wheel.id}`, false],
      ["https://partner.example/x", true],
    ]);
    expect(block(p, "notice")!.link).toMatchObject({ href: "/me", external: false });
    expect(block(p, "product_grid")).toMatchObject({ columns: 3, moreHref: null, products: [{ id: product, name: text("耳机"), image: IMG, pointsPrice: 1200, cashPrice: 0, soldOut: false, href: `/products/${product}` }] });
    expect(block(p, "campaign_entry")).toMatchObject({ title: text("转盘", "Wheel"), campaign: { id: wheel.id, template: "wheel", status: "live", entryCost: 20, href: `/campaigns/${wheel.id}` } });
    expect(block(p, "image")).toMatchObject({ url: IMG, alt: text("图", "Picture"), link: null });

    // A member's session changes nothing about it.
    const member = await shopMember(t, registerTestApp(t), "m-1");
    const asMember = await member.client.get(`${SHOP}?path=/`);
    expect(asMember.status).toBe(200);
    expect(asMember.body).toEqual(p);
  });

  it("defaults to the home page without a path", async () => {
    const { t, op } = await setup();
    await publishedPage(op, "/");
    const res = await t.request("GET", SHOP);
    expect(res.status).toBe(200);
    expect(res.body.path).toBe("/");
  });

  it("answers 404 PAGE_NOT_FOUND where nothing is published: no page, or a draft only", async () => {
    const { t, op } = await setup();
    await createPage(op, "/topics/draft-only");
    for (const path of ["/topics/draft-only", "/topics/none", "/"]) {
      const res = await t.request("GET", `${SHOP}?path=${encodeURIComponent(path)}`);
      expect(res.status, path).toBe(404);
      expect(res.body).toEqual({ message: `Nothing is published at ${path}`, code: "PAGE_NOT_FOUND" });
    }
  });

  it.each(["/about", "//evil.example", "/topics/", "/topics/UPPER", "topics/a", "/topics/a/b", "/topics/a?x=1", `/topics/${"a".repeat(80)}`, ""])("answers 400 for the path %j", async (path) => {
    const { t } = await setup();
    const res = await t.request("GET", `${SHOP}?path=${encodeURIComponent(path)}`);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "INVALID_QUERY", details: { fields: { path: expect.any(String) } } });
  });
});

describe("the page cache", () => {
  it("builds a page once: the next GET is served from memory, byte for byte, with the same ETag", async () => {
    const { t, op } = await setup();
    await publishedPage(op, "/");
    const first = await raw(t);
    const count = builds(t);
    const second = await raw(t);
    expect(builds(t)).toBe(count);
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(first.headers.get("etag")).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(first.headers.get("vary")).toBe("Accept-Encoding");
  });

  it("answers 304 without a body when If-None-Match names the ETag (weak or strong, in a list, or *)", async () => {
    const { t, op } = await setup();
    await publishedPage(op, "/");
    const etag = (await raw(t)).headers.get("etag")!;
    for (const inm of [etag, etag.slice(2), `W/"other", ${etag}`, "*"]) {
      const res = await raw(t, "/", { "if-none-match": inm });
      expect(res.status, inm).toBe(304);
      expect(res.bytes.length).toBe(0);
      expect(res.headers.get("etag")).toBe(etag);
    }
    expect((await raw(t, "/", { "if-none-match": 'W/"stale"' })).status).toBe(200);
  });

  it("sends the same JSON in Brotli when the client accepts it (phones do), gzip when only that, plain otherwise", async () => {
    const { t, op } = await setup();
    await publishedPage(op, "/", [noticeBlock(), { id: "rt", type: "rich_text", html: text("<p>" + "积分商城 ".repeat(200) + "</p>", "<p>Points</p>") }]);
    const plain = await raw(t);
    expect(plain.headers.get("content-encoding")).toBeNull();
    const brotli = await raw(t, "/", { "accept-encoding": "gzip, deflate, br" });
    expect([brotli.status, brotli.headers.get("content-encoding")]).toEqual([200, "br"]);
    expect(brotli.headers.get("etag")).toBe(plain.headers.get("etag"));
    expect(JSON.parse(brotliDecompressSync(brotli.bytes).toString("utf8"))).toEqual(JSON.parse(plain.bytes.toString("utf8")));
    const zipped = await raw(t, "/", { "accept-encoding": "gzip, deflate" });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    expect(zipped.headers.get("etag")).toBe(plain.headers.get("etag"));
    expect(zipped.bytes.length).toBeLessThan(plain.bytes.length / 3);
    expect(JSON.parse(gunzipSync(zipped.bytes).toString("utf8"))).toEqual(JSON.parse(plain.bytes.toString("utf8")));
    expect((await raw(t, "/", { "accept-encoding": "gzip;q=0, identity" })).headers.get("content-encoding")).toBeNull();
    expect(brotli.bytes.length).toBeLessThan(zipped.bytes.length);
    expect((await raw(t, "/", { "accept-encoding": "deflate" })).headers.get("content-encoding")).toBeNull();
  });

  it("is rebuilt after a publish; a saved draft changes nothing members see, so the ETag stays", async () => {
    const { t, op } = await setup();
    const home = await publishedPage(op, "/", [noticeBlock("n", "一")]);
    const etag1 = (await raw(t)).headers.get("etag");
    await op.patch(`/api/admin/pages/${home.id}`, { blocks: [noticeBlock("n", "二")] });
    expect((await raw(t)).headers.get("etag")).toBe(etag1);
    await op.post(`/api/admin/pages/${home.id}/publish`, {});
    const count = builds(t);
    const after = await page(t);
    expect(builds(t)).toBe(count + 1);
    expect(block(after, "notice")!.text["zh-CN"]).toBe("二");
    expect((await raw(t)).headers.get("etag")).not.toBe(etag1);
  });

  it("is rebuilt when a slot item is added, changed, reordered or removed through the console", async () => {
    const { t, op } = await setup();
    const slot = createSlot(t.db, t.clock.now(), "home-top", [{ title: "一" }]);
    await publishedPage(op, "/", [{ id: "b", type: "banner", slotCode: "home-top" }]);
    const titles = async () => block(await page(t), "banner")!.items.map((i) => i.title["zh-CN"]);
    expect(await titles()).toEqual(["一"]);

    const added = await op.post("/api/admin/slot-items", { slotId: slot.id, title: text("二"), image: IMG });
    expect(added.status).toBe(201);
    expect(await titles()).toEqual(["一", "二"]);
    await op.patch(`/api/admin/slot-items/${added.body.id}`, { title: text("贰") });
    expect(await titles()).toEqual(["一", "贰"]);
    await op.post("/api/admin/slot-items/reorder", { slotId: slot.id, ids: [added.body.id, slot.itemIds[0]] });
    expect(await titles()).toEqual(["贰", "一"]);
    await op.delete(`/api/admin/slot-items/${slot.itemIds[0]}`);
    expect(await titles()).toEqual(["贰"]);
  });

  it("is rebuilt when a theme changes through the console", async () => {
    const { t, op } = await setup();
    await publishedPage(op, "/");
    expect((await page(t)).theme.id).toBeNull();
    const created = await op.post("/api/admin/themes", { name: text("默认", "Default"), primaryColor: "#E4393C", background: "#F5F5F7" });
    expect(created.status).toBe(201);
    expect((await page(t)).theme).toMatchObject({ id: created.body.id, primaryColor: "#e4393c", background: "#f5f5f7", festival: false });
    await op.patch(`/api/admin/themes/${created.body.id}`, { primaryColor: "#1677ff" });
    expect((await page(t)).theme.primaryColor).toBe("#1677ff");
  });

  it("remembers a 404 too, and serves the page as soon as it is published", async () => {
    const { t, op } = await setup();
    const topic = await createPage(op, "/topics/a");
    expect((await raw(t, "/topics/a")).status).toBe(404);
    const count = builds(t);
    expect((await raw(t, "/topics/a")).status).toBe(404);
    expect(builds(t)).toBe(count);
    await op.post(`/api/admin/pages/${topic.id}/publish`, {});
    expect((await raw(t, "/topics/a")).status).toBe(200);
  });

  it("rebuilds a page PAGE_MAX_AGE_MS after building it at the latest (stock and sales change without telling it)", async () => {
    const { t, op } = await setup();
    const product = createProduct(t.db, t.clock.now(), { stock: 5 });
    await publishedPage(op, "/", [{ id: "g", type: "product_grid", source: "manual", productIds: [product] }]);
    expect(block(await page(t), "product_grid")!.products[0].soldOut).toBe(false);
    setProduct(t.db, product, { stock: 0 });
    t.clock.advance(PAGE_MAX_AGE_MS - 1);
    expect(block(await page(t), "product_grid")!.products[0].soldOut).toBe(false);
    t.clock.advance(1);
    expect(block(await page(t), "product_grid")!.products[0].soldOut).toBe(true);
  });
});

describe("slot items and their windows", () => {
  it("leaves out items outside their window, and the page changes by itself when a window opens or closes", async () => {
    const { t, op } = await setup();
    const now = t.clock.now().getTime();
    createSlot(t.db, t.clock.now(), "home-top", [
      { title: "常驻" },
      { title: "稍后", startAt: new Date(now + 10 * MINUTE) },
      { title: "即将结束", endAt: new Date(now + 20 * MINUTE) },
      { title: "已过期", startAt: new Date(now - 2 * HOUR), endAt: new Date(now - HOUR) },
    ]);
    await publishedPage(op, "/", [{ id: "b", type: "banner", slotCode: "home-top" }]);
    const titles = async () => block(await page(t), "banner")!.items.map((i) => i.title["zh-CN"]);
    expect(await titles()).toEqual(["常驻", "即将结束"]);
    t.clock.advance(10 * MINUTE - 1000);
    expect(await titles()).toEqual(["常驻", "即将结束"]);
    const count = builds(t);
    t.clock.advance(999);
    expect(await titles()).toEqual(["常驻", "即将结束"]);
    expect(builds(t)).toBe(count);
    // The window opens: the page built a second ago expires exactly then (well inside PAGE_MAX_AGE_MS), without anyone invalidating it.
    t.clock.advance(1);
    expect(await titles()).toEqual(["常驻", "稍后", "即将结束"]);
    expect(builds(t)).toBe(count + 1);
    t.clock.advance(10 * MINUTE);
    expect(await titles()).toEqual(["常驻", "稍后"]);
  });

  it("leaves the banner out while none of its items is on", async () => {
    const { t, op } = await setup();
    createSlot(t.db, t.clock.now(), "home-top", [{ title: "明天", startAt: new Date(t.clock.now().getTime() + 24 * HOUR) }]);
    await publishedPage(op, "/", [{ id: "b", type: "banner", slotCode: "home-top" }, noticeBlock()]);
    expect(types(await page(t))).toEqual(["notice"]);
  });
});

describe("product grids", () => {
  it("hand-picked: products on sale now in the operator's order, sold-out ones flagged, off-sale ones left out, at most `limit`", async () => {
    const { t, op } = await setup();
    const now = t.clock.now();
    const p = (name: string, stock = 10) => createProduct(t.db, now, { name, stock });
    const [a, offSale, soldOut, later, ended, suspended, b, c] = [p("甲"), p("下架"), p("售罄", 0), p("未开售"), p("已结束"), p("停供"), p("乙"), p("丙")];
    setProduct(t.db, offSale, { status: "off_sale" });
    setProduct(t.db, later, { saleStart: new Date(now.getTime() + HOUR) });
    setProduct(t.db, ended, { saleEnd: new Date(now.getTime() - MINUTE) });
    // A supplier that is not active takes its products off the storefront.
    const other = t.createSupplier("paused", { status: "suspended" });
    setProduct(t.db, suspended, { supplierId: other });
    expect(t.db.select({ s: suppliers.status }).from(suppliers).where(eq(suppliers.id, other)).get()!.s).toBe("suspended");

    await publishedPage(op, "/", [
      { id: "g", type: "product_grid", title: text("精选"), source: "manual", productIds: [b, offSale, soldOut, later, a, ended, suspended, c], limit: 4 },
    ]);
    const grid = block(await page(t), "product_grid")!;
    expect(grid.products.map((x) => [x.name["zh-CN"], x.soldOut])).toEqual([
      ["乙", false],
      ["售罄", true],
      ["甲", false],
      ["丙", false],
    ]);
  });

  it("by category: the category and its subcategories, products on sale, in the listing order, with a link to the listing", async () => {
    const { t, op } = await setup();
    const now = t.clock.now();
    const food = createCategory(t.db, now, "美食");
    const fruit = createCategory(t.db, now, "水果", food);
    const other = createCategory(t.db, now, "数码");
    const inFood = createProduct(t.db, now, { name: "礼盒" });
    const inFruit = createProduct(t.db, now, { name: "橙子" });
    const elsewhere = createProduct(t.db, now, { name: "耳机" });
    const hidden = createProduct(t.db, now, { name: "下架" });
    setProduct(t.db, inFood, { categoryId: food });
    setProduct(t.db, inFruit, { categoryId: fruit });
    setProduct(t.db, elsewhere, { categoryId: other });
    setProduct(t.db, hidden, { categoryId: fruit, status: "off_sale" });
    await publishedPage(op, "/", [{ id: "g", type: "product_grid", title: text("美食"), source: "category", categoryId: food, limit: 10 }]);
    const grid = block(await page(t), "product_grid")!;
    expect(grid).toMatchObject({ source: "category", moreHref: `/products?categoryId=${food}` });
    // The storefront's default listing order: sortOrder, then newest first.
    expect(grid.products.map((x) => x.id)).toEqual([inFruit, inFood]);
  });

  it("by tag: products carrying the tag, with an encoded link to the listing", async () => {
    const { t, op } = await setup();
    const now = t.clock.now();
    const hot = createProduct(t.db, now, { name: "热" });
    const cold = createProduct(t.db, now, { name: "冷" });
    setProduct(t.db, hot, { tags: ["热门", "新品"] });
    setProduct(t.db, cold, { tags: ["热门款"] });
    await publishedPage(op, "/", [{ id: "g", type: "product_grid", title: text("热门"), source: "tag", tag: "热门" }]);
    const grid = block(await page(t), "product_grid")!;
    expect(grid.products.map((x) => x.id)).toEqual([hot]);
    expect(grid.moreHref).toBe(`/products?tag=${encodeURIComponent("热门")}`);
  });

  it("leaves a grid with nothing on sale out of the page", async () => {
    const { t, op } = await setup();
    const product = createProduct(t.db, t.clock.now());
    setProduct(t.db, product, { status: "off_sale" });
    await publishedPage(op, "/", [{ id: "g", type: "product_grid", source: "manual", productIds: [product] }, { id: "t", type: "product_grid", source: "tag", tag: "无人用" }, noticeBlock()]);
    expect(types(await page(t))).toEqual(["notice"]);
  });
});

describe("campaigns on pages", () => {
  it("leaves out a campaign entry whose campaign is a draft; shows it once scheduled, and it goes live by itself at its start", async () => {
    const { t, op } = await setup();
    const now = t.clock.now();
    const draft = createCampaign(t.db, now, { template: "wheel", prizes: sixPrizeWheel(), draft: true });
    const soon = createCampaign(t.db, now, { template: "wheel", title: "新春转盘", titleEn: "Spring wheel", prizes: sixPrizeWheel(), startAt: new Date(now.getTime() + 15 * MINUTE) });
    await publishedPage(op, "/", [
      { id: "draft", type: "campaign_entry", campaignId: draft.id },
      { id: "soon", type: "campaign_entry", campaignId: soon.id, title: text("马上开始", "Starting soon"), image: IMG },
    ]);
    const before = await page(t);
    expect(before.blocks.map((b) => b.id)).toEqual(["soon"]);
    expect(block(before, "campaign_entry")).toMatchObject({ title: text("马上开始", "Starting soon"), image: IMG, campaign: { id: soon.id, status: "scheduled", title: text("新春转盘", "Spring wheel"), startAt: soon.startAt.toISOString() } });

    t.clock.advance(15 * MINUTE);
    expect(block(await page(t), "campaign_entry")!.campaign.status).toBe("live");
  });

  it("shows the campaign's own title and picture when the operator gives none", async () => {
    const { t, op } = await setup();
    const wheel = createCampaign(t.db, t.clock.now(), { template: "wheel", title: "大转盘", titleEn: "Big wheel", prizes: sixPrizeWheel() });
    await publishedPage(op, "/", [{ id: "e", type: "campaign_entry", campaignId: wheel.id, title: text("", "") }]);
    expect(block(await page(t), "campaign_entry")).toMatchObject({ title: text("大转盘", "Big wheel"), image: "" });
  });

  it("flash strip: live sales first (ending soonest first), then upcoming ones; ended sales and drafts left out", async () => {
    const { t, op } = await setup();
    const now = t.clock.now();
    const at = (ms: number) => new Date(now.getTime() + ms);
    const product = createProduct(t.db, now, { name: "保温杯", image: IMG, pointsPrice: 4500, stock: 500 });
    const sale = (title: string, startAt: Date, endAt: Date, draft = false) =>
      createCampaign(t.db, now, { template: "flash_sale", title, startAt, endAt, draft, config: { productId: product, salePoints: 990, saleCash: 0, perMemberLimit: 2 }, reservedStock: 50 });
    const liveLong = sale("长", at(-HOUR), at(5 * HOUR));
    const liveShort = sale("短", at(-HOUR), at(2 * HOUR));
    const later = sale("晚", at(3 * HOUR), at(6 * HOUR));
    const sooner = sale("早", at(HOUR), at(6 * HOUR));
    const ended = sale("完", at(-HOUR), at(4 * HOUR));
    writeTx(t.db, (tx) => endCampaign(tx, t.app.ctx, ended.id, now));
    const draft = sale("草", at(-HOUR), at(HOUR), true);
    await publishedPage(op, "/", [{ id: "flash", type: "flash_strip", title: text("限时秒杀", "Flash sales"), campaignIds: [later.id, liveLong.id, ended.id, draft.id, sooner.id, liveShort.id] }]);

    const strip = block(await page(t), "flash_strip")!;
    expect(strip.title).toEqual(text("限时秒杀", "Flash sales"));
    expect(strip.sales.map((s) => [s.title["zh-CN"], s.status])).toEqual([
      ["短", "live"],
      ["长", "live"],
      ["早", "scheduled"],
      ["晚", "scheduled"],
    ]);
    expect(strip.sales[0]).toMatchObject({
      template: "flash_sale",
      product: { id: product, name: text("保温杯"), image: IMG, pointsPrice: 4500, cashPrice: 0 },
      salePoints: 990,
      saleCash: 0,
      reservedStock: 50,
      stockLeft: 50,
      perMemberLimit: 2,
      href: `/campaigns/${liveShort.id}`,
    });

    // When the short one ends the strip changes by itself; when all have ended the strip goes.
    t.clock.advance(2 * HOUR);
    expect(block(await page(t), "flash_strip")!.sales.map((s) => s.title["zh-CN"])).toEqual(["长", "早", "晚"]);
    t.clock.advance(4 * HOUR);
    expect(block(await page(t), "flash_strip")).toBeUndefined();
  });
});

describe("the route's contract and its lean path", () => {
  it("is documented in the OpenAPI document from its contract: the path parameter and the 200/304/400/404 answers", async () => {
    const { t } = await setup();
    const doc = (await t.request("GET", "/api/openapi.json")).body;
    const op = doc.paths["/api/shop/pages"].get;
    expect(op.parameters).toEqual([expect.objectContaining({ name: "path", in: "query" })]);
    expect(Object.keys(op.responses).sort()).toEqual(["200", "304", "400", "404"]);
    expect(op.responses["200"].content["application/json"].schema).toEqual({ $ref: "#/components/schemas/ResolvedPage" });
  });

  it("checks the path like the schema does however it is written: escaped, repeated, beside other parameters", async () => {
    const { t, op } = await setup();
    await publishedPage(op, "/topics/a");
    const status = async (query: string) => (await t.request("GET", `${SHOP}?${query}`)).status;
    expect(await status("path=%2Ftopics%2Fa")).toBe(200);
    expect(await status("lang=en&path=/topics/a")).toBe(200);
    expect(await status("path=/topics/a&path=/topics/a")).toBe(400);
    expect(await status("xpath=1&path=/topics/a")).toBe(200);
    expect(await status("path=%2Ftopics%2FA")).toBe(400);
    expect(await status("path=")).toBe(400);
    expect(await status("path=/topics/a%00")).toBe(400);
  });

  it("does not need the member session: a member's cookie, or a stale one, changes nothing", async () => {
    const { t, op } = await setup();
    await publishedPage(op, "/");
    const member = await shopMember(t, registerTestApp(t), "m-1");
    for (const cookie of [member.cookie, "pm_member=stale-or-forged-token"]) {
      const res = await t.request("GET", `${SHOP}?path=/`, { cookie });
      expect(res.status).toBe(200);
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    // Other storefront routes still see the member.
    expect((await member.client.get("/api/shop/me")).status).toBe(200);
  });

  it("answers the same however the request comes in: as the storefront writes it (answered before routing) or otherwise (routed)", async () => {
    const { t, op } = await setup();
    await publishedPage(op, "/");
    const headersOf = (r: { headers: Headers }) => Object.fromEntries([...r.headers].filter(([k]) => k !== "x-request-id"));
    for (const enc of [{}, { "accept-encoding": "gzip" }] as Record<string, string>[]) {
      const fast = await t.app.request(`${ORIGIN}${SHOP}?path=/`, { headers: enc });
      const routed = await t.app.request(`${ORIGIN}${SHOP}?utm=app&path=%2F`, { headers: enc });
      expect(fast.status).toBe(200);
      expect(routed.status).toBe(200);
      expect(headersOf(routed)).toEqual(headersOf(fast));
      expect(Buffer.from(await routed.arrayBuffer()).equals(Buffer.from(await fast.arrayBuffer()))).toBe(true);
    }
    const fast304 = await raw(t, "/", { "if-none-match": "*" });
    const routed304 = await t.app.request(`${ORIGIN}${SHOP}?path=/&x=1`, { headers: { "if-none-match": "*" } });
    expect([fast304.status, routed304.status]).toEqual([304, 304]);
    expect(headersOf(routed304)).toEqual(headersOf(fast304));
    const fast404 = await raw(t, "/topics/none");
    const routed404 = await t.app.request(`${ORIGIN}${SHOP}?x=1&path=/topics/none`);
    expect([fast404.status, routed404.status]).toEqual([404, 404]);
    expect(headersOf(routed404)).toEqual(headersOf(fast404));
  });

  it("answers HEAD like GET, without the body", async () => {
    const { t, op } = await setup();
    await publishedPage(op, "/");
    const get = await raw(t);
    const res = await t.app.request(`${ORIGIN}${SHOP}?path=/`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toBe(get.headers.get("etag"));
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it("keeps the request id: the caller's when sane, a fresh one otherwise", async () => {
    const { t, op } = await setup();
    await publishedPage(op, "/");
    expect((await raw(t, "/", { "x-request-id": "phone-req-12345" })).headers.get("x-request-id")).toBe("phone-req-12345");
    expect((await raw(t, "/", { "if-none-match": "*" })).headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    // Errors too, in the one error shape.
    const bad = await t.app.request(`${ORIGIN}${SHOP}?path=/about`, { headers: { "x-request-id": "phone-req-67890" } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get("x-request-id")).toBe("phone-req-67890");
    expect(await bad.json()).toMatchObject({ code: "INVALID_QUERY" });
  });

  it("writes the request log line with the request id, and logs unexpected errors with it", async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: "info", base: undefined }, { write: (s: string) => lines.push(JSON.parse(s)) });
    const t = await buildTestApp({ deps: { logger } });
    await t.request("GET", `${SHOP}?path=/`, { headers: { "x-request-id": "phone-req-12345" } });
    expect(lines.at(-1)).toMatchObject({ msg: "request", reqId: "phone-req-12345", method: "GET", path: SHOP, status: 404, ms: expect.any(Number) });
    // A failure inside: the one error shape, a 500 naming the request, and the error in the log.
    const broken = vi.spyOn(t.app.ctx.pageCache, "get").mockImplementation(() => {
      throw new Error("disk on fire");
    });
    const res = await t.request("GET", `${SHOP}?path=/`, { headers: { "x-request-id": "phone-req-99999" } });
    broken.mockRestore();
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ code: "INTERNAL", message: "Something went wrong on our side (request phone-req-99999)" });
    expect(lines.filter((l) => l.reqId === "phone-req-99999").map((l) => [l.msg, l.status ?? null])).toEqual([
      ["request", 500],
      ["unexpected error", null],
    ]);
  });
});
