import type { Award, RuleConfig } from "./types";

export type Translate = (key: string, options?: Record<string, unknown>) => string;

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** Cents as yuan for people: 1000 → "10", 1050 → "10.5", 1234500 → "12,345". */
export const yuan = (cents: number) => number.format(cents / 100);
export const points = (n: number) => number.format(n);

/** How many streak steps a summary spells out before "…". */
const STEPS_SHOWN = 3;

/** One line saying what the award gives, e.g. "1 point per ¥10" or "5, 8, 12… +50 every 7th day". */
export function summarizeAward(award: Award, t: Translate): string {
  switch (award.kind) {
    case "fixed":
    case "daily":
      return t(`rules.summary.${award.kind}`, { count: award.points, points: points(award.points) });
    case "purchaseRatio": {
      const base = t("rules.summary.purchaseRatio", { count: award.points, points: points(award.points), per: yuan(award.perCents) });
      return award.minCents > 0 ? base + t("rules.summary.fromMin", { min: yuan(award.minCents) }) : base;
    }
    case "purchaseTiers":
      return award.bands.map((b) => t("rules.summary.band", { min: yuan(b.minCents), points: points(b.points) })).join(t("rules.summary.sep"));
    case "streak": {
      const shown = award.steps.slice(0, STEPS_SHOWN).map(points).join(", ");
      const steps = award.steps.length > STEPS_SHOWN ? `${shown}…` : shown;
      const bonus = award.bonusEvery > 0 && award.bonusPoints > 0 ? " " + t("rules.summary.streakBonus", { bonus: points(award.bonusPoints), count: award.bonusEvery, ordinal: true }) : "";
      return t("rules.summary.streak", { steps }) + bonus;
    }
  }
}

/** The award plus its caps: "1 point per ¥10, at most 5,000 a day". */
export function summarizeRule(config: RuleConfig | null | undefined, t: Translate): string {
  if (!config?.award) return "—";
  const parts = [summarizeAward(config.award, t)];
  if (config.dailyCap != null) parts.push(t("rules.summary.dailyCap", { n: points(config.dailyCap) }));
  if (config.totalCap != null) parts.push(t("rules.summary.totalCap", { n: points(config.totalCap) }));
  return parts.join(t("rules.summary.sep"));
}

/**
 * Points the award gives for an amount (purchases, before multiplier and caps) or on a streak day,
 * for the preview chart. Mirrors basePoints() in api/domain/points/rule-engine.ts.
 */
export function pointsFor(award: Award, input: { amountCents?: number; day?: number }): number {
  switch (award.kind) {
    case "fixed":
    case "daily":
      return award.points;
    case "purchaseRatio": {
      const amount = input.amountCents ?? 0;
      return amount < award.minCents ? 0 : Math.floor(amount / award.perCents) * award.points;
    }
    case "purchaseTiers": {
      let p = 0;
      for (const b of award.bands) if ((input.amountCents ?? 0) >= b.minCents) p = b.points;
      return p;
    }
    case "streak": {
      const day = input.day ?? 1;
      const step = award.steps[Math.min(day, award.steps.length) - 1] ?? 0;
      return step + (award.bonusEvery > 0 && day % award.bonusEvery === 0 ? award.bonusPoints : 0);
    }
  }
}
