import { effectiveOdds, PPM } from "./odds";
import type { ForecastPrize } from "./forecast";

export interface BudgetRow {
  id: number;
  /** Expected number given out over the entries. */
  expectedIssued: number;
  expectedCostCents: number;
  /** On average, after how many entries its stock runs out (null: never, it has no limit or no odds). */
  runsOutAfter: number | null;
}

/**
 * The expected prize cost of N entries, in closed form. Each limited prize runs out on average after
 * stock ÷ odds entries; from then on its odds belong to the fallback, so the pool changes piece by
 * piece. Walking those pieces gives the budget and the run-out points without drawing anything
 * (the simulator draws; this is what it converges to). Daily releases are not modelled: they only
 * spread the same stock over more days.
 */
export function budgetFor(prizes: ForecastPrize[], entries: number): { budgetCents: number; rows: BudgetRow[] } {
  const left = new Map(prizes.map((p) => [p.id, p.stock]));
  const issued = new Map(prizes.map((p) => [p.id, 0]));
  // A prize already out of stock ran out before the first entry.
  const runsOut = new Map<number, number>(prizes.filter((p) => p.stock != null && p.stock <= 0).map((p) => [p.id, 0]));
  let done = 0;
  // Each pass ends where the next limited prize runs out (at most one pass per prize) or at N.
  for (let guard = 0; guard <= prizes.length + 1; guard++) {
    const odds = effectiveOdds(prizes.map((p) => ({ id: p.id, oddsPpm: p.oddsPpm, isFallback: p.isFallback, available: left.get(p.id) == null || left.get(p.id)! > 1e-9 })));
    let next = Infinity;
    let nextId: number | null = null;
    for (const p of prizes) {
      const s = left.get(p.id);
      const rate = (odds.get(p.id) ?? 0) / PPM;
      if (s == null || s <= 1e-9 || rate <= 0) continue;
      const at = s / rate;
      if (at < next) {
        next = at;
        nextId = p.id;
      }
    }
    const span = nextId == null ? Infinity : next;
    // Past N nothing more is issued; the walk only goes on to find the remaining run-out points.
    const within = Math.max(0, Math.min(span, entries - done));
    for (const p of prizes) {
      const rate = (odds.get(p.id) ?? 0) / PPM;
      issued.set(p.id, issued.get(p.id)! + rate * within);
    }
    if (nextId == null) break;
    // Carry the pool forward to the run-out even past N, so every run-out point is known.
    done += span;
    for (const p of prizes) {
      const s = left.get(p.id);
      if (s == null || s <= 1e-9) continue;
      const rest = p.id === nextId ? 0 : Math.max(0, s - ((odds.get(p.id) ?? 0) / PPM) * span);
      left.set(p.id, rest);
      // Two prizes can run out at the same point.
      if (rest <= 1e-9) runsOut.set(p.id, done);
    }
  }
  const rows = prizes.map((p) => {
    const n = issued.get(p.id)!;
    return { id: p.id, expectedIssued: n, expectedCostCents: n * p.valueCents, runsOutAfter: runsOut.has(p.id) ? Math.round(runsOut.get(p.id)!) : null };
  });
  return { budgetCents: rows.reduce((s, r) => s + r.expectedCostCents, 0), rows };
}
