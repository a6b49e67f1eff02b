import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import type { AppContext } from "../api/context";
import { campaignPrizes, campaigns, campaignVisits, memberAddresses, members, orders, quizQuestions, type CampaignTemplate, type LocalText, type PrizeKind } from "../db/schema";
import { placeBid } from "../api/domain/campaigns/auction";
import { draw } from "../api/domain/campaigns/campaigns";
import { buyFlashSale } from "../api/domain/campaigns/flash-sale";
import { advanceCampaigns, endCampaign, scheduleCampaign } from "../api/domain/campaigns/lifecycle";
import { answerQuiz, startQuiz } from "../api/domain/campaigns/quiz";
import { makeUpDay, signIn } from "../api/domain/campaigns/sign-in";
import { addDays, daysBetween, mallDay, startOfMallDay, startOfPeriod } from "../api/domain/points/calendar";
import { cancelOrder, confirmReceipt, shipOrder } from "../api/domain/orders/orders";
import { toAppError } from "../api/lib/errors";
import { seededRng } from "../api/lib/rng";
import { writeTx } from "../api/lib/tx";
import { seedAppContext } from "./app-context";
import type { SeedContext } from "./context";
import { productTileSvg, storeSvg, type Glyph } from "./product-images";
import { DEMO_MEMBER_COUNT } from "./points";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const text = (zh: string, en: string): LocalText => ({ "zh-CN": zh, "en-US": en });

interface PrizePlan {
  name: LocalText;
  kind: PrizeKind;
  points?: number;
  product?: string;
  oddsPpm: number;
  stock?: number | null;
  dailyRelease?: number;
  valueCents?: number;
  isFallback?: boolean;
  color: string;
}

interface CampaignPlan {
  key: string;
  template: CampaignTemplate;
  title: LocalText;
  rules: LocalText;
  image?: { color: string; glyph: Glyph; label: string; sublabel: string };
  startAt: Date;
  endAt: Date;
  entryCost?: number;
  perDayLimit?: number;
  totalLimit?: number;
  tiers?: string[];
  newMemberDays?: number;
  config?: Record<string, unknown>;
  reservedStock?: number;
  prizes?: PrizePlan[];
  questions?: { text: LocalText; kind: "single" | "multiple"; options: LocalText[]; correct: string[] }[];
  /** Schedule it at this time (default: a day before it starts); without it the campaign stays a draft. */
  draft?: boolean;
}

/**
 * Campaigns of every template, running through the real domain code so that stock, points, orders
 * and statistics agree: a live lucky wheel and scratch card with a fortnight of draws, a quiz with
 * attempts, a flash sale opening in two hours and one selling now, the month's sign-in calendar,
 * an auction ending this afternoon with bids, an autumn wheel that has ended (with fulfilled
 * prize orders), and a draft for the Spring Festival.
 */
export function seedCampaigns(s: SeedContext) {
  // A seeded generator: the demo's draws come out the same on every machine.
  const ctx = seedAppContext(s, seededRng(20261123));
  const started = performance.now();
  // One transaction for the phase, a savepoint per entry: a file database commits once, not a thousand times.
  const summary = writeTx(s.db, (root) => populate(s, ctx, root));
  // Scheduled campaigns whose start has passed are live now.
  advanceCampaigns(ctx);
  s.log(`campaigns: ${summary.count} in ${Math.round(performance.now() - started)} ms (${summary.tally})`);
}

function populate(s: SeedContext, ctx: AppContext, root: DbOrTx) {
  const now = s.clock.now();
  const t = now.getTime();
  const today = startOfMallDay(now).getTime();
  // Operators set times on the hour: the relative windows below are rounded to it.
  const hour = Math.round(t / HOUR) * HOUR;
  const monthStart = startOfPeriod(now, "month", 0);
  const monthEnd = startOfPeriod(now, "month", 1);
  const product = (key: string) => s.ids[`product.${key}`];

  const plans: CampaignPlan[] = [
    {
      key: "wheel",
      template: "wheel",
      title: text("幸运大转盘 · 积分好礼转不停", "Lucky Wheel: Spin for Points and Prizes"),
      rules: text(
        "每次转动消耗 20 积分，每人每天 3 次。奖品有积分、咖啡券、视频月卡、流量包和蓝牙耳机；实物奖品请在“我的奖品”中填写收货地址，7 个工作日内发货。",
        "Each spin costs 20 points, 3 spins a day. Prizes include points, coffee vouchers, a streaming pass, mobile data and wireless earbuds; give your address under My prizes and physical prizes ship within 7 working days.",
      ),
      image: { color: "#e4393c", glyph: "gift", label: "幸运大转盘", sublabel: "Lucky Wheel" },
      startAt: new Date(today - 12 * DAY),
      endAt: new Date(today + 19 * DAY),
      entryCost: 20,
      perDayLimit: 3,
      config: { pointValueCents: 1 },
      prizes: [
        { name: text("10 积分", "10 points"), kind: "points", points: 10, oddsPpm: 250_000, color: "#ffa940" },
        { name: text("50 积分", "50 points"), kind: "points", points: 50, oddsPpm: 60_000, color: "#ff7a45" },
        { name: text("200 积分", "200 points"), kind: "points", points: 200, oddsPpm: 5_000, stock: 300, color: "#f5222d" },
        { name: text("瑞幸 9.9 元饮品券", "Luckin ¥9.9 drink voucher"), kind: "coupon", product: "luckin-voucher", oddsPpm: 8_000, stock: 100, valueCents: 990, color: "#1f4e9c" },
        { name: text("腾讯视频 VIP 月卡", "Tencent Video VIP, 1 month"), kind: "coupon", product: "tencent-video", oddsPpm: 1_000, stock: 20, valueCents: 2000, color: "#ff6a00" },
        { name: text("10GB 全国流量", "10 GB mobile data"), kind: "virtual", product: "data-10g", oddsPpm: 2_000, stock: 50, valueCents: 1800, color: "#13c2c2" },
        { name: text("真无线蓝牙耳机", "True wireless earbuds"), kind: "product", product: "tws-earbuds", oddsPpm: 200, stock: 3, dailyRelease: 1, valueCents: 15000, color: "#722ed1" },
        { name: text("谢谢参与", "Thanks for taking part"), kind: "nothing", oddsPpm: 673_800, isFallback: true, color: "#d9d9d9" },
      ],
    },
    {
      key: "scratch",
      template: "scratch",
      title: text("刮刮乐 · 天天刮好运", "Scratch Card: a Little Luck Every Day"),
      rules: text("每张刮刮卡 10 积分，每天 2 张。刮开涂层即见结果，积分奖励实时到账。", "Each card costs 10 points, 2 a day. Scratch the coating to see what you won; points arrive at once."),
      image: { color: "#fa8c16", glyph: "gift", label: "刮刮乐", sublabel: "Scratch Card" },
      startAt: new Date(today - 4 * DAY),
      endAt: new Date(today + 10 * DAY),
      entryCost: 10,
      perDayLimit: 2,
      prizes: [
        { name: text("5 积分", "5 points"), kind: "points", points: 5, oddsPpm: 400_000, color: "#ffc53d" },
        { name: text("20 积分", "20 points"), kind: "points", points: 20, oddsPpm: 100_000, color: "#ffa940" },
        { name: text("100 积分", "100 points"), kind: "points", points: 100, oddsPpm: 10_000, stock: 100, color: "#fa541c" },
        { name: text("网易云黑胶 7 天体验", "NetEase Music VIP, 7 days"), kind: "coupon", product: "netease-music-trial", oddsPpm: 20_000, stock: 40, valueCents: 100, color: "#d7263d" },
        { name: text("谢谢参与", "Thanks for taking part"), kind: "nothing", oddsPpm: 470_000, isFallback: true, color: "#d9d9d9" },
      ],
    },
    {
      key: "quiz",
      template: "quiz",
      title: text("积分知识问答 · 答对 4 题得 50 积分", "Points Quiz: Get 4 Right, Earn 50 Points"),
      rules: text("每次随机抽取 5 道题，限时 2 分钟，答对 4 题即得 50 积分。每人每天 1 次。", "Five questions drawn at random, two minutes to answer; get four right to earn 50 points. Once a day."),
      image: { color: "#2f54eb", glyph: "box", label: "积分问答", sublabel: "Points Quiz" },
      startAt: new Date(today - 6 * DAY),
      endAt: new Date(today + 24 * DAY),
      perDayLimit: 1,
      config: { questionsPerEntry: 5, timeLimitSec: 120, passMark: 4, rewardPoints: 50 },
      questions: QUIZ_BANK,
    },
    {
      key: "flash-soon",
      template: "flash_sale",
      title: text("限时秒杀 · 降噪耳机半价", "Flash Sale: ANC Headphones at Half Points"),
      rules: text("18,000 积分抢原价 36,000 积分的降噪头戴耳机，限量 10 台，每人限购 1 台，售完即止。", "ANC over-ear headphones for 18,000 points instead of 36,000: 10 units, one per member, while they last."),
      image: { color: "#1f3b73", glyph: "headphones", label: "限时秒杀", sublabel: "Flash Sale" },
      startAt: new Date(hour + 2 * HOUR),
      endAt: new Date(hour + 2 * HOUR + DAY),
      config: { productId: product("anc-headphones"), salePoints: 18_000, saleCash: 0, perMemberLimit: 1 },
      reservedStock: 10,
    },
    {
      key: "flash-live",
      template: "flash_sale",
      title: text("整点秒杀 · 保温杯 990 积分", "Flash Sale: Insulated Bottle for 990 Points"),
      rules: text("316 不锈钢保温杯秒杀价 990 积分（原价 4,500），限量 50 个，每人限购 2 个。", "The 316 steel insulated bottle for 990 points (usually 4,500): 50 units, at most 2 per member."),
      image: { color: "#e67e22", glyph: "bottle", label: "整点秒杀", sublabel: "Flash Sale" },
      startAt: new Date(hour - 2 * HOUR),
      endAt: new Date(hour + 5 * HOUR),
      config: { productId: product("insulated-bottle"), salePoints: 990, saleCash: 0, perMemberLimit: 2 },
      reservedStock: 50,
    },
    {
      key: "sign-in",
      template: "sign_in",
      title: text("每日签到 · 连签 7 天送 50 积分", "Daily Sign-In: 7 Days in a Row for 50 Bonus Points"),
      rules: text(
        "每天签到得积分，连续签到奖励递增（5、8、12、15、18、20、25），每连签 7 天再送 50 积分。漏签可用 20 积分补签 7 天内的日子，每月 3 次。",
        "Sign in every day for points that grow with your streak (5, 8, 12, 15, 18, 20, 25), plus 50 bonus points every 7th day in a row. Missed a day? Make up any of the last 7 days for 20 points, 3 times a month.",
      ),
      image: { color: "#52c41a", glyph: "gift", label: "每日签到", sublabel: "Daily Sign-In" },
      startAt: monthStart,
      endAt: monthEnd,
      config: { steps: [5, 8, 12, 15, 18, 20, 25], bonusEvery: 7, bonusPoints: 50, makeUpCost: 20, makeUpDaysBack: 7, makeUpPerMonth: 3 },
    },
    {
      key: "auction",
      template: "auction",
      title: text("积分竞拍 · 扫拖一体机器人", "Points Auction: Robot Vacuum and Mop"),
      rules: text(
        "起拍价 2,000 积分，每次至少加价 200 积分。出价会冻结积分，被超过后立即退回；结束前 1 分钟内出价将顺延 2 分钟。价高者得，结束后自动生成订单。",
        "Bidding starts at 2,000 points and rises by at least 200. A bid holds your points and they come back the moment you are outbid; a bid in the last minute extends the auction by 2 minutes. The highest bid wins and the order is made automatically.",
      ),
      image: { color: "#2c3e50", glyph: "robot", label: "积分竞拍", sublabel: "Points Auction" },
      startAt: new Date(hour - 2 * DAY),
      endAt: new Date(hour + 4 * HOUR),
      config: { productId: product("robot-vacuum"), startPrice: 2_000, increment: 200, antiSnipingSec: 60, extendBySec: 120 },
    },
    {
      key: "autumn",
      template: "wheel",
      title: text("金秋幸运转盘（已结束）", "Autumn Lucky Wheel (ended)"),
      rules: text("金秋回馈，活动期间每天 3 次抽奖机会，每次 10 积分。", "An autumn thank-you: three spins a day, 10 points each."),
      image: { color: "#cf1322", glyph: "gift", label: "金秋转盘", sublabel: "Autumn Wheel" },
      startAt: new Date(today - 40 * DAY),
      endAt: new Date(today - 33 * DAY),
      entryCost: 10,
      perDayLimit: 3,
      prizes: [
        { name: text("20 积分", "20 points"), kind: "points", points: 20, oddsPpm: 300_000, color: "#ffa940" },
        { name: text("100 积分", "100 points"), kind: "points", points: 100, oddsPpm: 50_000, color: "#fa541c" },
        { name: text("星巴克中杯拿铁券", "Starbucks tall latte voucher"), kind: "coupon", product: "starbucks-latte", oddsPpm: 15_000, stock: 30, valueCents: 3300, color: "#00704a" },
        { name: text("编织快充线", "Braided USB-C cable"), kind: "product", product: "usb-c-cable", oddsPpm: 25_000, stock: 12, valueCents: 1500, color: "#00897b" },
        { name: text("谢谢参与", "Thanks for taking part"), kind: "nothing", oddsPpm: 610_000, isFallback: true, color: "#d9d9d9" },
      ],
    },
    {
      key: "spring-draft",
      template: "wheel",
      title: text("新春集福转盘（草稿）", "Spring Festival Wheel (draft)"),
      rules: text("新春期间每天 1 次免费抽奖，金卡及以上会员专享。", "One free spin a day over the Spring Festival, for gold members and above."),
      startAt: new Date(today + 45 * DAY),
      endAt: new Date(today + 52 * DAY),
      perDayLimit: 1,
      tiers: ["gold", "diamond"],
      prizes: [
        { name: text("88 积分", "88 points"), kind: "points", points: 88, oddsPpm: 300_000, color: "#f5222d" },
        { name: text("888 积分", "888 points"), kind: "points", points: 888, oddsPpm: 10_000, stock: 100, color: "#faad14" },
        { name: text("新春年货礼盒", "Lunar New Year gift box"), kind: "product", product: "new-year-box", oddsPpm: 1_000, stock: 10, valueCents: 9800, color: "#cf1322" },
        { name: text("谢谢参与", "Thanks for taking part"), kind: "nothing", oddsPpm: 689_000, isFallback: true, color: "#d9d9d9" },
      ],
      draft: true,
    },
  ];

  const ids: Record<string, number> = {};
  for (const plan of plans) ids[plan.key] = createCampaign(s, root, plan, now);

  const memberIds = Array.from({ length: DEMO_MEMBER_COUNT }, (_, i) => s.ids[`member.${i}`]).filter(Boolean);
  const tally: Record<string, number> = {};
  const attempt = (key: string, fn: (tx: DbOrTx) => unknown) => {
    try {
      root.transaction(fn);
      tally[key] = (tally[key] ?? 0) + 1;
    } catch (err) {
      // Short of points, over a limit, sold out: one entry fewer in the demo.
      if (!toAppError(err)) throw err;
      if (process.env.SEED_DEBUG) console.log(key, (err as Error).message);
    }
  };
  const visit = (campaignId: number, memberId: number, at: Date) =>
    root.insert(campaignVisits).values({ campaignId, memberId, day: mallDay(at) }).onConflictDoNothing().run();
  /** A time on a past day (days ago, at a waking hour), never in the future. */
  const timeOn = (daysAgo: number) => new Date(Math.min(today - daysAgo * DAY + (8 + Math.floor(s.random() * 14)) * HOUR + Math.floor(s.random() * 60) * MINUTE, t - MINUTE));

  // Wheels and the scratch card: members come by, some spin, a few use all their spins.
  const spins = (key: string, id: number, firstDaysAgo: number, lastDaysAgo: number, players: number[]) => {
    for (let d = firstDaysAgo; d >= lastDaysAgo; d--) {
      for (const m of memberIds.slice(0, 24)) {
        if (s.random() < 0.45) visit(id, m, timeOn(d));
      }
      for (const m of players) {
        if (s.random() < 0.35) continue;
        const at = timeOn(d);
        visit(id, m, at);
        const n = 1 + Math.floor(s.random() * 3);
        for (let k = 0; k < n; k++) attempt(key, (tx) => draw(tx, ctx, id, m, `seed-${d}-${k}`, new Date(at.getTime() + k * MINUTE)));
      }
    }
  };
  ensureAddresses(root, memberIds.slice(0, 16), now);
  spins("wheel draws", ids.wheel, 12, 0, memberIds.slice(0, 14));
  spins("scratch cards", ids.scratch, 4, 0, memberIds.slice(4, 16));
  spins("autumn wheel draws", ids["autumn"], 40, 34, memberIds.slice(0, 16));

  // The quiz: answers right three times in four, so some pass and some do not.
  for (let d = 6; d >= 0; d--) {
    for (const m of memberIds.slice(2, 14)) {
      if (s.random() < 0.4) continue;
      const at = timeOn(d);
      visit(ids.quiz, m, at);
      attempt("quiz attempts", (tx) => {
        const started = startQuiz(tx, ctx, ids.quiz, m, `seed-${d}`, at);
        const bank = new Map(tx.select().from(quizQuestions).where(eq(quizQuestions.campaignId, ids.quiz)).all().map((q) => [q.id, q]));
        const answers: Record<string, string[]> = {};
        for (const q of started.questions) {
          const full = bank.get(q.id)!;
          answers[String(q.id)] = s.random() < 0.78 ? full.correct : [full.options.find((o) => !full.correct.includes(o.id))!.id];
        }
        answerQuiz(tx, ctx, ids.quiz, m, started.attemptId, answers, new Date(at.getTime() + 70_000));
      });
    }
  }

  // The flash sale on now: a rush in its first minutes, from members with points to spend.
  const richest = root.select({ id: members.id }).from(members).where(inArray(members.id, memberIds)).orderBy(desc(members.balance)).limit(20).all().map((r) => r.id);
  ensureAddresses(root, richest, now);
  for (const [i, m] of richest.slice(0, 18).entries()) {
    // Within the first 80 minutes of the sale (it opened 1.5 to 2.5 hours ago).
    const at = new Date(hour - 2 * HOUR + ((i * 97_000) % (80 * MINUTE)));
    visit(ids["flash-live"], m, at);
    if (i % 5 === 4) continue;
    const addressId = root.select({ id: memberAddresses.id }).from(memberAddresses).where(and(eq(memberAddresses.memberId, m), eq(memberAddresses.isDefault, true))).get()?.id;
    attempt("flash-sale buys", (tx) => buyFlashSale(tx, ctx, ids["flash-live"], m, { quantity: i % 3 === 0 ? 2 : 1, addressId }, `seed-${i}`, at));
  }
  for (const m of memberIds.slice(0, 10)) visit(ids["flash-soon"], m, new Date(t - Math.floor(s.random() * 60) * MINUTE));

  // Sign-in: the month so far, most members most days, one make-up day.
  const todayKey = mallDay(now);
  const firstDay = mallDay(monthStart);
  const signed = new Map<number, Set<string>>();
  for (const [i, m] of memberIds.slice(0, 20).entries()) {
    const keen = i < 8 ? 0.92 : 0.6;
    signed.set(m, new Set());
    for (let day = firstDay; day <= todayKey; day = addDays(day, 1)) {
      if (s.random() > keen) continue;
      const at = timeOn(daysBetween(day, todayKey));
      visit(ids["sign-in"], m, at);
      attempt("sign-ins", (tx) => signIn(tx, ctx, ids["sign-in"], m, at));
      signed.get(m)!.add(day);
    }
  }
  // A member who missed a day this week buys it back.
  const gap = [1, 2, 3, 4, 5].map((n) => addDays(todayKey, -n)).find((d) => d >= firstDay && !signed.get(memberIds[9])?.has(d));
  if (gap) attempt("make-up days", (tx) => makeUpDay(tx, ctx, ids["sign-in"], memberIds[9], gap, new Date(t - 5 * MINUTE)));

  // The auction: five members with points to spare outbid each other over two days.
  const bidders = richest.slice(0, 5);
  let price = 2_000;
  for (let k = 0; k < 11; k++) {
    const at = new Date(hour - 2 * DAY + 20 * MINUTE + k * 4 * HOUR);
    const m = bidders[(k * 3) % bidders.length];
    visit(ids.auction, m, at);
    attempt("auction bids", (tx) => placeBid(tx, ctx, ids.auction, m, price, `seed-${k}`, at));
    price += 200 * (1 + Math.floor(s.random() * 3));
  }
  for (const m of memberIds.slice(4, 20)) if (s.random() < 0.6) visit(ids.auction, m, timeOn(Math.floor(s.random() * 2)));

  // The autumn wheel ended: its prize goods were shipped and received (one declined).
  endCampaign(root, ctx, ids["autumn"], new Date(today - 33 * DAY));
  const prizeOrders = root.select().from(orders).where(eq(orders.campaignId, ids["autumn"])).all();
  prizeOrders.forEach((o, i) => {
    if (o.status !== "awaiting_shipment") return;
    const at = o.createdAt.getTime();
    attempt("prize orders settled", (tx) => {
      if (i === 1) return cancelOrder(tx, ctx, o.id, { label: "staff:operator" }, "会员放弃奖品 prize declined", new Date(at + DAY));
      if (!o.address) return;
      shipOrder(tx, ctx, o.id, { carrier: "顺丰 SF", trackingNo: `SF${2000000000 + o.id * 7919}` }, { label: "supplier:seed" }, new Date(at + DAY));
      confirmReceipt(tx, o.id, { label: `member:${o.memberId}` }, new Date(at + 4 * DAY));
    });
  });

  for (const [k, v] of Object.entries(ids)) s.ids[`campaign.${k}`] = v;
  return { count: plans.length, tally: Object.entries(tally).map(([k, v]) => `${v} ${k}`).join(", ") };
}

/** Inserts a campaign with its prizes and questions, then schedules it (a day before it starts) unless it is a draft. */
function createCampaign(s: SeedContext, root: DbOrTx, plan: CampaignPlan, now: Date): number {
  const createdAt = new Date(Math.min(plan.startAt.getTime() - 3 * DAY, now.getTime() - HOUR));
  const image = plan.image ? storeSvg(s, productTileSvg(plan.image)) : "";
  return root.transaction((tx) => {
    const row = tx
      .insert(campaigns)
      .values({
        template: plan.template,
        title: plan.title,
        rules: plan.rules,
        image,
        startAt: plan.startAt,
        endAt: plan.endAt,
        tiers: plan.tiers ?? [],
        newMemberDays: plan.newMemberDays ?? 0,
        entryCost: plan.entryCost ?? 0,
        perDayLimit: plan.perDayLimit ?? 0,
        totalLimit: plan.totalLimit ?? 0,
        config: plan.config ?? {},
        reservedStock: plan.reservedStock ?? 0,
        createdBy: "operator",
        createdAt,
        updatedAt: createdAt,
      })
      .returning()
      .get();
    (plan.prizes ?? []).forEach((p, i) =>
      tx
        .insert(campaignPrizes)
        .values({
          campaignId: row.id,
          name: p.name,
          kind: p.kind,
          points: p.points ?? 0,
          productId: p.product ? s.ids[`product.${p.product}`] : null,
          oddsPpm: p.oddsPpm,
          stock: p.stock ?? null,
          initialStock: p.stock ?? null,
          dailyRelease: p.dailyRelease ?? 0,
          valueCents: p.valueCents ?? 0,
          isFallback: p.isFallback ?? false,
          color: p.color,
          sortOrder: i,
        })
        .run(),
    );
    (plan.questions ?? []).forEach((q, i) =>
      tx
        .insert(quizQuestions)
        .values({ campaignId: row.id, text: q.text, kind: q.kind, options: q.options.map((o, j) => ({ id: String.fromCharCode(97 + j), text: o })), correct: q.correct, sortOrder: i })
        .run(),
    );
    if (!plan.draft) scheduleCampaign(tx, row.id, new Date(Math.min(plan.startAt.getTime() - DAY, now.getTime())));
    return row.id;
  });
}

const REGIONS = ["上海市 徐汇区", "北京市 海淀区", "广东省 广州市 天河区", "浙江省 宁波市 鄞州区"];

/** Prize winners need somewhere to send physical prizes: a default address for those without one. */
function ensureAddresses(db: DbOrTx, memberIds: number[], now: Date) {
  for (const [i, memberId] of memberIds.entries()) {
    const has = db.select({ id: memberAddresses.id }).from(memberAddresses).where(and(eq(memberAddresses.memberId, memberId), eq(memberAddresses.isDefault, true))).get();
    if (has) continue;
    db
      .insert(memberAddresses)
      .values({ memberId, name: `会员${i + 1}`, phone: `1372468${String(1000 + i).padStart(4, "0")}`, region: REGIONS[i % REGIONS.length], detail: `和平路 ${20 + i} 号`, isDefault: true, createdAt: now, updatedAt: now })
      .run();
  }
}

const yesNo = (zh: string, en: string) => text(zh, en);

/** Twelve questions about the mall and its points, in both languages. */
const QUIZ_BANK: NonNullable<CampaignPlan["questions"]> = [
  {
    text: text("积分商城的积分会过期吗？", "Do points in the mall expire?"),
    kind: "single",
    options: [yesNo("永不过期", "Never"), yesNo("会，按积分有效期规则到期", "Yes, under the points expiry policy"), yesNo("每月月底清零", "They reset at the end of every month")],
    correct: ["b"],
  },
  {
    text: text("兑换商品时，系统优先扣除哪一批积分？", "When you redeem, which points are spent first?"),
    kind: "single",
    options: [yesNo("最早到期的积分", "The ones that expire first"), yesNo("最近获得的积分", "The most recently earned"), yesNo("随机扣除", "Chosen at random")],
    correct: ["a"],
  },
  {
    text: text("会员等级是按什么计算的？", "What decides your member tier?"),
    kind: "single",
    options: [yesNo("当前积分余额", "Your current balance"), yesNo("近 12 个月获得的积分", "Points earned in the last 12 months"), yesNo("注册时长", "How long you have been a member")],
    correct: ["b"],
  },
  {
    text: text("近 12 个月获得多少积分可以成为金卡会员？", "How many points earned in 12 months make you a gold member?"),
    kind: "single",
    options: [yesNo("1,000", "1,000"), yesNo("5,000", "5,000"), yesNo("10,000", "10,000")],
    correct: ["b"],
  },
  {
    text: text("每日签到连续 7 天，额外奖励多少积分？", "How many bonus points does a 7-day sign-in streak give?"),
    kind: "single",
    options: [yesNo("20", "20"), yesNo("50", "50"), yesNo("100", "100")],
    correct: ["b"],
  },
  {
    text: text("以下哪些行为可以获得积分？（多选）", "Which of these earn points? (choose all that apply)"),
    kind: "multiple",
    options: [yesNo("消费购物", "Shopping"), yesNo("发表评价", "Writing a review"), yesNo("分享商品", "Sharing a product"), yesNo("申请退货", "Returning an order")],
    correct: ["a", "b", "c"],
  },
  {
    text: text("“积分+现金”商品的现金部分怎么付？", "How do you pay the cash part of a points-plus-cash product?"),
    kind: "single",
    options: [yesNo("下单后在线支付", "Online, right after ordering"), yesNo("货到付款", "Cash on delivery"), yesNo("用更多积分抵扣", "With more points")],
    correct: ["a"],
  },
  {
    text: text("兑换的优惠券码在哪里查看？", "Where do you find a voucher code you redeemed?"),
    kind: "single",
    options: [yesNo("订单详情页", "On the order's page"), yesNo("只会短信发送一次", "Only in a one-off text message"), yesNo("兑换后无法再查看", "Nowhere once redeemed")],
    correct: ["a"],
  },
  {
    text: text("幸运转盘上的“谢谢参与”是什么意思？", "What does “Thanks for taking part” on the wheel mean?"),
    kind: "single",
    options: [yesNo("这次没有中奖", "No prize this time"), yesNo("可以免费再转一次", "A free extra spin"), yesNo("获得 100 积分", "100 points")],
    correct: ["a"],
  },
  {
    text: text("实物订单发货前取消，积分会怎样？", "If you cancel a physical order before it ships, what happens to the points?"),
    kind: "single",
    options: [yesNo("全部退回", "They all come back"), yesNo("不退", "They are lost"), yesNo("只退一半", "Half come back")],
    correct: ["a"],
  },
  {
    text: text("积分竞拍中出价被别人超过后，冻结的积分会怎样？", "In a points auction, what happens to your held points when someone outbids you?"),
    kind: "single",
    options: [yesNo("立即退回", "They are released at once"), yesNo("被扣除", "They are spent"), yesNo("自动帮你加价", "They raise your bid automatically")],
    correct: ["a"],
  },
  {
    text: text("以下哪些属于虚拟商品？（多选）", "Which of these are virtual goods? (choose all that apply)"),
    kind: "multiple",
    options: [yesNo("话费充值", "Phone top-up"), yesNo("视频会员直充", "A streaming membership, credited directly"), yesNo("蓝牙耳机", "Wireless earbuds")],
    correct: ["a", "b"],
  },
];
