import { and, count, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { prepared } from "../../../db/prepared";
import { campaignEntries, campaignPrizes, campaigns, members, memberAddresses, type CampaignStatus } from "../../../db/schema";
import type { AppContext } from "../../context";
import { AppError, conflict, notFound } from "../../lib/errors";
import { mallDay } from "../points/calendar";
import { credit, debit, hashRequest } from "../points/ledger";
import { expiryFor } from "../points/expiry";
import { recomputeTier } from "../points/members";
import { notifyPointsChanged } from "../points/webhooks";
import { redeem } from "../orders/orders";
import { pickPrize, PPM, type PoolPrize } from "./odds";

export type CampaignRow = typeof campaigns.$inferSelect;
export type PrizeRow = typeof campaignPrizes.$inferSelect;
type MemberRow = typeof members.$inferSelect;

/** The status a campaign has at an instant: scheduled ones go live at their start and end at their end. */
export function effectiveStatus(c: Pick<CampaignRow, "status" | "startAt" | "endAt">, now: Date): CampaignStatus {
  if (c.status === "draft") return "draft";
  if (c.status === "ended" || now.getTime() >= c.endAt.getTime()) return "ended";
  if (now.getTime() >= c.startAt.getTime()) return "live";
  return "scheduled";
}

const p = sql.placeholder;

/** The statements every entry runs (a draw at full load runs them thousands of times a second), prepared once per connection. */
const q = (tx: DbOrTx) =>
  prepared(tx, "campaigns", (db) => ({
    campaign: db.select().from(campaigns).where(eq(campaigns.id, p("id"))).prepare(),
    member: db.select().from(members).where(eq(members.id, p("id"))).prepare(),
    balance: db.select({ b: members.balance }).from(members).where(eq(members.id, p("id"))).prepare(),
    entries: db
      .select({ total: count(), today: sql<number>`coalesce(sum(${campaignEntries.day} = ${p("day")}), 0)` })
      .from(campaignEntries)
      .where(and(eq(campaignEntries.campaignId, p("campaignId")), eq(campaignEntries.memberId, p("memberId"))))
      .prepare(),
    prior: db
      .select()
      .from(campaignEntries)
      .where(and(eq(campaignEntries.campaignId, p("campaignId")), eq(campaignEntries.memberId, p("memberId")), eq(campaignEntries.idempotencyKey, p("key"))))
      .prepare(),
    prizes: db.select().from(campaignPrizes).where(eq(campaignPrizes.campaignId, p("campaignId"))).orderBy(campaignPrizes.sortOrder, campaignPrizes.id).prepare(),
    takePrize: db
      .update(campaignPrizes)
      .set({ stock: sql`${campaignPrizes.stock} - 1` })
      .where(and(eq(campaignPrizes.id, p("id")), sql`${campaignPrizes.stock} > 0`))
      .prepare(),
    insertEntry: db
      .insert(campaignEntries)
      .values({
        campaignId: p("campaignId"),
        memberId: p("memberId"),
        day: p("day"),
        idempotencyKey: p("key"),
        cost: p("cost"),
        spendEntryId: p("spendEntryId"),
        prizeId: p("prizeId"),
        outcome: p("outcome"),
        pointsAwarded: p("pointsAwarded"),
        ledgerEntryId: p("ledgerEntryId"),
        orderId: p("orderId"),
        detail: p("detail"),
        createdAt: p("createdAt"),
      })
      // Read back by the member's key rather than with RETURNING, which SQLite buffers in a temporary table (slower).
      .prepare(),
  }));

/** The entry a member's Idempotency-Key already made in this campaign, if any. */
export function priorEntry(tx: DbOrTx, campaignId: number, memberId: number, key: string) {
  return q(tx).prior.get({ campaignId, memberId, key });
}

export function loadCampaign(tx: DbOrTx, id: number): CampaignRow {
  const c = q(tx).campaign.get({ id });
  if (!c) throw notFound("Campaign", id);
  return c;
}

export interface Eligibility {
  eligible: boolean;
  /** Why not: not-live, not-started, ended, tier, new-members-only, daily-limit, total-limit. */
  reason: string | null;
  entriesToday: number;
  entriesTotal: number;
  /** null: no limit. */
  chancesLeftToday: number | null;
  chancesLeft: number | null;
}

/** Whether a member may enter now, and how many chances they have left. */
export function eligibility(tx: DbOrTx, c: CampaignRow, member: MemberRow, now: Date): Eligibility {
  const { today, total } = q(tx).entries.get({ campaignId: c.id, memberId: member.id, day: mallDay(now) })!;
  const leftToday = c.perDayLimit > 0 ? Math.max(0, c.perDayLimit - today) : null;
  const leftTotal = c.totalLimit > 0 ? Math.max(0, c.totalLimit - total) : null;
  const base = { entriesToday: today, entriesTotal: total, chancesLeftToday: leftToday, chancesLeft: leftTotal };
  const status = effectiveStatus(c, now);
  const no = (reason: string) => ({ ...base, eligible: false, reason });
  if (status === "draft") return no("not-live");
  if (status === "scheduled") return no("not-started");
  if (status === "ended") return no("ended");
  if (c.tiers.length && !c.tiers.includes(member.tier)) return no("tier");
  if (c.newMemberDays > 0 && now.getTime() - member.createdAt.getTime() > c.newMemberDays * 86_400_000) return no("new-members-only");
  if (leftTotal === 0) return no("total-limit");
  if (leftToday === 0) return no("daily-limit");
  return { ...base, eligible: true, reason: null };
}

const REFUSALS: Record<string, [number, string, string]> = {
  "not-live": [409, "CAMPAIGN_NOT_LIVE", "This campaign is not open"],
  "not-started": [409, "CAMPAIGN_NOT_STARTED", "This campaign has not started yet"],
  ended: [409, "CAMPAIGN_ENDED", "This campaign has ended"],
  tier: [403, "NOT_ELIGIBLE", "Your member tier cannot take part in this campaign"],
  "new-members-only": [403, "NOT_ELIGIBLE", "This campaign is for new members"],
  "daily-limit": [409, "LIMIT_REACHED", "No chances left today"],
  "total-limit": [409, "LIMIT_REACHED", "No chances left in this campaign"],
};

export function assertEligible(e: Eligibility) {
  if (e.eligible) return;
  const [status, code, message] = REFUSALS[e.reason!];
  throw new AppError(status as 403 | 409, code, message, { reason: e.reason, chancesLeftToday: e.chancesLeftToday, chancesLeft: e.chancesLeft });
}

export function activeMember(tx: DbOrTx, memberId: number): MemberRow {
  const m = q(tx).member.get({ id: memberId });
  if (!m) throw notFound("Member", memberId);
  if (m.status !== "active") throw new AppError(403, "MEMBER_FROZEN", "This account cannot take part right now");
  return m;
}

/** Charges an entry's cost in points (FIFO, like any spend). */
export function chargeEntry(tx: DbOrTx, ctx: AppContext, c: CampaignRow, member: MemberRow, key: string, now: Date, amount = c.entryCost): number | null {
  if (amount <= 0) return null;
  const { entry } = debit(tx, now, {
    type: "spend",
    amount,
    memberId: member.id,
    businessId: `pm:campaign:${c.id}:${member.id}:${key}:cost`,
    requestHash: hashRequest({ campaign: c.id, key, amount }),
    reason: `campaign ${c.id} entry`,
    actor: { type: "member", id: String(member.id) },
    campaignId: c.id,
  });
  notifyPointsChanged(tx, ctx, entry, member.externalId, now);
  return entry.id;
}

/** Points granted by a campaign: an earn entry (a lot under the expiry policy), counted for tiers. */
export function grantPoints(tx: DbOrTx, ctx: AppContext, c: CampaignRow, member: MemberRow, points: number, businessId: string, reason: string, now: Date): number {
  const policy = ctx.policy.get();
  const { entry } = credit(tx, now, {
    type: "earn",
    amount: points,
    memberId: member.id,
    businessId,
    requestHash: hashRequest({ businessId, points }),
    reason,
    actor: { type: "system", id: `campaign:${c.id}` },
    campaignId: c.id,
    expiresAt: expiryFor(policy.expiry, now),
  });
  recomputeTier(tx, member.id, now, policy.tiers, "campaign reward");
  notifyPointsChanged(tx, ctx, entry, member.externalId, now);
  return entry.id;
}

/** Given out today (mall day) per prize, for prizes with a daily release. */
function givenToday(tx: DbOrTx, campaignId: number, day: string): Map<number, number> {
  const rows = tx
    .select({ prizeId: campaignEntries.prizeId, n: count() })
    .from(campaignEntries)
    .where(and(eq(campaignEntries.campaignId, campaignId), eq(campaignEntries.day, day)))
    .groupBy(campaignEntries.prizeId)
    .all();
  return new Map(rows.map((r) => [r.prizeId ?? 0, r.n]));
}

export function prizesOf(tx: DbOrTx, campaignId: number): PrizeRow[] {
  return q(tx).prizes.all({ campaignId });
}

/** The pool as a draw sees it now: a prize is unavailable when its stock or today's release is used up. */
export function poolNow(tx: DbOrTx, prizes: PrizeRow[], campaignId: number, now: Date): PoolPrize[] {
  const today = prizes.some((p) => p.dailyRelease > 0) ? givenToday(tx, campaignId, mallDay(now)) : new Map<number, number>();
  return prizes.map((p) => ({
    id: p.id,
    oddsPpm: p.oddsPpm,
    isFallback: p.isFallback,
    available: (p.stock == null || p.stock > 0) && (p.dailyRelease === 0 || (today.get(p.id) ?? 0) < p.dailyRelease),
  }));
}

export interface PrizeOutcome {
  prize: PrizeRow;
  pointsAwarded: number;
  ledgerEntryId: number | null;
  orderId: number | null;
}

/**
 * Gives a prize inside the entry's transaction: points are credited, goods become a zero-price order
 * through the orders code (physical prizes go to the member's default address). A prize that cannot
 * be given after all (its stock taken meanwhile, the product sold out) becomes the fallback prize.
 */
export function givePrize(tx: DbOrTx, ctx: AppContext, c: CampaignRow, member: MemberRow, prize: PrizeRow, fallback: PrizeRow, key: string, now: Date): PrizeOutcome {
  if (prize.stock != null) {
    const taken = q(tx).takePrize.run({ id: prize.id });
    if (taken.changes !== 1) return givePrize(tx, ctx, c, member, fallback, fallback, key, now);
  }
  const businessId = `pm:campaign:${c.id}:${member.id}:${key}:prize`;
  if (prize.kind === "points" && prize.points > 0) {
    const entryId = grantPoints(tx, ctx, c, member, prize.points, businessId, `campaign ${c.id} prize`, now);
    return { prize, pointsAwarded: prize.points, ledgerEntryId: entryId, orderId: null };
  }
  if (prize.productId && prize.kind !== "nothing") {
    const address = tx.select({ id: memberAddresses.id }).from(memberAddresses).where(and(eq(memberAddresses.memberId, member.id), eq(memberAddresses.isDefault, true))).get();
    try {
      const { order } = tx.transaction((sp) =>
        redeem(
          sp,
          ctx,
          member.id,
          { productId: prize.productId!, quantity: 1, addressId: address?.id, recipient: prize.kind === "virtual" ? member.phone || undefined : undefined },
          { idempotencyKey: businessId, source: "prize", campaignId: c.id, pointsPrice: 0, cashPrice: 0, skipChecks: true, addressLater: true },
          now,
        ),
      );
      return { prize, pointsAwarded: 0, ledgerEntryId: null, orderId: order.id };
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      // Sold out, no address or no phone to top up: the draw still stands, as the fallback prize.
      if (prize.stock != null) tx.update(campaignPrizes).set({ stock: sql`${campaignPrizes.stock} + 1` }).where(eq(campaignPrizes.id, prize.id)).run();
      return givePrize(tx, ctx, c, member, fallback, fallback, key, now);
    }
  }
  return { prize, pointsAwarded: 0, ledgerEntryId: null, orderId: null };
}

export interface DrawResult {
  entryId: number;
  replayed: boolean;
  prize: { id: number; name: PrizeRow["name"]; kind: PrizeRow["kind"]; points: number; isFallback: boolean };
  /** Where the wheel should stop (the prize drawn, even when it fell back), as a pool index. */
  landedIndex: number;
  pointsAwarded: number;
  orderId: number | null;
  balance: number;
  chancesLeftToday: number | null;
  chancesLeft: number | null;
}

/**
 * One draw of a lucky wheel or scratch card, in one transaction: eligibility and limits, the entry
 * cost, a cryptographically random pick among the prizes with stock, the prize's stock, and the
 * prize granted. The member's Idempotency-Key makes a retried request the same draw.
 */
export function draw(tx: DbOrTx, ctx: AppContext, campaignId: number, memberId: number, key: string, now: Date): DrawResult {
  const c = loadCampaign(tx, campaignId);
  if (c.template !== "wheel" && c.template !== "scratch") throw conflict("WRONG_TEMPLATE", "This campaign has no draws");
  const member = activeMember(tx, memberId);
  const prizes = prizesOf(tx, c.id);
  const prior = priorEntry(tx, c.id, member.id, key);
  if (prior) return drawResult(tx, c, member, prizes, prior, true, now);

  const e = eligibility(tx, c, member, now);
  assertEligible(e);
  const spendEntryId = chargeEntry(tx, ctx, c, member, key, now);
  const fallback = prizes.find((p) => p.isFallback);
  if (!fallback) throw conflict("POOL_INVALID", "This prize pool has no fallback prize");
  const picked = pickPrize(poolNow(tx, prizes, c.id, now), ctx.rng.int(PPM));
  const outcome = givePrize(tx, ctx, c, member, prizes.find((p) => p.id === picked.prizeId)!, fallback, key, now);
  q(tx).insertEntry.run({
    campaignId: c.id,
    memberId: member.id,
    day: mallDay(now),
    key,
    cost: c.entryCost,
    spendEntryId,
    prizeId: outcome.prize.id,
    outcome: outcome.prize.isFallback ? "lost" : "won",
    pointsAwarded: outcome.pointsAwarded,
    ledgerEntryId: outcome.ledgerEntryId,
    orderId: outcome.orderId,
    detail: { landedOn: picked.landedOn, fellBack: picked.fellBack || outcome.prize.id !== picked.prizeId },
    createdAt: now,
  });
  const entry = priorEntry(tx, c.id, member.id, key)!;
  return drawResult(tx, c, member, prizes, entry, false, now, e);
}

/** The draw's answer; `before` (the eligibility just checked) spares counting the entries again after a new draw. */
function drawResult(tx: DbOrTx, c: CampaignRow, member: MemberRow, prizes: PrizeRow[], entry: typeof campaignEntries.$inferSelect, replayed: boolean, now: Date, before?: Eligibility): DrawResult {
  const prize = prizes.find((p) => p.id === entry.prizeId)!;
  const e = before
    ? {
        chancesLeftToday: c.perDayLimit > 0 ? Math.max(0, c.perDayLimit - before.entriesToday - 1) : null,
        chancesLeft: c.totalLimit > 0 ? Math.max(0, c.totalLimit - before.entriesTotal - 1) : null,
      }
    : eligibility(tx, c, member, now);
  const balance = q(tx).balance.get({ id: member.id })!.b;
  // The wheel stops on the prize given; a prize that fell back shows as the fallback.
  const landedIndex = prizes.findIndex((p) => p.id === prize.id);
  return {
    entryId: entry.id,
    replayed,
    prize: { id: prize.id, name: prize.name, kind: prize.kind, points: prize.points, isFallback: prize.isFallback },
    landedIndex,
    pointsAwarded: entry.pointsAwarded,
    orderId: entry.orderId,
    balance,
    chancesLeftToday: e.chancesLeftToday,
    chancesLeft: e.chancesLeft,
  };
}
