import { and, eq, inArray, lte } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { campaigns, products, quizQuestions } from "../../../db/schema";
import type { AppContext } from "../../context";
import { conflict, unprocessable } from "../../lib/errors";
import { writeTx } from "../../lib/tx";
import { auctionConfig, settleAuction } from "./auction";
import { effectiveStatus, loadCampaign, prizesOf, type CampaignRow } from "./campaigns";
import { flashConfig, releaseStock, reserveStock } from "./flash-sale";
import { oddsProblems } from "./odds";
import { quizConfig } from "./quiz";

/** What stops a campaign from being scheduled, as field problems. */
export function readinessProblems(tx: DbOrTx, c: CampaignRow, now: Date): Record<string, string> {
  const problems: Record<string, string> = {};
  if (c.endAt.getTime() <= c.startAt.getTime()) problems.endAt = "must be after the start";
  if (c.endAt.getTime() <= now.getTime()) problems.endAt = "is already in the past";
  if (c.template === "wheel" || c.template === "scratch") Object.assign(problems, oddsProblems(prizesOf(tx, c.id)));
  if (c.template === "quiz") {
    const cfg = quizConfig(c);
    const n = tx.select({ id: quizQuestions.id }).from(quizQuestions).where(eq(quizQuestions.campaignId, c.id)).all().length;
    if (n < cfg.questionsPerEntry) problems.questions = `the bank has ${n} questions; each entry draws ${cfg.questionsPerEntry}`;
    if (cfg.passMark > cfg.questionsPerEntry) problems["config.passMark"] = "cannot exceed the questions per entry";
    if (cfg.rewardPoints <= 0 && !prizesOf(tx, c.id).some((p) => !p.isFallback)) problems["config.rewardPoints"] = "give points or a reward prize for passing";
  }
  if (c.template === "flash_sale" || c.template === "auction") {
    const productId = c.template === "flash_sale" ? flashConfig(c).productId : auctionConfig(c).productId;
    const p = productId ? tx.select().from(products).where(eq(products.id, productId)).get() : undefined;
    if (!p) problems["config.productId"] = "choose a product";
    else if (p.stock < (c.template === "auction" ? 1 : c.reservedStock)) problems.reservedStock = `the product has only ${p.stock} in stock`;
    if (c.template === "flash_sale" && c.reservedStock <= 0) problems.reservedStock = "set aside at least 1";
  }
  return problems;
}

/** draft → scheduled: checked, and stock set aside for flash sales and auctions. */
export function scheduleCampaign(tx: DbOrTx, id: number, now: Date): CampaignRow {
  const c = loadCampaign(tx, id);
  if (c.status !== "draft") throw conflict("ILLEGAL_TRANSITION", `A ${c.status} campaign cannot be scheduled`);
  const problems = readinessProblems(tx, c, now);
  if (Object.keys(problems).length) throw unprocessable("This campaign is not ready to schedule", problems, "CAMPAIGN_NOT_READY");
  if (c.template === "flash_sale") reserveStock(tx, c, now);
  if (c.template === "auction") reserveStock(tx, { ...c, reservedStock: 1 }, now);
  return tx.update(campaigns).set({ status: "scheduled", updatedAt: now, ...(c.template === "auction" ? { reservedStock: 1 } : {}) }).where(eq(campaigns.id, id)).returning().get();
}

/** scheduled → draft before it starts (stock set aside goes back). */
export function unscheduleCampaign(tx: DbOrTx, id: number, now: Date): CampaignRow {
  const c = loadCampaign(tx, id);
  if (effectiveStatus(c, now) !== "scheduled") throw conflict("ILLEGAL_TRANSITION", "Only a campaign that has not started can go back to draft");
  if (c.template === "flash_sale" || c.template === "auction") releaseStock(tx, c, now);
  return tx.update(campaigns).set({ status: "draft", updatedAt: now }).where(eq(campaigns.id, id)).returning().get();
}

/** Ends a campaign now: unsold flash-sale stock returns, an auction is settled. */
export function endCampaign(tx: DbOrTx, ctx: AppContext, id: number, now: Date): CampaignRow {
  const c = loadCampaign(tx, id);
  const status = effectiveStatus(c, now);
  if (status === "draft") throw conflict("ILLEGAL_TRANSITION", "A draft campaign cannot end");
  if (c.status !== "ended") tx.update(campaigns).set({ status: "ended", endAt: c.endAt.getTime() > now.getTime() ? now : c.endAt, updatedAt: now }).where(eq(campaigns.id, id)).run();
  if (c.template === "flash_sale") releaseStock(tx, c, now);
  if (c.template === "auction") {
    settleAuction(tx, ctx, id, now);
    // Nobody bid: the unit set aside goes back (a winner's settlement already took it, leaving nothing).
    releaseStock(tx, c, now);
  }
  return loadCampaign(tx, id);
}

/**
 * The schedule moves campaigns by itself: scheduled → live at the start, live → ended at the end
 * (with unsold flash-sale stock returned and auctions settled). Each campaign in its own transaction.
 */
export function advanceCampaigns(ctx: AppContext) {
  const now = ctx.clock.now();
  const started = ctx.db.update(campaigns).set({ status: "live", updatedAt: now }).where(and(eq(campaigns.status, "scheduled"), lte(campaigns.startAt, now))).run().changes;
  const due = ctx.db
    .select({ id: campaigns.id })
    .from(campaigns)
    .where(and(inArray(campaigns.status, ["scheduled", "live"]), lte(campaigns.endAt, now)))
    .all();
  for (const { id } of due) writeTx(ctx.db, (tx) => endCampaign(tx, ctx, id, now));
  return { started, ended: due.length };
}

