import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { campaigns, pages, products, slotItems, slots } from "../db/schema";
import type { ResolvedPage } from "../api/domain/pages/resolved";
import { launchBrowser, newPage, pickOption, screenshot } from "./browser";
import { startServer, type RunningServer } from "./server";
import { pngTile } from "./fixtures";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(username: string, locale = "zh-CN", viewport = { width: 1600, height: 1000 }): Promise<Page> {
  const { page } = await newPage(browser, { locale });
  await page.setViewportSize(viewport);
  await page.goto(`${server.baseUrl}/admin/login`);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill("pointmall");
  await page.locator("button[type=submit]").click();
  await page.getByTestId("current-user").waitFor();
  return page;
}

const eventually = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout });
const menu = (page: Page) => page.locator(".ant-layout-sider .ant-menu");
const PATH = "/topics/e2e-builder";

/** What members get at a path: the published version's number and its block types in order. */
async function shopPage(path: string): Promise<{ version: number | null; types: string[] }> {
  const res = await fetch(`${server.baseUrl}/api/shop/pages?path=${encodeURIComponent(path)}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as ResolvedPage;
  return { version: body.version, types: body.blocks.map((b) => b.type) };
}

/** A product members can redeem now (the grid leaves out anything else) and a live lucky wheel. */
function pickFixtures() {
  const now = Date.now();
  const product = server.db
    .select()
    .from(products)
    .where(eq(products.status, "on_sale"))
    .all()
    .find((p) => p.stock > 0 && p.minTier === "" && (!p.saleStart || p.saleStart.getTime() <= now) && (!p.saleEnd || p.saleEnd.getTime() > now) && p.name["zh-CN"].length >= 4);
  const wheel = server.db
    .select()
    .from(campaigns)
    .where(eq(campaigns.template, "wheel"))
    .all()
    .find((c) => c.status !== "draft" && c.status !== "ended" && c.startAt.getTime() <= now && c.endAt.getTime() > now);
  if (!product || !wheel) throw new Error("the demo seed has no product on sale or no live wheel");
  return { product, wheel };
}


describe("page builder", () => {
  let pageId = 0;

  it("an operator builds a topic page with a product grid and a wheel entry, previews it on the phone, publishes, reorders by keyboard, rolls back, and schedules then cancels a publish", async () => {
    const { product, wheel } = pickFixtures();
    const page = await signIn("operator");
    const previewCalls: number[] = [];
    page.on("response", (r) => {
      if (r.request().method() === "POST" && /\/api\/admin\/pages\/\d+\/preview$/.test(r.url())) previewCalls.push(r.status());
    });

    // The menu group, then a new topic page (the seed may or may not have a home page: this test makes its own).
    await eventually(() => menu(page).innerText()).toContain("店铺装修");
    await page.goto(`${server.baseUrl}/admin/pages`);
    await page.getByTestId("pages-table").waitFor();
    await page.getByTestId("new-page").click();
    await page.getByRole("radio", { name: "专题页" }).check();
    await page.getByTestId("page-slug").fill("e2e-builder");
    await page.getByTestId("new-page-title-zh").fill("搭建测试专题");
    await page.getByTestId("new-page-title-en").fill("Builder test");
    await page.getByTestId("create-page").click();
    await page.getByTestId("page-editor").waitFor();
    pageId = server.db.select().from(pages).where(eq(pages.path, PATH)).get()!.id;
    expect(page.url()).toContain(`/admin/pages/edit/${pageId}`);
    await page.getByTestId("no-blocks").waitFor();

    // The phone preview: the storefront's /preview route says it is ready.
    await eventually(() => page.getByTestId("phone-preview").getAttribute("data-ready")).toBe("true");
    const phone = page.frameLocator('[data-testid="preview-frame"]');

    // A product grid without products: the API says what is missing, on the block, and the preview waits.
    await page.getByTestId("add-block-product_grid").click();
    const grid = page.getByTestId("block-0");
    await eventually(() => grid.getAttribute("data-problems")).toBe("1");
    await expect.poll(() => grid.locator(".ant-form-item-explain-error").innerText()).toContain("请至少选择一件商品");
    await page.getByTestId("preview-stale").waitFor();
    await page.mouse.move(0, 0);
    await page.waitForTimeout(400); // the error text fades in
    await screenshot(page, "page-builder-problems");

    await page.locator("#block_title_zh-CN").fill("精选好物");
    await pickOption(page, "block_productIds", product.name["zh-CN"].slice(0, 4), `product-option-${product.id}`);
    await eventually(() => grid.getAttribute("data-problems")).toBe("0");
    await eventually(() => phone.locator("body").innerText()).toContain(product.name["zh-CN"]);
    expect(await phone.locator("body").innerText()).toContain("精选好物");

    // A campaign entry: narrowed to lucky wheels, then the live wheel.
    await page.getByTestId("add-block-campaign_entry").click();
    const entry = page.getByTestId("block-1");
    await entry.getByTestId("block-settings-campaign_entry").waitFor();
    await entry.getByTestId("campaign-template-filter").click();
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "幸运大转盘" }).click();
    await pickOption(page, "block_campaignId", wheel.title["zh-CN"].slice(0, 3), `campaign-option-${wheel.id}`);
    await eventually(() => phone.getByTestId("campaign-entry").count()).toBe(1);
    expect(await phone.getByTestId("campaign-entry").innerText()).toContain(wheel.title["zh-CN"]);
    expect(previewCalls).toContain(422);
    expect(previewCalls.at(-1)).toBe(200);
    await page.getByTestId("block-0").getByTestId("block-toggle").click();
    await screenshot(page, "page-builder-editor");

    // Save the draft: members still see nothing at this path.
    await page.getByTestId("save-draft").click();
    await eventually(() => page.getByTestId("unsaved-badge").count()).toBe(0);
    expect(server.db.select().from(pages).where(eq(pages.id, pageId)).get()!.draft.map((b) => b.type)).toEqual(["product_grid", "campaign_entry"]);
    expect((await fetch(`${server.baseUrl}/api/shop/pages?path=${PATH}`)).status).toBe(404);

    // Publish now, with a note: version 1, both blocks.
    await page.getByTestId("publish").click();
    await page.locator("#publish_note").fill("首发：精选好物 + 大转盘");
    await page.getByTestId("confirm-publish").click();
    await eventually(() => page.getByTestId("live-version").getAttribute("data-version")).toBe("1");
    expect(await shopPage(PATH)).toEqual({ version: 1, types: ["product_grid", "campaign_entry"] });

    // Reorder with the keyboard: focus the grid's "move down" button and press Enter; focus follows the block.
    // (Once the publish dialog has gone: closing, it gives the focus back to the Publish button.)
    await eventually(() => page.locator(".ant-modal-wrap:visible").count()).toBe(0);
    await page.getByTestId("block-0").getByTestId("move-down").focus();
    await page.keyboard.press("Enter");
    await eventually(() => page.getByTestId("block-0").getAttribute("data-block-type")).toBe("campaign_entry");
    expect(await page.getByTestId("block-1").getAttribute("data-block-type")).toBe("product_grid");
    await eventually(() => page.evaluate(() => document.activeElement?.closest("[data-block-type]")?.getAttribute("data-block-type"))).toBe("product_grid");
    await page.getByTestId("unsaved-badge").waitFor();
    await eventually(async () => (await phone.locator("[data-testid=campaign-entry], [data-testid=product-grid-block]").first().getAttribute("data-testid")) ?? "").toBe("campaign-entry");

    // Leaving with unsaved changes asks first; staying keeps the editor.
    const asked = new Promise<string>((resolve) => page.once("dialog", (d) => void d.dismiss().then(() => resolve(d.message()))));
    await menu(page).getByText("主题").click();
    expect(await asked).toContain("未保存");
    expect(page.url()).toContain(`/admin/pages/edit/${pageId}`);

    // Publish again: the unsaved order is saved first, then published as version 2.
    await page.getByTestId("publish").click();
    await page.getByText("未保存的修改会先保存为草稿").waitFor();
    await page.getByTestId("confirm-publish").click();
    await eventually(() => page.getByTestId("live-version").getAttribute("data-version")).toBe("2");
    expect(await shopPage(PATH)).toEqual({ version: 2, types: ["campaign_entry", "product_grid"] });

    // The versions drawer: preview version 1 in the phone, then roll back to it (published as version 3).
    await page.getByTestId("open-versions").click();
    const drawer = page.getByTestId("versions-drawer");
    await eventually(() => drawer.getByTestId("version-2").getAttribute("data-state")).toBe("live");
    expect(await drawer.getByTestId("version-1").getAttribute("data-state")).toBe("previous");
    expect(await drawer.getByTestId("version-1").innerText()).toContain("首发：精选好物 + 大转盘");
    await page.waitForTimeout(400); // the drawer slides in
    await screenshot(page, "page-builder-versions");
    await drawer.getByTestId("version-1").getByTestId("preview-version").click();
    await eventually(() => page.getByTestId("phone-preview").getAttribute("data-version")).toBe("1");
    await page.getByTestId("back-to-draft").click();
    await page.getByTestId("open-versions").click();
    await drawer.getByTestId("version-1").getByTestId("rollback").click();
    await page.getByTestId("confirm-rollback").click();
    await eventually(() => page.getByTestId("live-version").getAttribute("data-version")).toBe("3");
    expect(await shopPage(PATH)).toEqual({ version: 3, types: ["product_grid", "campaign_entry"] });
    // The draft is version 1's blocks again.
    await eventually(() => page.getByTestId("block-0").getAttribute("data-block-type")).toBe("product_grid");
    await drawer.waitFor({ state: "hidden" });

    // A change scheduled for tomorrow 10:00 (Shanghai), then cancelled from the versions drawer.
    const toggle = page.getByTestId("block-0").getByTestId("block-toggle");
    if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
    await page.locator("#block_title_zh-CN").fill("明日上新");
    await page.getByTestId("publish").click();
    await page.getByRole("radio", { name: "定时发布" }).check();
    const tomorrow = new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
    const at = page.locator("#publish_publishAt");
    await at.click();
    await at.fill(`${tomorrow} 10:00`);
    await at.press("Enter");
    await page.getByTestId("confirm-publish").click();
    await eventually(() => server.db.select().from(pages).where(eq(pages.id, pageId)).get()!.draft.map((b) => (b.type === "product_grid" ? b.title["zh-CN"] : b.type))).toEqual(["明日上新", "campaign_entry"]);
    await page.getByText(`定时 ${tomorrow} 10:00`).waitFor();
    expect((await shopPage(PATH)).version).toBe(3);
    await page.getByTestId("open-versions").click();
    await eventually(() => drawer.getByTestId("version-4").getAttribute("data-state")).toBe("scheduled");
    await drawer.getByTestId("version-4").getByTestId("cancel-scheduled").click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: "取消发布" }).click();
    await eventually(() => drawer.getByTestId("version-4").count()).toBe(0);
    await page.locator(".ant-drawer-close").click();
    await drawer.waitFor({ state: "hidden" });

    // The list says what is live and that nothing is waiting.
    await page.goto(`${server.baseUrl}/admin/pages`);
    const row = page.locator(".ant-table-row", { hasText: PATH });
    await eventually(() => row.getByTestId("published-version").innerText()).toContain("v3");
    // The draft's new title waits: unpublished changes, and no scheduled publish any more.
    expect(await row.getByTestId("unpublished-badge").count()).toBe(1);
    expect(await row.locator(".anticon-clock-circle").count()).toBe(0);
    await page.waitForLoadState("networkidle");
    await screenshot(page, "page-builder-pages");
    await page.close();
  });

  it("an operator reorders a slot's banners by dragging and adds one with an uploaded picture and a campaign link (in English)", async () => {
    const { wheel } = pickFixtures();
    const slot = server.db.select().from(slots).all()[0];
    if (!slot) throw new Error("the demo seed has no slot");
    const order = () => server.db.select().from(slotItems).where(eq(slotItems.slotId, slot.id)).orderBy(slotItems.sortOrder).all().map((i) => i.id);
    const before = order();
    expect(before.length).toBeGreaterThanOrEqual(2);

    const page = await signIn("operator", "en-US");
    await page.goto(`${server.baseUrl}/admin/slots`);
    await page.locator(".ant-table-row", { hasText: slot.code }).getByRole("button", { name: /Items/ }).click();
    const list = page.getByTestId("slot-items");
    await list.waitFor();

    // Drag the last banner to the top by its grip (dnd-kit starts a drag after a few pixels of movement).
    const last = before.length - 1;
    const grip = page.getByTestId(`slot-item-${last}`).getByRole("button", { name: /Drag to reorder/ });
    const from = (await grip.boundingBox())!;
    const to = (await page.getByTestId("slot-item-0").boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y - 10, { steps: 4 });
    await page.mouse.move(from.x + from.width / 2, to.y + 4, { steps: 12 });
    await page.mouse.up();
    await eventually(() => order()).toEqual([before[last], ...before.slice(0, last)]);

    // A new banner: picture uploaded, title in both languages, a link to the wheel.
    await page.getByTestId("new-slot-item").click();
    await page.getByTestId("slot-item-image").locator("input[type=file]").setInputFiles({ name: "spring.png", mimeType: "image/png", buffer: pngTile(200, [200, 30, 40]) });
    await eventually(() => page.getByTestId("slot-item-image").locator("img").count()).toBe(1);
    await page.locator("#slot-item_title_zh-CN").fill("春节转盘");
    await page.locator("#slot-item_title_en-US").fill("Spring wheel");
    await page.locator(".ant-modal").getByTestId("link-type").click();
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "Campaign" }).click();
    await page.locator(".ant-modal").getByTestId("campaign-template-filter").click();
    await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: "Lucky wheel" }).click();
    await page.locator(".ant-modal").getByTestId("campaign-picker").click();
    await page.locator(`.ant-select-dropdown:visible [data-testid="campaign-option-${wheel.id}"]`).click();
    await screenshot(page, "page-builder-slot-item");
    await page.getByTestId("save-slot-item").click();
    await eventually(() => order().length).toBe(before.length + 1);
    const added = server.db.select().from(slotItems).where(eq(slotItems.slotId, slot.id)).all().find((i) => i.title["en-US"] === "Spring wheel")!;
    expect(added).toMatchObject({ link: { type: "campaign", target: String(wheel.id) } });
    expect(added.image).toMatch(/^\/uploads\/[a-f0-9]{64}\.png$/);
    await eventually(() => list.locator("[data-testid^=slot-item-]").count()).toBe(before.length + 1);
    await screenshot(page, "page-builder-slot");
    await page.close();
  });

  it("shows the themes, with the one active now, and a theme's form with colour pickers", async () => {
    const page = await signIn("operator");
    await page.goto(`${server.baseUrl}/admin/themes`);
    await page.getByTestId("new-theme").waitFor();
    await page.waitForLoadState("networkidle");
    await screenshot(page, "page-builder-themes");
    await page.getByTestId("new-theme").click();
    await page.getByTestId("save-theme").waitFor();
    await page.getByTestId("theme-name-zh-CN").fill("春节红");
    await screenshot(page, "page-builder-theme-form");
    await page.close();
  });

  it("a service user sees the pages but no button to change or publish them", async () => {
    const page = await signIn("service");
    await eventually(() => menu(page).innerText()).toContain("店铺装修");
    await page.goto(`${server.baseUrl}/admin/pages`);
    const row = page.locator(".ant-table-row", { hasText: PATH });
    await row.waitFor();
    // Give the access checks time to answer before counting buttons that must not be there.
    await row.getByTestId("preview-page").waitFor();
    await page.waitForLoadState("networkidle");
    expect(await page.getByTestId("new-page").count()).toBe(0);
    expect(await page.getByTestId("edit-page").count()).toBe(0);
    expect(await row.locator(".anticon-delete").count()).toBe(0);

    // Reading is allowed: the phone preview of what members see.
    await row.getByTestId("preview-page").click();
    await eventually(() => page.locator(".ant-modal").getByTestId("phone-preview").getAttribute("data-ready")).toBe("true");

    // The editor itself is not theirs.
    await page.goto(`${server.baseUrl}/admin/pages/edit/${pageId}`);
    await page.locator(".ant-result-403").waitFor();
    expect(await page.getByTestId("publish").count()).toBe(0);
    expect(await page.getByTestId("save-draft").count()).toBe(0);
    await page.close();
  });
});
