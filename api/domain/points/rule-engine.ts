// z from @hono/zod-openapi (zod extended with .openapi): schemas made here are documented by the routes, whatever the import order.
import { z } from "@hono/zod-openapi";

/**
 * What a rule awards:
 * - fixed: N points per event (review, share, invite, custom types)
 * - daily: N points, at most once per calendar day (login)
 * - purchaseRatio: `points` for every `perCents` spent (1 per ¥10 = { points: 1, perCents: 1000 })
 * - purchaseTiers: the points of the highest band the amount reaches (≥¥100 → 10, ≥¥300 → 40)
 * - streak: day n of a daily streak earns steps[n-1] (the last step repeats), plus a bonus every
 *   `bonusEvery` days (sign-in: 5, 8, 12 … and 50 on the 7th day)
 */
export const AwardSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("fixed"), points: z.number().int().min(0).max(1_000_000) }),
  z.object({ kind: z.literal("daily"), points: z.number().int().min(0).max(1_000_000) }),
  z.object({
    kind: z.literal("purchaseRatio"),
    points: z.number().int().min(1).max(1_000_000),
    perCents: z.number().int().min(1).max(100_000_000),
    minCents: z.number().int().min(0).default(0),
  }),
  z.object({
    kind: z.literal("purchaseTiers"),
    bands: z
      .array(z.object({ minCents: z.number().int().min(0), points: z.number().int().min(0).max(1_000_000) }))
      .min(1)
      .max(20)
      .refine((b) => b.every((x, i) => i === 0 || x.minCents > b[i - 1].minCents), "bands must be in increasing minCents"),
  }),
  z.object({
    kind: z.literal("streak"),
    steps: z.array(z.number().int().min(0).max(1_000_000)).min(1).max(31),
    bonusEvery: z.number().int().min(0).max(365).default(7),
    bonusPoints: z.number().int().min(0).max(1_000_000).default(0),
  }),
]);

export const RuleConfigSchema = z.object({
  award: AwardSchema,
  /** Most points one member can earn from this rule per calendar day / ever; null for no cap. */
  dailyCap: z.number().int().min(1).nullable().default(null),
  totalCap: z.number().int().min(1).nullable().default(null),
  /** Multiply by the member's tier multiplier (gold ×1.5 ...). */
  useTierMultiplier: z.boolean().default(true),
});

export type Award = z.infer<typeof AwardSchema>;
export type RuleConfig = z.infer<typeof RuleConfigSchema>;

export interface RuleUsage {
  /** Points this member already got from this rule today / ever. */
  pointsToday: number;
  pointsTotal: number;
  /** Events of this type from this member already granted today. */
  grantedToday: number;
  /** Consecutive days before today with a granted event of this type (for streaks). */
  streakBefore: number;
}

export interface Evaluation {
  outcome: "granted" | "capped" | "ignored";
  /** Points before the multiplier, after it, and after the caps (what is granted). */
  base: number;
  multiplied: number;
  points: number;
  reason?: string;
  streakDay?: number;
}

export function basePoints(award: Award, amountCents: number | undefined, usage: RuleUsage): { points: number; reason?: string; streakDay?: number } {
  switch (award.kind) {
    case "fixed":
      return { points: award.points };
    case "daily":
      return usage.grantedToday > 0 ? { points: 0, reason: "already-today" } : { points: award.points };
    case "purchaseRatio": {
      const amount = amountCents ?? 0;
      if (amount < award.minCents) return { points: 0, reason: "below-minimum" };
      return { points: Math.floor(amount / award.perCents) * award.points };
    }
    case "purchaseTiers": {
      const amount = amountCents ?? 0;
      let points = -1;
      for (const band of award.bands) if (amount >= band.minCents) points = band.points;
      return points < 0 ? { points: 0, reason: "below-minimum" } : { points };
    }
    case "streak": {
      if (usage.grantedToday > 0) return { points: 0, reason: "already-today" };
      const day = usage.streakBefore + 1;
      const step = award.steps[Math.min(day, award.steps.length) - 1];
      const bonus = award.bonusEvery > 0 && day % award.bonusEvery === 0 ? award.bonusPoints : 0;
      return { points: step + bonus, streakDay: day };
    }
  }
}

/** Applies a rule version to an event: award, tier multiplier, then the daily and total caps. */
export function evaluateRule(config: RuleConfig, input: { amountCents?: number; multiplierPermille: number; usage: RuleUsage }): Evaluation {
  const base = basePoints(config.award, input.amountCents, input.usage);
  if (base.points <= 0) return { outcome: "ignored", base: 0, multiplied: 0, points: 0, reason: base.reason ?? "zero-points", streakDay: base.streakDay };
  const multiplied = config.useTierMultiplier ? Math.floor((base.points * input.multiplierPermille) / 1000) : base.points;
  // A tier multiplier below ×1 can floor a small award to nothing: that is no grant.
  if (multiplied <= 0) return { outcome: "ignored", base: base.points, multiplied: 0, points: 0, reason: "zero-points", streakDay: base.streakDay };
  let points = multiplied;
  let reason: string | undefined;
  if (config.dailyCap != null && input.usage.pointsToday + points > config.dailyCap) {
    points = Math.max(0, config.dailyCap - input.usage.pointsToday);
    reason = "daily-cap";
  }
  if (config.totalCap != null && input.usage.pointsTotal + points > config.totalCap) {
    points = Math.max(0, config.totalCap - input.usage.pointsTotal);
    reason = "total-cap";
  }
  return { outcome: reason ? "capped" : "granted", base: base.points, multiplied, points, reason, streakDay: base.streakDay };
}
