import { and, count, eq, gt, inArray, lte, or, type SQL } from "drizzle-orm";
import type { Context } from "hono";
import type { DbOrTx } from "../../../db/client";
import { auctionBids, campaignEntries, campaignPrizes, campaigns, campaignStatuses, members, products, quizQuestions, type CampaignStatus } from "../../../db/schema";
import type { AppContext, AppEnv } from "../../context";
import { auctionConfig, minimumBid } from "../../domain/campaigns/auction";
import { budgetFor } from "../../domain/campaigns/budget";
import { effectiveStatus, loadCampaign, prizesOf, type CampaignRow, type PrizeRow } from "../../domain/campaigns/campaigns";
import { flashConfig } from "../../domain/campaigns/flash-sale";
import { expectedCostPerEntry, simulate, type ForecastPrize } from "../../domain/campaigns/forecast";
import { endCampaign, readinessProblems, scheduleCampaign, unscheduleCampaign } from "../../domain/campaigns/lifecycle";
import { oddsProblems, PPM } from "../../domain/campaigns/odds";
import { quizConfig } from "../../domain/campaigns/quiz";
import { signInConfig } from "../../domain/campaigns/sign-in";
import { campaignStats, pointValueOf } from "../../domain/campaigns/stats";
import { audit } from "../../lib/audit";
import { badRequest, conflict, unprocessable } from "../../lib/errors";
import { listRows, sendList, specFor } from "../../lib/list-query";
import { newRouter } from "../../lib/router";
import { iso } from "../../lib/serialize";
import { writeTx } from "../../lib/tx";
import { checkCampaign, type CampaignInput, type PrizeInputValue, type QuestionInputValue } from "./campaign-input";
import {
  createCampaign,
  endRoute,
  forecastRoute,
  getCampaign,
  listCampaigns,
  scheduleRoute,
  simulateRoute,
  statsRoute,
  unscheduleRoute,
  updateCampaign,
} from "./campaigns.routes";

const EMPTY_TEXT = { "zh-CN": "", "en-US": "" };
/** The p-value under which the simulator calls the draws suspicious (the fairness test's threshold). */
const FAIR_P = 0.001;

/** The template's settings with its defaults filled in, as the domain reads them. */
function effectiveConfig(c: CampaignRow): Record<string, unknown> {
  switch (c.template) {
    case "quiz":
      return { ...c.config, ...quizConfig(c) };
    case "flash_sale":
      return { ...c.config, ...flashConfig(c) };
    case "sign_in":
      return { ...c.config, ...signInConfig(c) };
    case "auction":
      return { ...c.config, ...auctionConfig(c) };
    default:
      return c.config;
  }
}

/** Entries per campaign for a page of campaigns, in one query. */
function entryCounts(db: DbOrTx, ids: number[]): Map<number, number> {
  if (!ids.length) return new Map();
  return new Map(
    db
      .select({ id: campaignEntries.campaignId, n: count() })
      .from(campaignEntries)
      .where(inArray(campaignEntries.campaignId, ids))
      .groupBy(campaignEntries.campaignId)
      .all()
      .map((r) => [r.id, r.n]),
  );
}

const summary = (c: CampaignRow, entries: number, now: Date) => ({ ...iso(c), status: effectiveStatus(c, now), storedStatus: c.status, entries });

const productSummary = (p: typeof products.$inferSelect) => ({ id: p.id, name: p.name, type: p.type, image: p.images[0] ?? "", stock: p.stock, pointsPrice: p.pointsPrice, costCents: p.costCents });

function detail(db: DbOrTx, c: CampaignRow, now: Date) {
  const prizes = prizesOf(db, c.id);
  const issued = new Map(
    db
      .select({ prizeId: campaignEntries.prizeId, n: count() })
      .from(campaignEntries)
      .where(eq(campaignEntries.campaignId, c.id))
      .groupBy(campaignEntries.prizeId)
      .all()
      .map((r) => [r.prizeId, r.n]),
  );
  const config = effectiveConfig(c);
  const mainProductId = c.template === "flash_sale" || c.template === "auction" ? (config.productId as number | undefined) : undefined;
  const productIds = [...new Set([...prizes.map((p) => p.productId).filter((id): id is number => id != null), ...(mainProductId ? [mainProductId] : [])])];
  const productRows = new Map(productIds.length ? db.select().from(products).where(inArray(products.id, productIds)).all().map((p) => [p.id, p]) : []);
  const questions = c.template === "quiz" ? db.select().from(quizQuestions).where(eq(quizQuestions.campaignId, c.id)).orderBy(quizQuestions.sortOrder, quizQuestions.id).all() : [];
  let auction = null;
  if (c.template === "auction") {
    const leader = c.leaderMemberId ? db.select({ id: members.id, externalId: members.externalId, nickname: members.nickname }).from(members).where(eq(members.id, c.leaderMemberId)).get() : undefined;
    const [{ bids }] = db.select({ bids: count() }).from(auctionBids).where(eq(auctionBids.campaignId, c.id)).all();
    auction = { currentPrice: c.currentPrice, minimumBid: minimumBid(c), leader: leader ?? null, bids, settledAt: c.settledAt?.toISOString() ?? null };
  }
  const entries = [...issued.values()].reduce((s, n) => s + n, 0);
  const main = mainProductId ? productRows.get(mainProductId) : undefined;
  return {
    ...summary(c, entries, now),
    config,
    prizes: prizes.map((p) => {
      const product = p.productId ? productRows.get(p.productId) : undefined;
      return { ...p, issued: issued.get(p.id) ?? 0, product: product ? { id: product.id, name: product.name, type: product.type, image: product.images[0] ?? "", stock: product.stock } : null };
    }),
    questions: questions.map((q) => ({ id: q.id, text: q.text, kind: q.kind, options: q.options, correct: q.correct, sortOrder: q.sortOrder })),
    product: main ? productSummary(main) : null,
    auction,
    readiness: c.status === "draft" ? readinessProblems(db, c, now) : {},
  };
}

/** The stored campaign as the editor's input, so a PATCH is checked as the whole it makes. */
function currentInput(db: DbOrTx, c: CampaignRow): CampaignInput {
  const prizes: PrizeInputValue[] = prizesOf(db, c.id).map((p) => ({
    name: p.name,
    kind: p.kind,
    points: p.points,
    productId: p.productId,
    oddsPpm: p.oddsPpm,
    stock: p.stock,
    dailyRelease: p.dailyRelease,
    valueCents: p.valueCents,
    isFallback: p.isFallback,
    color: p.color,
  }));
  const questions: QuestionInputValue[] = db
    .select()
    .from(quizQuestions)
    .where(eq(quizQuestions.campaignId, c.id))
    .orderBy(quizQuestions.sortOrder, quizQuestions.id)
    .all()
    .map((q) => ({ text: q.text, kind: q.kind, options: q.options, correct: q.correct }));
  return {
    template: c.template,
    title: c.title,
    rules: c.rules,
    image: c.image,
    startAt: c.startAt.toISOString(),
    endAt: c.endAt.toISOString(),
    tiers: c.tiers,
    newMemberDays: c.newMemberDays,
    entryCost: c.entryCost,
    perDayLimit: c.perDayLimit,
    totalLimit: c.totalLimit,
    config: c.config,
    reservedStock: c.reservedStock,
    prizes,
    questions,
  };
}

function insertPrizes(tx: DbOrTx, campaignId: number, prizes: PrizeInputValue[]) {
  if (!prizes.length) return;
  tx.insert(campaignPrizes)
    .values(prizes.map((p, i) => ({ ...p, campaignId, initialStock: p.stock, sortOrder: i })))
    .run();
}

function insertQuestions(tx: DbOrTx, campaignId: number, questions: QuestionInputValue[]) {
  if (!questions.length) return;
  tx.insert(quizQuestions)
    .values(questions.map((q, i) => ({ ...q, campaignId, sortOrder: i })))
    .run();
}

function assertValid(tx: DbOrTx, ctx: AppContext, input: CampaignInput) {
  const { problems, config } = checkCampaign(
    tx,
    input,
    ctx.policy.get().tiers.map((t) => t.code),
  );
  if (Object.keys(problems).length) {
    const list = Object.entries(problems)
      .slice(0, 3)
      .map(([k, v]) => `${k}: ${v}`)
      .join("; ");
    throw unprocessable(`Please check the campaign (${list})`, problems);
  }
  return config;
}

/** A campaign's status filter matches the status it has now, as the list shows it. */
function statusFilter(c: Context, now: Date): SQL | undefined {
  const wanted = c.req.queries("status") ?? [];
  if (!wanted.length) return undefined;
  const bad = wanted.find((s) => !(campaignStatuses as readonly string[]).includes(s));
  if (bad) throw badRequest("INVALID_QUERY", `Unknown status ${bad}`, { fields: { status: `one of ${campaignStatuses.join(", ")}` } });
  const running = inArray(campaigns.status, ["scheduled", "live"]);
  const cond: Record<CampaignStatus, SQL> = {
    draft: eq(campaigns.status, "draft"),
    scheduled: and(running, gt(campaigns.startAt, now), gt(campaigns.endAt, now))!,
    live: and(running, lte(campaigns.startAt, now), gt(campaigns.endAt, now))!,
    ended: or(eq(campaigns.status, "ended"), and(running, lte(campaigns.endAt, now)))!,
  };
  return or(...wanted.map((s) => cond[s as CampaignStatus]));
}

const spec = specFor(campaigns, { search: [campaigns.title], defaultSort: { field: "startAt", order: "desc" }, reserved: ["status"] });

/** The pool as the simulator and forecast price it: points prizes at the campaign's point value. */
function pricedPool(c: CampaignRow, prizes: PrizeRow[]): ForecastPrize[] {
  const cpp = pointValueOf(c);
  return prizes.map((p) => ({ id: p.id, oddsPpm: p.oddsPpm, isFallback: p.isFallback, stock: p.stock, valueCents: p.kind === "points" ? p.points * cpp : p.valueCents }));
}

function drawablePool(db: DbOrTx, c: CampaignRow): PrizeRow[] {
  if (c.template !== "wheel" && c.template !== "scratch") throw conflict("WRONG_TEMPLATE", "Only lucky wheels and scratch cards have a prize pool to simulate");
  const prizes = prizesOf(db, c.id);
  const problems = oddsProblems(prizes);
  if (Object.keys(problems).length) throw unprocessable("Fix the prize pool first", problems, "POOL_INVALID");
  return prizes;
}

export function campaignsRouter(ctx: AppContext) {
  const router = newRouter();

  router.openapi(listCampaigns, (c) => {
    const now = ctx.clock.now();
    const { rows, total } = listRows(c, ctx.db, campaigns, spec, statusFilter(c, now));
    const counts = entryCounts(
      ctx.db,
      rows.map((r) => r.id),
    );
    return sendList(
      c,
      rows.map((r) => summary(r, counts.get(r.id) ?? 0, now)),
      total,
    );
  });

  router.openapi(getCampaign, (c) => c.json(detail(ctx.db, loadCampaign(ctx.db, c.req.valid("param").id), ctx.clock.now()) as never, 200));

  router.openapi(createCampaign, (c) => {
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const staff = c.get("staff")!;
    const input: CampaignInput = {
      template: body.template,
      title: body.title,
      rules: body.rules ?? EMPTY_TEXT,
      image: body.image ?? "",
      startAt: body.startAt,
      endAt: body.endAt,
      tiers: body.tiers ?? [],
      newMemberDays: body.newMemberDays ?? 0,
      entryCost: body.entryCost ?? 0,
      perDayLimit: body.perDayLimit ?? 0,
      totalLimit: body.totalLimit ?? 0,
      config: body.config ?? {},
      reservedStock: body.reservedStock ?? 0,
      prizes: (body.prizes ?? []) as PrizeInputValue[],
      questions: (body.questions ?? []) as QuestionInputValue[],
    };
    const created = writeTx(ctx.db, (tx) => {
      const config = assertValid(tx, ctx, input);
      const { prizes, questions, ...fields } = input;
      const row = tx
        .insert(campaigns)
        .values({ ...fields, config, startAt: new Date(input.startAt), endAt: new Date(input.endAt), status: "draft", createdBy: staff.username, createdAt: now, updatedAt: now })
        .returning()
        .get();
      insertPrizes(tx, row.id, prizes);
      insertQuestions(tx, row.id, questions);
      audit(tx, c as Context<AppEnv>, now, { action: "create", resource: "campaigns", resourceId: row.id, after: { ...row, prizes, questions } });
      return row;
    });
    return c.json(detail(ctx.db, created, now) as never, 201);
  });

  router.openapi(updateCampaign, (c) => {
    const { id } = c.req.valid("param");
    const body = c.req.valid("json");
    const now = ctx.clock.now();
    const updated = writeTx(ctx.db, (tx) => {
      const before = loadCampaign(tx, id);
      if (before.status !== "draft") throw conflict("CAMPAIGN_NOT_DRAFT", `A ${effectiveStatus(before, now)} campaign cannot be edited; take it back to draft first (before it starts)`);
      const current = currentInput(tx, before);
      const input: CampaignInput = { ...current, ...(body as Partial<CampaignInput>) };
      const config = assertValid(tx, ctx, input);
      const { prizes, questions, template: _template, ...fields } = input;
      const row = tx
        .update(campaigns)
        .set({ ...fields, config, startAt: new Date(input.startAt), endAt: new Date(input.endAt), updatedAt: now })
        .where(eq(campaigns.id, id))
        .returning()
        .get();
      if (body.prizes) {
        tx.delete(campaignPrizes).where(eq(campaignPrizes.campaignId, id)).run();
        insertPrizes(tx, id, prizes);
      }
      if (body.questions) {
        tx.delete(quizQuestions).where(eq(quizQuestions.campaignId, id)).run();
        insertQuestions(tx, id, questions);
      }
      audit(tx, c as Context<AppEnv>, now, {
        action: "update",
        resource: "campaigns",
        resourceId: id,
        before: { ...before, ...(body.prizes ? { prizes: current.prizes } : {}), ...(body.questions ? { questions: current.questions } : {}) },
        after: { ...row, ...(body.prizes ? { prizes } : {}), ...(body.questions ? { questions } : {}) },
      });
      return row;
    });
    return c.json(detail(ctx.db, updated, now) as never, 200);
  });

  for (const [route, action, fn] of [
    [scheduleRoute, "schedule", (tx: DbOrTx, id: number, now: Date) => scheduleCampaign(tx, id, now)],
    [unscheduleRoute, "unschedule", (tx: DbOrTx, id: number, now: Date) => unscheduleCampaign(tx, id, now)],
    [endRoute, "end", (tx: DbOrTx, id: number, now: Date) => endCampaign(tx, ctx, id, now)],
  ] as const) {
    router.openapi(route, (c) => {
      const { id } = c.req.valid("param");
      const now = ctx.clock.now();
      const after = writeTx(ctx.db, (tx) => {
        const before = loadCampaign(tx, id);
        const row = fn(tx, id, now);
        audit(tx, c as Context<AppEnv>, now, { action, resource: "campaigns", resourceId: id, before, after: row });
        return row;
      });
      return c.json(detail(ctx.db, after, now) as never, 200);
    });
  }

  router.openapi(simulateRoute, (c) => {
    const { id } = c.req.valid("param");
    const { draws } = c.req.valid("json");
    const campaign = loadCampaign(ctx.db, id);
    const prizes = drawablePool(ctx.db, campaign);
    const pool = pricedPool(campaign, prizes);
    const cpp = pointValueOf(campaign);
    const started = performance.now();
    const result = simulate(pool, draws, ctx.rng, campaign.entryCost, cpp);
    const elapsedMs = Math.round(performance.now() - started);
    const p = result.chiSquare.pValue;
    const byId = new Map(prizes.map((x) => [x.id, x]));
    return c.json(
      {
        draws,
        prizes: result.prizes.map((r) => {
          const prize = byId.get(r.id)!;
          return { ...r, name: prize.name, kind: prize.kind, isFallback: prize.isFallback, valueCents: pool.find((x) => x.id === r.id)!.valueCents, expected: (r.expectedPpm / PPM) * draws };
        }),
        chiSquare: { statistic: Number.isFinite(result.chiSquare.statistic) ? result.chiSquare.statistic : null, df: result.chiSquare.df, pValue: Number.isFinite(p) ? p : null },
        verdict: Number.isFinite(p) ? (p > FAIR_P ? "fair" : "suspicious") : "not-applicable",
        totalCostCents: result.totalCostCents,
        costPerEntryCents: result.costPerEntryCents,
        pointsPerEntry: campaign.entryCost,
        pointsCollected: result.pointsCollected,
        pointsValueCents: result.pointsValueCents,
        pointsValuePerEntryCents: campaign.entryCost * cpp,
        marginPerEntryCents: campaign.entryCost * cpp - result.costPerEntryCents,
        pointValueCents: cpp,
        elapsedMs,
      } as never,
      200,
    );
  });

  router.openapi(forecastRoute, (c) => {
    const { id } = c.req.valid("param");
    const { entries } = c.req.valid("query");
    const campaign = loadCampaign(ctx.db, id);
    const prizes = drawablePool(ctx.db, campaign);
    const pool = pricedPool(campaign, prizes);
    const cpp = pointValueOf(campaign);
    const costPerEntryCents = expectedCostPerEntry(pool);
    const pointsValuePerEntryCents = campaign.entryCost * cpp;
    const { budgetCents, rows } = budgetFor(pool, entries);
    return c.json(
      {
        entries,
        pointValueCents: cpp,
        costPerEntryCents,
        pointsPerEntry: campaign.entryCost,
        pointsValuePerEntryCents,
        marginPerEntryCents: pointsValuePerEntryCents - costPerEntryCents,
        marginRate: pointsValuePerEntryCents > 0 ? (pointsValuePerEntryCents - costPerEntryCents) / pointsValuePerEntryCents : null,
        budgetCents,
        pointsCollected: campaign.entryCost * entries,
        pointsValueCents: pointsValuePerEntryCents * entries,
        prizes: rows.map((r, i) => ({ ...r, name: prizes[i].name, kind: prizes[i].kind, oddsPpm: prizes[i].oddsPpm, valueCents: pool[i].valueCents, stock: prizes[i].stock })),
      },
      200,
    );
  });

  router.openapi(statsRoute, (c) => {
    const campaign = loadCampaign(ctx.db, c.req.valid("param").id);
    return c.json(campaignStats(ctx.db, campaign, ctx.clock.now()) as never, 200);
  });

  return router;
}
