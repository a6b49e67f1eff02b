import { describe, expect, it } from "vitest";
import { fifoOrder, planTake, type OpenLot } from "./fifo";

const lot = (id: number, remaining: number, expiresAt: string | null): OpenLot => ({ id, remaining, expiresAt: expiresAt ? new Date(expiresAt) : null });

describe("fifoOrder", () => {
  it("puts the lot that expires first first, never-expiring lots last, and breaks ties by id", () => {
    const lots = [lot(1, 10, null), lot(2, 10, "2027-01-01T00:00:00Z"), lot(3, 10, "2026-06-01T00:00:00Z"), lot(4, 10, "2026-06-01T00:00:00Z"), lot(5, 10, null), lot(0, 10, "2026-06-01T00:00:00Z")];
    expect(fifoOrder(lots).map((l) => l.id)).toEqual([0, 3, 4, 2, 1, 5]);
  });

  it("does not reorder the caller's array", () => {
    const lots = [lot(2, 1, null), lot(1, 1, "2026-01-01T00:00:00Z")];
    fifoOrder(lots);
    expect(lots.map((l) => l.id)).toEqual([2, 1]);
  });
});

describe("planTake", () => {
  const lots = [lot(1, 50, null), lot(2, 30, "2026-12-31T16:00:00Z"), lot(3, 20, "2026-03-31T16:00:00Z")];

  it("takes from the lot expiring first, then the next, and never-expiring points last", () => {
    expect(planTake(lots, 10)).toEqual([{ lotId: 3, amount: 10 }]);
    expect(planTake(lots, 20)).toEqual([{ lotId: 3, amount: 20 }]);
    expect(planTake(lots, 45)).toEqual([
      { lotId: 3, amount: 20 },
      { lotId: 2, amount: 25 },
    ]);
    expect(planTake(lots, 100)).toEqual([
      { lotId: 3, amount: 20 },
      { lotId: 2, amount: 30 },
      { lotId: 1, amount: 50 },
    ]);
  });

  it("takes from the older of two lots expiring at the same instant first", () => {
    const same = [lot(9, 5, "2026-06-01T00:00:00Z"), lot(4, 5, "2026-06-01T00:00:00Z")];
    expect(planTake(same, 7)).toEqual([
      { lotId: 4, amount: 5 },
      { lotId: 9, amount: 2 },
    ]);
  });

  it("skips empty lots", () => {
    expect(planTake([lot(1, 0, "2026-01-01T00:00:00Z"), lot(2, 5, null)], 5)).toEqual([{ lotId: 2, amount: 5 }]);
  });

  it("returns null when the lots do not hold enough, and an empty plan for nothing", () => {
    expect(planTake(lots, 101)).toBeNull();
    expect(planTake([], 1)).toBeNull();
    expect(planTake(lots, 0)).toEqual([]);
  });
});
