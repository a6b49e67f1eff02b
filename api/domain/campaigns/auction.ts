import { and, desc, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { auctionBids, campaignEntries, campaigns, memberAddresses, members } from "../../../db/schema";
import type { AppContext } from "../../context";
import { conflict } from "../../lib/errors";
import { mallDay } from "../points/calendar";
import { debit, hashRequest, restore } from "../points/ledger";
import { notifyPointsChanged } from "../points/webhooks";
import { redeem } from "../orders/orders";
import { activeMember, assertEligible, effectiveStatus, eligibility, loadCampaign, type CampaignRow } from "./campaigns";

export interface AuctionConfig {
  productId: number;
  startPrice: number;
  increment: number;
  /** A bid this close to the end pushes the end back by extendBySec (anti-sniping). */
  antiSnipingSec: number;
  extendBySec: number;
}

export const auctionConfig = (c: { config: Record<string, unknown> }): AuctionConfig => ({ startPrice: 100, increment: 10, antiSnipingSec: 60, extendBySec: 60, ...(c.config as Partial<AuctionConfig>) }) as AuctionConfig;

/** The lowest bid that beats the current price. */
export const minimumBid = (c: CampaignRow) => (c.currentPrice == null ? auctionConfig(c).startPrice : c.currentPrice + auctionConfig(c).increment);

/**
 * A bid, in one transaction: it must beat the price by the increment; the points are held (a hold
 * entry, taken FIFO like a spend); the previous leader's hold is released; a bid in the last minute
 * extends the end.
 */
export function placeBid(tx: DbOrTx, ctx: AppContext, campaignId: number, memberId: number, amount: number, key: string, now: Date) {
  const c = loadCampaign(tx, campaignId);
  if (c.template !== "auction") throw conflict("WRONG_TEMPLATE", "This campaign is not an auction");
  const member = activeMember(tx, memberId);
  const prior = tx.select().from(auctionBids).where(and(eq(auctionBids.campaignId, c.id), eq(auctionBids.memberId, member.id), eq(auctionBids.idempotencyKey, key))).get();
  if (prior) return { bid: prior, campaign: c, replayed: true };
  assertEligible(eligibility(tx, c, member, now));
  if (c.leaderMemberId === member.id) throw conflict("ALREADY_LEADING", "You already hold the highest bid");
  const min = minimumBid(c);
  if (!Number.isInteger(amount) || amount < min) throw conflict("BID_TOO_LOW", `The lowest bid now is ${min}`, { minimumBid: min });

  const { entry: hold } = debit(tx, now, {
    type: "hold",
    amount,
    memberId: member.id,
    businessId: `pm:auction:${c.id}:${member.id}:${key}:hold`,
    requestHash: hashRequest({ auction: c.id, amount, key }),
    reason: `bid on auction ${c.id}`,
    actor: { type: "member", id: String(member.id) },
    campaignId: c.id,
  });
  notifyPointsChanged(tx, ctx, hold, member.externalId, now);

  const leading = tx.select().from(auctionBids).where(and(eq(auctionBids.campaignId, c.id), eq(auctionBids.status, "leading"))).get();
  if (leading) releaseBid(tx, ctx, c, leading, "outbid", now);

  const bid = tx
    .insert(auctionBids)
    .values({ campaignId: c.id, memberId: member.id, amount, holdEntryId: hold.id, status: "leading", idempotencyKey: key, createdAt: now })
    .returning()
    .get();
  const cfg = auctionConfig(c);
  // A bid in the last antiSnipingSec gives everyone extendBySec from now to answer; never an earlier end.
  const extendedEnd = now.getTime() + cfg.extendBySec * 1000;
  const extend = c.endAt.getTime() - now.getTime() < cfg.antiSnipingSec * 1000 && extendedEnd > c.endAt.getTime();
  const updated = tx
    .update(campaigns)
    .set({ currentPrice: amount, leaderMemberId: member.id, updatedAt: now, ...(extend ? { endAt: new Date(extendedEnd) } : {}) })
    .where(eq(campaigns.id, c.id))
    .returning()
    .get();
  tx.insert(campaignEntries).values({ campaignId: c.id, memberId: member.id, day: mallDay(now), idempotencyKey: `bid:${bid.id}`, outcome: "bid", detail: { amount, extended: extend }, createdAt: now }).run();
  return { bid, campaign: updated, replayed: false };
}

function releaseBid(tx: DbOrTx, ctx: AppContext, c: CampaignRow, bid: typeof auctionBids.$inferSelect, status: "outbid" | "lost", now: Date) {
  const { entry } = restore(tx, now, {
    type: "release",
    of: bid.holdEntryId,
    memberId: bid.memberId,
    businessId: `pm:auction:${c.id}:bid:${bid.id}:release`,
    requestHash: hashRequest({ release: bid.id }),
    reason: status === "outbid" ? `outbid on auction ${c.id}` : `auction ${c.id} ended`,
    actor: { type: "system", id: `auction:${c.id}` },
    campaignId: c.id,
  });
  tx.update(auctionBids).set({ status, releaseEntryId: entry.id }).where(eq(auctionBids.id, bid.id)).run();
  const m = tx.select({ externalId: members.externalId }).from(members).where(eq(members.id, bid.memberId)).get()!;
  notifyPointsChanged(tx, ctx, entry, m.externalId, now);
}

/**
 * After the end: the leader's hold becomes the payment and their order is created, exactly once
 * (guarded by settledAt); nothing else is held by then, since every outbid hold was released.
 */
export function settleAuction(tx: DbOrTx, ctx: AppContext, campaignId: number, now: Date) {
  const c = loadCampaign(tx, campaignId);
  if (c.template !== "auction" || c.settledAt || effectiveStatus(c, now) !== "ended") return null;
  const claimed = tx.update(campaigns).set({ settledAt: now, status: "ended", updatedAt: now }).where(and(eq(campaigns.id, c.id), isNull(campaigns.settledAt))).run();
  if (claimed.changes !== 1) return null;
  const winner = tx.select().from(auctionBids).where(and(eq(auctionBids.campaignId, c.id), eq(auctionBids.status, "leading"))).orderBy(desc(auctionBids.amount)).get();
  if (!winner) return { winner: null, orderId: null };
  tx.update(auctionBids).set({ status: "won" }).where(eq(auctionBids.id, winner.id)).run();
  activeMember(tx, winner.memberId);
  const { order } = redeem(
    tx,
    ctx,
    winner.memberId,
    { productId: auctionConfig(c).productId, quantity: 1, addressId: defaultAddress(tx, winner.memberId) },
    { idempotencyKey: `auction:${c.id}`, source: "auction", campaignId: c.id, skipChecks: true, skipStock: true, cashPrice: 0, paidBy: { entryId: winner.holdEntryId, points: winner.amount }, addressLater: true },
    now,
  );
  tx.update(campaigns).set({ stockLeft: 0 }).where(eq(campaigns.id, c.id)).run();
  return { winner: winner.memberId, orderId: order.id };
}

function defaultAddress(tx: DbOrTx, memberId: number): number | undefined {
  return tx
    .select({ id: memberAddresses.id })
    .from(memberAddresses)
    .where(eq(memberAddresses.memberId, memberId))
    .orderBy(desc(memberAddresses.isDefault), desc(memberAddresses.id))
    .limit(1)
    .get()?.id;
}
