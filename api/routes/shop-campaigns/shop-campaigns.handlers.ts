import { and, count, desc, eq, gt, inArray, isNotNull, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Context } from "hono";
import type { DbOrTx } from "../../../db/client";
import { auctionBids, campaignEntries, campaignPrizes, campaigns, campaignVisits, members, orders, products, quizAttempts, quizQuestions } from "../../../db/schema";
import type { AppContext, AppEnv } from "../../context";
import { auctionConfig, minimumBid, placeBid } from "../../domain/campaigns/auction";
import { draw, effectiveStatus, eligibility, loadCampaign, priorEntry, prizesOf, type CampaignRow, type Eligibility } from "../../domain/campaigns/campaigns";
import { buyFlashSale, flashConfig } from "../../domain/campaigns/flash-sale";
import { answerQuiz, quizConfig, startQuiz } from "../../domain/campaigns/quiz";
import { makeUpDay, signIn, signInCalendar, signInConfig } from "../../domain/campaigns/sign-in";
import { COUNTS_AGAINST_LIMIT } from "../../domain/orders/order-state";
import { orderDto } from "../../domain/orders/order-view";
import { mallDay } from "../../domain/points/calendar";
import { badRequest, conflict, notFound } from "../../lib/errors";
import { maskName } from "../../lib/masking";
import { newRouter } from "../../lib/router";
import { writeTx } from "../../lib/tx";
import { requireMember } from "../../middleware/member-session";
import {
  bidRoute,
  bidsRoute,
  buyRoute,
  calendarRoute,
  drawRoute,
  getCampaign,
  listCampaigns,
  makeUpRoute,
  myEntriesRoute,
  quizAnswerRoute,
  quizStartRoute,
  signInRoute,
} from "./shop-campaigns.routes";

/** Scheduled campaigns show in the list this long before they start (with their countdown). */
const SOON_MS = 7 * 86_400_000;
const QUIZ_GRACE_MS = 5000;

type MemberRow = typeof members.$inferSelect;
type Status = "scheduled" | "live" | "ended";

/** Members never see drafts: a draft is "not found", like a campaign that does not exist. */
function visibleCampaign(db: DbOrTx, id: number): CampaignRow {
  const c = loadCampaign(db, id);
  if (c.status === "draft") throw notFound("Campaign", id);
  return c;
}

function memberRow(db: DbOrTx, id: number): MemberRow {
  const m = db.select().from(members).where(eq(members.id, id)).get();
  if (!m) throw notFound("Member", id);
  return m;
}

function idempotencyKey(c: Context<AppEnv>): string {
  const key = c.req.header("idempotency-key");
  if (!key || key.length < 8 || key.length > 100)
    throw badRequest("IDEMPOTENCY_KEY_REQUIRED", "Send an Idempotency-Key header (8 to 100 characters, a fresh random value per attempt)", { fields: { "Idempotency-Key": "required" } });
  return key;
}

/** How a bidder appears to other members: enough to recognise oneself, not to identify anyone. */
function maskedBidder(m: { nickname: string; externalId: string } | undefined): string {
  if (!m) return "***";
  if (m.nickname) return maskName(m.nickname);
  return m.externalId.length <= 2 ? "***" : m.externalId.slice(0, 2) + "***" + m.externalId.slice(-1);
}

function productView(db: DbOrTx, productId: number) {
  const p = db.select().from(products).where(eq(products.id, productId)).get();
  if (!p) return { id: productId, type: "physical", name: { "zh-CN": "", "en-US": "" }, image: "", pointsPrice: 0, cashPrice: 0 };
  return { id: p.id, type: p.type, name: p.name, image: p.images[0] ?? "", pointsPrice: p.pointsPrice, cashPrice: p.cashPrice };
}

function summary(c: CampaignRow, now: Date, elig: Eligibility | null) {
  const status = effectiveStatus(c, now) as Status;
  return {
    id: c.id,
    template: c.template,
    title: c.title,
    image: c.image,
    status,
    startAt: c.startAt.toISOString(),
    endAt: c.endAt.toISOString(),
    entryCost: c.entryCost,
    perDayLimit: c.perDayLimit,
    totalLimit: c.totalLimit,
    tiers: c.tiers,
    newMemberDays: c.newMemberDays,
    ...(c.template === "flash_sale" ? { salePoints: flashConfig(c).salePoints, stockLeft: c.stockLeft, reservedStock: c.reservedStock } : {}),
    ...(c.template === "auction" ? { currentPrice: c.currentPrice ?? auctionConfig(c).startPrice } : {}),
    eligibility: elig,
  };
}

/** The auction as a bidder sees it: price, minimum bid, (masked) leader, end, and their own hold. */
function auctionState(db: DbOrTx, c: CampaignRow, memberId: number | null, now: Date) {
  const cfg = auctionConfig(c);
  const leader = c.leaderMemberId ? db.select({ nickname: members.nickname, externalId: members.externalId }).from(members).where(eq(members.id, c.leaderMemberId)).get() : undefined;
  const [{ bidCount }] = db.select({ bidCount: count() }).from(auctionBids).where(eq(auctionBids.campaignId, c.id)).all();
  const mine = memberId ? db.select().from(auctionBids).where(and(eq(auctionBids.campaignId, c.id), eq(auctionBids.memberId, memberId), inArray(auctionBids.status, ["leading", "won"]))).get() : undefined;
  const order =
    mine?.status === "won"
      ? db.select({ id: orders.id }).from(orders).where(and(eq(orders.campaignId, c.id), eq(orders.memberId, memberId!), eq(orders.source, "auction"))).get()
      : undefined;
  return {
    startPrice: cfg.startPrice,
    increment: cfg.increment,
    currentPrice: c.currentPrice,
    minimumBid: minimumBid(c),
    endAt: c.endAt.toISOString(),
    status: effectiveStatus(c, now) as Status,
    antiSnipingSec: cfg.antiSnipingSec,
    extendBySec: cfg.extendBySec,
    leader: c.leaderMemberId ? maskedBidder(leader) : null,
    leading: memberId != null && c.leaderMemberId === memberId,
    myHeld: mine?.status === "leading" ? mine.amount : 0,
    bidCount,
    settled: c.settledAt != null,
    won: mine?.status === "won",
    orderId: order?.id ?? null,
  };
}

function publicQuestions(db: DbOrTx, ids: number[]) {
  if (!ids.length) return [];
  const rows = db.select({ id: quizQuestions.id, text: quizQuestions.text, kind: quizQuestions.kind, options: quizQuestions.options }).from(quizQuestions).where(inArray(quizQuestions.id, ids)).all();
  const byId = new Map(rows.map((q) => [q.id, q]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

function balanceOf(db: DbOrTx, memberId: number): number {
  return db.select({ b: members.balance }).from(members).where(eq(members.id, memberId)).get()?.b ?? 0;
}

export function shopCampaignsRouter(ctx: AppContext) {
  const router = newRouter();

  router.openapi(listCampaigns, (c) => {
    const principal = c.get("member");
    const now = ctx.clock.now();
    const rows = ctx.db
      .select()
      .from(campaigns)
      .where(and(inArray(campaigns.status, ["scheduled", "live"]), gt(campaigns.endAt, now), lte(campaigns.startAt, new Date(now.getTime() + SOON_MS))))
      .orderBy(campaigns.startAt, campaigns.id)
      .all();
    const m = principal ? memberRow(ctx.db, principal.id) : null;
    c.header("Cache-Control", "no-store");
    return c.json(
      rows.map((row) => summary(row, now, m ? eligibility(ctx.db, row, m, now) : null)),
      200,
    );
  });

  router.openapi(getCampaign, (c) => {
    const { id } = c.req.valid("param");
    const principal = c.get("member");
    const now = ctx.clock.now();
    const row = visibleCampaign(ctx.db, id);
    const m = principal ? memberRow(ctx.db, principal.id) : null;
    if (m) {
      // A visitor of the statistics: once per member per day, and only a read when already counted.
      const day = mallDay(now);
      const seen = ctx.db.select({ d: campaignVisits.day }).from(campaignVisits).where(and(eq(campaignVisits.campaignId, id), eq(campaignVisits.memberId, m.id), eq(campaignVisits.day, day))).get();
      if (!seen) writeTx(ctx.db, (tx) => tx.insert(campaignVisits).values({ campaignId: id, memberId: m.id, day }).onConflictDoNothing().run());
    }
    const detail: Record<string, unknown> = { ...summary(row, now, m ? eligibility(ctx.db, row, m, now) : null), rules: row.rules, balance: m?.balance ?? null };

    if (row.template === "wheel" || row.template === "scratch" || row.template === "quiz") {
      // Names, kinds and colours only: stock and odds stay on the server.
      detail.prizes = prizesOf(ctx.db, row.id).map((p) => ({ id: p.id, name: p.name, kind: p.kind, points: p.points, color: p.color, isFallback: p.isFallback }));
    }
    if (row.template === "quiz") {
      const cfg = quizConfig(row);
      const open = m
        ? ctx.db
            .select()
            .from(quizAttempts)
            .where(and(eq(quizAttempts.campaignId, row.id), eq(quizAttempts.memberId, m.id), isNull(quizAttempts.finishedAt), gt(quizAttempts.deadline, new Date(now.getTime() - QUIZ_GRACE_MS))))
            .orderBy(desc(quizAttempts.id))
            .get()
        : undefined;
      detail.quiz = {
        questionsPerEntry: cfg.questionsPerEntry,
        timeLimitSec: cfg.timeLimitSec,
        passMark: cfg.passMark,
        rewardPoints: cfg.rewardPoints,
        openAttempt: open ? { attemptId: open.id, deadline: open.deadline.toISOString(), questions: publicQuestions(ctx.db, open.questionIds) } : null,
      };
    }
    if (row.template === "flash_sale") {
      const cfg = flashConfig(row);
      const bought = m
        ? (ctx.db
            .select({ n: sql<number>`coalesce(sum(${orders.quantity}), 0)` })
            .from(orders)
            .where(and(eq(orders.campaignId, row.id), eq(orders.memberId, m.id), inArray(orders.status, COUNTS_AGAINST_LIMIT)))
            .get()?.n ?? 0)
        : 0;
      detail.flashSale = { product: productView(ctx.db, cfg.productId), salePoints: cfg.salePoints, saleCash: cfg.saleCash, perMemberLimit: cfg.perMemberLimit, stockLeft: row.stockLeft, reservedStock: row.reservedStock, bought };
    }
    if (row.template === "sign_in") detail.signIn = signInConfig(row);
    if (row.template === "auction") detail.auction = { ...auctionState(ctx.db, row, m?.id ?? null, now), product: productView(ctx.db, auctionConfig(row).productId) };
    c.header("Cache-Control", "no-store");
    return c.json(detail as never, 200);
  });

  router.openapi(drawRoute, async (c) => {
    const m = requireMember(c);
    const { id } = c.req.valid("param");
    const key = idempotencyKey(c);
    const now = ctx.clock.now();
    const result = await ctx.commits.run((tx) => {
      visibleCampaign(tx, id);
      return draw(tx, ctx, id, m.id, key, now);
    });
    if (result.replayed) c.header("Idempotent-Replay", "true");
    return c.json(result, result.replayed ? 200 : 201);
  });

  router.openapi(quizStartRoute, (c) => {
    const m = requireMember(c);
    const { id } = c.req.valid("param");
    const key = idempotencyKey(c);
    const now = ctx.clock.now();
    const before = ctx.db.select({ id: campaignEntries.id }).from(campaignEntries).where(and(eq(campaignEntries.campaignId, id), eq(campaignEntries.memberId, m.id), eq(campaignEntries.idempotencyKey, key))).get();
    const attempt = writeTx(ctx.db, (tx) => {
      visibleCampaign(tx, id);
      return startQuiz(tx, ctx, id, m.id, key, now);
    });
    if (before) c.header("Idempotent-Replay", "true");
    return c.json(attempt, before ? 200 : 201);
  });

  router.openapi(quizAnswerRoute, (c) => {
    const m = requireMember(c);
    const { id, attemptId } = c.req.valid("param");
    const { answers } = c.req.valid("json");
    const now = ctx.clock.now();
    const result = writeTx(ctx.db, (tx) => {
      const row = visibleCampaign(tx, id);
      return { ...answerQuiz(tx, ctx, id, m.id, attemptId, answers, now), passMark: quizConfig(row).passMark };
    });
    return c.json(result, 200);
  });

  router.openapi(buyRoute, async (c) => {
    const m = requireMember(c);
    const { id } = c.req.valid("param");
    const key = idempotencyKey(c);
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    // Once a sale is sold out, most of its traffic is refusals: answer those from a read, without
    // taking the write lock (a retry of a buy that succeeded still gets its order back below).
    const sale = visibleCampaign(ctx.db, id);
    if (sale.template === "flash_sale" && sale.stockLeft <= 0 && effectiveStatus(sale, now) === "live" && !priorEntry(ctx.db, id, m.id, key)) throw conflict("SOLD_OUT", "Sold out");
    const result = await ctx.commits.run((tx) => {
      visibleCampaign(tx, id);
      const { order, replayed } = buyFlashSale(tx, ctx, id, m.id, body, key, now);
      const stockLeft = tx.select({ s: campaigns.stockLeft }).from(campaigns).where(eq(campaigns.id, id)).get()!.s;
      return { order: orderDto(order, { unmask: true }), replayed, stockLeft };
    });
    if (result.replayed) c.header("Idempotent-Replay", "true");
    return c.json(result, result.replayed ? 200 : 201);
  });

  router.openapi(signInRoute, (c) => {
    const m = requireMember(c);
    const { id } = c.req.valid("param");
    const now = ctx.clock.now();
    const result = writeTx(ctx.db, (tx) => {
      visibleCampaign(tx, id);
      return { ...signIn(tx, ctx, id, m.id, now), balance: 0 };
    });
    result.balance = balanceOf(ctx.db, m.id);
    return c.json(result, 201);
  });

  router.openapi(makeUpRoute, (c) => {
    const m = requireMember(c);
    const { id } = c.req.valid("param");
    const { day } = c.req.valid("json");
    const now = ctx.clock.now();
    const result = writeTx(ctx.db, (tx) => {
      visibleCampaign(tx, id);
      return { ...makeUpDay(tx, ctx, id, m.id, day, now), balance: 0 };
    });
    result.balance = balanceOf(ctx.db, m.id);
    return c.json(result, 201);
  });

  router.openapi(calendarRoute, (c) => {
    const m = requireMember(c);
    const { id } = c.req.valid("param");
    const now = ctx.clock.now();
    const row = visibleCampaign(ctx.db, id);
    if (row.template !== "sign_in") throw conflict("WRONG_TEMPLATE", "This campaign is not a sign-in calendar");
    const month = c.req.valid("query").month ?? mallDay(now).slice(0, 7);
    const cal = signInCalendar(ctx.db, id, m.id, month, now);
    const { config, ...rest } = cal;
    c.header("Cache-Control", "no-store");
    return c.json({ ...rest, makeUpCost: config.makeUpCost, makeUpDaysBack: config.makeUpDaysBack, campaignStart: mallDay(row.startAt) }, 200);
  });

  router.openapi(bidRoute, async (c) => {
    const m = requireMember(c);
    const { id } = c.req.valid("param");
    const key = idempotencyKey(c);
    const { amount } = c.req.valid("json");
    const now = ctx.clock.now();
    const result = await ctx.commits.run((tx) => {
      visibleCampaign(tx, id);
      const { campaign, replayed } = placeBid(tx, ctx, id, m.id, amount, key, now);
      return { state: auctionState(tx, campaign, m.id, now), replayed };
    });
    if (result.replayed) c.header("Idempotent-Replay", "true");
    return c.json(result.state, result.replayed ? 200 : 201);
  });

  router.openapi(bidsRoute, (c) => {
    const { id } = c.req.valid("param");
    const memberId = c.get("member")?.id ?? null;
    const now = ctx.clock.now();
    const row = visibleCampaign(ctx.db, id);
    if (row.template !== "auction") throw conflict("WRONG_TEMPLATE", "This campaign is not an auction");
    const bids = ctx.db
      .select({ id: auctionBids.id, memberId: auctionBids.memberId, amount: auctionBids.amount, status: auctionBids.status, createdAt: auctionBids.createdAt, nickname: members.nickname, externalId: members.externalId })
      .from(auctionBids)
      .innerJoin(members, eq(members.id, auctionBids.memberId))
      .where(eq(auctionBids.campaignId, id))
      .orderBy(desc(auctionBids.amount), desc(auctionBids.id))
      .limit(20)
      .all();
    c.header("Cache-Control", "no-store");
    return c.json(
      {
        auction: auctionState(ctx.db, row, memberId, now),
        bids: bids.map((b) => ({ id: b.id, bidder: maskedBidder(b), mine: b.memberId === memberId, amount: b.amount, status: b.status, createdAt: b.createdAt.toISOString() })),
      },
      200,
    );
  });

  router.openapi(myEntriesRoute, (c) => {
    const m = requireMember(c);
    const { campaignId, won, page, limit } = c.req.valid("query");
    const where = and(
      eq(campaignEntries.memberId, m.id),
      campaignId ? eq(campaignEntries.campaignId, campaignId) : undefined,
      won === "true" ? or(gt(campaignEntries.pointsAwarded, 0), isNotNull(campaignEntries.orderId), eq(campaignEntries.outcome, "won")) : undefined,
      won === "false" ? and(eq(campaignEntries.pointsAwarded, 0), isNull(campaignEntries.orderId), ne(campaignEntries.outcome, "won")) : undefined,
    );
    const rows = ctx.db
      .select({ e: campaignEntries, title: campaigns.title, template: campaigns.template, prizeName: campaignPrizes.name, prizeKind: campaignPrizes.kind })
      .from(campaignEntries)
      .innerJoin(campaigns, eq(campaigns.id, campaignEntries.campaignId))
      .leftJoin(campaignPrizes, eq(campaignPrizes.id, campaignEntries.prizeId))
      .where(where)
      .orderBy(desc(campaignEntries.id))
      .limit(limit)
      .offset((page - 1) * limit)
      .all();
    const [{ total }] = ctx.db.select({ total: count() }).from(campaignEntries).where(where).all();
    return c.json(
      {
        items: rows.map(({ e, title, template, prizeName, prizeKind }) => ({
          id: e.id,
          campaignId: e.campaignId,
          template,
          title,
          outcome: e.outcome,
          cost: e.cost,
          prize: e.prizeId && prizeName && prizeKind ? { id: e.prizeId, name: prizeName, kind: prizeKind } : null,
          pointsAwarded: e.pointsAwarded,
          orderId: e.orderId,
          detail: e.detail,
          createdAt: e.createdAt.toISOString(),
        })),
        total,
        page,
        limit,
      },
      200,
    );
  });

  return router;
}

