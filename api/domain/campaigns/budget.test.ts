import { describe, expect, it } from "vitest";
import { budgetFor } from "./budget";

const pool = [
  { id: 1, oddsPpm: 300_000, isFallback: false, stock: null, valueCents: 10 },
  { id: 2, oddsPpm: 10_000, isFallback: false, stock: 500, valueCents: 200 },
  { id: 3, oddsPpm: 5_000, isFallback: false, stock: 100, valueCents: 990 },
  { id: 4, oddsPpm: 100, isFallback: false, stock: 5, valueCents: 1000 },
  { id: 5, oddsPpm: 684_900, isFallback: true, stock: null, valueCents: 0 },
];

describe("budgetFor", () => {
  it("finds every limited prize's run-out point, two at once included", () => {
    const { rows } = budgetFor(pool, 10_000);
    // The voucher: 100 at 0.5% → 20,000 entries; the 200 points (500 at 1%) and the 1000 points (5 at 0.01%) both at 50,000.
    expect(rows.map((r) => r.runsOutAfter)).toEqual([null, 50_000, 20_000, 50_000, null]);
  });

  it("costs N entries at the pool's odds until a prize runs out, and the fallback's odds after", () => {
    const { budgetCents, rows } = budgetFor(pool, 30_000);
    // 30,000 × (0.3×10 + 0.01×200 + 0.0001×1000) + all 100 vouchers.
    expect(budgetCents).toBeCloseTo(30_000 * (3 + 2 + 0.1) + 100 * 990, 6);
    expect(rows[2].expectedIssued).toBeCloseTo(100, 9);
    expect(rows[4].expectedIssued).toBeCloseTo(30_000 * 0.6849 + 10_000 * 0.005, 6);
  });

  it("says a prize with no stock left ran out before the first entry", () => {
    const { rows } = budgetFor([{ ...pool[1], stock: 0 }, pool[4]], 100);
    expect(rows[0]).toMatchObject({ runsOutAfter: 0, expectedIssued: 0 });
  });
});
