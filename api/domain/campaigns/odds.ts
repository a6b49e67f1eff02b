/**
 * Prize pools. Odds are integers in parts per million and sum to exactly 1,000,000, so there is no
 * rounding anywhere; a draw is one uniform integer in [0, 1,000,000) from a cryptographic RNG. A prize
 * that cannot be given (stock run out, or today's release given out) passes its odds to the fallback
 * prize ("thanks for taking part").
 */
export const PPM = 1_000_000;

export interface PoolPrize {
  id: number;
  oddsPpm: number;
  isFallback: boolean;
  /** False when its stock has run out or today's release is used up. */
  available: boolean;
}

export function oddsProblems(prizes: { oddsPpm: number; isFallback: boolean; stock?: number | null; kind?: string }[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (prizes.length < 2) problems["prizes"] = "a pool needs at least two prizes";
  if (prizes.length > 12) problems["prizes"] = "at most 12 prizes";
  prizes.forEach((p, i) => {
    if (!Number.isInteger(p.oddsPpm) || p.oddsPpm < 0 || p.oddsPpm > PPM) problems[`prizes.${i}.oddsPpm`] = "a whole number of parts per million, 0 to 1,000,000";
  });
  const sum = prizes.reduce((s, p) => s + p.oddsPpm, 0);
  if (sum !== PPM) problems["prizes"] = `the odds add up to ${(sum / 10_000).toFixed(4)}%, not 100%`;
  const fallbacks = prizes.filter((p) => p.isFallback);
  if (fallbacks.length !== 1) problems["prizes"] = "exactly one prize must be the fallback (thanks for taking part)";
  else if (fallbacks[0].stock != null) problems[`prizes.${prizes.indexOf(fallbacks[0])}.stock`] = "the fallback prize cannot run out (no stock limit)";
  return problems;
}

/** The odds each prize really has now: those of unavailable prizes move to the fallback. */
export function effectiveOdds(prizes: PoolPrize[]): Map<number, number> {
  const out = new Map<number, number>();
  const fallback = prizes.find((p) => p.isFallback);
  let moved = 0;
  for (const p of prizes) {
    if (p.available || p.isFallback) out.set(p.id, p.oddsPpm);
    else {
      out.set(p.id, 0);
      moved += p.oddsPpm;
    }
  }
  if (fallback) out.set(fallback.id, (out.get(fallback.id) ?? 0) + moved);
  return out;
}

/** The prize that a uniform draw r ∈ [0, 1,000,000) lands on, in the pool's order. */
export function pickPrize(prizes: PoolPrize[], r: number): { prizeId: number; landedOn: number; fellBack: boolean } {
  if (!Number.isInteger(r) || r < 0 || r >= PPM) throw new RangeError("r must be an integer in [0, 1000000)");
  let cumulative = 0;
  let landed = prizes[prizes.length - 1];
  for (const p of prizes) {
    cumulative += p.oddsPpm;
    if (r < cumulative) {
      landed = p;
      break;
    }
  }
  if (landed.available || landed.isFallback) return { prizeId: landed.id, landedOn: landed.id, fellBack: false };
  const fallback = prizes.find((p) => p.isFallback)!;
  return { prizeId: fallback.id, landedOn: landed.id, fellBack: true };
}
