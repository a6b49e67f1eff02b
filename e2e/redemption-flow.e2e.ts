import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { members, orders, products } from "../db/schema";
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

async function staff(username: string): Promise<Page> {
  const { page } = await newPage(browser);
  await page.goto(`${server.baseUrl}/admin/login`);
  await page.locator("#username").fill(username);
  await page.locator("#password").fill("pointmall");
  await page.locator("button[type=submit]").click();
  await page.getByTestId("current-user").waitFor();
  return page;
}

const NAME = "E2E 旅行收纳包";
const MEMBER = "u-1001";

/**
 * Issue 4's whole story in the browser: a supplier lists a product, an operator approves it, a member
 * redeems it on the storefront, the supplier ships it, and the member's order shows the tracking number.
 */
describe("from a supplier's listing to a delivered redemption", () => {
  let productId = 0;
  let orderId = 0;

  it("a supplier creates a physical product and submits it for review", async () => {
    const page = await staff("supplier");
    await page.goto(`${server.baseUrl}/admin/products/create`);
    await page.getByTestId("name-zh-CN").fill(NAME);
    await page.getByTestId("description-zh-CN").fill("<p>防泼水，<strong>可折叠</strong>。</p>");
    await page.getByRole("tab", { name: "English" }).click();
    await page.getByTestId("name-en-US").fill("E2E Travel Organiser");
    await page.getByRole("tab", { name: "中文" }).click();
    await page.locator("#categoryId").click();
    await page.locator(".ant-select-tree-node-content-wrapper", { hasText: "充电" }).first().click();
    await page.locator(".ant-upload input[type=file]").first().setInputFiles({ name: "bag.png", mimeType: "image/png", buffer: pngTile(160, [200, 120, 40]) });
    await page.locator(".ant-upload-list-item-done img").first().waitFor();
    await page.locator("#pointsPrice").fill("300");
    await page.locator("#stock").fill("5");
    await page.getByRole("button", { name: /保存草稿/ }).click();
    await page.waitForURL(/\/products\/show\/\d+/);
    productId = Number(page.url().match(/show\/(\d+)/)![1]);
    await page.getByTestId("submit-product").click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: /提交审核/ }).click();
    await expect.poll(() => server.db.select().from(products).where(eq(products.id, productId)).get()!.status).toBe("pending_review");
    await page.close();
  });

  it("an operator approves it", async () => {
    const page = await staff("operator");
    await page.goto(`${server.baseUrl}/admin/approvals`);
    const row = page.locator(`.ant-table-row[data-row-key="${productId}"]`);
    await row.waitFor();
    await row.getByTestId(`approve-${productId}`).click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: /通\s*过/ }).click();
    await expect.poll(() => server.db.select().from(products).where(eq(products.id, productId)).get()!.status).toBe("on_sale");
    await page.close();
  });

  it("a member redeems it on the storefront", async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    const { url } = (await (await fetch(`${server.baseUrl}/api/shop/demo/sso-url?memberId=${MEMBER}&redirect=/products/${productId}`)).json()) as { url: string };
    await page.goto(server.baseUrl + url);
    await expect.poll(() => page.getByTestId("product-name").innerText()).toBe(NAME);
    const before = server.db.select().from(members).where(eq(members.externalId, MEMBER)).get()!.balance;
    await page.getByRole("link", { name: "立即兑换" }).click();
    await page.waitForURL(/\/redeem\//);
    // A new address when the member has none yet.
    if ((await page.locator(".address-option").count()) === 0) {
      await page.getByRole("button", { name: "新增收货地址" }).click();
      await page.locator("input[name=name]").fill("王霞");
      await page.locator("input[name=phone]").fill("13812345678");
      await page.locator("input[name=region]").fill("上海市 浦东新区");
      await page.locator("input[name=detail]").fill("世纪大道 100 号 8 楼");
      await page.getByRole("button", { name: "保存地址" }).click();
      await page.locator(".address-option.active").waitFor();
    }
    await page.getByRole("button", { name: "确认兑换" }).click();
    await page.waitForURL(/\/orders\/\d+/);
    orderId = Number(page.url().match(/orders\/(\d+)/)![1]);
    await expect.poll(() => page.getByTestId("order-status").innerText()).toBe("待发货");
    const order = server.db.select().from(orders).where(eq(orders.id, orderId)).get()!;
    expect(order).toMatchObject({ productId, pointsTotal: 300, status: "awaiting_shipment" });
    expect(server.db.select().from(members).where(eq(members.externalId, MEMBER)).get()!.balance).toBe(before - 300);
    expect(server.db.select().from(products).where(eq(products.id, productId)).get()!.stock).toBe(4);
    await context.close();
  });

  it("the supplier ships it, and the member's order shows the tracking number", async () => {
    const page = await staff("supplier");
    await page.goto(`${server.baseUrl}/admin/orders`);
    const row = page.locator(`.ant-table-row[data-row-key="${orderId}"]`);
    await row.waitFor();
    await page.getByTestId(`ship-${orderId}`).click();
    await page.getByTestId("ship-carrier").click();
    await page.locator(".ant-select-item-option", { hasText: "顺丰" }).click();
    await page.getByTestId("ship-tracking").fill("SF1400234567890");
    await page.getByTestId("ship-submit").click();
    await expect.poll(() => server.db.select().from(orders).where(eq(orders.id, orderId)).get()!.status).toBe("shipped");
    await page.close();

    const { context, page: phone } = await newPage(browser, { mobile: true });
    const { url } = (await (await fetch(`${server.baseUrl}/api/shop/demo/sso-url?memberId=${MEMBER}&redirect=/orders/${orderId}`)).json()) as { url: string };
    await phone.goto(server.baseUrl + url);
    await expect.poll(() => phone.getByTestId("tracking").innerText()).toContain("SF1400234567890");
    expect(await phone.getByTestId("order-status").innerText()).toBe("已发货");
    await screenshot(phone, "storefront-order-shipped");
    await phone.getByRole("button", { name: "确认收货" }).click();
    await expect.poll(() => phone.getByTestId("order-status").innerText()).toBe("已完成");
    await context.close();
  });
});
