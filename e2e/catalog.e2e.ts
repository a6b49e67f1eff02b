import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { asc, eq } from "drizzle-orm";
import { categories, products } from "../db/schema";
import { launchBrowser, newPage, screenshot } from "./browser";
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

async function signIn(username: string, locale = "zh-CN"): Promise<Page> {
  const { page } = await newPage(browser, { locale });
  await page.goto(`${server.baseUrl}/admin/login`);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill("pointmall");
  await page.locator("button[type=submit]").click();
  await page.getByTestId("current-user").waitFor();
  return page;
}

/** The "商品" menu group, opened. */
async function catalogMenu(page: Page): Promise<string> {
  const group = page.locator(".ant-layout-sider .ant-menu-submenu", { hasText: "商品" }).first();
  await group.waitFor();
  if (!((await group.getAttribute("class")) ?? "").includes("ant-menu-submenu-open")) await group.locator(".ant-menu-submenu-title").click();
  await expect.poll(() => group.locator(".ant-menu-sub").isVisible()).toBe(true);
  return group.innerText();
}

const NAME = "E2E 降噪蓝牙耳机";
let productId = 0;

describe("catalog console", () => {
  it("the supplier sees only their products, creates a physical product and submits it for review", async () => {
    const page = await signIn("supplier");
    const items = await catalogMenu(page);
    expect(items).toContain("商品管理");
    // Suppliers read categories for their forms, but the category tree page is the operators'.
    expect(items).not.toContain("商品分类");
    // Approving is for operators: the supplier has no approvals menu.
    expect(items).not.toContain("商品审核");

    await page.goto(`${server.baseUrl}/admin/products`);
    await page.getByTestId("products-table").locator(".ant-table-row").first().waitFor();
    const rows = await page.getByTestId("products-table").locator(".ant-table-row").allInnerTexts();
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.join("\n")).toContain("智能手环 8");
    // Other suppliers' products are not there.
    expect(rows.join("\n")).not.toContain("赣南脐橙");
    expect(rows.join("\n")).toContain("已驳回");
    await screenshot(page, "catalog-supplier-products");

    await page.getByTestId("create-product").click();
    await page.waitForURL(/\/products\/create/);
    await page.getByTestId("name-zh-CN").fill(NAME);
    await page.getByTestId("description-zh-CN").fill("<p>通勤降噪，续航 <strong>30 小时</strong>。</p><script>alert(1)</script>");
    await page.getByRole("tab", { name: "English" }).click();
    await page.getByTestId("name-en-US").fill("E2E ANC Earbuds");
    await page.getByRole("tab", { name: "中文" }).click();
    // The preview shows the sanitised description.
    await expect.poll(() => page.locator(".pm-rich strong").first().innerText()).toBe("30 小时");

    await page.locator("#categoryId").click();
    await page.locator(".ant-select-tree-node-content-wrapper", { hasText: "耳机" }).first().click();
    await page.locator('[data-testid="image-upload"] input[type=file], .ant-upload input[type=file]').first().setInputFiles({ name: "earbuds.png", mimeType: "image/png", buffer: pngTile(160, [30, 90, 200]) });
    await page.locator(".ant-upload-list-item-done img").first().waitFor();
    await page.locator("#pointsPrice").fill("8888");
    await page.locator("#stock").fill("25");
    await screenshot(page, "catalog-supplier-create");

    await page.getByRole("button", { name: /保存草稿/ }).click();
    await page.waitForURL(/\/products\/show\/\d+/);
    productId = Number(page.url().match(/show\/(\d+)/)![1]);
    const saved = server.db.select().from(products).where(eq(products.id, productId)).get()!;
    expect(saved).toMatchObject({ status: "draft", supplierId: server.ids["supplier.digital"], pointsPrice: 8888, stock: 25, type: "physical" });
    expect(saved.description["zh-CN"]).not.toContain("script");
    expect(saved.images[0]).toMatch(/^\/uploads\/[a-f0-9]{64}\.png$/);

    await page.getByTestId("submit-product").click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: /提交审核/ }).click();
    await expect.poll(() => page.getByTestId("product-show").innerText()).toContain("审核中");
    expect(server.db.select().from(products).where(eq(products.id, productId)).get()!.status).toBe("pending_review");
    await screenshot(page, "catalog-supplier-submitted");

    // Not on sale yet: the shop does not list it.
    expect((await fetch(`${server.baseUrl}/api/shop/products/${productId}`)).status).toBe(404);

    // Editing a listed product warns that saving sends it back to review.
    await page.goto(`${server.baseUrl}/admin/products/edit/${server.ids["product.gan-charger"]}`);
    await page.getByTestId("back-to-review").waitFor();
    await expect.poll(() => page.getByTestId("name-zh-CN").inputValue()).toContain("氮化镓");
    await screenshot(page, "catalog-supplier-edit");
    await page.close();
  });

  it("the operator approves it in the approvals queue, and it appears in the shop", async () => {
    const page = await signIn("operator");
    expect(await catalogMenu(page)).toContain("商品审核");
    await page.goto(`${server.baseUrl}/admin/approvals`);
    const row = page.locator(`.ant-table-row[data-row-key="${productId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain(NAME);
    expect(await row.innerText()).toContain("新商品");
    expect(await page.getByTestId("approvals-table").locator(".ant-table-row").count()).toBeGreaterThanOrEqual(3);
    // A changed listing shows what differs from the version on sale.
    const changed = page.locator(`.ant-table-row[data-row-key="${server.ids["product.blueberries"]}"]`);
    await expect.poll(() => changed.getByTestId("changes").innerText()).toMatch(/积分价[\s\S]*6,800[\s\S]*5,900/);
    await screenshot(page, "catalog-approvals");

    await row.getByTestId(`approve-${productId}`).click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: /通\s*过/ }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(server.db.select().from(products).where(eq(products.id, productId)).get()).toMatchObject({ status: "on_sale", reviewedBy: "operator" });

    const shop = (await (await fetch(`${server.baseUrl}/api/shop/products?q=${encodeURIComponent("E2E")}`)).json()) as { items: { id: number; pointsPrice: number }[] };
    expect(shop.items.map((p) => p.id)).toContain(productId);
    const detail = await fetch(`${server.baseUrl}/api/shop/products/${productId}`);
    expect(detail.status).toBe(200);
    // The uploaded picture is served with a long cache.
    const picture = await fetch(`${server.baseUrl}${((await detail.json()) as { images: string[] }).images[0]}`);
    expect(picture.headers.get("cache-control")).toContain("immutable");
    await page.close();
  });

  it("the operator rejects a listing with a reason, which the supplier then sees", async () => {
    const pending = server.db.select().from(products).where(eq(products.id, server.ids["product.smart-band"])).get()!;
    const page = await signIn("operator");
    await page.goto(`${server.baseUrl}/admin/approvals`);
    const row = page.locator(`.ant-table-row[data-row-key="${pending.id}"]`);
    await row.waitFor();
    await row.getByTestId(`reject-${pending.id}`).click();
    // The reason is required.
    await page.getByTestId("confirm-reject").click();
    await page.locator(".ant-form-item-explain-error").first().waitFor();
    await page.getByTestId("reject-reason").fill("请补充手环的续航实测数据。Please add measured battery life.");
    await expect.poll(() => page.locator(".ant-modal .ant-form-item-explain-error").count()).toBe(0);
    await screenshot(page, "catalog-reject-modal");
    await page.getByTestId("confirm-reject").click();
    await expect.poll(() => row.count()).toBe(0);
    await page.close();

    const supplier = await signIn("supplier");
    await supplier.goto(`${server.baseUrl}/admin/products/show/${pending.id}`);
    await expect.poll(() => supplier.getByTestId("reject-reason").innerText()).toContain("续航实测数据");
    await screenshot(supplier, "catalog-supplier-rejected");
    await supplier.close();
  });

  it("the operator imports coupon codes from CSV and watches the progress", async () => {
    const id = server.ids["product.luckin-voucher"];
    const before = server.db.select().from(products).where(eq(products.id, id)).get()!.stock;
    const page = await signIn("operator");
    await page.goto(`${server.baseUrl}/admin/products/show/${id}`);
    await page.getByTestId("code-pool").waitFor();
    const fmt = (n: number) => new Intl.NumberFormat("en-US").format(n);
    await expect.poll(() => page.getByTestId("code-pool").innerText()).toContain(fmt(before));
    await page.getByTestId("import-codes").click();
    const codes = ["code", ...Array.from({ length: 1500 }, (_, i) => `LK-E2E-${String(i).padStart(5, "0")}`), "LK-E2E-00007"].join("\n");
    await page.getByTestId("codes-text").fill(codes);
    await expect.poll(() => page.locator(".ant-modal").innerText()).toContain("1501");
    await page.getByTestId("start-import").click();
    await page.getByTestId("import-progress").waitFor();
    await expect.poll(() => page.getByTestId("import-progress").innerText(), { timeout: 30_000 }).toContain("已导入 1500 个券码");
    expect(await page.getByTestId("import-errors").innerText()).toContain("与第 9 行重复");
    await page.waitForTimeout(600); // the bar and the button finish their transitions
    await screenshot(page, "catalog-coupon-import");
    await page.getByTestId("close-import").click();
    await expect.poll(() => page.getByTestId("code-pool").innerText()).toContain(fmt(before + 1500));
    expect(server.db.select().from(products).where(eq(products.id, id)).get()!.stock).toBe(before + 1500);
    // The console never shows a code.
    expect(await page.content()).not.toContain("LK-E2E-0000");
    await page.close();
  });

  it("shows the category tree and the product list to an operator, in English too", async () => {
    const page = await signIn("operator");
    await page.goto(`${server.baseUrl}/admin/categories`);
    await page.getByTestId("category-tree").waitFor();
    await expect.poll(() => page.getByTestId("category-tree").innerText()).toContain("视频会员");
    await screenshot(page, "catalog-categories");

    // Drag 咖啡 above 话费: the siblings' order is saved.
    const node = (id: number) => page.locator(".ant-tree-treenode", { has: page.getByTestId(`category-${id}`) });
    const [coffee, topups] = [server.ids["category.coffee"], server.ids["category.topups"]];
    await node(coffee).dragTo(node(topups), { targetPosition: { x: 120, y: 3 } });
    await expect
      .poll(() => server.db.select({ id: categories.id }).from(categories).where(eq(categories.parentId, server.ids["category.vouchers"])).orderBy(asc(categories.sortOrder)).all().map((c) => c.id))
      .toEqual([coffee, topups, server.ids["category.streaming"]]);

    // A category with products cannot be deleted: the reason is shown.
    await page.getByTestId(`delete-category-${topups}`).click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: /删\s*除/ }).click();
    await expect.poll(() => page.locator(".ant-message").innerText()).toContain("还有子分类或商品");
    expect(server.db.select().from(categories).where(eq(categories.id, topups)).get()).toBeTruthy();

    await page.goto(`${server.baseUrl}/admin/products`);
    await page.getByTestId("products-table").locator(".ant-table-row").first().waitFor();
    await screenshot(page, "catalog-operator-products");
    await page.getByTestId("locale-switch").getByText("English").click();
    await expect.poll(() => page.getByTestId("products-table").innerText()).toContain("On sale");
    await page.getByTestId("low-stock-filter").click();
    await expect.poll(() => page.url()).toContain("lowStock");
    await page.getByTestId("products-table").locator(".ant-table-row").first().waitFor();
    await expect.poll(async () => (await page.getByTestId("products-table").locator(".ant-table-row").allInnerTexts()).join("\n")).toContain("Kids");
    await screenshot(page, "catalog-operator-low-stock-en");
    await page.goto(`${server.baseUrl}/admin/products/create`);
    await page.getByTestId("name-zh-CN").waitFor();
    await page.getByTestId("type-radio").getByText("Virtual").click();
    await page.getByText("Supplier fulfilment endpoint").waitFor();
    await screenshot(page, "catalog-operator-create-en");
    await page.close();
  });
});
