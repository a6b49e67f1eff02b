import { and, count, desc, eq, gte, lt, lte } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { campaignEntries, signIns } from "../../../db/schema";
import type { AppContext } from "../../context";
import { conflict, unprocessable } from "../../lib/errors";
import { addDays, daysBetween, mallDay } from "../points/calendar";
import { activeMember, assertEligible, chargeEntry, effectiveStatus, eligibility, grantPoints, loadCampaign, type CampaignRow } from "./campaigns";

export interface SignInConfig {
  /** Day n of a streak earns steps[n-1]; the last step repeats. */
  steps: number[];
  /** Every bonusEvery-th day of a streak earns bonusPoints on top (0: no bonus). */
  bonusEvery: number;
  bonusPoints: number;
  /** Make-up days (补签): their price in points, how far back, and how many per month. */
  makeUpCost: number;
  makeUpDaysBack: number;
  makeUpPerMonth: number;
}

export const signInConfig = (c: { config: Record<string, unknown> }): SignInConfig => ({
  steps: [5, 8, 12, 15, 18, 20, 25],
  bonusEvery: 7,
  bonusPoints: 50,
  makeUpCost: 20,
  makeUpDaysBack: 7,
  makeUpPerMonth: 3,
  ...(c.config as Partial<SignInConfig>),
});

/** What day n of a streak earns. */
export function streakReward(cfg: SignInConfig, streak: number): number {
  const step = cfg.steps[Math.min(streak, cfg.steps.length) - 1] ?? 0;
  return step + (cfg.bonusEvery > 0 && streak % cfg.bonusEvery === 0 ? cfg.bonusPoints : 0);
}

const dayRow = (tx: DbOrTx, c: CampaignRow, memberId: number, day: string) =>
  tx.select().from(signIns).where(and(eq(signIns.campaignId, c.id), eq(signIns.memberId, memberId), eq(signIns.day, day))).get();

/**
 * Carries a streak forward from `day`: each following consecutive signed day's streak counts on from
 * the one before it (after a make-up day fills a gap, the later days continue the streak).
 */
function restreak(tx: DbOrTx, c: CampaignRow, memberId: number, day: string) {
  let prev = dayRow(tx, c, memberId, day)!;
  for (let d = addDays(day, 1); ; d = addDays(d, 1)) {
    const row = dayRow(tx, c, memberId, d);
    if (!row) break;
    if (row.streak !== prev.streak + 1) tx.update(signIns).set({ streak: prev.streak + 1 }).where(eq(signIns.id, row.id)).run();
    prev = { ...row, streak: prev.streak + 1 };
  }
}

/** Today's check-in (mall calendar): the streak continues from yesterday, the reward is granted. Once a day. */
export function signIn(tx: DbOrTx, ctx: AppContext, campaignId: number, memberId: number, now: Date) {
  const c = loadCampaign(tx, campaignId);
  if (c.template !== "sign_in") throw conflict("WRONG_TEMPLATE", "This campaign is not a sign-in calendar");
  const member = activeMember(tx, memberId);
  const day = mallDay(now);
  if (dayRow(tx, c, member.id, day)) throw conflict("ALREADY_SIGNED_IN", "Already signed in today");
  assertEligible(eligibility(tx, c, member, now));
  const cfg = signInConfig(c);
  const yesterday = dayRow(tx, c, member.id, addDays(day, -1));
  const streak = (yesterday?.streak ?? 0) + 1;
  const points = streakReward(cfg, streak);
  const ledgerEntryId = points > 0 ? grantPoints(tx, ctx, c, member, points, `pm:campaign:${c.id}:${member.id}:signin:${day}`, `sign-in day ${streak}`, now) : null;
  tx.insert(signIns).values({ campaignId: c.id, memberId: member.id, day, streak, points, createdAt: now }).run();
  tx.insert(campaignEntries)
    .values({ campaignId: c.id, memberId: member.id, day, idempotencyKey: `signin:${day}`, outcome: "signed_in", pointsAwarded: points, ledgerEntryId, detail: { streak }, createdAt: now })
    .run();
  return { day, streak, points };
}

/** A missed day bought back with points (补签), within the allowed days back and monthly count. */
export function makeUpDay(tx: DbOrTx, ctx: AppContext, campaignId: number, memberId: number, day: string, now: Date) {
  const c = loadCampaign(tx, campaignId);
  if (c.template !== "sign_in") throw conflict("WRONG_TEMPLATE", "This campaign is not a sign-in calendar");
  if (effectiveStatus(c, now) !== "live") throw conflict("CAMPAIGN_ENDED", "This campaign is not open");
  const member = activeMember(tx, memberId);
  const cfg = signInConfig(c);
  const today = mallDay(now);
  const back = daysBetween(day, today);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || back < 1) throw unprocessable("Only a past day can be made up", { day: "a day before today" });
  if (back > cfg.makeUpDaysBack) throw unprocessable(`Only the last ${cfg.makeUpDaysBack} days can be made up`, { day: `within ${cfg.makeUpDaysBack} days` });
  if (day < mallDay(c.startAt)) throw unprocessable("That day is before the campaign began", { day: "during the campaign" });
  if (dayRow(tx, c, member.id, day)) throw conflict("ALREADY_SIGNED_IN", "That day is already signed");
  const month = today.slice(0, 7);
  const [{ used }] = tx
    .select({ used: count() })
    .from(signIns)
    .where(and(eq(signIns.campaignId, c.id), eq(signIns.memberId, member.id), eq(signIns.madeUp, true), gte(signIns.day, `${month}-01`), lte(signIns.day, `${month}-31`)))
    .all();
  if (used >= cfg.makeUpPerMonth) throw conflict("MAKE_UP_LIMIT", `At most ${cfg.makeUpPerMonth} make-up days a month`);
  chargeEntry(tx, ctx, c, member, `makeup:${day}`, now, cfg.makeUpCost);
  const before = dayRow(tx, c, member.id, addDays(day, -1));
  const streak = (before?.streak ?? 0) + 1;
  const points = cfg.steps[0] ?? 0;
  const ledgerEntryId = points > 0 ? grantPoints(tx, ctx, c, member, points, `pm:campaign:${c.id}:${member.id}:signin:${day}`, `make-up day ${day}`, now) : null;
  tx.insert(signIns).values({ campaignId: c.id, memberId: member.id, day, streak, points, madeUp: true, createdAt: now }).run();
  tx.insert(campaignEntries)
    .values({ campaignId: c.id, memberId: member.id, day: today, idempotencyKey: `makeup:${day}`, cost: cfg.makeUpCost, outcome: "made_up", pointsAwarded: points, ledgerEntryId, detail: { day, streak }, createdAt: now })
    .run();
  restreak(tx, c, member.id, day);
  return { day, streak, points, cost: cfg.makeUpCost };
}

/** A month of the member's calendar, with today's state, the current streak and make-ups left. */
export function signInCalendar(tx: DbOrTx, campaignId: number, memberId: number, month: string, now: Date) {
  const c = loadCampaign(tx, campaignId);
  const cfg = signInConfig(c);
  const days = tx
    .select({ day: signIns.day, streak: signIns.streak, points: signIns.points, madeUp: signIns.madeUp })
    .from(signIns)
    .where(and(eq(signIns.campaignId, c.id), eq(signIns.memberId, memberId), gte(signIns.day, `${month}-01`), lt(signIns.day, `${month}-32`)))
    .all();
  const today = mallDay(now);
  const last = tx.select().from(signIns).where(and(eq(signIns.campaignId, c.id), eq(signIns.memberId, memberId))).orderBy(desc(signIns.day)).limit(1).get();
  const currentStreak = last && daysBetween(last.day, today) <= 1 ? last.streak : 0;
  const [{ madeUpThisMonth }] = tx
    .select({ madeUpThisMonth: count() })
    .from(signIns)
    .where(and(eq(signIns.campaignId, c.id), eq(signIns.memberId, memberId), eq(signIns.madeUp, true), gte(signIns.day, `${today.slice(0, 7)}-01`), lt(signIns.day, `${today.slice(0, 7)}-32`)))
    .all();
  const signedToday = days.some((d) => d.day === today) || (last?.day === today);
  return {
    month,
    today,
    days,
    signedToday,
    currentStreak,
    /** What the next check-in earns: today's if not signed yet, else tomorrow's. */
    nextReward: streakReward(cfg, currentStreak + 1),
    makeUpsLeft: Math.max(0, cfg.makeUpPerMonth - madeUpThisMonth),
    config: cfg,
  };
}
