import { startOfPeriod } from "./calendar";

/**
 * How long earned points live.
 * - fixed: until the end of the Nth month or year after the one they were earned in
 *   (year, 1 = "expire on 31 Dec of the following year"; month, 0 = "end of this month").
 * - rolling: N days after they were earned, to the millisecond.
 * - never: they do not expire.
 */
export type ExpiryPolicy =
  | { mode: "fixed"; unit: "month" | "year"; periods: number }
  | { mode: "rolling"; days: number }
  | { mode: "never" };

export const defaultExpiryPolicy: ExpiryPolicy = { mode: "fixed", unit: "year", periods: 1 };

/** The instant a lot earned at `earnedAt` expires (exclusive: at this instant it is gone), or null. */
export function expiryFor(policy: ExpiryPolicy, earnedAt: Date, tz?: string): Date | null {
  switch (policy.mode) {
    case "never":
      return null;
    case "rolling":
      return new Date(earnedAt.getTime() + policy.days * 86_400_000);
    case "fixed": {
      // The end of period (earned + N) is the start of period (earned + N + 1), in the mall's calendar.
      return startOfPeriod(earnedAt, policy.unit, policy.periods + 1, tz);
    }
  }
}

export function describeExpiry(policy: ExpiryPolicy): string {
  if (policy.mode === "never") return "never";
  if (policy.mode === "rolling") return `${policy.days} days after earning`;
  return `end of the ${policy.periods === 0 ? "same" : `${policy.periods}. following`} ${policy.unit}`;
}
