import { describe, expect, it } from "vitest";
import { canaryBucket, versionFor, type VersionedRule } from "./canary";

const MEMBERS = 100_000;

describe("canaryBucket", () => {
  it("puts a member in the same bucket (0–99) every time", () => {
    for (const [rule, member] of [
      [1, 1],
      [1, 2],
      [7, 123456],
      [42, 99_999],
    ]) {
      const first = canaryBucket(rule, member);
      expect(first).toBeGreaterThanOrEqual(0);
      expect(first).toBeLessThan(100);
      expect(Number.isInteger(first)).toBe(true);
      for (let i = 0; i < 5; i++) expect(canaryBucket(rule, member)).toBe(first);
    }
  });

  it("keeps members where they were: pinned buckets, so a change of hash (which would reshuffle every canary) is noticed", () => {
    expect([canaryBucket(1, 1), canaryBucket(1, 2), canaryBucket(2, 1), canaryBucket(42, 99_999)]).toEqual([82, 5, 18, 99]);
  });

  describe(`over ${MEMBERS.toLocaleString("en")} members`, () => {
    const buckets = Array.from({ length: MEMBERS }, (_, i) => canaryBucket(17, i + 1));

    it.each([10, 25, 50])("a %i%% canary reaches within ±1%% of that share", (percent) => {
      const inside = buckets.filter((b) => b < percent).length;
      expect(Math.abs(inside / MEMBERS - percent / 100)).toBeLessThanOrEqual(0.01);
    });

    it("only adds members as the percentage rises: nobody flips back", () => {
      const at10 = new Set(buckets.flatMap((b, i) => (b < 10 ? [i] : [])));
      const at25 = new Set(buckets.flatMap((b, i) => (b < 25 ? [i] : [])));
      for (const m of at10) expect(at25.has(m)).toBe(true);
    });

    it("picks different members for different rules", () => {
      const other = Array.from({ length: 10_000 }, (_, i) => canaryBucket(18, i + 1));
      const both = other.filter((b, i) => b < 10 && buckets[i] < 10).length;
      // Independent 10% samples overlap on about 1% of members, far from the 10% of identical ones.
      expect(both).toBeGreaterThan(50);
      expect(both).toBeLessThan(200);
    });
  });
});

describe("versionFor", () => {
  const rule: VersionedRule = { id: 17, currentVersion: 3, canaryVersion: 4, canaryPercent: 10 };
  const inside = Array.from({ length: 1000 }, (_, i) => i + 1).find((m) => canaryBucket(17, m) < 10)!;
  const outside = Array.from({ length: 1000 }, (_, i) => i + 1).find((m) => canaryBucket(17, m) >= 10)!;

  it("gives the canary version to members in the canary's buckets and the current version to the rest", () => {
    expect(versionFor(rule, inside)).toEqual({ version: 4, canary: true });
    expect(versionFor(rule, outside)).toEqual({ version: 3, canary: false });
  });

  it("gives everyone the current version without a canary, or at 0%", () => {
    expect(versionFor({ ...rule, canaryVersion: null }, inside)).toEqual({ version: 3, canary: false });
    expect(versionFor({ ...rule, canaryPercent: 0 }, inside)).toEqual({ version: 3, canary: false });
  });
});
