import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ResolvedPage } from "../api/domain/pages/resolved";
import { buildTestApp, FAST_SCRYPT, TEST_SECRET_KEY, type TestApp } from "../api/test/harness";
import { DEMO_PASSWORD, seedDemo } from "./index";
import { HOME_SLOT, NEW_YEAR_PATH } from "./pages";

/**
 * The demo storefront as `npm start` seeds it (with a data folder, so images are files under
 * uploads/): the home page and the New Year topic resolve with every block, and every picture loads.
 */
let t: TestApp;
let dataDir: string;
let ids: Record<string, number>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "pointmall-seed-pages-"));
  t = await buildTestApp({ config: { dataDir } });
  ids = await seedDemo(t.db, { clock: t.clock, passwordCost: FAST_SCRYPT, secretKey: TEST_SECRET_KEY, dataDir });
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function page(path: string): Promise<ResolvedPage> {
  const res = await t.request<ResolvedPage>("GET", `/api/shop/pages?path=${encodeURIComponent(path)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

const both = (x: { "zh-CN": string; "en-US": string }) => x["zh-CN"] !== "" && x["en-US"] !== "";

describe("seeded storefront pages", () => {
  it("the home page resolves with every block present: banner, icons, notice, flash sales, the wheel, two product grids", async () => {
    const home = await page("/");
    expect(home).toMatchObject({ path: "/", version: 2, title: { "zh-CN": "首页", "en-US": "Home" } });
    expect(home.blocks.map((b) => [b.id, b.type])).toEqual([
      ["home-banner", "banner"],
      ["entries", "icon_grid"],
      ["notice", "notice"],
      ["flash", "flash_strip"],
      ["wheel", "campaign_entry"],
      ["popular", "product_grid"],
      ["fruit", "product_grid"],
    ]);
    const [banner, icons, notice, flash, wheel, popular, fruit] = home.blocks as never as [
      Extract<ResolvedPage["blocks"][number], { type: "banner" }>,
      Extract<ResolvedPage["blocks"][number], { type: "icon_grid" }>,
      Extract<ResolvedPage["blocks"][number], { type: "notice" }>,
      Extract<ResolvedPage["blocks"][number], { type: "flash_strip" }>,
      Extract<ResolvedPage["blocks"][number], { type: "campaign_entry" }>,
      Extract<ResolvedPage["blocks"][number], { type: "product_grid" }>,
      Extract<ResolvedPage["blocks"][number], { type: "product_grid" }>,
    ];
    expect(banner.slotCode).toBe(HOME_SLOT);
    expect(banner.items.map((i) => i.link.href)).toEqual([NEW_YEAR_PATH, `/campaigns/${ids["campaign.wheel"]}`, `/campaigns/${ids["campaign.flash-live"]}`]);
    expect(icons.items.map((i) => [i.label["zh-CN"], i.link.href])).toEqual([
      ["全部商品", "/products"],
      ["签到", `/campaigns/${ids["campaign.sign-in"]}`],
      ["幸运转盘", `/campaigns/${ids["campaign.wheel"]}`],
      ["我的订单", "/orders"],
    ]);
    expect(notice.link?.href).toBe(NEW_YEAR_PATH);
    expect(flash.sales.map((s) => [s.id, s.status])).toEqual([
      [ids["campaign.flash-live"], "live"],
      [ids["campaign.flash-soon"], "scheduled"],
    ]);
    expect(wheel.campaign).toMatchObject({ id: ids["campaign.wheel"], template: "wheel", status: "live" });
    expect(popular).toMatchObject({ title: { "zh-CN": "热门兑换", "en-US": "Popular rewards" }, source: "manual" });
    expect(popular.products).toHaveLength(6);
    expect(fruit).toMatchObject({ source: "category", moreHref: `/products?categoryId=${ids["category.fruit"]}` });
    expect(fruit.products.length).toBeGreaterThanOrEqual(2);

    // Every text in both languages.
    expect(both(home.title)).toBe(true);
    for (const i of banner.items) expect(both(i.title)).toBe(true);
    for (const i of icons.items) expect(both(i.label)).toBe(true);
    expect(both(notice.text) && both(flash.title) && both(wheel.title) && both(popular.title) && both(fruit.title)).toBe(true);
  });

  it("the New Year topic page, linked from the home page, has a picture, rich text and a product grid", async () => {
    const topic = await page(NEW_YEAR_PATH);
    expect(topic.title).toEqual({ "zh-CN": "新年好礼", "en-US": "New Year gifts" });
    expect(topic.blocks.map((b) => b.type)).toEqual(["image", "rich_text", "product_grid"]);
    const rich = topic.blocks[1] as Extract<ResolvedPage["blocks"][number], { type: "rich_text" }>;
    expect(both(rich.html)).toBe(true);
    const grid = topic.blocks[2] as Extract<ResolvedPage["blocks"][number], { type: "product_grid" }>;
    // The gift box is not on sale yet: it appears once it is.
    expect(grid.products.map((p) => p.id)).not.toContain(ids["product.new-year-box"]);
    expect(grid.products.length).toBeGreaterThanOrEqual(4);
  });

  it("every picture on the pages is an uploaded file that loads", async () => {
    const urls = new Set<string>();
    for (const path of ["/", NEW_YEAR_PATH]) {
      const p = await page(path);
      JSON.stringify(p, (k, v) => {
        if ((k === "image" || k === "icon" || k === "url" || k === "logoUrl") && typeof v === "string" && v) urls.add(v);
        return v;
      });
    }
    expect(urls.size).toBeGreaterThan(15);
    for (const url of urls) {
      expect(url).toMatch(/^\/uploads\/[a-f0-9]{64}\.svg$/);
      const res = await t.app.request(`http://pointmall.test${url}`);
      expect(res.status, url).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/svg+xml");
      expect(await res.text()).toMatch(/^<svg /);
    }
  });

  it("has the default theme in the mall's colours now, and the Spring Festival theme in its future window", async () => {
    const home = await page("/");
    expect(home.theme).toMatchObject({ festival: false, primaryColor: "#e4393c", background: "#f5f5f7" });
    const op = t.as(await t.login("operator", DEMO_PASSWORD));
    const list = await op.get("/api/admin/themes");
    expect(list.body.map((x: { kind: string; active: boolean }) => [x.kind, x.active])).toEqual([
      ["default", true],
      ["upcoming", false],
    ]);
    const festival = list.body[1];
    t.clock.set(festival.startAt);
    expect((await page("/")).theme).toMatchObject({ festival: true, primaryColor: "#c8102e" });
    expect((await t.request("GET", "/api/shop/config")).body.theme.primaryColor).toBe("#c8102e");
  });
});
