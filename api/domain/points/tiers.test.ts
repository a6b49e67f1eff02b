import { describe, expect, it } from "vitest";
import { defaultTiers, tierByCode, tierFor, tierProblems, tierProgress, type TierDef } from "./tiers";

const tier = (code: string, threshold: number, multiplierPermille = 1000): TierDef => ({ code, name: { "zh-CN": code, "en-US": code }, threshold, multiplierPermille });

describe("tierFor", () => {
  it.each([
    [0, "normal"],
    [999, "normal"],
    [1000, "silver"],
    [4999, "silver"],
    [5000, "gold"],
    [9999, "gold"],
    [10000, "diamond"],
    [10_000_000, "diamond"],
  ])("%i points earned in 12 months is %s", (earned, code) => {
    expect(tierFor(earned, defaultTiers).code).toBe(code);
  });

  it("does not depend on the order the tiers are listed in", () => {
    expect(tierFor(5000, [...defaultTiers].reverse()).code).toBe("gold");
    expect(tierFor(0, [...defaultTiers].reverse()).code).toBe("normal");
  });
});

describe("tierByCode", () => {
  it("finds a tier by code, and falls back to the lowest for a code that no longer exists", () => {
    expect(tierByCode("gold", defaultTiers).multiplierPermille).toBe(1500);
    expect(tierByCode("platinum", defaultTiers).code).toBe("normal");
  });
});

describe("tierProgress", () => {
  it("tells how far the next tier is", () => {
    expect(tierProgress(0, defaultTiers)).toEqual({ current: "normal", earned12m: 0, next: "silver", nextThreshold: 1000, pointsToNext: 1000 });
    expect(tierProgress(1200, defaultTiers)).toEqual({ current: "silver", earned12m: 1200, next: "gold", nextThreshold: 5000, pointsToNext: 3800 });
    expect(tierProgress(5000, defaultTiers)).toEqual({ current: "gold", earned12m: 5000, next: "diamond", nextThreshold: 10000, pointsToNext: 5000 });
  });

  it("has no next tier at the top", () => {
    expect(tierProgress(12000, defaultTiers)).toEqual({ current: "diamond", earned12m: 12000, next: null, nextThreshold: null, pointsToNext: 0 });
  });
});

describe("tierProblems", () => {
  it("accepts the default tiers", () => {
    expect(tierProblems(defaultTiers)).toEqual({});
  });

  it("needs one tier starting at 0", () => {
    expect(tierProblems([tier("silver", 1000), tier("gold", 5000)])).toEqual({ tiers: "one tier must start at 0" });
    expect(tierProblems([])).toEqual({ tiers: "one tier must start at 0" });
  });

  it("refuses duplicate codes, equal thresholds and multipliers beyond ×10, by field path", () => {
    expect(tierProblems([tier("normal", 0), tier("normal", 10)])).toEqual({ "tiers.1.code": "duplicate code" });
    expect(tierProblems([tier("normal", 0), tier("silver", 10), tier("gold", 10)])).toEqual({ tiers: "thresholds must differ" });
    expect(tierProblems([tier("normal", 0), tier("gold", 10, 10_001)])).toEqual({ "tiers.1.multiplierPermille": "between 0 and 10000 (×10)" });
  });
});
