import dayjs from "dayjs";
import { DISPLAY_TZ } from "../../providers/preferences";
import type { ExpiryPolicy } from "../../components/points/types";

type Translate = (key: string, options?: unknown) => string;

/**
 * The expiry policy in plain words, with an example for points earned today. Mirrors expiryFor()
 * in api/domain/points/expiry.ts: fixed expiry is the start of period (earned + N + 1) in the mall's
 * calendar, so the last day points can be used is the day before.
 */
export function explainExpiry(t: Translate, policy: Partial<ExpiryPolicy> & { mode?: ExpiryPolicy["mode"] }, now = new Date()): string[] {
  const today = dayjs(now).tz(DISPLAY_TZ);
  if (!policy.mode || policy.mode === "never") return [t("points-policy.expiry.explain.never")];
  if (policy.mode === "rolling") {
    const days = "days" in policy && policy.days ? policy.days : null;
    if (!days) return [];
    const until = dayjs(now.getTime() + days * 86_400_000).tz(DISPLAY_TZ);
    return [t("points-policy.expiry.explain.rolling", { days }), t("points-policy.expiry.explain.exampleRolling", { today: today.format("YYYY-MM-DD"), last: until.format("YYYY-MM-DD HH:mm") })];
  }
  const unit = "unit" in policy && policy.unit ? policy.unit : "year";
  const n = "periods" in policy && policy.periods != null ? policy.periods : null;
  if (n == null) return [];
  const expires = today.startOf(unit).add(n + 1, unit);
  const lastDay = expires.subtract(1, "millisecond").format("YYYY-MM-DD");
  const key = `points-policy.expiry.explain.${unit === "year" ? "fixedYear" : "fixedMonth"}${n === 0 ? "0" : "N"}`;
  return [t(key, { n }), t("points-policy.expiry.explain.example", { today: today.format("YYYY-MM-DD"), last: lastDay })];
}
