import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { ledgerEntries, members, orders, pages, products } from "../db/schema";
import { createCampaign, createProduct, sixPrizeWheel } from "../api/test/campaign-fixtures";
import { givePoints, redeemFor } from "../api/test/order-fixtures";
import { enterStorefront, launchBrowser, newPage, pickOption, screenshot } from "./browser";
import { startServer, type RunningServer } from "./server";

let server: RunningServer;
let browser: Browser;
let member: typeof members.$inferSelect;
let other: typeof members.$inferSelect;
/** What the story needs, made for it (whatever else the demo seed holds). */
const made = { gift: 0, last: 0, dear: 0, mixed: 0, wheel: 0, signIn: 0 };
const GRID_TITLE = "会员故事精选";
const WHEEL_TITLE = "会员故事转盘";

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const demo = server.db.select().from(members).where(eq(members.appId, server.ids["app.demo"])).orderBy(members.id).limit(2).all();
  [member, other] = demo;
  const now = new Date();
  givePoints(server.db, member.id, 2_000, now);
  givePoints(server.db, other.id, 2_000, now);
  made.gift = createProduct(server.db, now, { type: "virtual", stock: 20, pointsPrice: 300, name: "会员故事话费券" });
  made.last = createProduct(server.db, now, { type: "virtual", stock: 1, pointsPrice: 100, name: "会员故事限量款" });
  made.dear = createProduct(server.db, now, { type: "virtual", stock: 5, pointsPrice: 9_999_999, name: "会员故事镇店之宝" });
  // Points + cash: 200 points and ¥9.90, paid through the sandbox gateway's checkout page.
  made.mixed = createProduct(server.db, now, { type: "virtual", stock: 5, pointsPrice: 200, name: "会员故事积分加钱购" });
  server.db.update(products).set({ cashPrice: 990 }).where(eq(products.id, made.mixed)).run();
  made.wheel = createCampaign(server.db, now, { template: "wheel", title: WHEEL_TITLE, titleEn: "Member story wheel", entryCost: 20, perDayLimit: 3, prizes: sixPrizeWheel() }).id;
  made.signIn = createCampaign(server.db, now, { template: "sign_in", title: "会员故事签到", titleEn: "Member story sign-in" }).id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const eventually = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout });
const enter = (redirect: string) => enterStorefront(browser, server.baseUrl, member.externalId, redirect);
const balance = () => server.db.select({ b: members.balance }).from(members).where(eq(members.id, member.id)).get()!.b;


/**
 * Issue 6's story in the browser, end to end: what operators configure is what members see, and what
 * members do there lands in their points.
 */
describe("a member's story: the home page an operator publishes, a redemption, a spin, a sign-in, and the ledger", () => {
  it("an operator adds a product grid and a wheel entry to the home page and publishes it", async () => {
    const { page } = await newPage(browser);
    await page.setViewportSize({ width: 1600, height: 1000 });
    await page.goto(`${server.baseUrl}/admin/login`);
    await page.locator("#username").fill("operator");
    await page.locator("#password").fill("pointmall");
    await page.locator("button[type=submit]").click();
    await page.getByTestId("current-user").waitFor();

    const home = server.db.select().from(pages).where(eq(pages.path, "/")).get()!;
    await page.goto(`${server.baseUrl}/admin/pages/edit/${home.id}`);
    await page.getByTestId("block-list").waitFor();
    const before = await page.locator("[data-block-type]").count();

    await page.getByTestId("add-block-product_grid").click();
    const grid = page.getByTestId(`block-${before}`);
    await eventually(() => grid.getAttribute("data-block-type")).toBe("product_grid");
    await page.locator("#block_title_zh-CN").fill(GRID_TITLE);
    await pickOption(page, "block_productIds", "会员故事话费", `product-option-${made.gift}`);
    await pickOption(page, "block_productIds", "会员故事限量", `product-option-${made.last}`);
    await eventually(() => grid.getAttribute("data-problems")).toBe("0");

    await page.getByTestId("add-block-campaign_entry").click();
    const entry = page.getByTestId(`block-${before + 1}`);
    await entry.getByTestId("block-settings-campaign_entry").waitFor();
    await pickOption(page, "block_campaignId", WHEEL_TITLE.slice(0, 4), `campaign-option-${made.wheel}`);
    await eventually(() => entry.getAttribute("data-problems")).toBe("0");

    const published = Number(await page.getByTestId("live-version").getAttribute("data-version"));
    await page.getByTestId("publish").click();
    await page.locator("#publish_note").fill("会员故事：精选 + 转盘");
    await page.getByTestId("confirm-publish").click();
    await eventually(() => page.getByTestId("live-version").getAttribute("data-version")).toBe(String(published + 1));
    await page.close();
  });

  it("a member enters through SSO and sees the new blocks on the home page", async () => {
    const phone = await enter("/");
    const grid = phone.getByTestId("product-grid-block").filter({ hasText: GRID_TITLE });
    await grid.waitFor();
    expect(await grid.innerText()).toContain("会员故事话费券");
    const wheelEntry = phone.getByTestId("campaign-entry").filter({ hasText: WHEEL_TITLE });
    await wheelEntry.waitFor();
    expect(await wheelEntry.getAttribute("data-phase")).toBe("live");
    await grid.scrollIntoViewIfNeeded();
    await screenshot(phone, "member-story-home");
    await phone.close();
  });

  it("redeems the product from the grid; the order is made and the points taken", async () => {
    const phone = await enter("/");
    const before = balance();
    await phone.getByTestId("product-grid-block").filter({ hasText: GRID_TITLE }).getByRole("link", { name: /会员故事话费券/ }).click();
    await eventually(() => phone.getByTestId("product-name").innerText()).toBe("会员故事话费券");
    await phone.getByRole("link", { name: "立即兑换" }).click();
    await phone.waitForURL(/\/redeem\//);
    await phone.locator("input[name=recipient]").fill("13800138000");
    await phone.getByRole("button", { name: "确认兑换" }).click();
    await phone.waitForURL(/\/orders\/\d+/);
    const orderId = Number(phone.url().match(/orders\/(\d+)/)![1]);
    await phone.getByTestId("order-status").waitFor();
    expect(server.db.select().from(orders).where(eq(orders.id, orderId)).get()).toMatchObject({ memberId: member.id, productId: made.gift, pointsTotal: 300 });
    expect(balance()).toBe(before - 300);
    await phone.close();
  });

  it("pays the cash part of a points + cash product on the sandbox checkout page, and the order moves on", async () => {
    const phone = await enter(`/redeem/${made.mixed}`);
    await phone.locator("input[name=recipient]").fill("13800138000");
    await phone.getByRole("button", { name: "确认兑换" }).click();
    await phone.waitForURL(/\/orders\/\d+/);
    const orderId = Number(phone.url().match(/orders\/(\d+)/)![1]);
    await eventually(() => phone.getByTestId("order-status").innerText()).toBe("待支付");
    expect(server.db.select().from(orders).where(eq(orders.id, orderId)).get()).toMatchObject({ status: "pending_payment", pointsTotal: 200, cashTotal: 990 });

    await phone.getByRole("button", { name: "支付 ¥9.90" }).click();
    await phone.waitForURL(/\/sandbox-pay\//);
    expect(await phone.locator(".amount").innerText()).toBe("¥9.90");
    await screenshot(phone, "member-story-sandbox-checkout");
    await phone.getByRole("button", { name: /确认支付/ }).click();
    // Back on the order: the gateway's signed notification lands on its own, and the page looks again until it has.
    await phone.waitForURL(new RegExp(`/orders/${orderId}\\?paid=1`));
    await eventually(() => server.db.select().from(orders).where(eq(orders.id, orderId)).get()!.status).not.toBe("pending_payment");
    await eventually(() => phone.getByTestId("order-status").innerText()).not.toBe("待支付");
    expect(server.db.select().from(orders).where(eq(orders.id, orderId)).get()!.paidAt).not.toBeNull();
    await phone.close();
  });

  it("says 'not enough points' before a member can try, and 'sold out' when the last one went meanwhile", async () => {
    const phone = await enter(`/redeem/${made.dear}`);
    await eventually(() => phone.getByTestId("redeem-error").innerText()).toBe("积分不足");
    expect(await phone.getByRole("button", { name: "确认兑换" }).isDisabled()).toBe(true);
    await screenshot(phone, "member-story-not-enough-points");

    // The member opens the last unit's page; another member takes it before the tap.
    await phone.goto(`${server.baseUrl}/redeem/${made.last}`);
    await phone.locator("input[name=recipient]").fill("13800138000");
    redeemFor(server.db, server.app.ctx, other.id, made.last, new Date(), { recipient: "13900139000" });
    const before = balance();
    await phone.getByRole("button", { name: "确认兑换" }).click();
    await eventually(() => phone.getByTestId("redeem-error").innerText()).toBe("已兑完，看看别的吧");
    // The page reloads the product: the button says it is gone and cannot be pressed again.
    await eventually(() => phone.getByRole("button", { name: "已兑完" }).isDisabled()).toBe(true);
    expect(balance()).toBe(before);
    expect(server.db.select().from(orders).where(and(eq(orders.productId, made.last), eq(orders.memberId, member.id))).all()).toHaveLength(0);
    expect(server.db.select().from(products).where(eq(products.id, made.last)).get()!.stock).toBe(0);
    await screenshot(phone, "member-story-sold-out");
    // The product page says so too.
    await phone.goto(`${server.baseUrl}/products/${made.last}`);
    await eventually(() => phone.getByRole("button", { name: "已兑完" }).isDisabled()).toBe(true);
    await phone.close();
  });

  it("spins the wheel from the home page's entry; the wheel lands on the server's prize", async () => {
    const phone = await enter("/");
    await phone.getByTestId("campaign-entry").filter({ hasText: WHEEL_TITLE }).click();
    await phone.waitForURL(new RegExp(`/campaigns/${made.wheel}$`));
    await phone.getByTestId("wheel").waitFor();
    const [response] = await Promise.all([
      phone.waitForResponse((r) => r.url().endsWith(`/api/shop/campaigns/${made.wheel}/draw`) && r.request().method() === "POST"),
      phone.getByRole("button", { name: "抽奖" }).click(),
    ]);
    expect(response.status()).toBe(201);
    const drawn = (await response.json()) as { prize: { id: number }; landedIndex: number };
    await phone.getByTestId("draw-result").waitFor();
    expect(await phone.getByTestId("result-prize").getAttribute("data-prize-id")).toBe(String(drawn.prize.id));
    expect(await phone.getByTestId("wheel").getAttribute("data-pointer-index")).toBe(String(drawn.landedIndex));
    await screenshot(phone, "member-story-wheel");
    await phone.close();
  });

  it("signs in, then finds the redemption, the spin and the sign-in in the points history", async () => {
    const phone = await enter(`/campaigns/${made.signIn}`);
    await phone.getByTestId("sign-in-button").click();
    await eventually(() => phone.getByTestId("sign-in-message").innerText()).toBe("签到成功，+5 积分");

    await phone.goto(`${server.baseUrl}/me`);
    const ledger = phone.getByTestId("ledger");
    await ledger.waitFor();
    const rows = await ledger.locator(".ledger-row").allInnerTexts();
    const find = (title: string) => rows.find((r) => r.includes(title)) ?? "";
    expect(find("会员故事签到 · 奖励")).toContain("+5");
    expect(find(`${WHEEL_TITLE} · 参与`)).toContain("-20");
    expect(find("会员故事话费券")).toContain("-300");
    // The page's balance is the ledger's.
    const entries = server.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, member.id)).all();
    expect(entries.reduce((s, e) => s + e.amount, 0)).toBe(balance());
    await eventually(async () => (await phone.getByTestId("balance").innerText()).replace(/\D/g, "")).toBe(String(balance()));
    await screenshot(phone, "member-story-ledger");
    await phone.close();
  });
});
