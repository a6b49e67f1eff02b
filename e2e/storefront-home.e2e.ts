import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { and, eq, gt } from "drizzle-orm";
import { mkdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { products } from "../db/schema";
import type { ResolvedPage } from "../api/domain/pages/resolved";
import { createCampaign, createProduct, sixPrizeWheel } from "../api/test/campaign-fixtures";
import { PREVIEW_PAGE, PREVIEW_READY, type PreviewPageMessage } from "../storefront/src/lib/preview-protocol";
import { ARTIFACTS, launchBrowser, newPage, screenshot } from "./browser";
import { startServer, type RunningServer } from "./server";

let server: RunningServer;
let browser: Browser;
let staffCookie = "";

const HOUR = 3_600_000;
const text = (zh: string, en: string) => ({ "zh-CN": zh, "en-US": en });

/** The console's API as an operator (a signed-in staff session; same-origin requests, as the console makes them). */
async function admin<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.baseUrl}/api/admin${path}`, {
    method,
    headers: { "content-type": "application/json", origin: server.baseUrl, cookie: staffCookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const raw = await res.text();
  return { status: res.status, body: raw ? JSON.parse(raw) : undefined };
}

async function ok<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await admin<T>(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A full-length phone screenshot (the helper in browser.ts takes the viewport only). */
async function fullScreenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

const ids = { home: 0, topic: 0, liveWheel: 0, soonWheel: 0, flash: 0, products: [] as number[], soldOut: 0 };
let homeBlocks: unknown[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const login = await fetch(`${server.baseUrl}/api/admin/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: server.baseUrl },
    body: JSON.stringify({ username: "operator", password: "pointmall" }),
  });
  expect(login.status).toBe(200);
  staffCookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

  const now = new Date();
  // Four products on sale with pictures (the seed's), and one sold out.
  const onSale = server.db
    .select({ id: products.id, images: products.images })
    .from(products)
    .where(and(eq(products.status, "on_sale"), gt(products.stock, 0)))
    .all()
    .filter((p) => p.images.length);
  ids.products = onSale.slice(0, 4).map((p) => p.id);
  ids.soldOut = createProduct(server.db, now, { stock: 0, pointsPrice: 2500, name: "E2E 已兑完的台灯", image: onSale[4].images[0] });
  ids.liveWheel = createCampaign(server.db, now, { template: "wheel", title: "E2E 首页转盘", titleEn: "E2E home wheel", entryCost: 10, prizes: sixPrizeWheel() }).id;
  ids.soonWheel = createCampaign(server.db, now, { template: "wheel", title: "E2E 即将开始的转盘", titleEn: "E2E wheel, soon", startAt: new Date(now.getTime() + 2 * HOUR), prizes: sixPrizeWheel() }).id;
  const saleProduct = createProduct(server.db, now, { stock: 50, pointsPrice: 3000, name: "E2E 秒杀耳机", image: onSale[5]?.images[0] ?? onSale[0].images[0] });
  ids.flash = createCampaign(server.db, now, { template: "flash_sale", title: "E2E 秒杀", titleEn: "E2E flash sale", reservedStock: 10, config: { productId: saleProduct, salePoints: 990, perMemberLimit: 1 } }).id;

  // The banners reuse the pictures of the seed's home carousel.
  const slots = await ok<Array<{ id: number; code: string; itemCount: number }>>("GET", "/slots");
  const seeded = slots.find((s) => s.itemCount > 0);
  const seededItems = seeded ? (await ok<{ items: Array<{ image: string }> }>("GET", `/slots/${seeded.id}`)).items : [];
  const image = (i: number) => seededItems[i % Math.max(1, seededItems.length)]?.image ?? onSale[i].images[0];
  const slot = await ok<{ id: number }>("POST", "/slots", { code: "e2e-home", name: text("E2E 首页轮播", "E2E home carousel") });
  await ok("POST", "/slot-items", { slotId: slot.id, title: text("第一张：去转盘", "First: to the wheel"), image: image(1), link: { type: "campaign", target: String(ids.liveWheel) } });
  await ok("POST", "/slot-items", { slotId: slot.id, title: text("第二张：秒杀", "Second: the flash sale"), image: image(2), link: { type: "campaign", target: String(ids.flash) } });

  // A topic page, published.
  const topic = await ok<{ id: number }>("POST", "/pages", {
    path: "/topics/e2e-spring",
    title: text("E2E 春日专题", "E2E spring picks"),
    blocks: [
      { id: "intro", type: "rich_text", html: text("<h3>春日好物</h3><p>用积分换<b>春天</b>。</p>", "<h3>Spring things</h3><p>Points for <b>spring</b>.</p>") },
      { id: "picks", type: "product_grid", title: text("春日精选", "Spring picks"), source: "manual", productIds: ids.products.slice(0, 2), columns: 2 },
    ],
  });
  ids.topic = topic.id;
  await ok("POST", `/pages/${topic.id}/publish`, { note: "e2e topic" });

  homeBlocks = [
    { id: "banner", type: "banner", slotCode: "e2e-home", height: 150 },
    { id: "notice", type: "notice", text: text("E2E 公告：春日专题上线", "E2E notice: spring picks are here"), link: { type: "page", target: "/topics/e2e-spring" } },
    {
      id: "icons",
      type: "icon_grid",
      columns: 4,
      items: [
        { icon: image(0), label: text("全部商品", "All products"), link: { type: "url", target: "/products" } },
        { icon: image(1), label: text("活动", "Campaigns"), link: { type: "url", target: "/campaigns" } },
        { icon: image(2), label: text("订单", "Orders"), link: { type: "url", target: "/orders" } },
        { icon: image(0), label: text("我的", "Me"), link: { type: "url", target: "/me" } },
      ],
    },
    { id: "flash", type: "flash_strip", title: text("限时秒杀", "Flash sales"), campaignIds: [ids.flash] },
    { id: "live", type: "campaign_entry", campaignId: ids.liveWheel },
    // English left empty on purpose: the member reading English sees the Chinese title (marked lang="zh-CN").
    { id: "grid", type: "product_grid", title: text("E2E 精选好物", ""), source: "manual", productIds: [...ids.products, ids.soldOut], columns: 2, limit: 6 },
    { id: "soon", type: "campaign_entry", campaignId: ids.soonWheel, title: text("E2E 即将开始", "E2E starting soon") },
    { id: "text", type: "rich_text", html: text("<h3>兑换须知</h3><p>积分<strong>当场扣除</strong>，<a href=\"/orders\">订单</a>里可查看。</p>", "<h3>Good to know</h3><p>Points are <strong>taken at once</strong>; see your <a href=\"/orders\">orders</a>.</p>") },
  ];
  // The seed publishes a home page; an empty database has none: edit it, or create it.
  const pages = await ok<Array<{ id: number; path: string }>>("GET", "/pages");
  const existing = pages.find((p) => p.path === "/");
  if (existing) {
    ids.home = existing.id;
  } else {
    ids.home = (await ok<{ id: number }>("POST", "/pages", { path: "/", title: text("首页", "Home") })).id;
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const blockTypes = (page: Page) => page.locator("[data-testid=page-view] > .block").evaluateAll((els) => els.map((e) => e.getAttribute("data-block-type")));

describe("storefront home and topic pages (phone)", () => {
  it("shows the seed's published home page as the demo mall would, with at most 150 kB of gzipped JavaScript on the first load", async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    const scripts: Promise<number>[] = [];
    page.on("response", (r) => {
      if (r.request().resourceType() === "script") scripts.push(r.body().then((b) => gzipSync(b, { level: 9 }).length));
    });
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId("page-view").waitFor();
    await page.getByTestId("banner").locator("img").first().waitFor();
    await page.waitForLoadState("networkidle");
    await screenshot(page, "storefront-home-seed");
    await fullScreenshot(page, "storefront-home-seed-full");
    expect((await blockTypes(page)).length).toBeGreaterThan(3);
    // Everything the phone ran to show the home page (entry, chunks, lazy blocks), as gzip would send it.
    const sizes = await Promise.all(scripts);
    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(150 * 1024);
    await context.close();
  });

  it("an operator publishes a home page; every block renders in order, in the member's language", async () => {
    await ok("PATCH", `/pages/${ids.home}`, { blocks: homeBlocks });
    await ok("POST", `/pages/${ids.home}/publish`, { note: "e2e home" });

    const { context, page } = await newPage(browser, { mobile: true });
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId("page-view").waitFor();
    expect(await blockTypes(page)).toEqual(["banner", "notice", "icon_grid", "flash_strip", "campaign_entry", "product_grid", "campaign_entry", "rich_text"]);

    // Banner: two slides, dots as labelled buttons, only the current slide reachable.
    const banner = page.getByTestId("banner");
    expect(await banner.getByTestId("banner-slide").count()).toBe(2);
    expect(await banner.getByRole("button", { name: /显示第 2 张：第二张：秒杀/ }).count()).toBe(1);
    expect(await banner.locator("img").first().getAttribute("alt")).toBe("第一张：去转盘");
    expect(await banner.getByTestId("banner-slide").nth(1).evaluate((e) => (e as HTMLElement).inert)).toBe(true);

    // Notice, flash strip, campaign entries, the grid with its sold-out tile, rich text.
    expect(await page.getByTestId("notice-bar").innerText()).toContain("E2E 公告：春日专题上线");
    expect(await page.getByTestId("flash-sale").innerText()).toMatch(/990 积分[\s\S]*原价 3,000 积分[\s\S]*剩余 10 件[\s\S]*距结束/);
    const [live, soon] = [page.getByTestId("campaign-entry").nth(0), page.getByTestId("campaign-entry").nth(1)];
    expect(await live.getAttribute("data-phase")).toBe("live");
    expect(await live.innerText()).toMatch(/E2E 首页转盘[\s\S]*每次消耗 10 积分[\s\S]*距结束[\s\S]*去参加/);
    expect(await soon.getAttribute("data-phase")).toBe("scheduled");
    expect(await soon.innerText()).toMatch(/即将开始[\s\S]*E2E 即将开始[\s\S]*距开始[\s\S]*看看/);
    // The countdown ticks (01:59:5x, then a second less).
    const first = await soon.getByTestId("countdown").locator("time").innerText();
    expect(first).toMatch(/^01:5\d:\d\d$/);
    await expect.poll(() => soon.getByTestId("countdown").locator("time").innerText(), { timeout: 4000 }).not.toBe(first);
    const grid = page.getByTestId("product-grid-block");
    expect(await grid.getByRole("heading").innerText()).toBe("E2E 精选好物");
    expect(await grid.getByTestId("product-tile").count()).toBe(5);
    expect(await grid.getByTestId("product-tile").last().innerText()).toContain("已兑完");
    expect(await page.getByTestId("rich-text").innerHTML()).toContain("<strong>当场扣除</strong>");

    await page.waitForLoadState("networkidle");
    await banner.getByTestId("banner-pause").click();
    await screenshot(page, "storefront-home");
    await fullScreenshot(page, "storefront-home-full");

    // Texts switch with the language; an empty English title falls back to the Chinese one, marked as such.
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getByTestId("notice-bar").innerText()).toContain("E2E notice: spring picks are here");
    expect(await page.getByTestId("rich-text").innerText()).toContain("Points are taken at once");
    expect(await live.innerText()).toMatch(/E2E home wheel[\s\S]*10 points per go[\s\S]*Join now/);
    expect(await grid.getByRole("heading").innerText()).toBe("E2E 精选好物");
    expect(await grid.getByRole("heading").getAttribute("lang")).toBe("zh-CN");
    expect(await banner.locator("img").first().getAttribute("alt")).toBe("First: to the wheel");
    expect(await page.getByTestId("flash-sale").innerText()).toContain("10 left");
    await fullScreenshot(page, "storefront-home-en-full");
    await context.close();
  });

  it("the carousel: dots pick a slide, it can be paused, a swipe turns it without following the link", async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await page.goto(`${server.baseUrl}/`);
    const banner = page.getByTestId("banner");
    await banner.waitFor();
    const track = banner.locator(".banner-track");
    await banner.getByRole("button", { name: "暂停轮播" }).click();
    expect(await banner.getByRole("button", { name: "继续轮播" }).count()).toBe(1);
    // Paused, the slides announce themselves politely when they change.
    expect(await track.getAttribute("aria-live")).toBe("polite");

    await banner.getByRole("button", { name: /显示第 2 张/ }).click();
    await expect.poll(() => track.getAttribute("data-current")).toBe("1");
    expect(await banner.getByRole("button", { name: /显示第 2 张/ }).getAttribute("aria-current")).toBe("true");
    expect(await banner.getByTestId("banner-slide").nth(0).evaluate((e) => (e as HTMLElement).inert)).toBe(true);

    // A swipe to the left wraps around to the first slide and does not open the slide's link.
    const box = (await banner.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 6; i++) await page.mouse.move(box.x + box.width * (0.8 - i * 0.1), box.y + box.height / 2 + 2);
    await page.mouse.up();
    await expect.poll(() => track.getAttribute("data-current")).toBe("0");
    expect(new URL(page.url()).pathname).toBe("/");

    // A tap on the current slide follows its link.
    await banner.getByTestId("banner-slide").nth(0).locator("a").tap();
    await page.waitForURL(new RegExp(`/campaigns/${ids.liveWheel}$`));
    await context.close();
  });

  it("the carousel stays still for members who prefer reduced motion (until they press play)", async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await page.emulateMedia({ reducedMotion: "reduce" });
    await page.goto(`${server.baseUrl}/`);
    const banner = page.getByTestId("banner");
    await banner.getByRole("button", { name: "继续轮播" }).waitFor();
    expect(await banner.locator(".banner-track").getAttribute("aria-live")).toBe("polite");
    await context.close();
  });

  it("a tap on a product tile opens the product; the notice opens the topic page", async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await page.goto(`${server.baseUrl}/`);
    const tile = page.getByTestId("product-grid-block").getByTestId("product-tile").first();
    const name = (await tile.locator(".product-name").innerText()).trim();
    await tile.tap();
    await page.waitForURL(new RegExp(`/products/${ids.products[0]}$`));
    await expect.poll(() => page.getByTestId("product-name").innerText()).toBe(name);

    await page.goBack();
    await page.getByTestId("notice-bar").tap();
    await page.waitForURL(/\/topics\/e2e-spring$/);
    await page.getByTestId("page-view").waitFor();
    expect(await page.locator(".topic-title").innerText()).toBe("E2E 春日专题");
    expect(await blockTypes(page)).toEqual(["rich_text", "product_grid"]);
    expect(await page.getByTestId("product-tile").count()).toBe(2);
    await page.waitForLoadState("networkidle");
    await screenshot(page, "storefront-topic");
    await context.close();
  });

  it("a topic page that does not exist says so and leads home", async () => {
    const { context, page } = await newPage(browser, { mobile: true, locale: "en-US" });
    await page.goto(`${server.baseUrl}/topics/unknown`);
    await page.getByTestId("page-not-found").waitFor();
    expect(await page.getByTestId("page-not-found").innerText()).toContain("This page does not exist or is no longer available");
    await screenshot(page, "storefront-topic-not-found");
    await page.getByRole("link", { name: "Back to the mall" }).click();
    await page.waitForURL(`${server.baseUrl}/`);
    await page.getByTestId("page-view").waitFor();
    await context.close();
  });

  it("the console's preview renders a page posted from the parent window, in its language, with links held", async () => {
    // What the console would post: the unsaved draft resolved by the API.
    const draft = [...homeBlocks.filter((b) => (b as { id: string }).id !== "notice"), { id: "draft-notice", type: "notice", text: text("草稿里的公告", "A notice in the draft"), link: { type: "url", target: "/me" } }];
    const resolved = await ok<ResolvedPage>("POST", `/pages/${ids.home}/preview`, { blocks: draft });

    const { context, page } = await newPage(browser, { mobile: true });
    await page.goto(`${server.baseUrl}/products`);
    // The parent plays the console: an iframe on /preview, waiting for its "ready".
    await page.evaluate(
      (READY) =>
        new Promise<void>((resolve) => {
          const frame = document.createElement("iframe");
          frame.id = "phone";
          frame.src = "/preview";
          frame.style.cssText = "position:fixed;inset:0;width:100%;height:100%;border:0;z-index:100;background:#fff";
          window.addEventListener("message", (e) => {
            if (e.source === frame.contentWindow && e.data?.type === READY) resolve();
          });
          document.body.appendChild(frame);
        }),
      PREVIEW_READY,
    );
    const phone = page.frameLocator("#phone");
    const frame = page.frame({ url: /\/preview$/ })!;
    await phone.getByTestId("page-skeleton").waitFor();

    const message: PreviewPageMessage = { type: PREVIEW_PAGE, page: resolved, locale: "en-US" };
    // Not from the parent (the frame posting to itself), or malformed: ignored, the skeleton stays.
    await frame.evaluate((m) => window.postMessage(m, "*"), message);
    await page.evaluate(() => (document.getElementById("phone") as HTMLIFrameElement).contentWindow!.postMessage({ type: "pointmall:preview", page: null, locale: "en-US" }, "*"));
    await page.waitForTimeout(300);
    expect(await phone.getByTestId("page-skeleton").count()).toBe(1);

    await page.evaluate((m) => (document.getElementById("phone") as HTMLIFrameElement).contentWindow!.postMessage(m, window.location.origin), message);
    await phone.getByTestId("preview").waitFor();
    expect(await phone.getByTestId("notice-bar").innerText()).toContain("A notice in the draft");
    expect(await phone.getByTestId("mall-name").count()).toBe(1);
    expect(await phone.locator(".tab-bar .tab.active").innerText()).toBe("Home");
    expect(await phone.getByRole("button", { name: "中文" }).count()).toBe(1);
    // The preview's language is not remembered as the member's.
    expect(await frame.evaluate(() => localStorage.getItem("pointmall.shop.locale"))).toBeNull();

    // Links do not navigate: the frame stays on /preview and says why.
    await phone.getByTestId("notice-bar").click();
    await phone.getByTestId("preview-toast").waitFor();
    expect(await phone.getByTestId("preview-toast").innerText()).toBe("Links don't navigate in the preview");
    await phone.locator(".tab-bar").getByText("Orders").click();
    expect(new URL(frame.url()).pathname).toBe("/preview");

    // The next edit replaces the page (the console posts after every change), here in Chinese.
    await page.evaluate((m) => (document.getElementById("phone") as HTMLIFrameElement).contentWindow!.postMessage({ ...m, locale: "zh-CN" }, "*"), message);
    await expect.poll(() => phone.getByTestId("notice-bar").innerText()).toContain("草稿里的公告");
    await phone.getByTestId("banner").locator("img").first().evaluate((img: HTMLImageElement) => img.decode());
    await screenshot(page, "storefront-preview");
    await context.close();
  });
});
