import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { apps, earningRules, members, outbox } from "../db/schema";
import { canaryBucket } from "../api/domain/points/canary";
import { RuleConfigSchema } from "../api/domain/points/rule-engine";
import { createRule } from "../api/domain/points/rules-admin";
import { processEvent } from "../api/domain/points/events";
import { deliverDue } from "../api/domain/outbox/outbox";
import { outboxHandlers } from "../api/domain/outbox/handlers";
import { signedHeaders } from "../api/lib/signing";
import { launchBrowser, newPage, screenshot } from "./browser";
import { startServer, type RunningServer } from "./server";

let server: RunningServer;
let browser: Browser;
/** A host's webhook receiver: answers 500 until told to accept. */
let receiver: Server;
let receiverUrl = "";
let accepting = false;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  receiver = createServer((req, res) => {
    req.resume();
    res.writeHead(accepting ? 200 : 500, { "content-type": "application/json" });
    res.end(JSON.stringify(accepting ? { received: true } : { error: "maintenance window" }));
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/pointmall/webhooks`;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await new Promise<void>((r) => (receiver ? receiver.close(() => r()) : r()));
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

const ruleRow = (eventType: string) => server.db.select().from(earningRules).where(eq(earningRules.eventType, eventType)).get()!;
const lookupBox = (page: Page) => page.getByPlaceholder(/宿主会员 ID/);
/** expect.poll with the page's patience (vitest's default gives up after one second). */
const eventually = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });
const popconfirmOk = (page: Page, name: RegExp) => page.locator(".ant-popconfirm").getByRole("button", { name }).click();

/** Posts a signed host event with a given app key and secret, as the host's backend would. */
async function postEvent(key: string, secret: string, event: Record<string, unknown>) {
  const path = "/api/open/v1/events";
  const body = JSON.stringify(event);
  const headers = signedHeaders(key, secret, "POST", path, body, new Date(), randomUUID());
  return fetch(`${server.baseUrl}${path}`, { method: "POST", body, headers: { ...headers, "content-type": "application/json" } });
}

describe("earning rules", () => {
  it("an operator saves the share rule as a 10% canary, looks up a member, then promotes it", async () => {
    const share = ruleRow("share");
    expect(share).toMatchObject({ currentVersion: 1, canaryVersion: null });
    const page = await signIn("operator");

    await page.goto(`${server.baseUrl}/admin/rules`);
    const row = page.locator(".ant-table-row", { hasText: "分享 Share" });
    await row.waitFor();
    expect(await row.getByTestId("rule-summary").innerText()).toContain("每次 20 积分，每天最多 60");
    // The seeded purchase rule shows its canary in the list.
    expect(await page.locator(".ant-table-row", { hasText: "purchase" }).getByTestId("canary-tag").innerText()).toContain("v2 · 10%");
    await screenshot(page, "rules-list");

    await row.locator(".anticon-edit").click();
    await eventually(() => page.getByTestId("new-version-hint").innerText()).toContain("版本 2");
    // Unchanged award: no new version would be made, so the rollout is off.
    expect(await page.getByTestId("rollout-explain").innerText()).toContain("不会生成新版本");

    await page.locator("#config_award_points").fill("30");
    await page.getByRole("spinbutton", { name: "灰度比例" }).fill("10");
    await eventually(() => page.getByTestId("rollout-explain").innerText()).toContain("先对 10% 的会员生效");
    await eventually(() => page.getByTestId("config-summary").innerText()).toContain("每次 30 积分");
    await page.locator("#note").fill("分享翻倍试点 30 points trial");
    await screenshot(page, "rules-edit-canary");
    await page.getByRole("button", { name: /保\s*存/ }).click();

    // The show page: version 2 runs as a canary on 10%, version 1 stays current.
    const v2 = page.getByTestId("version-2");
    await v2.waitFor();
    expect(await v2.innerText()).toMatch(/灰度 · 10%[\s\S]*每次 30 积分[\s\S]*分享翻倍试点/);
    expect(await page.getByTestId("current-version").innerText()).toBe("v1");
    expect(await page.getByTestId("rule-facts").getByTestId("canary-tag").innerText()).toContain("v2 · 10%");
    expect(ruleRow("share")).toMatchObject({ currentVersion: 1, canaryVersion: 2, canaryPercent: 10 });

    // Which version does member u-1001 get? The page answers as the rule engine would.
    const member = server.db.select().from(members).where(eq(members.externalId, "u-1001")).get()!;
    const bucket = canaryBucket(share.id, member.id);
    await lookupBox(page).fill("u-1001");
    await lookupBox(page).press("Enter");
    const result = page.getByTestId("lookup-result");
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain("u-1001");
    expect(text).toContain(bucket < 10 ? "v2" : "v1");
    expect(text).toContain(bucket < 10 ? "在灰度中" : "当前版本");
    expect(text).toContain(`桶号 ${bucket}`);
    // An unknown member is said so, not shown as an error page.
    await lookupBox(page).fill("nobody-here");
    await lookupBox(page).press("Enter");
    await eventually(() => page.getByTestId("member-lookup").innerText()).toContain("找不到会员 nobody-here");
    await lookupBox(page).fill(String(member.id));
    await lookupBox(page).press("Enter");
    await eventually(() => result.innerText()).toContain(`#${member.id}`);
    await screenshot(page, "rules-show-canary");

    await page.getByTestId("promote-canary").click();
    await popconfirmOk(page, /全量发布灰度/);
    await eventually(() => page.getByTestId("current-version").innerText()).toBe("v2");
    await eventually(() => page.getByTestId("rule-facts").getByTestId("canary-tag").count()).toBe(0);
    expect(await page.getByTestId("promote-canary").count()).toBe(0);
    expect(await page.getByTestId("current-summary").innerText()).toContain("每次 30 积分");
    expect(ruleRow("share")).toMatchObject({ currentVersion: 2, canaryVersion: null, canaryPercent: 0 });
    // The next share event earns the new version's points, without a restart.
    const res = await postEvent("demo-app", "demo-secret", { type: "share", memberId: "u-1001", businessId: `e2e-share-${Date.now()}` });
    expect(await res.json()).toMatchObject({ ruleVersion: 2 });
    await screenshot(page, "rules-show-promoted");
    await page.close();
  });

  it("customer service (in English) sees a rule and its canary compared, but no promote, roll back or edit button", async () => {
    const page = await signIn("service", "en-US");
    await page.goto(`${server.baseUrl}/admin/rules/show/${ruleRow("purchase").id}`);
    await page.getByTestId("version-timeline").waitFor();
    await page.getByTestId("award-chart").waitFor();
    expect(await page.getByTestId("current-summary").innerText()).toContain("1 point per ¥10, at most 5,000 a day");
    expect(await page.getByTestId("canary-summary").innerText()).toContain("≥¥50 → 5, ≥¥100 → 12, ≥¥300 → 40");
    await page.getByTestId("member-lookup").waitFor();
    expect(await page.getByTestId("promote-canary").count()).toBe(0);
    expect(await page.getByTestId("rollback").count()).toBe(0);
    expect(await page.getByTestId("save-canary-share").count()).toBe(0);
    expect(await page.getByRole("button", { name: /Edit/ }).count()).toBe(0);
    await page.waitForTimeout(500);
    await screenshot(page, "rules-show-en");
    await page.close();
  });

  it("an operator creates a rule for a custom event type; a conflict the API reports is shown on its field", async () => {
    const page = await signIn("operator");
    await page.goto(`${server.baseUrl}/admin/rules/create`);
    await page.locator("#eventType").fill("store_visit");
    await page.locator("#name").fill("到店消费 Store visit");
    await page.locator(".ant-form-item", { has: page.locator("#config_award_kind") }).locator(".ant-select-selector").click();
    await page.locator(".ant-select-item-option", { hasText: "消费：按金额比例" }).click();
    await page.locator("#config_award_perCents").fill("20");
    await page.locator("#config_dailyCap").fill("800");
    await eventually(() => page.getByTestId("config-summary").innerText()).toBe("每消费 ¥20 得 1 积分，每天最多 800");
    await page.getByTestId("award-chart").waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, "rules-create");

    // Meanwhile a colleague creates a rule for the same event type: the API's 409 lands on the field.
    const now = new Date();
    createRule(server.db, { eventType: "store_visit", name: "Colleague's rule", config: RuleConfigSchema.parse({ award: { kind: "fixed", points: 1 } }) }, "operator2", now);
    server.app.ctx.rulebook.invalidate();
    await page.getByRole("button", { name: /保\s*存/ }).click();
    const typeError = page.locator(".ant-form-item", { has: page.locator("#eventType") }).locator(".ant-form-item-explain-error");
    await typeError.waitFor();
    expect(await typeError.innerText()).toContain("already has a rule");
    expect(server.db.select().from(earningRules).where(eq(earningRules.eventType, "store_visit")).all()).toHaveLength(1);

    await page.locator("#eventType").fill("store_visit_vip");
    await page.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByTestId("version-1").waitFor();
    expect(await page.getByTestId("current-summary").innerText()).toContain("每消费 ¥20 得 1 积分，每天最多 800");
    expect(ruleRow("store_visit_vip")).toMatchObject({ currentVersion: 1, status: "active" });
    await page.close();
  });
});

describe("host apps", () => {
  it("an admin registers an app, sees its secret once, then rotates it", async () => {
    const page = await signIn("admin");
    await page.goto(`${server.baseUrl}/admin/apps/create`);
    await page.locator("#key").fill("e2e-shop");
    await page.locator("#name").fill("E2E 商城 App");
    await page.locator("#webhookUrl").fill(receiverUrl);
    await page.getByRole("button", { name: /保\s*存/ }).click();

    const modal = page.locator(".ant-modal", { hasText: "只显示这一次" });
    await modal.waitFor();
    const secret = (await modal.getByTestId("app-secret").innerText()).trim();
    expect(secret.length).toBeGreaterThanOrEqual(24);
    const done = modal.getByRole("button", { name: /完\s*成/ });
    // The operator confirms they stored it before the modal lets go.
    expect(await done.isDisabled()).toBe(true);
    await page.waitForTimeout(500);
    await screenshot(page, "apps-secret-once");
    await modal.getByTestId("secret-stored").click();
    await done.click();

    await page.waitForURL(/\/admin\/apps\/show\/\d+/);
    await eventually(() => page.getByTestId("secret-hint").innerText()).toBe(`••••${secret.slice(-4)}`);
    // Shown once: the app's page never holds the secret.
    expect(await page.content()).not.toContain(secret);
    expect(await page.getByTestId("signing-guide").innerText()).toContain("X-Pointmall-Signature");
    expect((await postEvent("e2e-shop", secret, { type: "share", memberId: "e2e-1", businessId: "e2e-app-1" })).status).toBe(200);

    await page.getByTestId("rotate-secret").click();
    await popconfirmOk(page, /轮换密钥/);
    const rotated = page.locator(".ant-modal", { hasText: "新密钥" });
    await rotated.waitFor();
    const next = (await rotated.getByTestId("app-secret").innerText()).trim();
    expect(next).not.toBe(secret);
    await page.waitForTimeout(500);
    await screenshot(page, "apps-rotated-secret");
    await rotated.getByTestId("secret-stored").click();
    await rotated.getByRole("button", { name: /完\s*成/ }).click();
    await eventually(() => page.getByTestId("secret-hint").innerText()).toBe(`••••${next.slice(-4)}`);

    // The old secret stops working at once; the new one works.
    expect((await postEvent("e2e-shop", secret, { type: "share", memberId: "e2e-1", businessId: "e2e-app-2" })).status).toBe(401);
    expect((await postEvent("e2e-shop", next, { type: "share", memberId: "e2e-1", businessId: "e2e-app-3" })).status).toBe(200);
    // Each granted event told the app by webhook: its page lists them.
    await page.reload();
    await eventually(() => page.getByTestId("app-deliveries").locator(".ant-table-row").count()).toBe(2);
    expect(await page.getByTestId("app-deliveries").innerText()).toContain("points.changed");
    await screenshot(page, "apps-show");
    await page.close();
  });

  it("an operator finds a failed webhook, reads its attempts and retries it until it is delivered", async () => {
    const ctx = server.app.ctx;
    server.db.update(apps).set({ webhookUrl: receiverUrl }).where(eq(apps.key, "demo-app")).run();
    ctx.keyring.invalidate();
    const demo = ctx.keyring.byAppKey("demo-app")!;
    processEvent(ctx, demo, { type: "review", memberId: "u-1002", businessId: "e2e-review-1" });
    const item = server.db.select().from(outbox).where(and(eq(outbox.appId, demo.id), eq(outbox.status, "pending"))).all().at(-1)!;
    accepting = false;
    await deliverDue(ctx, outboxHandlers);

    const page = await signIn("operator");
    await page.goto(`${server.baseUrl}/admin/deliveries`);
    const row = page.locator(`.ant-table-row[data-row-key="${item.id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toMatch(/points\.changed[\s\S]*待发送[\s\S]*HTTP 500/);
    await screenshot(page, "deliveries-list");

    await row.locator(".anticon-eye").click();
    await page.getByTestId("attempt-log").waitFor();
    expect(await page.getByTestId("delivery-payload").innerText()).toContain('"businessId": "e2e-review-1"');
    expect(await page.getByTestId("attempt-log").innerText()).toMatch(/500[\s\S]*HTTP 500[\s\S]*maintenance window/);

    accepting = true;
    await page.getByTestId("retry-delivery").click();
    await popconfirmOk(page, /立即重试/);
    // The retry starts the item's schedule over (attempts back to 0), due at once. (Date.now() is read
    // after the poll: an expected value computed before it could be earlier than the server's "now".)
    await eventually(() => server.db.select().from(outbox).where(eq(outbox.id, item.id)).get()!.attempts).toBe(0);
    expect(server.db.select().from(outbox).where(eq(outbox.id, item.id)).get()!.nextAttemptAt.getTime()).toBeLessThanOrEqual(Date.now());
    await deliverDue(ctx, outboxHandlers);
    await page.getByRole("button", { name: /刷\s*新/ }).click();
    await eventually(() => page.getByTestId("delivery-facts").innerText()).toContain("已送达");
    expect(await page.getByTestId("attempt-log").innerText()).toMatch(/200[\s\S]*received/);
    await screenshot(page, "deliveries-show");

    // The app's page lists it among its recent deliveries.
    await page.goto(`${server.baseUrl}/admin/apps/show/${demo.id}`);
    await eventually(() => page.getByTestId("app-deliveries").innerText()).toContain("已送达");
    await page.close();
  });
});
