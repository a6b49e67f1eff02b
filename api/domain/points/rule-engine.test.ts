import { describe, expect, it } from "vitest";
import { evaluateRule, RuleConfigSchema, type RuleUsage } from "./rule-engine";

const config = (c: unknown) => RuleConfigSchema.parse(c);
const usage = (u: Partial<RuleUsage> = {}): RuleUsage => ({ pointsToday: 0, pointsTotal: 0, grantedToday: 0, streakBefore: 0, ...u });
const NORMAL = 1000;
const GOLD = 1500;
const run = (c: unknown, o: { amountCents?: number; multiplierPermille?: number; usage?: Partial<RuleUsage> } = {}) =>
  evaluateRule(config(c), { amountCents: o.amountCents, multiplierPermille: o.multiplierPermille ?? NORMAL, usage: usage(o.usage) });

describe("RuleConfigSchema", () => {
  it("fills the defaults: no caps, the tier multiplier applies", () => {
    expect(config({ award: { kind: "fixed", points: 5 } })).toEqual({ award: { kind: "fixed", points: 5 }, dailyCap: null, totalCap: null, useTierMultiplier: true });
  });

  it("refuses purchase bands that are not in increasing order", () => {
    const bad = RuleConfigSchema.safeParse({ award: { kind: "purchaseTiers", bands: [{ minCents: 30000, points: 40 }, { minCents: 10000, points: 10 }] } });
    expect(bad.success).toBe(false);
  });
});

describe("evaluateRule: purchase ratio (1 point per ¥10)", () => {
  const ratio = { award: { kind: "purchaseRatio", points: 1, perCents: 1000 } };

  it.each([
    [25800, 25],
    [1000, 1],
    [1999, 1],
    [100_000_00, 10000],
  ])("%i cents earn %i points (whole steps only)", (amountCents, points) => {
    expect(run(ratio, { amountCents })).toMatchObject({ outcome: "granted", base: points, multiplied: points, points });
  });

  it("ignores an amount below one step", () => {
    expect(run(ratio, { amountCents: 999 })).toEqual({ outcome: "ignored", base: 0, multiplied: 0, points: 0, reason: "zero-points", streakDay: undefined });
  });

  it("ignores an amount below the rule's minimum", () => {
    expect(run({ award: { ...ratio.award, minCents: 5000 } }, { amountCents: 4999 })).toMatchObject({ outcome: "ignored", points: 0, reason: "below-minimum" });
    expect(run({ award: { ...ratio.award, minCents: 5000 } }, { amountCents: 5000 })).toMatchObject({ outcome: "granted", points: 5 });
  });

  it("awards N points per step with a larger ratio (3 points per ¥1)", () => {
    expect(run({ award: { kind: "purchaseRatio", points: 3, perCents: 100 } }, { amountCents: 1050 })).toMatchObject({ points: 30 });
  });
});

describe("evaluateRule: purchase bands (≥¥100 → 10, ≥¥300 → 40)", () => {
  const bands = { award: { kind: "purchaseTiers", bands: [{ minCents: 10000, points: 10 }, { minCents: 30000, points: 40 }] } };

  it.each([
    [10000, 10],
    [29999, 10],
    [30000, 40],
    [1_000_000, 40],
  ])("%i cents earn the highest band reached: %i", (amountCents, points) => {
    expect(run(bands, { amountCents })).toMatchObject({ outcome: "granted", points });
  });

  it("ignores an amount below the first band", () => {
    expect(run(bands, { amountCents: 9999 })).toMatchObject({ outcome: "ignored", points: 0, reason: "below-minimum" });
    expect(run(bands, {})).toMatchObject({ outcome: "ignored", reason: "below-minimum" });
  });
});

describe("evaluateRule: daily (login, once a day)", () => {
  const login = { award: { kind: "daily", points: 10 }, useTierMultiplier: false };

  it("grants the first event of the day and ignores the next ones", () => {
    expect(run(login)).toMatchObject({ outcome: "granted", points: 10 });
    expect(run(login, { usage: { grantedToday: 1, pointsToday: 10 } })).toMatchObject({ outcome: "ignored", points: 0, reason: "already-today" });
  });
});

describe("evaluateRule: streak (sign-in 5, 8, 12 … and 50 on the 7th day)", () => {
  const signIn = { award: { kind: "streak", steps: [5, 8, 12, 15, 18, 20, 25], bonusEvery: 7, bonusPoints: 50 }, useTierMultiplier: false };

  it.each([
    [0, 1, 5],
    [1, 2, 8],
    [2, 3, 12],
    [5, 6, 20],
    [6, 7, 25 + 50],
    [7, 8, 25],
    [12, 13, 25],
    [13, 14, 25 + 50],
  ])("with %i days before today, day %i earns %i", (streakBefore, day, points) => {
    expect(run(signIn, { usage: { streakBefore } })).toMatchObject({ outcome: "granted", points, streakDay: day });
  });

  it("repeats the last step when the steps run out, and starts over after a break", () => {
    const short = { award: { kind: "streak", steps: [5, 8], bonusEvery: 0, bonusPoints: 0 } };
    expect(run(short, { usage: { streakBefore: 9 } })).toMatchObject({ points: 8, streakDay: 10 });
    expect(run(short, { usage: { streakBefore: 0 } })).toMatchObject({ points: 5, streakDay: 1 });
  });

  it("ignores a second sign-in on the same day", () => {
    expect(run(signIn, { usage: { grantedToday: 1, streakBefore: 3 } })).toMatchObject({ outcome: "ignored", points: 0, reason: "already-today" });
  });
});

describe("evaluateRule: caps", () => {
  const review = { award: { kind: "fixed", points: 5 }, dailyCap: 12 };

  it("grants in full below the daily cap", () => {
    expect(run(review, { usage: { pointsToday: 5 } })).toMatchObject({ outcome: "granted", points: 5 });
  });

  it("grants the rest of the daily cap and says it was capped", () => {
    expect(run(review, { usage: { pointsToday: 10 } })).toEqual({ outcome: "capped", base: 5, multiplied: 5, points: 2, reason: "daily-cap", streakDay: undefined });
  });

  it("grants nothing, capped, once the daily cap is reached", () => {
    expect(run(review, { usage: { pointsToday: 12 } })).toMatchObject({ outcome: "capped", points: 0, reason: "daily-cap" });
  });

  it("applies the total cap over the member's whole history", () => {
    const invite = { award: { kind: "fixed", points: 100 }, totalCap: 2000 };
    expect(run(invite, { usage: { pointsTotal: 1950 } })).toMatchObject({ outcome: "capped", points: 50, reason: "total-cap" });
    expect(run(invite, { usage: { pointsTotal: 2000 } })).toMatchObject({ outcome: "capped", points: 0, reason: "total-cap" });
    expect(run(invite, { usage: { pointsTotal: 1900 } })).toMatchObject({ outcome: "granted", points: 100 });
  });

  it("takes the tighter of both caps", () => {
    const both = { award: { kind: "fixed", points: 100 }, dailyCap: 150, totalCap: 1000 };
    expect(run(both, { usage: { pointsToday: 120, pointsTotal: 990 } })).toMatchObject({ outcome: "capped", points: 10, reason: "total-cap" });
    expect(run(both, { usage: { pointsToday: 120, pointsTotal: 500 } })).toMatchObject({ outcome: "capped", points: 30, reason: "daily-cap" });
  });
});

describe("evaluateRule: tier multipliers", () => {
  it("multiplies by the tier's permille and floors (gold ×1.5)", () => {
    expect(run({ award: { kind: "fixed", points: 25 } }, { multiplierPermille: GOLD })).toMatchObject({ base: 25, multiplied: 37, points: 37 });
    expect(run({ award: { kind: "fixed", points: 3 } }, { multiplierPermille: GOLD })).toMatchObject({ multiplied: 4, points: 4 });
    expect(run({ award: { kind: "fixed", points: 1 } }, { multiplierPermille: GOLD })).toMatchObject({ multiplied: 1, points: 1 });
    expect(run({ award: { kind: "purchaseRatio", points: 1, perCents: 1000 } }, { amountCents: 25800, multiplierPermille: 2000 })).toMatchObject({ base: 25, points: 50 });
  });

  it("ignores the multiplier when the rule says so", () => {
    expect(run({ award: { kind: "fixed", points: 25 }, useTierMultiplier: false }, { multiplierPermille: GOLD })).toMatchObject({ multiplied: 25, points: 25 });
  });

  it("applies the caps after the multiplier", () => {
    expect(run({ award: { kind: "fixed", points: 20 }, dailyCap: 25 }, { multiplierPermille: GOLD })).toMatchObject({ outcome: "capped", base: 20, multiplied: 30, points: 25 });
  });

  it("ignores an event that a multiplier below ×1 floors to nothing, and says why", () => {
    expect(run({ award: { kind: "fixed", points: 1 } }, { multiplierPermille: 500 })).toMatchObject({ outcome: "ignored", base: 1, multiplied: 0, points: 0, reason: "zero-points" });
    expect(run({ award: { kind: "fixed", points: 3 } }, { multiplierPermille: 500 })).toMatchObject({ outcome: "granted", multiplied: 1, points: 1 });
  });
});
