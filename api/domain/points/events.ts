import { and, eq, sql } from "drizzle-orm";
// z from @hono/zod-openapi (zod extended with .openapi): schemas made here are documented by the routes, whatever the import order.
import { z } from "@hono/zod-openapi";
import type { DbOrTx } from "../../../db/client";
import { members, pointEventDays, pointEvents, pointReviews } from "../../../db/schema";
import type { AppContext } from "../../context";
import { conflict, unprocessable } from "../../lib/errors";
import { writeTx } from "../../lib/tx";
import { addDays, mallDay } from "./calendar";
import { versionFor } from "./canary";
import { expiryFor } from "./expiry";
import { credit, hashRequest } from "./ledger";
import { findOrCreateMember, recomputeTier } from "./members";
import { evaluateRule, type RuleConfig, type RuleUsage } from "./rule-engine";
import { tierByCode } from "./tiers";
import { notifyPointsChanged } from "./webhooks";
import { prepared, rawStatement } from "../../../db/prepared";

export const BUSINESS_ID = z
  .string()
  .trim()
  .min(1)
  .max(128)
  .refine((s) => !s.startsWith("pm:"), "the pm: prefix is reserved for Pointmall's own ids");

export const EventInputSchema = z
  .object({
    type: z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, "lower-case letters, digits and _"),
    memberId: z.string().trim().min(1).max(64),
    businessId: BUSINESS_ID,
    /** Purchases: the amount paid, in cents. */
    amount: z.number().int().min(0).max(1_000_000_000_000).optional(),
    occurredAt: z.iso.datetime({ offset: true }).optional(),
    attributes: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean(), z.null()])).optional(),
    /** Optional profile for a member seen for the first time. */
    member: z.object({ nickname: z.string().max(64).optional(), phone: z.string().max(32).optional() }).strict().optional(),
  })
  .strict();

export type EventInput = z.infer<typeof EventInputSchema>;

export interface EventResult {
  businessId: string;
  memberId: string;
  type: string;
  outcome: "granted" | "held" | "capped" | "ignored";
  points: number;
  balance: number;
  tier: string;
  ruleId: number | null;
  ruleVersion: number | null;
  reason: string | null;
  reviewId: number | null;
  entryId: number | null;
}

export const MAX_BACKDATE_MS = 7 * 86_400_000;

const p = sql.placeholder;
const q = (tx: DbOrTx) =>
  prepared(tx, "events", (db) => {
    const ofType = and(eq(pointEventDays.memberId, p("memberId")), eq(pointEventDays.type, p("type")));
    return {
      prior: db.select().from(pointEvents).where(and(eq(pointEvents.appId, p("appId")), eq(pointEvents.businessId, p("businessId")))).prepare(),
      day: db.select({ points: pointEventDays.points, events: pointEventDays.events }).from(pointEventDays).where(and(ofType, eq(pointEventDays.day, p("day")))).prepare(),
      total: db.select({ points: sql<number>`coalesce(sum(${pointEventDays.points}), 0)` }).from(pointEventDays).where(ofType).prepare(),
      countDay: db
        .insert(pointEventDays)
        .values({ memberId: p("memberId"), type: p("type"), day: p("day"), points: p("points"), events: 1 })
        .onConflictDoUpdate({
          target: [pointEventDays.memberId, pointEventDays.type, pointEventDays.day],
          set: { points: sql`${pointEventDays.points} + excluded.points`, events: sql`${pointEventDays.events} + 1` },
        })
        .prepare(),
      balance: db.select({ balance: members.balance, tier: members.tier }).from(members).where(eq(members.id, p("id"))).prepare(),
      insert: db
        .insert(pointEvents)
        .values({
          appId: p("appId"),
          businessId: p("businessId"),
          requestHash: p("requestHash"),
          memberId: p("memberId"),
          type: p("type"),
          amount: p("amount"),
          occurredAt: p("occurredAt"),
          outcome: p("outcome"),
          points: p("points"),
          ruleId: p("ruleId"),
          ruleVersion: p("ruleVersion"),
          entryId: p("entryId"),
          reviewId: p("reviewId"),
          response: p("response"),
          createdAt: p("createdAt"),
        })
        .prepare(),
    };
  });

/**
 * What this member already got from this event type: on the event's day, ever, and the streak of
 * days before it; each read only when the rule needs it (a daily cap or once-a-day award, a total
 * cap, a streak), from the per-day counters.
 */
function usageOf(tx: DbOrTx, memberId: number, type: string, day: string, config: RuleConfig): RuleUsage {
  const stmts = q(tx);
  const kind = config.award.kind;
  const usage: RuleUsage = { pointsToday: 0, pointsTotal: 0, grantedToday: 0, streakBefore: 0 };
  if (config.dailyCap != null || kind === "daily" || kind === "streak") {
    const today = stmts.day.get({ memberId, type, day });
    if (today) {
      usage.pointsToday = today.points;
      usage.grantedToday = today.events;
    }
  }
  if (config.totalCap != null) usage.pointsTotal = stmts.total.get({ memberId, type })!.points;
  if (kind === "streak") {
    // Days come newest first; the walk stops at the first gap, so it reads the streak and one row more.
    let expect = addDays(day, -1);
    const daysBefore = rawStatement(tx, "events.daysBefore", "select day from point_event_days where member_id = ? and type = ? and day < ? order by day desc");
    for (const row of daysBefore.iterate(memberId, type, day) as IterableIterator<{ day: string }>) {
      if (row.day !== expect) break;
      usage.streakBefore++;
      expect = addDays(expect, -1);
    }
  }
  return usage;
}

/**
 * Applies the earning rules to one host event, in one transaction: find or create the member, pick
 * the rule version (canary or current), evaluate caps and the tier multiplier, then grant the points,
 * hold them for review above the risk threshold, or ignore the event, and remember the answer so a
 * replay of the business id gets the same one.
 */
export function processEvent(ctx: AppContext, app: { id: number }, input: EventInput): { result: EventResult; replayed: boolean } {
  return writeTx(ctx.db, (tx) => applyEvent(tx, ctx, app, input));
}

/** processEvent inside the caller's transaction (the events endpoint runs it under group commit). */
export function applyEvent(tx: DbOrTx, ctx: AppContext, app: { id: number }, input: EventInput): { result: EventResult; replayed: boolean } {
  const now = ctx.clock.now();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  if (occurredAt.getTime() > now.getTime() + 5 * 60_000) throw unprocessable("occurredAt is in the future", { occurredAt: "must not be in the future" });
  // Late reports are fine; backdating further would let once-a-day rewards be collected for past days.
  if (occurredAt.getTime() < now.getTime() - MAX_BACKDATE_MS) throw unprocessable("occurredAt is more than 7 days ago", { occurredAt: "within the last 7 days" });
  const { member: _profile, ...meaningful } = input;
  const requestHash = hashRequest({ ...meaningful, occurredAt: input.occurredAt ?? null });
  // The mall day the event counts on (caps, once-a-day, streaks).
  const day = mallDay(occurredAt);

  {
    const prior = q(tx).prior.get({ appId: app.id, businessId: input.businessId });
    if (prior) {
      if (prior.requestHash !== requestHash)
        throw conflict("BUSINESS_ID_REUSED", `Business id ${input.businessId} was already used for a different event`, { businessId: input.businessId });
      return { result: prior.response as EventResult, replayed: true };
    }

    const policy = ctx.policy.get();
    const member = findOrCreateMember(tx, app.id, input.memberId, now, input.member);
    const rule = ctx.rulebook.forEventType(input.type);
    let outcome: EventResult["outcome"] = "ignored";
    let points = 0;
    let reason: string | null = null;
    let reviewId: number | null = null;
    let entryId: number | null = null;
    let ruleVersion: number | null = null;

    if (!rule) reason = "no-rule";
    else if (member.status !== "active") reason = "member-frozen";
    else {
      ruleVersion = versionFor(rule, member.id).version;
      const config = rule.configs.get(ruleVersion)!;
      const isPurchase = config.award.kind === "purchaseRatio" || config.award.kind === "purchaseTiers";
      if (isPurchase && input.amount === undefined) throw unprocessable(`A ${input.type} event needs an amount in cents`, { amount: "required for this event type" });
      const usage = usageOf(tx, member.id, input.type, day, config);
      const evaluation = evaluateRule(config, { amountCents: input.amount, multiplierPermille: tierByCode(member.tier, policy.tiers).multiplierPermille, usage });
      reason = evaluation.reason ?? null;
      points = evaluation.points;
      outcome = evaluation.outcome;
      if (points > 0 && points > policy.riskThreshold) {
        outcome = "held";
        reviewId = tx
          .insert(pointReviews)
          .values({
            appId: app.id,
            memberId: member.id,
            source: "event",
            entryType: "earn",
            amount: points,
            businessId: input.businessId,
            reason: `${input.type} event above the risk threshold (${policy.riskThreshold})`,
            eventType: input.type,
            ruleId: rule.id,
            ruleVersion,
            requestedBy: `app:${app.id}`,
            createdAt: now,
          })
          .returning({ id: pointReviews.id })
          .get().id;
        reason = "risk-threshold";
      } else if (points > 0) {
        const { entry } = credit(tx, now, {
          type: "earn",
          amount: points,
          memberId: member.id,
          businessId: input.businessId,
          requestHash,
          reason: `${input.type} event`,
          actor: { type: "app", id: String(app.id) },
          ruleId: rule.id,
          ruleVersion,
          expiresAt: expiryFor(policy.expiry, now),
        });
        entryId = entry.id;
        recomputeTier(tx, member.id, now, policy.tiers, "earned points");
        notifyPointsChanged(tx, ctx, entry, input.memberId, now);
      } else if (outcome !== "capped") outcome = "ignored";
    }

    const after = q(tx).balance.get({ id: member.id })!;
    const result: EventResult = {
      businessId: input.businessId,
      memberId: input.memberId,
      type: input.type,
      outcome,
      points: outcome === "held" ? 0 : points,
      balance: after.balance,
      tier: after.tier,
      ruleId: rule?.id ?? null,
      ruleVersion,
      reason,
      reviewId,
      entryId,
    };
    q(tx).insert.run({
      appId: app.id,
      businessId: input.businessId,
      requestHash,
      memberId: member.id,
      type: input.type,
      amount: input.amount ?? null,
      occurredAt,
      outcome,
      points: result.points,
      ruleId: result.ruleId,
      ruleVersion,
      entryId,
      reviewId,
      response: result,
      createdAt: now,
    });
    if (outcome === "granted" || outcome === "capped") q(tx).countDay.run({ memberId: member.id, type: input.type, day, points: result.points });
    return { result, replayed: false };
  }
}

