import { describe, expect, it } from "vitest";
import { addDays, daysBetween, mallDay, startOfMallDay } from "./calendar";
import { describeExpiry, expiryFor, type ExpiryPolicy } from "./expiry";

const at = (iso: string) => new Date(iso);
const expiry = (policy: ExpiryPolicy, earned: string, tz?: string) => expiryFor(policy, at(earned), tz)?.toISOString() ?? null;
const month = (periods: number): ExpiryPolicy => ({ mode: "fixed", unit: "month", periods });
const year = (periods: number): ExpiryPolicy => ({ mode: "fixed", unit: "year", periods });

// 2024-02-29T15:59:59Z is 23:59:59 on 29 Feb in Shanghai; one second later it is 1 March there.
const LAST_SECOND_OF_FEB = "2024-02-29T15:59:59Z";
const FIRST_SECOND_OF_MARCH = "2024-02-29T16:00:00Z";

describe("expiryFor: fixed, by month, in Asia/Shanghai", () => {
  it.each([
    [0, LAST_SECOND_OF_FEB, "2024-02-29T16:00:00.000Z"],
    [0, FIRST_SECOND_OF_MARCH, "2024-03-31T16:00:00.000Z"],
    [1, LAST_SECOND_OF_FEB, "2024-03-31T16:00:00.000Z"],
    [1, FIRST_SECOND_OF_MARCH, "2024-04-30T16:00:00.000Z"],
    [2, LAST_SECOND_OF_FEB, "2024-04-30T16:00:00.000Z"],
    [2, FIRST_SECOND_OF_MARCH, "2024-05-31T16:00:00.000Z"],
  ])("periods %i, earned %s: expires at the Shanghai midnight ending the month, %s", (periods, earned, expected) => {
    expect(expiry(month(periods), earned)).toBe(expected);
  });

  it("ends February on the 29th in a leap year and on the 28th otherwise", () => {
    expect(expiry(month(1), "2024-01-31T12:00:00Z")).toBe("2024-02-29T16:00:00.000Z");
    expect(expiry(month(1), "2025-01-31T12:00:00Z")).toBe("2025-02-28T16:00:00.000Z");
  });

  it("counts the month in Shanghai, not in UTC: 31 Dec 17:00 UTC is already January there", () => {
    expect(expiry(month(1), "2023-12-31T15:59:59Z")).toBe("2024-01-31T16:00:00.000Z");
    expect(expiry(month(1), "2023-12-31T17:00:00Z")).toBe("2024-02-29T16:00:00.000Z");
  });

  it("takes another time zone when given one", () => {
    expect(expiry(month(0), LAST_SECOND_OF_FEB, "UTC")).toBe("2024-03-01T00:00:00.000Z");
    expect(expiry(month(0), FIRST_SECOND_OF_MARCH, "UTC")).toBe("2024-03-01T00:00:00.000Z");
  });
});

describe("expiryFor: fixed, by year, in Asia/Shanghai", () => {
  it.each([
    [0, LAST_SECOND_OF_FEB, "2024-12-31T16:00:00.000Z"],
    [0, FIRST_SECOND_OF_MARCH, "2024-12-31T16:00:00.000Z"],
    [1, LAST_SECOND_OF_FEB, "2025-12-31T16:00:00.000Z"],
    [2, FIRST_SECOND_OF_MARCH, "2026-12-31T16:00:00.000Z"],
  ])("periods %i, earned %s: expires at the end of 31 Dec, %s", (periods, earned, expected) => {
    expect(expiry(year(periods), earned)).toBe(expected);
  });

  it("straddles New Year's midnight in Shanghai", () => {
    expect(expiry(year(0), "2024-12-31T15:59:59Z")).toBe("2024-12-31T16:00:00.000Z");
    expect(expiry(year(0), "2024-12-31T16:00:00Z")).toBe("2025-12-31T16:00:00.000Z");
    expect(expiry(year(1), "2024-12-31T15:59:59Z")).toBe("2025-12-31T16:00:00.000Z");
    expect(expiry(year(1), "2024-12-31T16:00:00Z")).toBe("2026-12-31T16:00:00.000Z");
  });

  it("keeps the default policy: points expire on 31 Dec of the year after they were earned", () => {
    expect(expiry(year(1), "2026-01-15T02:00:00Z")).toBe("2027-12-31T16:00:00.000Z");
  });
});

describe("expiryFor: rolling", () => {
  it("adds whole days to the millisecond, across 29 February", () => {
    const rolling = (days: number): ExpiryPolicy => ({ mode: "rolling", days });
    expect(expiry(rolling(1), "2024-02-28T10:00:00.123Z")).toBe("2024-02-29T10:00:00.123Z");
    expect(expiry(rolling(2), "2024-02-28T10:00:00Z")).toBe("2024-03-01T10:00:00.000Z");
    expect(expiry(rolling(1), "2023-02-28T10:00:00Z")).toBe("2023-03-01T10:00:00.000Z");
    expect(expiry(rolling(365), "2024-01-01T00:00:00Z")).toBe("2024-12-31T00:00:00.000Z");
    expect(expiry(rolling(366), "2024-01-01T00:00:00Z")).toBe("2025-01-01T00:00:00.000Z");
    expect(expiry(rolling(365), "2025-01-01T00:00:00Z")).toBe("2026-01-01T00:00:00.000Z");
  });
});

describe("expiryFor: never", () => {
  it("returns null", () => {
    expect(expiry({ mode: "never" }, LAST_SECOND_OF_FEB)).toBeNull();
  });
});

describe("describeExpiry", () => {
  it("says in words what each policy does", () => {
    expect(describeExpiry({ mode: "never" })).toBe("never");
    expect(describeExpiry({ mode: "rolling", days: 90 })).toBe("90 days after earning");
    expect(describeExpiry(month(0))).toBe("end of the same month");
    expect(describeExpiry(year(1))).toBe("end of the 1. following year");
  });
});

describe("the mall calendar (Asia/Shanghai)", () => {
  it("names the Shanghai day of an instant and its midnight", () => {
    expect(mallDay(at(LAST_SECOND_OF_FEB))).toBe("2024-02-29");
    expect(mallDay(at(FIRST_SECOND_OF_MARCH))).toBe("2024-03-01");
    expect(startOfMallDay(at("2024-03-01T03:00:00Z")).toISOString()).toBe(FIRST_SECOND_OF_MARCH.replace("Z", ".000Z"));
  });

  it("counts and adds calendar days across 29 February", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-02-28", 2)).toBe("2024-03-01");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(daysBetween("2024-02-28", "2024-03-01")).toBe(2);
    expect(daysBetween("2023-02-28", "2023-03-01")).toBe(1);
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
  });
});
