import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { and, desc, eq, gte } from "drizzle-orm";
import { auctionBids, campaigns, ledgerEntries, members, orders, quizQuestions, signIns } from "../db/schema";
import { createCampaign, createProduct, sixPrizeWheel } from "../api/test/campaign-fixtures";
import { placeBid } from "../api/domain/campaigns/auction";
import { writeTx } from "../api/lib/tx";
import { givePoints } from "../api/test/order-fixtures";
import { enterStorefront, launchBrowser, screenshot } from "./browser";
import { startServer, type RunningServer } from "./server";

let server: RunningServer;
let browser: Browser;
let member: typeof members.$inferSelect;
let wheelId: number;
let signInId: number;
let tierOnlyId: number;
let endedId: number;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // A demo member with points to spend, and campaigns made for this test (whatever the seed holds).
  member = server.db
    .select()
    .from(members)
    .where(and(eq(members.appId, server.ids["app.demo"]), eq(members.status, "active"), gte(members.balance, 500)))
    .orderBy(members.id)
    .limit(1)
    .get()!;
  const now = new Date();
  wheelId = createCampaign(server.db, now, { template: "wheel", title: "E2E 幸运大转盘", titleEn: "E2E lucky wheel", entryCost: 20, perDayLimit: 3, prizes: sixPrizeWheel() }).id;
  signInId = createCampaign(server.db, now, { template: "sign_in", title: "E2E 每日签到", titleEn: "E2E daily sign-in", startAt: new Date(now.getTime() - 10 * 86_400_000) }).id;
  const otherTier = member.tier === "diamond" ? "silver" : "diamond";
  tierOnlyId = createCampaign(server.db, now, { template: "wheel", title: "E2E 尊享转盘", titleEn: "E2E members' wheel", tiers: [otherTier], prizes: sixPrizeWheel() }).id;
  endedId = createCampaign(server.db, now, { template: "scratch", title: "E2E 已结束的刮刮乐", titleEn: "E2E scratch card (ended)", prizes: sixPrizeWheel() }).id;
  server.db.update(campaigns).set({ endAt: new Date(now.getTime() - 60_000), startAt: new Date(now.getTime() - 86_400_000) }).where(eq(campaigns.id, endedId)).run();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const enter = (redirect: string) => enterStorefront(browser, server.baseUrl, member.externalId, redirect);
const balance = () => server.db.select({ b: members.balance }).from(members).where(eq(members.id, member.id)).get()!.b;


describe("storefront campaigns (phone)", () => {
  it("a member spins the wheel: the wheel stops on the server's prize, the dialog shows it, the ledger has the entry cost", async () => {
    const page = await enter("/campaigns");
    await page.getByTestId("campaign-list").waitFor();
    await page.getByTestId(`campaign-${wheelId}`).click();
    await page.waitForURL(new RegExp(`/campaigns/${wheelId}$`));
    await page.getByTestId("wheel").waitFor();
    expect(await page.getByTestId("entry-facts").innerText()).toContain("每次消耗 20 积分");
    expect(await page.getByTestId("entry-facts").innerText()).toContain("今日剩余 3 次");
    await screenshot(page, "campaign-wheel");

    const before = balance();
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/api/shop/campaigns/${wheelId}/draw`) && r.request().method() === "POST"), page.getByRole("button", { name: "抽奖" }).click()]);
    expect(response.status()).toBe(201);
    const drawn = (await response.json()) as { prize: { id: number; name: Record<string, string> }; landedIndex: number; pointsAwarded: number; balance: number };

    const dialog = page.getByTestId("draw-result");
    await dialog.waitFor({ timeout: 15_000 });
    // The prize shown is the server's, and the wheel came to rest on that prize's segment.
    expect(await page.getByTestId("result-prize").getAttribute("data-prize-id")).toBe(String(drawn.prize.id));
    expect(await page.getByTestId("result-prize").innerText()).toBe(drawn.prize.name["zh-CN"]);
    expect(await page.getByTestId("wheel").getAttribute("data-pointer-index")).toBe(String(drawn.landedIndex));
    await screenshot(page, "campaign-wheel-result");

    const spend = server.db
      .select()
      .from(ledgerEntries)
      .where(and(eq(ledgerEntries.memberId, member.id), eq(ledgerEntries.campaignId, wheelId), eq(ledgerEntries.type, "spend")))
      .all();
    expect(spend.map((e) => e.amount)).toEqual([-20]);
    expect(balance()).toBe(before - 20 + drawn.pointsAwarded);
    expect(drawn.balance).toBe(balance());

    // Closing the dialog gives focus back and shows one chance fewer.
    await page.getByRole("button", { name: "好的" }).click();
    await expect.poll(() => page.getByTestId("entry-facts").innerText()).toContain("今日剩余 2 次");
    await page.close();
  });

  it("a member signs in on the calendar: today is marked, the points are added", async () => {
    const page = await enter(`/campaigns/${signInId}`);
    const button = page.getByTestId("sign-in-button");
    await button.waitFor();
    expect(await button.innerText()).toBe("签到 +5 积分");
    const before = balance();
    await button.click();
    await page.getByTestId("sign-in-message").waitFor();
    expect(await page.getByTestId("sign-in-message").innerText()).toBe("签到成功，+5 积分");
    await expect.poll(() => page.getByTestId("calendar-today").getAttribute("data-state")).toBe("signed");
    expect(await page.getByTestId("calendar-today").getAttribute("aria-current")).toBe("date");
    expect(await button.innerText()).toBe("今日已签到");
    expect(await button.isDisabled()).toBe(true);
    expect(await page.getByTestId("streak").innerText()).toBe("已连续签到 1 天");
    // Missed days in the last week (since the calendar opened ten days ago) can be made up.
    expect(await page.locator('[data-state="missed"]').count()).toBeGreaterThan(0);
    await screenshot(page, "campaign-sign-in");

    expect(balance()).toBe(before + 5);
    const row = server.db.select().from(signIns).where(and(eq(signIns.campaignId, signInId), eq(signIns.memberId, member.id))).get()!;
    expect(row.streak).toBe(1);
    const earn = server.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.memberId, member.id), eq(ledgerEntries.campaignId, signInId))).orderBy(desc(ledgerEntries.id)).get()!;
    expect([earn.type, earn.amount]).toEqual(["earn", 5]);

    // My points show it in the history.
    await page.goto(`${server.baseUrl}/me`);
    await page.getByTestId("ledger").waitFor();
    expect(await page.getByTestId("ledger").locator("li").first().innerText()).toContain("+5");
    await page.close();
  });

  it("says why a member cannot enter: a campaign for another tier, and one that has ended", async () => {
    const page = await enter(`/campaigns/${tierOnlyId}`);
    await page.getByTestId("campaign-blocked").waitFor();
    expect(await page.getByTestId("campaign-blocked").innerText()).toBe("你的会员等级暂不能参加此活动");
    expect(await page.getByRole("button", { name: "抽奖" }).isDisabled()).toBe(true);
    await screenshot(page, "campaign-not-eligible");

    await page.goto(`${server.baseUrl}/campaigns/${endedId}`);
    await page.getByTestId("campaign-blocked").waitFor();
    expect(await page.getByTestId("campaign-blocked").innerText()).toBe("活动已结束，感谢参与");
    expect(await page.getByTestId("campaign-status").innerText()).toBe("已结束");

    // In English too.
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getByTestId("campaign-blocked").innerText()).toBe("This campaign has ended. Thanks for taking part");
    await screenshot(page, "campaign-ended-en");
    // The ended campaign is not in the list.
    await page.goto(`${server.baseUrl}/campaigns`);
    await page.getByTestId("campaign-list").waitFor();
    expect(await page.getByTestId(`campaign-${endedId}`).count()).toBe(0);
    await page.close();
  });

  it("the other screens: scratch a card, a quiz against the clock, a flash sale's buy flow, an auction with a live outbid notice", async () => {
    const now = new Date();
    const scratch = createCampaign(server.db, now, { template: "scratch", title: "E2E 刮刮乐", prizes: sixPrizeWheel() });
    const quiz = createCampaign(server.db, now, {
      template: "quiz",
      title: "E2E 积分知识问答",
      config: { questionsPerEntry: 3, timeLimitSec: 120, passMark: 2, rewardPoints: 30 },
      questions: [
        { text: "积分会过期吗", options: ["会", "不会"], correct: ["a"] },
        { text: "哪些是虚拟商品", options: ["话费", "耳机", "视频会员"], correct: ["a", "c"] },
        { text: "补签要花积分吗", options: ["要", "不要"], correct: ["a"] },
      ],
    });
    const topUp = createProduct(server.db, now, { type: "virtual", stock: 30, pointsPrice: 3000, name: "话费 30 元" });
    const sale = createCampaign(server.db, now, { template: "flash_sale", title: "E2E 限时秒杀", reservedStock: 10, config: { productId: topUp, salePoints: 990, perMemberLimit: 1 } });
    const lot = createProduct(server.db, now, { stock: 1, pointsPrice: 20000, name: "限量版保温杯" });
    const auction = createCampaign(server.db, now, { template: "auction", title: "E2E 积分竞拍", config: { productId: lot, startPrice: 100, increment: 10 } });

    // Scratch card: the result under the coating is the server's.
    const page = await enter(`/campaigns/${scratch.id}`);
    const [drawRes] = await Promise.all([page.waitForResponse((r) => r.url().endsWith(`/campaigns/${scratch.id}/draw`)), page.getByRole("button", { name: "刮一张" }).click()]);
    const drawn = (await drawRes.json()) as { prize: { id: number } };
    await page.getByTestId("scratch-coating").waitFor();
    // A few strokes with the finger (mouse here), then the rest at once.
    const box = (await page.getByTestId("scratch-coating").boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 20);
    await page.mouse.down();
    for (let i = 0; i < 12; i++) await page.mouse.move(box.x + 20 + i * 20, box.y + 20 + (i % 2) * 60);
    await page.mouse.up();
    await screenshot(page, "campaign-scratch");
    if (await page.getByRole("button", { name: "一键刮开" }).count()) await page.getByRole("button", { name: "一键刮开" }).click();
    await page.getByTestId("draw-result").waitFor();
    expect(await page.getByTestId("result-prize").getAttribute("data-prize-id")).toBe(String(drawn.prize.id));
    await page.getByRole("button", { name: "好的" }).click();

    // Quiz: questions one by one, the right answers read from the bank (as only the server knows them).
    await page.goto(`${server.baseUrl}/campaigns/${quiz.id}`);
    const [startRes] = await Promise.all([page.waitForResponse((r) => r.url().endsWith("/quiz/start")), page.getByRole("button", { name: "开始答题" }).click()]);
    const attempt = (await startRes.json()) as { questions: { id: number; options: { id: string; text: Record<string, string> }[] }[] };
    expect(JSON.stringify(attempt)).not.toContain("correct");
    await page.getByTestId("quiz-timer").waitFor();
    for (const [i, q] of attempt.questions.entries()) {
      const right = server.db.select().from(quizQuestions).where(eq(quizQuestions.id, q.id)).get()!.correct;
      for (const id of right) await page.getByLabel(q.options.find((o) => o.id === id)!.text["zh-CN"], { exact: true }).check();
      if (i === 0) await screenshot(page, "campaign-quiz");
      await page.getByRole("button", { name: i === attempt.questions.length - 1 ? "交卷" : "下一题" }).click();
    }
    await page.getByTestId("quiz-result").waitFor();
    expect(await page.getByTestId("quiz-result").innerText()).toContain("恭喜过关");
    expect(await page.getByTestId("quiz-result").innerText()).toContain("+30 积分已到账");
    await screenshot(page, "campaign-quiz-result");

    // Flash sale: price, stock, and the buy flow to the order.
    await page.goto(`${server.baseUrl}/campaigns/${sale.id}`);
    await page.getByTestId("flash-countdown").waitFor();
    expect(await page.getByTestId("stock-left").innerText()).toBe("剩余 10 件");
    await page.locator('input[name="recipient"]').fill("13800138000");
    await screenshot(page, "campaign-flash-sale");
    await page.getByRole("button", { name: "立即抢购" }).click();
    await page.waitForURL(/\/orders\/\d+/);
    const order = server.db.select().from(orders).where(and(eq(orders.campaignId, sale.id), eq(orders.memberId, member.id))).get()!;
    expect(order).toMatchObject({ pointsTotal: 990, source: "flash_sale" });

    // Auction: bid the minimum, then someone outbids; the poll brings the notice and the points back.
    await page.goto(`${server.baseUrl}/campaigns/${auction.id}`);
    await page.getByTestId("auction-price").waitFor();
    expect(await page.locator('input[name="amount"]').inputValue()).toBe("100");
    await page.getByRole("button", { name: "出价", exact: true }).click();
    await page.getByTestId("leading").waitFor();
    const held = balance();
    const rival = server.db.select().from(members).where(and(eq(members.appId, server.ids["app.demo"]), eq(members.status, "active"))).all().find((m) => m.id !== member.id)!;
    givePoints(server.db, rival.id, 1000, new Date());
    writeTx(server.db, (tx) => placeBid(tx, server.app.ctx, auction.id, rival.id, 150, "e2e-rival-bid", new Date()));
    await page.getByTestId("outbid").waitFor({ timeout: 6000 });
    expect(await page.getByTestId("auction-price").innerText()).toBe("150");
    expect(balance()).toBe(held + 100);
    expect(await page.locator('input[name="amount"]').inputValue()).toBe("160");
    expect(server.db.select().from(auctionBids).where(eq(auctionBids.memberId, member.id)).get()!.status).toBe("outbid");
    await screenshot(page, "campaign-auction-outbid");
    await page.close();
  });
});
