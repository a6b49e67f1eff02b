import { count, countDistinct, eq, sql, sum } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { campaignEntries, campaignVisits, orders, type OrderStatus } from "../../../db/schema";
import { addDays, daysBetween, mallDay } from "../points/calendar";
import { prizesOf, type CampaignRow } from "./campaigns";

/** What a point is worth to the mall in cents: the campaign's own setting, or 1 cent. */
export const pointValueOf = (c: Pick<CampaignRow, "config">): number => {
  const v = (c.config as { pointValueCents?: unknown }).pointValueCents;
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? v : 1;
};

const SUCCEEDED: OrderStatus[] = ["completed"];
const FAILED: OrderStatus[] = ["fulfillment_failed", "refunded", "cancelled", "returned"];
/** Orders whose points do not count as collected (given back). */
const GIVEN_BACK: OrderStatus[] = ["cancelled", "refunded", "returned"];
/** The entries-by-day chart shows at most this many days (the most recent). */
const MAX_DAYS = 92;

export interface CampaignStats {
  visitors: number;
  participants: number;
  entries: number;
  /** participants ÷ visitors (null without visitors). */
  conversion: number | null;
  prizes: { id: number; name: { "zh-CN": string; "en-US": string }; kind: string; isFallback: boolean; issued: number; stock: number | null; initialStock: number | null }[];
  /** Orders the campaign created (prizes, flash-sale buys, the auction's): completed ÷ those settled either way. */
  fulfilment: { orders: number; completed: number; failed: number; inProgress: number; rate: number | null; byStatus: Record<string, number> };
  /** Entry costs (and an auction's winning bid) in points, and what the mall gave out for them. */
  pointsCollected: number;
  pointsAwarded: number;
  pointValueCents: number;
  pointsValueCents: number;
  prizeCostCents: number;
  byDay: { day: string; entries: number; participants: number; visitors: number }[];
  /** Entries by outcome: won, lost, passed, failed, bought, signed_in, bid … */
  outcomes: Record<string, number>;
}

/** A campaign's statistics: one grouped query per metric, never one per member or per prize. */
export function campaignStats(db: DbOrTx, c: CampaignRow, now: Date): CampaignStats {
  const byCampaign = eq(campaignEntries.campaignId, c.id);
  const [visits] = db.select({ visitors: countDistinct(campaignVisits.memberId) }).from(campaignVisits).where(eq(campaignVisits.campaignId, c.id)).all();
  const [totals] = db
    .select({
      entries: count(),
      participants: countDistinct(campaignEntries.memberId),
      cost: sql<number>`coalesce(${sum(campaignEntries.cost)}, 0)`.mapWith(Number),
      awarded: sql<number>`coalesce(${sum(campaignEntries.pointsAwarded)}, 0)`.mapWith(Number),
    })
    .from(campaignEntries)
    .where(byCampaign)
    .all();
  const issuedRows = db.select({ prizeId: campaignEntries.prizeId, n: count() }).from(campaignEntries).where(byCampaign).groupBy(campaignEntries.prizeId).all();
  const issued = new Map(issuedRows.filter((r) => r.prizeId != null).map((r) => [r.prizeId!, r.n]));
  const outcomeRows = db.select({ outcome: campaignEntries.outcome, n: count() }).from(campaignEntries).where(byCampaign).groupBy(campaignEntries.outcome).all();
  const orderRows = db
    .select({ status: orders.status, source: orders.source, n: count(), points: sql<number>`coalesce(${sum(orders.pointsTotal)}, 0)`.mapWith(Number) })
    .from(orders)
    .where(eq(orders.campaignId, c.id))
    .groupBy(orders.status, orders.source)
    .all();
  const entryDays = db
    .select({ day: campaignEntries.day, entries: count(), participants: countDistinct(campaignEntries.memberId) })
    .from(campaignEntries)
    .where(byCampaign)
    .groupBy(campaignEntries.day)
    .all();
  const visitDays = db.select({ day: campaignVisits.day, visitors: countDistinct(campaignVisits.memberId) }).from(campaignVisits).where(eq(campaignVisits.campaignId, c.id)).groupBy(campaignVisits.day).all();
  const prizes = prizesOf(db, c.id);

  const byStatus: Record<string, number> = {};
  let auctionPoints = 0;
  for (const r of orderRows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
    // Auction winners pay with their held bid, not an entry cost; flash-sale payments are entry costs already.
    if (r.source === "auction" && !GIVEN_BACK.includes(r.status)) auctionPoints += r.points;
  }
  const total = (list: OrderStatus[]) => list.reduce((s, st) => s + (byStatus[st] ?? 0), 0);
  const completed = total(SUCCEEDED);
  const failed = total(FAILED);
  const orderCount = Object.values(byStatus).reduce((s, n) => s + n, 0);

  const cpp = pointValueOf(c);
  const goodsCost = prizes.reduce((s, p) => s + (p.kind === "points" ? 0 : (issued.get(p.id) ?? 0) * p.valueCents), 0);
  const pointsCollected = totals.cost + auctionPoints;

  return {
    visitors: visits.visitors,
    participants: totals.participants,
    entries: totals.entries,
    conversion: visits.visitors > 0 ? totals.participants / visits.visitors : null,
    prizes: prizes.map((p) => ({ id: p.id, name: p.name, kind: p.kind, isFallback: p.isFallback, issued: issued.get(p.id) ?? 0, stock: p.stock, initialStock: p.initialStock })),
    fulfilment: { orders: orderCount, completed, failed, inProgress: orderCount - completed - failed, rate: completed + failed > 0 ? completed / (completed + failed) : null, byStatus },
    pointsCollected,
    pointsAwarded: totals.awarded,
    pointValueCents: cpp,
    pointsValueCents: pointsCollected * cpp,
    prizeCostCents: goodsCost + totals.awarded * cpp,
    byDay: dayRange(c, now, entryDays, visitDays),
    outcomes: Object.fromEntries(outcomeRows.map((r) => [r.outcome, r.n])),
  };
}

/** Every day of the campaign so far (gaps as zeros), so the chart's x axis is the calendar. */
function dayRange(c: CampaignRow, now: Date, entryDays: { day: string; entries: number; participants: number }[], visitDays: { day: string; visitors: number }[]) {
  const seen = [...entryDays.map((d) => d.day), ...visitDays.map((d) => d.day)].sort();
  // The end is exclusive: a campaign ending at midnight has no day after it.
  const lastOpen = mallDay(new Date(Math.min(now.getTime(), c.endAt.getTime() - 1)));
  let first = mallDay(c.startAt) < (seen[0] ?? "9999") ? mallDay(c.startAt) : seen[0];
  let last = lastOpen > (seen.at(-1) ?? "") ? lastOpen : seen.at(-1)!;
  if (last < first) last = first;
  if (daysBetween(first, last) >= MAX_DAYS) first = addDays(last, -(MAX_DAYS - 1));
  // A campaign that has not started has no days to show.
  if (c.startAt.getTime() > now.getTime() && seen.length === 0) return [];
  const entries = new Map(entryDays.map((d) => [d.day, d]));
  const visitors = new Map(visitDays.map((d) => [d.day, d.visitors]));
  const out = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push({ day: d, entries: entries.get(d)?.entries ?? 0, participants: entries.get(d)?.participants ?? 0, visitors: visitors.get(d) ?? 0 });
  return out;
}
