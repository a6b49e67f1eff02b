import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { and, eq } from "drizzle-orm";
import { ledgerEntries, members, orders, products } from "../db/schema";
import { redeemFor } from "../api/test/order-fixtures";
import { launchBrowser, newPage, screenshot } from "./browser";
import { startServer, type RunningServer } from "./server";

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

/** A physical order redeemed by a demo member, through the real redemption code. */
const redeem = (member: string, product: string) => redeemFor(server.db, server.app.ctx, server.ids[`member.${member}`], server.ids[`product.${product}`], new Date());
const orderRow = (id: number) => server.db.select().from(orders).where(eq(orders.id, id)).get()!;
const balanceOf = (memberId: number) => server.db.select({ b: members.balance }).from(members).where(eq(members.id, memberId)).get()!.b;
const awaitingOf = (supplierId: number) => server.db.select().from(orders).where(and(eq(orders.supplierId, supplierId), eq(orders.status, "awaiting_shipment"))).all().length;
const menu = (page: Page) => page.locator(".ant-layout-sider .ant-menu-root");
/** Waits for the antd modal's zoom animation before a screenshot. */
const settle = (page: Page) => page.waitForTimeout(400);

describe("orders console", () => {
  it("supplier staff see only their own menu: dashboard, products, orders, their supplier", async () => {
    const page = await signIn("supplier");
    await expect.poll(() => menu(page).innerText()).toContain("订单");
    // Groups open so that every entry is listed.
    for (const group of await page.locator(".ant-layout-sider .ant-menu-submenu:not(.ant-menu-submenu-open) > .ant-menu-submenu-title").all()) await group.click();
    const text = await menu(page).innerText();
    for (const wanted of ["工作台", "商品管理", "订单", "供应商"]) expect(text).toContain(wanted);
    // Nothing of staff, roles, the audit log, members, points, rules, apps, reviews or the approvals queue.
    // (The category tree is the catalog's to decide: suppliers read it for their product form.)
    for (const hidden of ["员工账号", "角色权限", "操作日志", "会员", "积分", "积分规则", "积分流水", "审核队列", "积分设置", "接入", "推送记录", "商品审核"]) expect(text, hidden).not.toContain(hidden);
    await screenshot(page, "orders-supplier-menu");
    await page.close();
  });

  it("a supplier sees a new order awaiting shipment, ships it, and the timeline and dashboard show it", async () => {
    const digital = server.ids["supplier.digital"];
    const order = redeem("3", "tws-earbuds");
    expect(order.status).toBe("awaiting_shipment");
    const waiting = awaitingOf(digital);

    const page = await signIn("supplier");
    // Their dashboard first: what waits for them.
    await expect.poll(() => page.getByTestId("stat-awaiting").innerText()).toBe(String(waiting));
    await page.getByTestId("redemptions-chart").locator("canvas").first().waitFor();
    await screenshot(page, "orders-supplier-dashboard");

    await page.goto(`${server.baseUrl}/admin/orders`);
    // Suppliers open on what waits for shipment.
    const row = page.locator(`.ant-table-row[data-row-key="${order.id}"]`);
    await row.waitFor();
    expect(await page.locator(".ant-tabs-tab-active").innerText()).toContain("待发货");
    expect(await row.innerText()).toContain(order.orderNo);
    expect(await row.innerText()).toContain("真无线蓝牙耳机");
    expect(await row.innerText()).toContain("12,800 积分");
    expect(await page.getByTestId("tab-awaiting_shipment").innerText()).toContain(String(waiting));
    await screenshot(page, "orders-supplier-list");

    await page.getByTestId(`ship-${order.id}`).click();
    const dialog = page.locator(".ant-modal", { hasText: order.orderNo });
    await dialog.waitFor();
    // The address is shown in full to the supplier who ships it.
    expect(await dialog.innerText()).toContain("13800138000");
    // Without a tracking number nothing is sent.
    await page.getByTestId("ship-submit").click();
    await expect.poll(() => dialog.innerText()).toContain("请填写运单号");
    await page.getByTestId("ship-carrier").click();
    await page.locator(".ant-select-item-option", { hasText: "中通快递" }).click();
    await page.getByTestId("ship-tracking").fill("ZTO7788990011");
    await settle(page);
    await screenshot(page, "orders-ship-dialog");
    await page.getByTestId("ship-submit").click();
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(() => page.getByTestId("tab-awaiting_shipment").innerText()).toContain(String(waiting - 1));
    expect(orderRow(order.id)).toMatchObject({ status: "shipped", carrier: "ZTO", trackingNo: "ZTO7788990011" });

    await page.goto(`${server.baseUrl}/admin/orders/show/${order.id}`);
    await expect.poll(() => page.getByTestId("order-show").getAttribute("data-status")).toBe("shipped");
    const shipped = page.getByTestId("timeline-item").and(page.locator('[data-status="shipped"]'));
    await shipped.waitFor();
    expect(await shipped.innerText()).toContain("中通快递 运单号 ZTO7788990011");
    expect(await shipped.innerText()).toContain("供应商员工 supplier");
    expect(await page.getByTestId("order-tracking").innerText()).toBe("ZTO7788990011");
    // Shipped: no more shipping or cancelling; a return is possible.
    expect(await page.getByTestId(`ship-${order.id}`).count()).toBe(0);
    expect(await page.getByTestId(`cancel-${order.id}`).count()).toBe(0);
    expect(await page.getByTestId(`return-${order.id}`).count()).toBe(1);
    await screenshot(page, "orders-show-shipped");

    await page.goto(`${server.baseUrl}/admin/`);
    await expect.poll(() => page.getByTestId("stat-awaiting").innerText()).toBe(String(waiting - 1));

    // The goods come back faulty: the supplier records a defect return and the points go back.
    const balance = balanceOf(order.memberId);
    await page.goto(`${server.baseUrl}/admin/orders/show/${order.id}`);
    await page.getByTestId(`return-${order.id}`).click();
    await page.locator(".ant-modal", { hasText: order.orderNo }).waitFor();
    await page.getByTestId("return-note").fill("左耳无声");
    await settle(page);
    await screenshot(page, "orders-return-dialog");
    await page.getByTestId("return-submit").click();
    await expect.poll(() => page.getByTestId("order-show").getAttribute("data-status")).toBe("returned");
    expect(orderRow(order.id)).toMatchObject({ status: "returned", returnReason: "defect", closeReason: "左耳无声" });
    expect(balanceOf(order.memberId)).toBe(balance + 12800);
    expect(await page.getByTestId("timeline-item").and(page.locator('[data-status="returned"]')).innerText()).toContain("左耳无声");
    await page.close();
  });

  it("customer service cancels an order awaiting shipment with a reason, and the member's points come back", async () => {
    const memberId = server.ids["member.5"];
    const order = redeem("5", "power-bank");
    const afterRedeem = balanceOf(memberId);
    const stock = server.db.select({ s: products.stock }).from(products).where(eq(products.id, order.productId)).get()!.s;

    const page = await signIn("service");
    await page.goto(`${server.baseUrl}/admin/orders/show/${order.id}`);
    await page.getByTestId(`cancel-${order.id}`).click();
    const dialog = page.locator(".ant-modal", { hasText: order.orderNo });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain("7,800 积分退回会员");
    // A reason is required.
    await page.getByTestId("cancel-submit").click();
    await expect.poll(() => dialog.innerText()).toContain("请填写取消原因");
    await page.getByTestId("cancel-reason").fill("会员来电要求取消");
    await settle(page);
    await screenshot(page, "orders-cancel-dialog");
    await page.getByTestId("cancel-submit").click();
    await expect.poll(() => page.getByTestId("order-show").getAttribute("data-status")).toBe("cancelled");
    const cancelled = page.getByTestId("timeline-item").and(page.locator('[data-status="cancelled"]'));
    expect(await cancelled.innerText()).toContain("会员来电要求取消");
    expect(await cancelled.innerText()).toContain("员工 service");
    await screenshot(page, "orders-show-cancelled");

    // The ledger: the spend is refunded in full, and the stock is back.
    const refund = server.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.orderId, order.id), eq(ledgerEntries.type, "refund"))).get()!;
    expect(refund.amount).toBe(7800);
    expect(balanceOf(memberId)).toBe(afterRedeem + 7800);
    expect(server.db.select({ s: products.stock }).from(products).where(eq(products.id, order.productId)).get()!.s).toBe(stock + 1);
    expect(orderRow(order.id)).toMatchObject({ status: "cancelled", closeReason: "会员来电要求取消", refundEntryId: refund.id });
    await page.close();
  });

  it("a supplier cannot see another supplier's order: its URL shows not found", async () => {
    const other = redeem("7", "navel-oranges");
    const page = await signIn("supplier");
    await page.goto(`${server.baseUrl}/admin/orders/show/${other.id}`);
    await page.getByTestId("order-not-found").waitFor();
    expect(await page.getByTestId("order-not-found").innerText()).toContain("订单不存在");
    expect(await page.locator("body").innerText()).not.toContain(other.orderNo);
    await screenshot(page, "orders-not-found");
    // Nor in their list, whatever they search for.
    await page.goto(`${server.baseUrl}/admin/orders?filters[0][field]=q&filters[0][operator]=eq&filters[0][value]=${other.orderNo}`);
    await page.locator(".ant-table-placeholder").waitFor();
    await page.close();
  });

  it("bulk ships two orders from CSV; a bad line is listed with its problem", async () => {
    const a = redeem("8", "gan-charger");
    const b = redeem("9", "car-charger");
    const page = await signIn("supplier");
    await page.goto(`${server.baseUrl}/admin/orders`);
    await page.locator(`.ant-table-row[data-row-key="${a.id}"]`).waitFor();
    await page.getByTestId("bulk-ship").click();
    await page.getByTestId("bulk-csv").fill(["orderNo,carrier,trackingNo", `${a.orderNo},SF,SF1029384756`, `${b.orderNo},JD,JDVA0099887766`, "PM000NOSUCHORDER,SF,SF5555555555"].join("\n"));
    await expect.poll(() => page.getByTestId("bulk-submit").innerText()).toContain("3");
    await settle(page);
    await screenshot(page, "orders-bulk-ship-form");
    await page.getByTestId("bulk-submit").click();
    await expect.poll(() => page.getByTestId("bulk-progress").getAttribute("data-status")).toBe("done");
    const progress = page.getByTestId("bulk-progress");
    expect(await progress.locator(".ant-progress-text").innerText()).toBe("3/3");
    const errors = page.getByTestId("bulk-errors");
    await errors.waitFor();
    expect(await errors.locator(".ant-table-row").count()).toBe(1);
    expect(await errors.innerText()).toContain("PM000NOSUCHORDER");
    expect(await errors.locator(".ant-table-row").first().innerText()).toMatch(/^4\s/);
    await screenshot(page, "orders-bulk-ship-result");
    expect(orderRow(a.id)).toMatchObject({ status: "shipped", carrier: "SF", trackingNo: "SF1029384756" });
    expect(orderRow(b.id)).toMatchObject({ status: "shipped", carrier: "JD", trackingNo: "JDVA0099887766" });

    // Closing refreshes the list: both left the awaiting tab.
    await page.getByTestId("bulk-close").click();
    await expect.poll(() => page.locator(`.ant-table-row[data-row-key="${a.id}"]`).count()).toBe(0);
    await page.close();
  });

  it("an operator compares suppliers on the dashboard and reads the orders in English", async () => {
    const page = await signIn("operator", "en-US");
    await page.goto(`${server.baseUrl}/admin/?tab=suppliers&supplierId=${server.ids["supplier.digital"]}`);
    await page.getByTestId("supplier-dashboard").waitFor();
    await page.getByTestId("redemptions-chart").locator("canvas").first().waitFor();
    expect(await page.getByTestId("stat-awaiting").innerText()).toBe(String(awaitingOf(server.ids["supplier.digital"])));
    expect(await page.getByTestId("low-stock").innerText()).toContain("Kids' Volume-Safe Headphones");
    expect(await page.getByTestId("rejected-listings").innerText()).toContain("Desk Phone Stand");
    await screenshot(page, "orders-operator-supplier-dashboard");

    await page.goto(`${server.baseUrl}/admin/orders`);
    await page.locator(".ant-table-row").first().waitFor();
    expect(await page.locator(".ant-tabs-tab-active").innerText()).toContain("All");
    await screenshot(page, "orders-operator-list-en");
    await page.close();
  });
});
