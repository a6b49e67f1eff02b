import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { campaignPrizes, campaigns, quizQuestions } from "../db/schema";
import { advanceCampaigns } from "../api/domain/campaigns/lifecycle";
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

const eventually = <T>(fn: () => T | Promise<T>, timeout = 15_000) => expect.poll(fn, { timeout });
const popconfirmOk = (page: Page, name: RegExp) => page.locator(".ant-popconfirm").getByRole("button", { name }).click();

/** The wall-clock time in Shanghai of an instant, as the console's pickers take it. */
const shanghai = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");

async function setDate(page: Page, id: string, value: string) {
  const input = page.locator(`#${id}`);
  await input.click();
  await input.press("Control+A");
  await input.fill(value);
  await input.press("Enter");
  await page.keyboard.press("Escape");
}

async function chooseOption(page: Page, selectId: string, option: string | RegExp, search?: string) {
  await page.locator(".ant-form-item", { has: page.locator(`#${selectId}`) }).locator(".ant-select-selector").click();
  if (search) await page.locator(`#${selectId}`).fill(search);
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: option }).first().click();
}

/** Fills one prize of the pool editor: names, points (for points prizes), odds in %, stock. */
async function fillPrize(page: Page, i: number, p: { zh: string; en: string; points?: number; odds: string; stock?: number }) {
  await page.locator(`#prizes_${i}_name_zh-CN`).fill(p.zh);
  await page.locator(`#prizes_${i}_name_en-US`).fill(p.en);
  if (p.points != null) await page.locator(`#prizes_${i}_points`).fill(String(p.points));
  await page.locator(`#prizes_${i}_oddsPpm`).fill(p.odds);
  if (p.stock != null) await page.locator(`#prizes_${i}_stock`).fill(String(p.stock));
}

describe("campaigns console", () => {
  it("an operator builds a six-prize wheel, simulates it, schedules it a few seconds ahead, and it goes live on time", async () => {
    const page = await signIn("operator");
    await page.goto(`${server.baseUrl}/admin/campaigns`);
    // The seeded campaigns of every template, with their status now.
    const wheelRow = page.locator(".ant-table-row", { hasText: "幸运大转盘 · 积分好礼转不停" });
    await wheelRow.waitFor();
    expect(await wheelRow.getByTestId("campaign-status").getAttribute("data-status")).toBe("live");
    const soon = page.locator(".ant-table-row", { hasText: "降噪耳机半价" });
    expect(await soon.getByTestId("campaign-status").getAttribute("data-status")).toBe("scheduled");
    expect(await soon.getByTestId("countdown").innerText()).toMatch(/小时.*分后开始/);
    await screenshot(page, "campaigns-list");

    // New campaign: the template cards, then the wheel's form.
    await page.getByRole("button", { name: /新建活动/ }).click();
    await page.getByTestId("template-picker").waitFor();
    await screenshot(page, "campaigns-templates");
    await page.getByTestId("template-wheel").click();
    await page.getByTestId("campaign-form").waitFor();
    await page.getByTestId("title-zh-CN").fill("周年庆幸运转盘");
    await page.getByRole("tab", { name: "English" }).click();
    await page.getByTestId("title-en-US").fill("Anniversary Lucky Wheel");
    await page.getByRole("tab", { name: "中文" }).click();
    await page.getByTestId("entry-cost").fill("20");

    // The form starts from two prizes that add up to 100%; four more make six.
    await eventually(() => page.getByTestId("odds-sum").getAttribute("data-sum")).toBe("1000000");
    for (let i = 0; i < 4; i++) await page.getByTestId("add-prize").click();
    await fillPrize(page, 0, { zh: "10 积分", en: "10 points", points: 10, odds: "30" });
    await fillPrize(page, 2, { zh: "50 积分", en: "50 points", points: 50, odds: "10" });
    await fillPrize(page, 3, { zh: "200 积分", en: "200 points", points: 200, odds: "1", stock: 500 });
    await chooseOption(page, "prizes_4_kind", "优惠券码");
    await chooseOption(page, "prizes_4_productId", /瑞幸/, "瑞幸");
    // Choosing the product fills in the name and the value (the product's cost).
    await eventually(() => page.locator("#prizes_4_name_zh-CN").inputValue()).toContain("瑞幸");
    await fillPrize(page, 4, { zh: "瑞幸咖啡券", en: "Luckin voucher", odds: "0.5", stock: 100 });
    await fillPrize(page, 5, { zh: "1000 积分", en: "1000 points", points: 1000, odds: "0.01", stock: 5 });
    // 30 + 70 + 10 + 1 + 0.5 + 0.01 = 111.51%: too much, and the form says by how much.
    await eventually(() => page.getByTestId("odds-sum-value").innerText()).toBe("111.51%");
    expect(await page.getByTestId("odds-sum").innerText()).toContain("超出 11.51%");
    await page.getByRole("button", { name: /保存草稿/ }).click();
    await eventually(() => page.locator(".ant-form-item-explain-error", { hasText: "概率合计为 111.51%，不是 100%" }).count()).toBe(1);
    await page.getByTestId("odds-sum").scrollIntoViewIfNeeded();
    await screenshot(page, "campaigns-wheel-form-over");
    expect(server.db.select().from(campaigns).where(eq(campaigns.createdBy, "operator")).all().filter((c) => c.title["zh-CN"] === "周年庆幸运转盘")).toHaveLength(0);
    // The fallback takes what is left: 58.49%.
    await page.locator("#prizes_1_oddsPpm").fill("58.49");
    await eventually(() => page.getByTestId("odds-sum-value").innerText()).toBe("100%");
    expect(await page.getByTestId("odds-sum").getAttribute("data-sum")).toBe("1000000");
    await page.getByTestId("odds-donut").waitFor();
    // The error under the pool goes as soon as the odds add up.
    await eventually(() => page.locator(".ant-form-item-explain-error", { hasText: "概率合计" }).count()).toBe(0);
    await page.getByTestId("odds-sum").scrollIntoViewIfNeeded();
    await screenshot(page, "campaigns-wheel-form");
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, "campaigns-wheel-form-top");
    await page.getByRole("button", { name: /保存草稿/ }).click();

    // The show page: saved as a draft, ready to schedule, odds stored in ppm.
    await page.getByTestId("readiness").waitFor();
    const created = server.db.select().from(campaigns).all().find((c) => c.title["zh-CN"] === "周年庆幸运转盘")!;
    expect(created).toMatchObject({ template: "wheel", status: "draft", entryCost: 20 });
    const prizes = server.db.select().from(campaignPrizes).where(eq(campaignPrizes.campaignId, created.id)).orderBy(campaignPrizes.sortOrder).all();
    expect(prizes.map((p) => p.oddsPpm)).toEqual([300_000, 584_900, 100_000, 10_000, 5_000, 100]);
    expect(prizes.map((p) => p.isFallback)).toEqual([false, true, false, false, false, false]);
    expect(prizes[4]).toMatchObject({ kind: "coupon", stock: 100 });
    expect(prizes[4].valueCents).toBeGreaterThan(0);
    expect(await page.getByTestId("readiness").innerText()).toContain("可以排期");

    // The simulator: 10,000 draws, the chart, and a verdict in plain words.
    await page.getByText("10,000", { exact: true }).click();
    await page.getByTestId("run-simulation").click();
    const verdict = page.getByTestId("simulator-verdict");
    await verdict.waitFor();
    await page.getByTestId("simulator-chart").locator("canvas").first().waitFor();
    const kind = await verdict.getAttribute("data-verdict");
    expect(["fair", "suspicious", "not-applicable"]).toContain(kind);
    if (kind === "fair") expect(await verdict.innerText()).toMatch(/抽奖结果符合设置的概率（p = [0-9.e-]+）[\s\S]*卡方检验/);
    const counts = await page.getByTestId("simulator-table").locator("tbody tr").allInnerTexts();
    expect(counts).toHaveLength(6);
    // The forecast beside it: 30% × 10 + 10% × 50 + 1% × 200 + 0.01% × 1000 points = 10.1 points + 0.5% of the voucher's value.
    expect(await page.getByTestId("forecast-points").innerText()).toBe("¥0.20");
    await page.getByTestId("simulator-card").scrollIntoViewIfNeeded();
    await screenshot(page, "campaigns-wheel-simulated");

    // Move the start to a few seconds from now, then schedule it.
    await page.getByRole("button", { name: /编\s*辑/ }).click();
    await page.getByTestId("campaign-form").waitFor();
    const startAt = new Date(Math.ceil((Date.now() + 35_000) / 1000) * 1000);
    await setDate(page, "startAt", shanghai(startAt));
    await page.getByRole("button", { name: /保\s*存/ }).click();
    await page.getByTestId("readiness").waitFor();
    await eventually(() => server.db.select().from(campaigns).where(eq(campaigns.id, created.id)).get()!.startAt.getTime()).toBe(startAt.getTime());

    await page.getByTestId("schedule").click();
    await popconfirmOk(page, /排期上线/);
    const status = page.getByTestId("campaign-facts").getByTestId("campaign-status");
    await eventually(() => status.getAttribute("data-status")).toBe("scheduled");
    expect(await status.getByTestId("countdown").innerText()).toMatch(/秒后开始/);
    expect(server.db.select().from(campaigns).where(eq(campaigns.id, created.id)).get()!.status).toBe("scheduled");
    // Scheduled: no edit button any more, and a way back to draft.
    expect(await page.getByRole("button", { name: /编\s*辑/ }).count()).toBe(0);
    await page.getByTestId("unschedule").waitFor();
    await screenshot(page, "campaigns-wheel-scheduled");

    // The list counts down too, and turns live when the start passes; the job moves the stored status.
    await page.goto(`${server.baseUrl}/admin/campaigns?status=scheduled`);
    const row = page.locator(".ant-table-row", { hasText: "周年庆幸运转盘" });
    await row.waitFor();
    expect(await row.getByTestId("campaign-status").getAttribute("data-status")).toBe("scheduled");
    await page.goto(`${server.baseUrl}/admin/campaigns`);
    await row.waitFor();
    await screenshot(page, "campaigns-list-countdown");
    await eventually(() => row.getByTestId("campaign-status").getAttribute("data-status"), Math.max(5_000, startAt.getTime() - Date.now() + 10_000)).toBe("live");
    expect(Date.now()).toBeGreaterThanOrEqual(startAt.getTime());
    expect(advanceCampaigns(server.app.ctx).started).toBe(1);
    expect(server.db.select().from(campaigns).where(eq(campaigns.id, created.id)).get()!.status).toBe("live");
    await page.reload();
    await eventually(() => row.getByTestId("campaign-status").getAttribute("data-status")).toBe("live");
    await screenshot(page, "campaigns-list-live");
    await page.close();
  });

  it("a quiz with too few questions cannot be scheduled: the problems are listed", async () => {
    const page = await signIn("operator");
    await page.goto(`${server.baseUrl}/admin/campaigns/create?template=quiz`);
    await page.getByTestId("campaign-form").waitFor();
    await page.getByTestId("title-zh-CN").fill("双十二知识问答");
    await page.locator("#questions_0_text_zh-CN").fill("积分商城的积分可以转赠吗？");
    await page.locator("#questions_0_options_0_text_zh-CN").fill("可以");
    await page.locator("#questions_0_options_1_text_zh-CN").fill("不可以");
    await page.getByTestId("question-0").getByText("B", { exact: true }).click();
    await page.getByTestId("add-question").click();
    await page.locator("#questions_1_text_zh-CN").fill("以下哪些可以获得积分？");
    await page.getByTestId("question-1").getByText("多选").click();
    await page.locator("#questions_1_options_0_text_zh-CN").fill("消费");
    await page.locator("#questions_1_options_1_text_zh-CN").fill("评价");
    await page.getByTestId("question-1").getByRole("button", { name: /添加选项/ }).click();
    await page.locator("#questions_1_options_2_text_zh-CN").fill("退货");
    // A stays right from the single-choice default; B is right too.
    await page.getByTestId("question-1").getByText("B", { exact: true }).click();
    await screenshot(page, "campaigns-quiz-form");
    await page.getByRole("button", { name: /保存草稿/ }).click();

    await page.getByTestId("readiness").waitFor();
    const quiz = server.db.select().from(campaigns).all().find((c) => c.title["zh-CN"] === "双十二知识问答")!;
    expect(quiz).toMatchObject({ template: "quiz", status: "draft" });
    expect(await page.getByTestId("question-list").innerText()).toMatch(/不可以[\s\S]*以下哪些可以获得积分/);
    expect(await page.getByTestId("readiness").innerText()).toContain("题库");
    await page.getByTestId("schedule").click();
    await popconfirmOk(page, /排期上线/);
    const modal = page.locator(".ant-modal", { hasText: "暂时不能排期" });
    await modal.waitFor();
    expect(await modal.getByTestId("readiness-problems").innerText()).toMatch(/题库[\s\S]*题库只有 2 道题，每次要抽 5 道/);
    const stored = server.db.select().from(quizQuestions).where(eq(quizQuestions.campaignId, quiz.id)).orderBy(quizQuestions.sortOrder).all();
    expect(stored.map((q) => [q.kind, q.correct])).toEqual([
      ["single", ["b"]],
      ["multiple", ["a", "b"]],
    ]);
    await screenshot(page, "campaigns-quiz-not-ready");
    expect(server.db.select().from(campaigns).where(eq(campaigns.id, quiz.id)).get()!.status).toBe("draft");
    await page.close();
  });

  it("shows an ended campaign's statistics: cards and charts", async () => {
    const page = await signIn("operator");
    const ended = server.db.select().from(campaigns).all().find((c) => c.title["en-US"].startsWith("Autumn"))!;
    await page.goto(`${server.baseUrl}/admin/campaigns/show/${ended.id}`);
    await page.getByTestId("campaign-facts").waitFor();
    expect(await page.getByTestId("campaign-status").first().getAttribute("data-status")).toBe("ended");
    // An ended campaign has no schedule, back-to-draft or end buttons.
    expect(await page.getByTestId("schedule").count()).toBe(0);
    expect(await page.getByTestId("end-now").count()).toBe(0);
    await page.getByTestId("stats-tab-label").click();
    await page.getByTestId("stats-tab").waitFor();
    expect(Number((await page.getByTestId("stat-entries").locator(".ant-statistic-content-value").innerText()).replace(/,/g, ""))).toBeGreaterThan(50);
    expect(await page.getByTestId("stat-conversion").innerText()).toMatch(/\d+\.\d%/);
    expect(await page.getByTestId("stat-fulfilment").innerText()).toMatch(/\d+\.\d%/);
    await page.getByTestId("entries-by-day").locator("canvas").first().waitFor();
    await page.getByTestId("prizes-issued").locator("canvas").first().waitFor();
    await page.waitForTimeout(600);
    await screenshot(page, "campaigns-stats");
    await page.close();
  });

  it("in English: a live quiz's questions with their answers, and an auction's state; a running campaign cannot be edited", async () => {
    const page = await signIn("operator", "en-US");
    const quiz = server.db.select().from(campaigns).all().find((c) => c.template === "quiz")!;
    await page.goto(`${server.baseUrl}/admin/campaigns/show/${quiz.id}`);
    await page.getByTestId("question-list").waitFor();
    expect(await page.getByTestId("question-list").innerText()).toContain("Do points in the mall expire?");
    await screenshot(page, "campaigns-quiz-en");
    await page.goto(`${server.baseUrl}/admin/campaigns/edit/${quiz.id}`);
    await page.getByTestId("locked-note").waitFor();
    expect(await page.getByTestId("locked-note").innerText()).toContain("This campaign is Live");
    expect(await page.locator("#config_passMark").isDisabled()).toBe(true);

    const auction = server.db.select().from(campaigns).all().find((c) => c.template === "auction")!;
    await page.goto(`${server.baseUrl}/admin/campaigns/show/${auction.id}`);
    await page.getByTestId("auction-facts").waitFor();
    expect(await page.getByTestId("auction-facts").innerText()).toMatch(/Current price\s+[\d,]+ points/);
    await screenshot(page, "campaigns-auction-en");

    const flash = server.db.select().from(campaigns).all().find((c) => c.template === "flash_sale" && c.title["en-US"].includes("Bottle"))!;
    await page.goto(`${server.baseUrl}/admin/campaigns/show/${flash.id}`);
    await page.getByTestId("campaign-facts").waitFor();
    expect(await page.locator(".ant-descriptions", { hasText: "Left in the sale" }).innerText()).toContain(String(flash.stockLeft));
    await screenshot(page, "campaigns-flash-en");
    const calendar = server.db.select().from(campaigns).all().find((c) => c.template === "sign_in")!;
    await page.goto(`${server.baseUrl}/admin/campaigns/show/${calendar.id}`);
    await page.getByTestId("campaign-facts").waitFor();
    await page.getByTestId("stats-tab-label").click();
    await page.getByTestId("entries-by-day").locator("canvas").first().waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, "campaigns-sign-in-stats-en");

    // The flash sale form: choose the product, and the form says what the sale price is worth.
    await page.goto(`${server.baseUrl}/admin/campaigns/create?template=flash_sale`);
    await page.getByTestId("campaign-form").waitFor();
    await chooseOption(page, "config_productId", /Robot Vacuum/, "Robot");
    await page.locator("#config_salePoints").fill("30000");
    await eventually(() => page.locator(".ant-form-item", { has: page.locator("#config_salePoints") }).innerText()).toContain("50% of the usual price");
    await page.locator("#config_salePoints").scrollIntoViewIfNeeded();
    await screenshot(page, "campaigns-flash-form-en");
    await page.close();
  });

  it("customer service reads campaigns but gets no schedule, simulate or create buttons", async () => {
    const page = await signIn("service");
    await page.goto(`${server.baseUrl}/admin/campaigns`);
    await page.locator(".ant-table-row").first().waitFor();
    expect(await page.getByRole("button", { name: /新建活动/ }).count()).toBe(0);
    const draft = server.db.select().from(campaigns).all().find((c) => c.status === "draft" && c.title["en-US"].startsWith("Spring"))!;
    await page.goto(`${server.baseUrl}/admin/campaigns/show/${draft.id}`);
    await page.getByTestId("campaign-facts").waitFor();
    expect(await page.getByTestId("schedule").count()).toBe(0);
    expect(await page.getByTestId("run-simulation").isDisabled()).toBe(true);
    await page.close();
  });
});
