import type { Rng } from "../../lib/rng";
import { chiSquare } from "./chi-square";
import { effectiveOdds, pickPrize, PPM, type PoolPrize } from "./odds";

export interface ForecastPrize {
  id: number;
  oddsPpm: number;
  isFallback: boolean;
  /** null: unlimited. */
  stock: number | null;
  /** What one of it costs the mall, in cents (points prizes: the points at the points' value). */
  valueCents: number;
}

/**
 * The expected cost of one entry with the pool as it stands (exhausted prizes' odds already moved
 * to the fallback), against what an entry collects.
 */
export function expectedCostPerEntry(prizes: ForecastPrize[]): number {
  const odds = effectiveOdds(prizes.map((p) => ({ ...p, available: p.stock == null || p.stock > 0 })));
  return prizes.reduce((sum, p) => sum + ((odds.get(p.id) ?? 0) / PPM) * p.valueCents, 0);
}

export interface SimulationResult {
  draws: number;
  prizes: { id: number; expectedPpm: number; observed: number; observedPpm: number; exhaustedAfter: number | null; costCents: number }[];
  chiSquare: { statistic: number; df: number; pValue: number };
  totalCostCents: number;
  costPerEntryCents: number;
  /** Points collected over the simulated draws, and their value in cents. */
  pointsCollected: number;
  pointsValueCents: number;
}

/**
 * Draws N times in memory with the real picker, taking stock as real draws would, so operators see
 * the observed frequencies against the configured odds and when prizes run out. The chi-square test
 * compares the observations with the odds in force while no stock ran out.
 */
export function simulate(prizes: ForecastPrize[], draws: number, rng: Rng, entryCost: number, centsPerPoint: number): SimulationResult {
  const stock = new Map(prizes.map((p) => [p.id, p.stock]));
  const observed = new Map(prizes.map((p) => [p.id, 0]));
  const exhaustedAfter = new Map<number, number>();
  for (let i = 0; i < draws; i++) {
    const pool: PoolPrize[] = prizes.map((p) => ({ id: p.id, oddsPpm: p.oddsPpm, isFallback: p.isFallback, available: stock.get(p.id) == null || stock.get(p.id)! > 0 }));
    const { prizeId } = pickPrize(pool, rng.int(PPM));
    observed.set(prizeId, observed.get(prizeId)! + 1);
    const left = stock.get(prizeId);
    if (left != null) {
      stock.set(prizeId, left - 1);
      if (left - 1 === 0) exhaustedAfter.set(prizeId, i + 1);
    }
  }
  const rows = prizes.map((p) => ({
    id: p.id,
    expectedPpm: p.oddsPpm,
    observed: observed.get(p.id)!,
    observedPpm: draws ? Math.round((observed.get(p.id)! / draws) * PPM) : 0,
    exhaustedAfter: exhaustedAfter.get(p.id) ?? null,
    costCents: observed.get(p.id)! * p.valueCents,
  }));
  const totalCostCents = rows.reduce((s, r) => s + r.costCents, 0);
  // With stock running out the configured odds no longer apply; compare against them only when none did.
  const test = exhaustedAfter.size === 0 ? chiSquare(rows.map((r) => r.observed), prizes.map((p) => (p.oddsPpm / PPM) * draws)) : { statistic: NaN, df: 0, pValue: NaN };
  return {
    draws,
    prizes: rows,
    chiSquare: test,
    totalCostCents,
    costPerEntryCents: draws ? totalCostCents / draws : 0,
    pointsCollected: entryCost * draws,
    pointsValueCents: entryCost * draws * centsPerPoint,
  };
}
