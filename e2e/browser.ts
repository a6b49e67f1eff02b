import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

export const CHROMIUM_PATH = process.env.POINTMALL_CHROMIUM ?? "/usr/bin/chromium";
export const ARTIFACTS = new URL("../test-artifacts/", import.meta.url).pathname;

/** Debian's Chromium, headless, without any of its calls home (this machine has no internet). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

export async function newPage(browser: Browser, opts: { mobile?: boolean; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(
    opts.mobile
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: opts.locale ?? "zh-CN" }
      : { viewport: { width: 1440, height: 900 }, locale: opts.locale ?? "zh-CN" },
  );
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

/** Screenshots are test artifacts (test-artifacts/, not committed). */
export async function screenshot(page: Page, name: string) {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: false });
}

/** Enters the storefront on a phone as a demo member, through a signed SSO link (as the host app would). */
export async function enterStorefront(browser: Browser, baseUrl: string, externalId: string, redirect: string): Promise<Page> {
  const { page } = await newPage(browser, { mobile: true });
  const res = await fetch(`${baseUrl}/api/shop/demo/sso-url?memberId=${encodeURIComponent(externalId)}&redirect=${encodeURIComponent(redirect)}`);
  const { url } = (await res.json()) as { url: string };
  await page.goto(`${baseUrl}${url}`);
  return page;
}

/** Opens an antd Select by the id of its search input, types, and clicks the option with this test id. */
export async function pickOption(page: Page, inputId: string, search: string, optionTestId: string) {
  await page.locator(".ant-select", { has: page.locator(`#${inputId}`) }).locator(".ant-select-selector").click();
  await page.locator(`#${inputId}`).fill(search);
  await page.locator(`.ant-select-dropdown:visible [data-testid="${optionTestId}"]`).click();
  await page.keyboard.press("Escape");
}
