import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { eq } from "drizzle-orm";
import { members } from "../db/schema";
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

describe("storefront: entering through SSO and seeing one's points", () => {
  it("a visitor plays the host on the demo page, enters as a demo member and sees balance, tier and history", async () => {
    const { context, page } = await newPage(browser, { mobile: true });
    await page.goto(`${server.baseUrl}/me`);
    await page.getByText("请从 App 进入积分商城").waitFor();

    await page.getByRole("link", { name: "使用演示账号进入" }).click();
    const list = page.getByTestId("demo-members");
    await list.waitFor();
    const first = list.locator("li").first();
    const name = (await first.locator(".member-name").innerText()).trim();
    await first.getByRole("button", { name: "进入商城" }).click();

    await page.waitForURL(/\/me$/);
    await page.getByTestId("balance").waitFor();
    const row = server.db.select().from(members).where(eq(members.nickname, name)).get()!;
    expect((await page.getByTestId("balance").innerText()).replace(/,/g, "")).toBe(String(row.balance));
    await page.getByTestId("ledger").locator("li").first().waitFor();
    expect(await page.getByTestId("ledger").locator("li").count()).toBeGreaterThan(3);

    const cookie = (await context.cookies()).find((c) => c.name === "pm_member");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    await screenshot(page, "storefront-my-points");

    await page.getByRole("button", { name: "English" }).click();
    await page.getByText("Points available").waitFor();
    await context.close();
  });

  it("refuses an SSO link that was already used", async () => {
    const res = await fetch(`${server.baseUrl}/api/shop/demo/sso-url?memberId=u-1002`);
    const { url } = (await res.json()) as { url: string };
    const first = await fetch(`${server.baseUrl}${url}`, { redirect: "manual" });
    expect(first.status).toBe(302);
    const again = await fetch(`${server.baseUrl}${url}`, { redirect: "manual" });
    expect(again.status).toBe(401);
    expect(await again.text()).toContain("NONCE_REUSED");
  });
});
