import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { desc, eq } from "drizzle-orm";
import { ledgerEntries, members, pointReviews } from "../db/schema";
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

const menu = (page: Page) => page.locator(".ant-layout-sider .ant-menu-root");
/** The "积分" menu group, opened if it is not (it opens by itself only on its own pages). */
async function pointsMenu(page: Page): Promise<string> {
  const group = page.locator(".ant-layout-sider .ant-menu-submenu", { hasText: "积分" }).first();
  await group.waitFor();
  if (!((await group.getAttribute("class")) ?? "").includes("ant-menu-submenu-open")) await group.locator(".ant-menu-submenu-title").click();
  await expect.poll(() => group.locator(".ant-menu-sub").isVisible()).toBe(true);
  return group.innerText();
}
const balanceOf = (id: number) => server.db.select({ b: members.balance }).from(members).where(eq(members.id, id)).get()!.b;
const entriesOf = (id: number) => server.db.select().from(ledgerEntries).where(eq(ledgerEntries.memberId, id)).orderBy(desc(ledgerEntries.id)).all();
const fmt = (n: number) => new Intl.NumberFormat("en-US").format(n);
/** The member page's balance card, as shown. */
const shownBalance = (page: Page) => page.getByTestId("member-balance").innerText();
const amountInput = (page: Page) => page.locator('[data-testid="adjust-amount"] input, input[data-testid="adjust-amount"]');
const firstLedgerRow = (page: Page) => page.getByTestId("ledger-table").locator(".ant-table-row").first();

describe("points console", () => {
  it("an operator approves a held change in the review queue, and the member's balance and ledger show it", async () => {
    const review = server.db.select().from(pointReviews).where(eq(pointReviews.businessId, "seed-review-17")).get()!;
    const before = balanceOf(review.memberId);

    const page = await signIn("operator");
    await expect.poll(() => menu(page).innerText()).toContain("积分");
    await page.goto(`${server.baseUrl}/admin/reviews`);
    const row = page.locator(`.ant-table-row[data-row-key="${review.id}"]`);
    await row.waitFor();
    // The queue opens on pending changes only.
    expect(await page.locator(".ant-table-row").count()).toBe(2);
    expect(await row.innerText()).toContain("+6,500");
    await screenshot(page, "points-review-queue");

    await page.getByTestId(`approve-${review.id}`).click();
    const dialog = page.locator(".ant-modal", { hasText: `#${review.id}` });
    await dialog.waitFor();
    // A reason is required.
    await dialog.locator(".ant-modal-footer .ant-btn-primary").click();
    await expect.poll(() => dialog.innerText()).toContain("请填写审核意见");
    await page.getByTestId("decision-reason").fill("核实为活动补发，同意");
    await expect.poll(() => dialog.locator(".ant-form-item-explain-error").count()).toBe(0);
    await screenshot(page, "points-review-approve");
    await dialog.locator(".ant-modal-footer .ant-btn-primary").click();
    await expect.poll(() => page.getByTestId(`review-status-${review.id}`).innerText()).toContain("已通过");
    expect(await page.getByTestId(`approve-${review.id}`).count()).toBe(0);
    expect(balanceOf(review.memberId)).toBe(before + 6500);

    await row.locator(`a[data-member-id="${review.memberId}"]`).click();
    await expect.poll(() => shownBalance(page)).toBe(fmt(before + 6500));
    await expect.poll(() => firstLedgerRow(page).innerText()).toContain("+6,500");
    expect(await firstLedgerRow(page).innerText()).toContain(fmt(before + 6500));
    expect(await firstLedgerRow(page).innerText()).toContain("批量补发活动积分");

    // Decided reviews stay visible through the status filter.
    await page.goto(`${server.baseUrl}/admin/reviews?filters[0][field]=status&filters[0][operator]=eq&filters[0][value]=approved`);
    await page.locator(".ant-table-row", { hasText: "6,500" }).waitFor();
    expect(await page.locator(".ant-table-row", { hasText: "6,500" }).innerText()).toContain("operator");
    await page.close();
  });

  it("an operator adjusts a member's points with a reason; a double click is one adjustment, at the top of the ledger", async () => {
    const id = server.ids["member.2"];
    const before = balanceOf(id);
    const entriesBefore = entriesOf(id).length;

    const page = await signIn("operator");
    await page.goto(`${server.baseUrl}/admin/members/show/${id}`);
    await expect.poll(() => shownBalance(page)).toBe(fmt(before));
    await page.getByTestId("balance-chart").locator("canvas").first().waitFor();
    await screenshot(page, "points-member-show");

    await page.getByTestId("adjust-points").click();
    await amountInput(page).fill("300");
    // No reason: not sent.
    await page.getByTestId("adjust-submit").click();
    await expect.poll(() => page.locator(".ant-modal").first().innerText()).toContain("请填写调整原因");
    await page.getByTestId("adjust-reason").fill("物流延误补偿 e2e");
    await expect.poll(() => page.getByTestId("adjust-preview").innerText()).toContain(fmt(before + 300));
    await screenshot(page, "points-adjust-form");
    await page.getByTestId("adjust-submit").click();
    const confirm = page.getByTestId("adjust-confirm");
    await confirm.waitFor();
    expect(await confirm.innerText()).toContain(fmt(before + 300));
    await page.waitForTimeout(500); // the dialog's zoom-in animation
    await screenshot(page, "points-adjust-confirm");
    // An impatient double click on the confirmation.
    await page.locator(".ant-modal-confirm .ant-btn-primary").dblclick();
    await expect.poll(() => page.getByTestId("adjust-outcome").getAttribute("data-status")).toBe("applied");
    expect(await page.getByTestId("adjust-outcome").innerText()).toContain(fmt(before + 300));
    await screenshot(page, "points-adjust-applied");
    await page.locator(".ant-modal-footer .ant-btn-primary").click();

    await expect.poll(() => shownBalance(page)).toBe(fmt(before + 300));
    await expect.poll(() => firstLedgerRow(page).innerText()).toContain("物流延误补偿 e2e");
    const top = await firstLedgerRow(page).innerText();
    expect(top).toContain("+300");
    expect(top).toContain(fmt(before + 300));
    expect(top).toContain("人工调整");
    expect(entriesOf(id).length).toBe(entriesBefore + 1);
    expect(balanceOf(id)).toBe(before + 300);
    await page.close();
  });

  it("shows the server's refusal when the balance dropped while the dialog was open, and changes nothing", async () => {
    const id = server.ids["member.30"];
    const page = await signIn("operator");
    await page.goto(`${server.baseUrl}/admin/members/show/${id}`);
    const before = balanceOf(id);
    await expect.poll(() => shownBalance(page)).toBe(fmt(before));

    await page.getByTestId("adjust-points").click();
    await page.locator(".ant-radio-button-wrapper", { hasText: "扣减" }).click();
    await amountInput(page).fill(String(before));
    await page.getByTestId("adjust-reason").fill("清零 e2e");
    // Meanwhile the member spends points (here: another adjustment through the API, same session).
    const spent = await page.request.post(`${server.baseUrl}/api/admin/members/${id}/adjust`, {
      data: { amount: -1, reason: "concurrent change" },
      headers: { origin: server.baseUrl, "x-requested-with": "pointmall-admin" },
    });
    expect(spent.status()).toBe(200);
    await page.getByTestId("adjust-submit").click();
    await page.locator(".ant-modal-confirm .ant-btn-primary").click();
    await expect.poll(() => page.getByTestId("adjust-error").innerText()).toContain("积分不足");
    await screenshot(page, "points-adjust-insufficient");
    expect(balanceOf(id)).toBe(before - 1);
    await page.close();
  });

  it("an operator's adjustment above the risk threshold is held for review, not applied (in English)", async () => {
    const id = server.ids["member.40"];
    const before = balanceOf(id);
    const page = await signIn("operator", "en-US");
    await page.goto(`${server.baseUrl}/admin/members/show/${id}`);
    await expect.poll(() => shownBalance(page)).toBe(fmt(before));
    await page.getByTestId("adjust-points").click();
    await amountInput(page).fill("6000");
    await page.getByTestId("adjust-reason").fill("Make-good for a lost parcel");
    await expect.poll(() => page.getByTestId("adjust-preview").innerText()).toContain("review queue");
    await page.getByTestId("adjust-submit").click();
    await page.getByTestId("adjust-confirm").waitFor();
    expect(await page.getByTestId("adjust-confirm").innerText()).toContain("Unchanged until approved");
    await page.locator(".ant-modal-confirm .ant-btn-primary").click();
    await expect.poll(() => page.getByTestId("adjust-outcome").getAttribute("data-status")).toBe("held");
    expect(await page.getByTestId("adjust-outcome").innerText()).toContain("Sent for review");
    await screenshot(page, "points-adjust-held-en");
    expect(balanceOf(id)).toBe(before);
    const held = server.db.select().from(pointReviews).where(eq(pointReviews.memberId, id)).all();
    expect(held).toEqual([expect.objectContaining({ amount: 6000, status: "pending", requestedBy: "staff:operator" })]);
    await page.close();
  });

  it("customer service sees members, ledger and reviews read-only, no policy page, and is stopped above the adjustment limit", async () => {
    const id = server.ids["member.8"];
    const before = balanceOf(id);
    const entriesBefore = entriesOf(id).length;

    const page = await signIn("service");
    const items = await pointsMenu(page);
    expect(items).toContain("会员");
    expect(items).toContain("积分流水");
    expect(items).toContain("审核队列");
    expect(items).not.toContain("积分设置");

    await page.goto(`${server.baseUrl}/admin/reviews`);
    await page.locator(".ant-table-row").first().waitFor();
    expect(await page.locator("[data-testid^=approve-], [data-testid^=reject-]").count()).toBe(0);

    await page.goto(`${server.baseUrl}/admin/members/show/${id}`);
    await expect.poll(() => shownBalance(page)).toBe(fmt(before));
    await page.getByTestId("adjust-points").click();
    const dialog = page.locator(".ant-modal").first();
    await expect.poll(() => dialog.innerText()).toContain("单次最多可调整 500 积分");
    await amountInput(page).fill("800");
    await page.getByTestId("adjust-reason").fill("补偿 e2e");
    await page.getByTestId("adjust-submit").click();
    await expect.poll(() => dialog.locator(".ant-form-item-explain-error").innerText()).toContain("超出权限");
    await screenshot(page, "points-adjust-service-limit");
    expect(await page.locator(".ant-modal-confirm").count()).toBe(0);
    await dialog.locator(".ant-modal-footer .ant-btn").first().click();

    // The server refuses it too, whatever the console does.
    const direct = await page.request.post(`${server.baseUrl}/api/admin/members/${id}/adjust`, {
      data: { amount: 800, reason: "补偿 e2e" },
      headers: { origin: server.baseUrl, "x-requested-with": "pointmall-admin" },
    });
    expect(direct.status()).toBe(403);
    expect((await direct.json()).code).toBe("ADJUST_LIMIT_EXCEEDED");
    expect(balanceOf(id)).toBe(before);
    expect(entriesOf(id).length).toBe(entriesBefore);
    expect(await shownBalance(page)).toBe(fmt(before));

    await page.goto(`${server.baseUrl}/admin/points-policy`);
    await expect.poll(() => page.locator("body").innerText()).not.toContain("风控阈值");
    await page.close();
  });

  it("an auditor sees the members list with phones masked, and no adjust button", async () => {
    const page = await signIn("auditor");
    await page.goto(`${server.baseUrl}/admin/members`);
    await page.locator(".ant-table-row").first().waitFor();
    expect(await page.locator(".ant-table-row").count()).toBe(10);
    expect(await page.locator(".ant-table-row").first().innerText()).toMatch(/1\d\d\*\*\*\*\d{4}/);

    // Filters: a tier and a minimum balance.
    await page.getByRole("combobox", { name: "等级" }).click();
    await page.locator(".ant-select-item-option", { hasText: "钻石会员" }).click();
    await expect.poll(() => page.url()).toContain("[value]=diamond");
    await page.locator(".ant-table-row").first().waitFor();
    const diamonds = await page.locator(".ant-table-row").allInnerTexts();
    expect(diamonds.length).toBeGreaterThan(0);
    for (const r of diamonds) expect(r).toContain("钻石会员");
    await screenshot(page, "points-members-list");

    const id = server.ids["member.0"];
    await page.goto(`${server.baseUrl}/admin/members/show/${id}`);
    await page.getByTestId("member-balance").waitFor();
    await firstLedgerRow(page).waitFor();
    expect(await page.getByTestId("adjust-points").count()).toBe(0);

    await page.goto(`${server.baseUrl}/admin/points-policy`);
    await page.getByTestId("tier-editor").waitFor();
    expect(await page.getByTestId("policy-save").count()).toBe(0);
    await page.close();
  });

  it("an operator browses the whole ledger by type and member", async () => {
    const page = await signIn("operator");
    await page.goto(`${server.baseUrl}/admin/ledger-entries`);
    await page.locator(".ant-table-row").first().waitFor();
    await page.getByRole("combobox", { name: "类型" }).click();
    await page.locator(".ant-select-item-option", { hasText: "消费" }).click();
    await expect.poll(() => page.url()).toContain("[value]=spend");
    await expect.poll(async () => (await page.locator(".ant-table-row").allInnerTexts()).every((r) => r.includes("消费") && r.includes("−"))).toBe(true);
    await screenshot(page, "points-ledger-list");
    await page.locator(".ant-table-row a[data-member-id]").first().click();
    await page.getByTestId("member-balance").waitFor();
    await page.close();
  });

  it("an operator changes the points settings after confirming, and the expiry is explained in plain words", async () => {
    const page = await signIn("operator");
    await page.goto(`${server.baseUrl}/admin/points-policy`);
    await page.getByTestId("tier-editor").waitFor();
    expect(await page.getByTestId("expiry-explainer").innerText()).toContain("12 月 31 日");
    await page.locator("label", { hasText: "滚动有效期" }).click();
    await page.locator("#expiry_days").fill("180");
    await expect.poll(() => page.getByTestId("expiry-explainer").innerText()).toContain("180 天后过期");
    await page.locator("#reminderDays").fill("15");
    await screenshot(page, "points-policy");
    await page.getByTestId("policy-save").click();
    await page.locator(".ant-modal-confirm .ant-btn-primary").click();
    await expect.poll(() => page.locator(".ant-message").innerText()).toContain("积分设置已保存");
    const policy = server.app.ctx.policy.get();
    expect(policy.expiry).toEqual({ mode: "rolling", days: 180 });
    expect(policy.reminderDays).toBe(15);
    expect(policy.tiers.map((x) => x.multiplierPermille)).toEqual([1000, 1000, 1500, 2000]);
    await page.close();
  });

  it("shows the API's field errors on the policy form's fields", async () => {
    const page = await signIn("operator");
    // An answer the console's own checks would not produce, to prove the mapping of details.fields.
    await page.route("**/api/admin/points-policy", (route) =>
      route.request().method() === "PUT"
        ? route.fulfill({
            status: 422,
            contentType: "application/json",
            body: JSON.stringify({
              message: "The tiers are not consistent",
              code: "VALIDATION_FAILED",
              details: { fields: { "tiers.2.threshold": "must be below diamond", "tiers.3.multiplierPermille": "too generous", tiers: "one tier must start at 0" } },
            }),
          })
        : route.continue(),
    );
    await page.goto(`${server.baseUrl}/admin/points-policy`);
    await page.getByTestId("tier-editor").waitFor();
    await page.getByTestId("policy-save").click();
    await page.locator(".ant-modal-confirm .ant-btn-primary").click();
    const rows = page.getByTestId("tier-editor").locator(".ant-table-row");
    await expect.poll(() => rows.nth(2).innerText()).toContain("must be below diamond");
    expect(await rows.nth(3).innerText()).toContain("too generous");
    expect(await page.getByTestId("tiers-error").innerText()).toContain("one tier must start at 0");
    expect(await page.getByTestId("policy-error").innerText()).toContain("The tiers are not consistent");
    await page.getByTestId("tier-editor").scrollIntoViewIfNeeded();
    await screenshot(page, "points-policy-field-errors");
    await page.close();
  });
});
