import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { campaignEntries, campaignPrizes } from "../../../db/schema";
import { seededRng } from "../../lib/rng";
import { writeTx } from "../../lib/tx";
import { createCampaign } from "../../test/campaign-fixtures";
import { buildTestApp, createMember, registerTestApp } from "../../test/harness";
import { givePoints } from "../../test/order-fixtures";
import { ledgerViolations } from "../points/ledger";
import { draw } from "./campaigns";
import { chiSquare, logGamma, regularizedGammaP } from "./chi-square";
import { effectiveOdds, oddsProblems, pickPrize, PPM, type PoolPrize } from "./odds";

const DAY = 86_400_000;

/** A pool with odds from 0.01% up: 100 + 900 + 9,000 + 90,000 + 300,000 + 600,000 ppm. */
const POOL: PoolPrize[] = [
  { id: 1, oddsPpm: 100, isFallback: false, available: true },
  { id: 2, oddsPpm: 900, isFallback: false, available: true },
  { id: 3, oddsPpm: 9_000, isFallback: false, available: true },
  { id: 4, oddsPpm: 90_000, isFallback: false, available: true },
  { id: 5, oddsPpm: 300_000, isFallback: false, available: true },
  { id: 6, oddsPpm: 600_000, isFallback: true, available: true },
];

describe("fairness: the picker follows the configured odds", () => {
  it("10^6 seeded draws of a pool with odds down to 0.01% pass a chi-square test at p > 0.001", () => {
    const rng = seededRng(20260115);
    const N = 1_000_000;
    const counts = new Map(POOL.map((p) => [p.id, 0]));
    for (let i = 0; i < N; i++) {
      const { prizeId } = pickPrize(POOL, rng.int(PPM));
      counts.set(prizeId, counts.get(prizeId)! + 1);
    }
    const observed = POOL.map((p) => counts.get(p.id)!);
    const expected = POOL.map((p) => (p.oddsPpm / PPM) * N);
    const test = chiSquare(observed, expected);
    expect(test.df).toBe(5);
    expect(test.pValue).toBeGreaterThan(0.001);
    // The rarest prize (expected 100 in 10^6) came up, and not wildly off (±5 standard deviations).
    expect(observed[0]).toBeGreaterThan(100 - 5 * 10);
    expect(observed[0]).toBeLessThan(100 + 5 * 10);
    expect(observed.reduce((s, n) => s + n, 0)).toBe(N);
  });

  it("the same test does reject a biased picker (the test has teeth)", () => {
    const rng = seededRng(7);
    const N = 1_000_000;
    // Shifted by 0.1 percentage point: the 0.09% prize comes up 0.19% of the time.
    const biased = POOL.map((p) => (p.id === 2 ? { ...p, oddsPpm: 1_900 } : p.id === 6 ? { ...p, oddsPpm: 599_000 } : p));
    const counts = new Map(POOL.map((p) => [p.id, 0]));
    for (let i = 0; i < N; i++) {
      const { prizeId } = pickPrize(biased, rng.int(PPM));
      counts.set(prizeId, counts.get(prizeId)! + 1);
    }
    const test = chiSquare(
      POOL.map((p) => counts.get(p.id)!),
      POOL.map((p) => (p.oddsPpm / PPM) * N),
    );
    expect(test.pValue).toBeLessThan(0.001);
  });

  it("an exhausted prize's draws all go to the fallback, with the same frequencies otherwise", () => {
    const rng = seededRng(99);
    const N = 200_000;
    const pool = POOL.map((p) => (p.id === 5 ? { ...p, available: false } : p));
    const counts = new Map(POOL.map((p) => [p.id, 0]));
    let fellBack = 0;
    let landedElsewhere = 0;
    for (let i = 0; i < N; i++) {
      const r = pickPrize(pool, rng.int(PPM));
      counts.set(r.prizeId, counts.get(r.prizeId)! + 1);
      if (r.fellBack) {
        fellBack++;
        if (r.landedOn !== 5) landedElsewhere++;
      }
    }
    expect(landedElsewhere).toBe(0);
    expect(counts.get(5)).toBe(0);
    // The fallback now takes 90% (its own 60% plus the 30% moved to it).
    const odds = effectiveOdds(pool);
    const test = chiSquare(
      POOL.map((p) => counts.get(p.id)!),
      POOL.map((p) => (odds.get(p.id)! / PPM) * N),
    );
    expect(test.pValue).toBeGreaterThan(0.001);
    expect(fellBack / N).toBeCloseTo(0.3, 2);
  });
});

describe("pickPrize", () => {
  it("maps r onto the cumulative odds in pool order: each boundary belongs to the next prize", () => {
    expect(pickPrize(POOL, 0).prizeId).toBe(1);
    expect(pickPrize(POOL, 99).prizeId).toBe(1);
    expect(pickPrize(POOL, 100).prizeId).toBe(2);
    expect(pickPrize(POOL, 999).prizeId).toBe(2);
    expect(pickPrize(POOL, 1_000).prizeId).toBe(3);
    expect(pickPrize(POOL, 399_999).prizeId).toBe(5);
    expect(pickPrize(POOL, 400_000).prizeId).toBe(6);
    expect(pickPrize(POOL, PPM - 1).prizeId).toBe(6);
  });

  it("never picks a prize with zero odds, even at its boundary", () => {
    const pool: PoolPrize[] = [
      { id: 1, oddsPpm: 0, isFallback: false, available: true },
      { id: 2, oddsPpm: 500_000, isFallback: false, available: true },
      { id: 3, oddsPpm: 0, isFallback: false, available: true },
      { id: 4, oddsPpm: 500_000, isFallback: true, available: true },
    ];
    expect(pickPrize(pool, 0).prizeId).toBe(2);
    expect(pickPrize(pool, 499_999).prizeId).toBe(2);
    expect(pickPrize(pool, 500_000).prizeId).toBe(4);
  });

  it("refuses an r outside [0, 1,000,000) or not a whole number", () => {
    expect(() => pickPrize(POOL, -1)).toThrow(RangeError);
    expect(() => pickPrize(POOL, PPM)).toThrow(RangeError);
    expect(() => pickPrize(POOL, 1.5)).toThrow(RangeError);
    expect(() => pickPrize(POOL, Number.NaN)).toThrow(RangeError);
  });

  it("gives the fallback when the prize landed on is unavailable, saying where it landed", () => {
    const pool = POOL.map((p) => (p.id === 1 ? { ...p, available: false } : p));
    expect(pickPrize(pool, 50)).toEqual({ prizeId: 6, landedOn: 1, fellBack: true });
    expect(pickPrize(pool, 150)).toEqual({ prizeId: 2, landedOn: 2, fellBack: false });
  });

  it("the fallback itself is always given, even if marked unavailable", () => {
    const pool = POOL.map((p) => (p.id === 6 ? { ...p, available: false } : p));
    expect(pickPrize(pool, PPM - 1)).toEqual({ prizeId: 6, landedOn: 6, fellBack: false });
  });
});

describe("effectiveOdds", () => {
  it("keeps the configured odds while every prize has stock", () => {
    expect([...effectiveOdds(POOL).entries()]).toEqual(POOL.map((p) => [p.id, p.oddsPpm]));
  });

  it("moves the odds of every unavailable prize to the fallback, still summing to 1,000,000", () => {
    const pool = POOL.map((p) => (p.id === 1 || p.id === 4 ? { ...p, available: false } : p));
    const odds = effectiveOdds(pool);
    expect(odds.get(1)).toBe(0);
    expect(odds.get(4)).toBe(0);
    expect(odds.get(6)).toBe(600_000 + 100 + 90_000);
    expect([...odds.values()].reduce((s, n) => s + n, 0)).toBe(PPM);
  });
});

describe("oddsProblems", () => {
  const ok = [
    { oddsPpm: 400_000, isFallback: false, stock: 10 },
    { oddsPpm: 600_000, isFallback: true, stock: null },
  ];

  it("accepts a pool summing to exactly 1,000,000 with one unlimited fallback", () => {
    expect(oddsProblems(ok)).toEqual({});
  });

  it("says by how much the odds miss 100%", () => {
    expect(oddsProblems([ok[0], { ...ok[1], oddsPpm: 599_999 }]).prizes).toBe("the odds add up to 99.9999%, not 100%");
    expect(oddsProblems([ok[0], { ...ok[1], oddsPpm: 600_001 }]).prizes).toMatch(/100\.0001%/);
  });

  it("refuses fractional, negative and above-100% odds on the prize's own field", () => {
    expect(oddsProblems([{ ...ok[0], oddsPpm: 399_999.5 }, { ...ok[1], oddsPpm: 600_000.5 }])["prizes.0.oddsPpm"]).toBeDefined();
    expect(oddsProblems([{ ...ok[0], oddsPpm: -1 }, { ...ok[1], oddsPpm: 1_000_001 }])).toMatchObject({ "prizes.0.oddsPpm": expect.any(String), "prizes.1.oddsPpm": expect.any(String) });
  });

  it("needs exactly one fallback, and a fallback cannot run out", () => {
    expect(oddsProblems([{ ...ok[0] }, { ...ok[1], isFallback: false }]).prizes).toMatch(/exactly one prize must be the fallback/);
    expect(oddsProblems([{ ...ok[0], isFallback: true }, ok[1]]).prizes).toMatch(/exactly one/);
    expect(oddsProblems([ok[0], { ...ok[1], stock: 5 }])["prizes.1.stock"]).toMatch(/cannot run out/);
  });

  it("needs 2 to 12 prizes", () => {
    expect(oddsProblems([{ oddsPpm: PPM, isFallback: true, stock: null }]).prizes).toBeDefined();
    const thirteen = Array.from({ length: 13 }, (_, i) => ({ oddsPpm: i === 0 ? PPM - 12 * 1 : 1, isFallback: i === 0, stock: null }));
    expect(oddsProblems(thirteen).prizes).toBe("at most 12 prizes");
  });
});

describe("chi-square against known values", () => {
  it("matches tabulated critical values of the chi-square distribution", () => {
    // P(χ²₁ > 3.841) = 0.05, P(χ²₁ > 6.635) = 0.01, P(χ²₅ > 11.070) = 0.05, P(χ²₁₀ > 18.307) = 0.05, P(χ²₅ > 20.515) = 0.001
    const p = (df: number, x: number) => 1 - regularizedGammaP(df / 2, x / 2);
    expect(p(1, 3.841)).toBeCloseTo(0.05, 3);
    expect(p(1, 6.635)).toBeCloseTo(0.01, 4);
    expect(p(5, 11.07)).toBeCloseTo(0.05, 3);
    expect(p(10, 18.307)).toBeCloseTo(0.05, 3);
    expect(p(5, 20.515)).toBeCloseTo(0.001, 4);
    expect(p(2, 0)).toBe(1);
  });

  it("computes the statistic and degrees of freedom of a fair die", () => {
    // 60 rolls, observed [5, 8, 9, 8, 10, 20] against 10 each: χ² = (25+4+1+4+0+100)/10 = 13.4, df 5, p ≈ 0.0199
    const r = chiSquare([5, 8, 9, 8, 10, 20], [10, 10, 10, 10, 10, 10]);
    expect(r.statistic).toBeCloseTo(13.4, 10);
    expect(r.df).toBe(5);
    expect(r.pValue).toBeCloseTo(0.0199, 3);
  });

  it("leaves out cells expected never to happen", () => {
    const r = chiSquare([50, 50, 0], [50, 50, 0]);
    expect(r).toEqual({ statistic: 0, df: 1, pValue: 1 });
  });

  it("has a log-gamma that agrees with factorials", () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 10);
    expect(regularizedGammaP(1, 2)).toBeCloseTo(1 - Math.exp(-2), 12);
  });
});

describe("draw() on a database: stock and daily release", () => {
  async function setup(prizes: Parameters<typeof createCampaign>[2]["prizes"], o: { entryCost?: number } = {}) {
    const t = await buildTestApp();
    const app = registerTestApp(t);
    const member = createMember(t, app.id, "u-1");
    givePoints(t.db, member.id, 1_000_000, t.clock.now());
    const c = createCampaign(t.db, t.clock.now(), { template: "wheel", entryCost: o.entryCost ?? 0, prizes });
    let n = 0;
    const once = () => writeTx(t.db, (tx) => draw(tx, t.app.ctx, c.id, member.id, `draw-${++n}`, t.clock.now()));
    return { t, c, member, once };
  }

  it("a prize with stock 1 is won once and never again: its odds go to the fallback", async () => {
    const { t, c, once } = await setup([
      { name: "grand", kind: "points", points: 500, oddsPpm: 900_000, stock: 1 },
      { name: "thanks", oddsPpm: 100_000, isFallback: true },
    ]);
    const results = Array.from({ length: 200 }, once);
    const grand = results.filter((r) => r.prize.points === 500);
    expect(grand).toHaveLength(1);
    expect(grand[0].landedIndex).toBe(0);
    // The later draws landed on the grand prize ~90% of the time, and fell back each time.
    const entries = t.db.select().from(campaignEntries).where(eq(campaignEntries.campaignId, c.id)).all();
    const fellBack = entries.filter((e) => (e.detail as { fellBack?: boolean }).fellBack).length;
    expect(fellBack).toBeGreaterThan(150);
    expect(results.filter((r) => r.prize.isFallback).every((r) => r.landedIndex === 1)).toBe(true);
    const prize = t.db.select().from(campaignPrizes).where(and(eq(campaignPrizes.campaignId, c.id), eq(campaignPrizes.points, 500))).get()!;
    expect(prize.stock).toBe(0);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("a daily release gives at most that many a day, and releases again the next day", async () => {
    const { t, once } = await setup([
      { name: "daily", kind: "points", points: 50, oddsPpm: 800_000, dailyRelease: 2 },
      { name: "thanks", oddsPpm: 200_000, isFallback: true },
    ]);
    const today = Array.from({ length: 60 }, once).filter((r) => r.prize.points === 50);
    expect(today).toHaveLength(2);
    t.clock.advance(DAY);
    const tomorrow = Array.from({ length: 60 }, once).filter((r) => r.prize.points === 50);
    expect(tomorrow).toHaveLength(2);
    expect(ledgerViolations(t.db)).toEqual([]);
  });

  it("each draw charges the entry cost and credits a points prize, in one entry", async () => {
    const { t, member, once } = await setup(
      [
        { name: "ten", kind: "points", points: 10, oddsPpm: 500_000 },
        { name: "thanks", oddsPpm: 500_000, isFallback: true },
      ],
      { entryCost: 20 },
    );
    const before = t.db.select().from(campaignEntries).all().length;
    const rs = Array.from({ length: 40 }, once);
    const won = rs.filter((r) => r.pointsAwarded === 10).length;
    expect(won).toBeGreaterThan(5);
    expect(won).toBeLessThan(35);
    expect(rs.at(-1)!.balance).toBe(1_000_000 - 40 * 20 + won * 10);
    expect(t.db.select().from(campaignEntries).all().length - before).toBe(40);
    expect(ledgerViolations(t.db, member.id)).toEqual([]);
  });
});
