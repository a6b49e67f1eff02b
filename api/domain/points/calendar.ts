import dayjs from "dayjs";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";

dayjs.extend(utc);
dayjs.extend(timezone);

/** The mall's calendar: days, months and years begin at midnight here. */
export const MALL_TZ = "Asia/Shanghai";

export const inMallTz = (at: Date, tz = MALL_TZ) => dayjs(at).tz(tz);

/** The calendar day of an instant, e.g. "2026-11-23". */
export const mallDay = (at: Date, tz = MALL_TZ) => inMallTz(at, tz).format("YYYY-MM-DD");

/** Midnight (the start) of the calendar day containing `at`. */
export const startOfMallDay = (at: Date, tz = MALL_TZ) => inMallTz(at, tz).startOf("day").toDate();

/** Whole calendar days from day a to day b ("2026-11-22" → "2026-11-23" is 1). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) - Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10))) / 86_400_000);
}

export function addDays(day: string, n: number): string {
  const d = new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) + n * 86_400_000);
  return d.toISOString().slice(0, 10);
}
