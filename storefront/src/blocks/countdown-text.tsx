import { useLocale } from "../i18n";
import { formatDuration, msUntil, spokenDuration } from "../lib/countdown";

/**
 * "距开始 02:03:04": the digits tick for the eye; screen readers get a spoken form instead of the
 * digits, and no live region, so nothing is announced every second.
 */
export function CountdownText({ label, to, now, className = "countdown" }: { label: string; to: string; now: number; className?: string }) {
  const { locale } = useLocale();
  const left = msUntil(to, now);
  return (
    <span className={left < 3_600_000 ? `${className} urgent` : className} data-testid="countdown">
      <span className="countdown-label">{label}</span>{" "}
      <time dateTime={to} aria-hidden="true">
        {formatDuration(left, locale)}
      </time>
      <span className="visually-hidden">{spokenDuration(left, locale)}</span>
    </span>
  );
}
