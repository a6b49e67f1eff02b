import { useEffect, useRef, useState, type ReactNode } from "react";
import type { ApiError } from "../../lib/api";
import { formatNumber, useLocale, useT, type MessageKey } from "../../i18n";
import type { CampaignDetail, Eligibility } from "./types";
import { formatDuration } from "../../lib/countdown";

/** A fresh Idempotency-Key (randomUUID needs a secure context; fall back to random bytes). */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Milliseconds until `iso`, ticking once a second (0 once it has passed). */
export function useCountdown(iso: string | null | undefined): number {
  const target = iso ? new Date(iso).getTime() : 0;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!target) return;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [target]);
  return Math.max(0, target - now);
}

export { formatDuration };

/** A countdown to a moment, read out politely to screen readers only when asked (aria-live off by default). */
export function Countdown({ to, label }: { to: string; label: string }) {
  const { locale } = useLocale();
  const left = useCountdown(to);
  return (
    <span className="countdown" data-testid="countdown">
      <span className="countdown-label">{label}</span> <time dateTime={to}>{formatDuration(left, locale)}</time>
    </span>
  );
}

const KNOWN = ["INSUFFICIENT_POINTS", "SOLD_OUT", "ALREADY_SIGNED_IN", "ALREADY_LEADING", "MAKE_UP_LIMIT", "MEMBER_UNAUTHENTICATED", "NETWORK"];
const REASONS = ["not-live", "not-started", "ended", "tier", "new-members-only", "daily-limit", "total-limit"];

/** Why a member cannot enter, in their language. */
export function useReasonText() {
  const t = useT();
  return (reason: string | null | undefined) => (reason && REASONS.includes(reason) ? t(`reason.${reason}` as MessageKey) : "");
}

/** A refusal from a campaign call, in the member's language (the API's message otherwise). */
export function useCampaignErrorText() {
  const t = useT();
  const reasonText = useReasonText();
  return (e: ApiError): string => {
    const details = (e.details ?? {}) as { reason?: string; minimumBid?: number };
    if (details.reason && REASONS.includes(details.reason)) return reasonText(details.reason);
    if (e.code === "CAMPAIGN_NOT_STARTED") return reasonText("not-started");
    if (e.code === "CAMPAIGN_ENDED") return reasonText("ended");
    if (e.code === "CAMPAIGN_NOT_LIVE") return reasonText("not-live");
    if (e.code === "BID_TOO_LOW") return t("cerr.BID_TOO_LOW", { n: details.minimumBid ?? "" });
    if (KNOWN.includes(e.code)) return t(`cerr.${e.code}` as MessageKey);
    return e.message;
  };
}

/** Cost per go, chances left and the balance, in one line under a campaign's action. */
export function EntryFacts({ campaign, balance, eligibility }: { campaign: CampaignDetail; balance?: number | null; eligibility?: Eligibility | null }) {
  const t = useT();
  const { locale } = useLocale();
  const e = eligibility ?? campaign.eligibility;
  const b = balance ?? campaign.balance;
  const parts = [campaign.entryCost > 0 ? t("campaign.cost", { n: formatNumber(campaign.entryCost, locale) }) : t("campaign.free")];
  if (e?.chancesLeftToday != null) parts.push(t("campaign.chancesToday", { n: e.chancesLeftToday }));
  else if (e?.chancesLeft != null) parts.push(t("campaign.chancesTotal", { n: e.chancesLeft }));
  if (b != null) parts.push(t("campaign.balance", { n: formatNumber(b, locale) }));
  return (
    <p className="entry-facts small muted" data-testid="entry-facts">
      {parts.join(" · ")}
    </p>
  );
}

/**
 * Why the member cannot enter right now (or null): not started, ended, tier, limits, not enough points.
 * Shown before they try, so the button can say so instead of failing.
 */
export function useBlocker(campaign: CampaignDetail, balance?: number | null): string | null {
  const t = useT();
  const reasonText = useReasonText();
  const e = campaign.eligibility;
  if (campaign.status === "ended") return reasonText("ended");
  if (campaign.status === "scheduled") return reasonText("not-started");
  if (e && !e.eligible) return reasonText(e.reason);
  const b = balance ?? campaign.balance;
  if (b != null && campaign.entryCost > b) return t("cerr.INSUFFICIENT_POINTS");
  return null;
}

/** A modal dialog that takes focus when it opens and gives it back when it closes (Escape closes it). */
export function Dialog({ title, children, onClose, testId }: { title: string; children: ReactNode; onClose(): void; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>("button, a[href]")?.focus();
    const onKey = (ev: KeyboardEvent) => ev.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => {
      window.removeEventListener("keydown", onKey);
      before?.focus?.();
    };
  }, [onClose]);
  return (
    <div className="dialog-backdrop" onClick={onClose}>
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="dialog-title" ref={ref} data-testid={testId} onClick={(e) => e.stopPropagation()}>
        <h2 id="dialog-title" className="dialog-title">
          {title}
        </h2>
        {children}
      </div>
    </div>
  );
}
