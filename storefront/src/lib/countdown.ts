import type { Locale } from "../i18n";

/**
 * Countdowns for campaign entries and flash sales. Pure functions over "now" so they are tested
 * without timers; the components tick with `useNow`.
 */

export type CampaignPhase = "scheduled" | "live" | "ended";

/**
 * The phase of a campaign at `now`. The page JSON is built (and cached) on the server a little while
 * before the member sees it, and the page stays open: a scheduled campaign goes live at its start and
 * a live one ends at its end without a reload. An "ended" from the server is final (operators can end
 * a campaign early).
 */
export function phaseAt(serverStatus: CampaignPhase, startAt: string, endAt: string, now: number): CampaignPhase {
  if (serverStatus === "ended") return "ended";
  if (now >= Date.parse(endAt)) return "ended";
  if (now >= Date.parse(startAt)) return "live";
  return "scheduled";
}

/** What a countdown counts to in a phase: the start while scheduled, the end while live, nothing after. */
export function countdownTarget(phase: CampaignPhase, startAt: string, endAt: string): string | null {
  return phase === "scheduled" ? startAt : phase === "live" ? endAt : null;
}

/** Milliseconds from `now` to `iso` (0 once it has passed). */
export const msUntil = (iso: string, now: number) => Math.max(0, Date.parse(iso) - now);

/** 93784000 → "1天 02:03:04" / "1d 02:03:04"; under a day "02:03:04". Rounds up, so 0.2 s left shows 00:00:01. */
export function formatDuration(ms: number, locale: Locale): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(s / 86400);
  const hms = [Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, "0")).join(":");
  return d > 0 ? `${d}${locale === "zh-CN" ? "天" : "d"} ${hms}` : hms;
}

/** A spoken form for screen readers: "1天2小时3分" / "1 day 2 hours 3 minutes" (seconds only under a minute). */
export function spokenDuration(ms: number, locale: Locale): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  const parts: Array<[number, string, string]> = [
    [Math.floor(s / 86400), "天", "day"],
    [Math.floor((s % 86400) / 3600), "小时", "hour"],
    [Math.floor((s % 3600) / 60), "分", "minute"],
  ];
  if (s < 60) parts.push([s, "秒", "second"]);
  const used = parts.filter(([n]) => n > 0);
  if (!used.length) return locale === "zh-CN" ? "0秒" : "0 seconds";
  return locale === "zh-CN" ? used.map(([n, zh]) => `${n}${zh}`).join("") : used.map(([n, , en]) => `${n} ${en}${n === 1 ? "" : "s"}`).join(" ");
}

/** Stock left as a share of the stock set aside (0–1), for the flash strip's bar. */
export function stockShare(left: number, reserved: number): number {
  if (reserved <= 0) return left > 0 ? 1 : 0;
  return Math.min(1, Math.max(0, left / reserved));
}
