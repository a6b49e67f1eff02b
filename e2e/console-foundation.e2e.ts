import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
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

const menu = (page: Page) => page.locator(".ant-layout-sider .ant-menu");

describe("console shell", () => {
  it("an operator signs in, switches to English and back, and sees their menu", async () => {
    const page = await signIn("operator");
    await expect.poll(() => menu(page).innerText()).toContain("供应商");
    expect(await menu(page).innerText()).toContain("工作台");
    // Operators do not manage staff, roles or the audit log.
    expect(await menu(page).innerText()).not.toContain("员工账号");

    await page.getByTestId("locale-switch").getByText("English").click();
    await expect.poll(() => menu(page).innerText()).toContain("Suppliers");
    expect(await menu(page).innerText()).toContain("Dashboard");
    await expect.poll(() => page.locator("h3").first().innerText()).toContain("Welcome back");
    await screenshot(page, "console-operator-en");

    await page.getByTestId("locale-switch").getByText("中文").click();
    await expect.poll(() => menu(page).innerText()).toContain("供应商");
    await page.close();
  });

  it("shows a clear error for a wrong password and stays on the sign-in page", async () => {
    const { page } = await newPage(browser);
    await page.goto(`${server.baseUrl}/admin/login`);
    await page.locator("#username").fill("operator");
    await page.locator("#password").fill("wrong-password");
    await page.locator("button[type=submit]").click();
    await expect.poll(() => page.getByTestId("login-error").innerText()).toContain("Wrong username or password");
    expect(page.url()).toContain("/admin/login");
    await page.close();
  });

  it("an auditor sees lists without any create or edit button", async () => {
    const page = await signIn("auditor");
    await page.goto(`${server.baseUrl}/admin/staff-users`);
    await page.locator(".ant-table-row").first().waitFor();
    expect(await page.locator(".ant-table-row").count()).toBeGreaterThan(3);
    expect(await page.getByRole("button", { name: /新建|Create/ }).count()).toBe(0);
    expect(await page.locator(".ant-table-row button[aria-label*=edit i], .ant-table-row .anticon-edit").count()).toBe(0);
    expect(await page.locator(".ant-table-row .anticon-stop, .ant-table-row .anticon-key").count()).toBe(0);

    await page.goto(`${server.baseUrl}/admin/suppliers`);
    await page.locator(".ant-table-row").first().waitFor();
    expect(await page.getByRole("button", { name: /新建|Create/ }).count()).toBe(0);
    expect(await page.locator(".ant-table-row .anticon-edit").count()).toBe(0);
    // Personal data stays masked for the auditor.
    expect(await page.locator(".ant-table-row", { hasText: "Digital Select" }).innerText()).toContain("138****5678");
    await page.close();
  });

  it("a supplier does not see staff users, and sees only their own supplier", async () => {
    const page = await signIn("supplier");
    await expect.poll(() => menu(page).innerText()).toContain("供应商");
    expect(await menu(page).innerText()).not.toContain("员工账号");
    expect(await menu(page).innerText()).not.toContain("操作日志");

    await page.goto(`${server.baseUrl}/admin/suppliers`);
    await page.locator(".ant-table-row").first().waitFor();
    expect(await page.locator(".ant-table-row").count()).toBe(1);
    expect(await page.locator(".ant-table-row").first().innerText()).toContain("Digital Select");
    await page.close();
  });

  it("an admin disables a staff user after confirming, and the audit log shows the change as a diff", async () => {
    const page = await signIn("admin");
    await page.goto(`${server.baseUrl}/admin/staff-users?filters[0][field]=q&filters[0][operator]=eq&filters[0][value]=operator2`);
    const row = page.locator(".ant-table-row", { hasText: "operator2" });
    await row.waitFor();
    await row.locator(".anticon-stop").click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: /停\s*用/ }).click();
    await expect.poll(() => row.innerText()).toContain("停用");

    await page.goto(`${server.baseUrl}/admin/audit-log`);
    const entry = page.locator(".ant-table-row", { hasText: "停用" }).first();
    await entry.waitFor();
    await entry.locator(".anticon-eye").click();
    const diff = page.getByTestId("audit-diff");
    await diff.waitFor();
    await expect.poll(() => diff.innerText()).toMatch(/status[\s\S]*active[\s\S]*disabled/);
    await screenshot(page, "console-audit-diff");
    await page.close();
  });
});
