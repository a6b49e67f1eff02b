import { and, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "../../../db/client";
import { members, pointEvents, pointReviews } from "../../../db/schema";
import type { AppContext } from "../../context";
import { conflict, unprocessable } from "../../lib/errors";
import { writeTx } from "../../lib/tx";
import { addDays, mallDay, startOfMallDay } from "./calendar";
import { versionFor } from "./canary";
import { expiryFor } from "./expiry";
import { credit, hashRequest } from "./ledger";
import { findOrCreateMember, recomputeTier } from "./members";
import { evaluateRule, type RuleUsage } from "./rule-engine";
import { tierByCode } from "./tiers";
import { notifyPointsChanged } from "./webhooks";

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

type Member = typeof members.$inferSelect;

const COUNTED = ["granted", "capped"] as const;

/** What this member already got from this event type: today, ever, and the streak before today. */
function usageOf(tx: DbOrTx, member: Member, type: string, occurredAt: Date, needStreak: boolean): RuleUsage {
  const dayStart = startOfMallDay(occurredAt);
  const dayEnd = new Date(dayStart.getTime() + 86_400_000);
  const base = and(eq(pointEvents.memberId, member.id), eq(pointEvents.type, type), inArray(pointEvents.outcome, COUNTED));
  const today = tx
    .select({ points: sql<number>`coalesce(sum(${pointEvents.points}), 0)`, n: sql<number>`count(*)` })
    .from(pointEvents)
    .where(and(base, gte(pointEvents.occurredAt, dayStart), lt(pointEvents.occurredAt, dayEnd)))
    .get()!;
  const total = tx.select({ points: sql<number>`coalesce(sum(${pointEvents.points}), 0)` }).from(pointEvents).where(base).get()!;
  let streakBefore = 0;
  if (needStreak) {
    const days = tx
      .select({ at: pointEvents.occurredAt })
      .from(pointEvents)
      .where(and(base, gte(pointEvents.occurredAt, new Date(dayStart.getTime() - 400 * 86_400_000)), lt(pointEvents.occurredAt, dayStart)))
      .orderBy(desc(pointEvents.occurredAt))
      .all()
      .map((r) => mallDay(r.at));
    let expect = addDays(mallDay(occurredAt), -1);
    for (const d of new Set(days)) {
      if (d !== expect) break;
      streakBefore++;
      expect = addDays(expect, -1);
    }
  }
  return { pointsToday: today.points, pointsTotal: total.points, grantedToday: today.n, streakBefore };
}

/**
 * Applies the earning rules to one host event, in one transaction: find or create the member, pick
 * the rule version (canary or current), evaluate caps and the tier multiplier, then grant the points,
 * hold them for review above the risk threshold, or ignore the event, and remember the answer so a
 * replay of the business id gets the same one.
 */
export function processEvent(ctx: AppContext, app: { id: number }, input: EventInput): { result: EventResult; replayed: boolean } {
  const now = ctx.clock.now();
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  if (occurredAt.getTime() > now.getTime() + 5 * 60_000) throw unprocessable("occurredAt is in the future", { occurredAt: "must not be in the future" });
  const { member: _profile, ...meaningful } = input;
  const requestHash = hashRequest({ ...meaningful, occurredAt: input.occurredAt ?? null });

  return writeTx(ctx.db, (tx) => {
    const prior = tx.select().from(pointEvents).where(and(eq(pointEvents.appId, app.id), eq(pointEvents.businessId, input.businessId))).get();
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
    else {
      ruleVersion = versionFor(rule, member.id).version;
      const config = rule.configs.get(ruleVersion)!;
      const isPurchase = config.award.kind === "purchaseRatio" || config.award.kind === "purchaseTiers";
      if (isPurchase && input.amount === undefined) throw unprocessable(`A ${input.type} event needs an amount in cents`, { amount: "required for this event type" });
      const usage = usageOf(tx, member, input.type, occurredAt, config.award.kind === "streak");
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

    const after = tx.select({ balance: members.balance, tier: members.tier }).from(members).where(eq(members.id, member.id)).get()!;
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
    tx.insert(pointEvents)
      .values({
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
      })
      .run();
    return { result, replayed: false };
  });
}

