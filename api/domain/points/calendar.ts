/**
 * The mall's calendar: days, months and years begin at midnight in the mall's time zone
 * (Asia/Shanghai by default). Plain arithmetic on UTC instants with the zone's offset; this runs on
 * every event, where a date library's time-zone plugin was the slowest part of the request.
 */
export const MALL_TZ = "Asia/Shanghai";

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds. */
export function tzOffsetMs(at: Date, tz = MALL_TZ): number {
  // China has kept UTC+8 without daylight saving since 1991.
  if (tz === "Asia/Shanghai" || tz === "Asia/Chongqing" || tz === "PRC") return 8 * 3_600_000;
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    formatters.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000) * 60_000;
}

/** Local calendar fields of an instant. */
export function localDate(at: Date, tz = MALL_TZ): { year: number; month: number; day: number } {
  const d = new Date(at.getTime() + tzOffsetMs(at, tz));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate() };
}

/** The instant of local midnight on a local date (month 0-based; overflowing months/days roll over). */
export function localMidnight(year: number, month: number, day: number, tz = MALL_TZ): Date {
  const guess = Date.UTC(year, month, day);
  return new Date(guess - tzOffsetMs(new Date(guess), tz));
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The calendar day of an instant, e.g. "2026-11-23". */
export function mallDay(at: Date, tz = MALL_TZ): string {
  const { year, month, day } = localDate(at, tz);
  return `${year}-${pad(month + 1)}-${pad(day)}`;
}

/** Midnight (the start) of the calendar day containing `at`. */
export function startOfMallDay(at: Date, tz = MALL_TZ): Date {
  const { year, month, day } = localDate(at, tz);
  return localMidnight(year, month, day, tz);
}

/** The start of the month or year `n` periods after the one containing `at` (n = 0: its own start). */
export function startOfPeriod(at: Date, unit: "month" | "year", n: number, tz = MALL_TZ): Date {
  const { year, month } = localDate(at, tz);
  return unit === "year" ? localMidnight(year + n, 0, 1, tz) : localMidnight(year, month + n, 1, tz);
}

/** Whole calendar days from day a to day b ("2026-11-22" → "2026-11-23" is 1). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.UTC(+b.slice(0, 4), +b.slice(5, 7) - 1, +b.slice(8, 10)) - Date.UTC(+a.slice(0, 4), +a.slice(5, 7) - 1, +a.slice(8, 10))) / 86_400_000);
}

export function addDays(day: string, n: number): string {
  const d = new Date(Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10)) + n * 86_400_000);
  return d.toISOString().slice(0, 10);
}
