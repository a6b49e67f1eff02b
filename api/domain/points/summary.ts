import { and, count, desc, eq, gt, isNull, lte } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { campaigns, ledgerEntries, members, orders, pointLots } from "../../../db/schema";
import type { AppContext } from "../../context";
import { writeTx } from "../../lib/tx";
import { mallDay } from "./calendar";
import { expireDueForMember, hasDueLots } from "./ledger";
import { earnedLast12Months } from "./members";
import { tierByCode, tierProgress } from "./tiers";

/**
 * Points whose expiry has passed go before anyone reads the balance: the sweep does this for
 * everyone on a schedule; a read does it for its own member first, so nobody sees stale points.
 */
export function settleExpiry(ctx: AppContext, memberId: number) {
  const now = ctx.clock.now();
  if (hasDueLots(ctx.db, memberId, now)) writeTx(ctx.db, (tx) => expireDueForMember(tx, now, memberId));
}

/** Points expiring within `days`, by calendar day (mall time zone). */
export function expiringSoon(db: DbOrTx, memberId: number, now: Date, days: number) {
  const until = new Date(now.getTime() + days * 86_400_000);
  const lots = db
    .select({ remaining: pointLots.remaining, expiresAt: pointLots.expiresAt })
    .from(pointLots)
    .where(and(eq(pointLots.memberId, memberId), gt(pointLots.remaining, 0), isNull(pointLots.expiredAt), lte(pointLots.expiresAt, until)))
    .all();
  const byDay = new Map<string, number>();
  // A lot that expires at midnight belongs to the day before: that is the last day it can be used.
  for (const l of lots) {
    const day = mallDay(new Date(l.expiresAt!.getTime() - 1));
    byDay.set(day, (byDay.get(day) ?? 0) + l.remaining);
  }
  const dates = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, points]) => ({ date, points }));
  return { days, total: dates.reduce((s, d) => s + d.points, 0), dates };
}

export function memberSummary(ctx: AppContext, memberId: number) {
  settleExpiry(ctx, memberId);
  const now = ctx.clock.now();
  const m = ctx.db.select().from(members).where(eq(members.id, memberId)).get();
  if (!m) return null;
  const policy = ctx.policy.get();
  const earned12m = earnedLast12Months(ctx.db, m.id, now);
  const tier = tierByCode(m.tier, policy.tiers);
  return {
    memberId: m.externalId,
    nickname: m.nickname,
    balance: m.balance,
    tier: m.tier,
    tierName: tier.name,
    multiplierPermille: tier.multiplierPermille,
    progress: tierProgress(earned12m, policy.tiers),
    expiring: expiringSoon(ctx.db, m.id, now, policy.reminderDays),
  };
}

/** A member's ledger, newest first, paged. */
/**
 * A member's history, newest first. Entries of an order or a campaign carry what they were for
 * (the product's and the campaign's names in both languages), joined in the same query, so a
 * member reads "Anniversary Lucky Wheel" rather than an internal reason.
 */
export function memberLedgerPage(db: DbOrTx, memberId: number, page: number, limit: number) {
  const items = db
    .select({
      id: ledgerEntries.id,
      type: ledgerEntries.type,
      amount: ledgerEntries.amount,
      balanceAfter: ledgerEntries.balanceAfter,
      businessId: ledgerEntries.businessId,
      reason: ledgerEntries.reason,
      orderId: ledgerEntries.orderId,
      campaignId: ledgerEntries.campaignId,
      createdAt: ledgerEntries.createdAt,
      orderNo: orders.orderNo,
      product: orders.product,
      campaignTitle: campaigns.title,
      campaignTemplate: campaigns.template,
    })
    .from(ledgerEntries)
    .leftJoin(orders, eq(orders.id, ledgerEntries.orderId))
    .leftJoin(campaigns, eq(campaigns.id, ledgerEntries.campaignId))
    .where(eq(ledgerEntries.memberId, memberId))
    .orderBy(desc(ledgerEntries.id))
    .limit(limit)
    .offset((page - 1) * limit)
    .all()
    .map(({ orderNo, product, campaignTitle, campaignTemplate, ...e }) => ({
      ...e,
      createdAt: e.createdAt.toISOString(),
      order: orderNo && product ? { orderNo, productName: product.name } : null,
      campaign: campaignTitle && campaignTemplate ? { title: campaignTitle, template: campaignTemplate } : null,
    }));
  const [{ n }] = db.select({ n: count() }).from(ledgerEntries).where(eq(ledgerEntries.memberId, memberId)).all();
  return { items, page, limit, total: n };
}

