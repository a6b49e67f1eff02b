import { launchBrowser, newPage } from "./e2e/browser";
import { startServer } from "./e2e/server";
const server = await startServer();
const browser = await launchBrowser();
const { page } = await newPage(browser, { mobile: true });
const shots = process.argv.slice(2);
// enter as a rich demo member
const res = await fetch(`${server.baseUrl}/api/shop/demo/sso-url?memberId=u-1001&redirect=/`);
const { url } = await res.json() as any;
await page.goto(server.baseUrl + url);
for (const s of shots) {
  const [path, name] = s.split("=");
  await page.goto(server.baseUrl + path);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: `/tmp/shot-${name}.png`, fullPage: false });
}
await browser.close();
await server.close();
