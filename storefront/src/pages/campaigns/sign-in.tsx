import { useState } from "react";
import { api, type ApiError } from "../../lib/api";
import { useApi } from "../../lib/use-api";
import { formatDay, formatNumber, useLocale, useT } from "../../i18n";
import { ErrorState, Skeleton } from "../../components/states";
import { useCampaignErrorText } from "./shared";
import type { ScreenProps } from "./types";

interface Calendar {
  month: string;
  today: string;
  days: { day: string; streak: number; points: number; madeUp: boolean }[];
  signedToday: boolean;
  currentStreak: number;
  nextReward: number;
  makeUpsLeft: number;
  makeUpCost: number;
  makeUpDaysBack: number;
  campaignStart: string;
}

const utc = (day: string) => Date.UTC(+day.slice(0, 4), +day.slice(5, 7) - 1, +day.slice(8, 10));
const daysBetween = (a: string, b: string) => Math.round((utc(b) - utc(a)) / 86_400_000);
const pad = (n: number) => String(n).padStart(2, "0");
function shiftMonth(month: string, n: number) {
  const d = new Date(Date.UTC(+month.slice(0, 4), +month.slice(5, 7) - 1 + n, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** 签到: the month's calendar (the mall's days, Asia/Shanghai), today's check-in, the streak, and make-up days for points. */
export function SignInScreen({ campaign, reload }: ScreenProps) {
  const t = useT();
  const { locale } = useLocale();
  const errorText = useCampaignErrorText();
  const [month, setMonth] = useState<string | null>(null);
  const cal = useApi<Calendar>(`/campaigns/${campaign.id}/calendar${month ? `?month=${month}` : ""}`);
  const [busy, setBusy] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const live = campaign.status === "live";

  if (cal.status === "loading") return <Skeleton rows={3} />;
  if (cal.status === "error") return <ErrorState error={cal.error} onRetry={cal.reload} />;
  const c = cal.data;
  const byDay = new Map(c.days.map((d) => [d.day, d]));
  const [y, m] = [+c.month.slice(0, 4), +c.month.slice(5, 7)];
  const daysInMonth = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7; // Monday first
  const canMakeUp = (day: string) => {
    const back = daysBetween(day, c.today);
    return live && !byDay.has(day) && back >= 1 && back <= c.makeUpDaysBack && day >= c.campaignStart && c.makeUpsLeft > 0;
  };

  const act = async (run: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      setMessage(await run());
      setPicked(null);
      cal.reload();
      reload();
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const signIn = () =>
    act(async () => {
      const r = await api<{ points: number }>(`/campaigns/${campaign.id}/sign-in`, { method: "POST" });
      return t("signin.gained", { n: r.points });
    });
  const makeUp = (day: string) =>
    act(async () => {
      const r = await api<{ points: number }>(`/campaigns/${campaign.id}/make-up`, { method: "POST", json: { day } });
      return t("signin.madeUp", { day: formatDay(day, locale), n: r.points });
    });

  const weekdays = t("signin.weekdays").split(",");
  return (
    <section className="card" aria-labelledby="signin-title">
      <div className="row-between">
        <h2 id="signin-title" className="card-title">
          {t("signin.title")}
        </h2>
        <span className="accent" data-testid="streak">
          {t("signin.streak", { n: c.currentStreak })}
        </span>
      </div>

      <button className="primary-button wide" onClick={signIn} disabled={busy || c.signedToday || !live} data-testid="sign-in-button">
        {c.signedToday ? t("signin.done") : t("signin.button", { n: c.nextReward })}
      </button>
      <p className="small muted">
        {c.signedToday && t("signin.nextReward", { n: c.nextReward })}
        {campaign.signIn && campaign.signIn.bonusEvery > 0 && ` ${t("signin.bonus", { every: campaign.signIn.bonusEvery, n: campaign.signIn.bonusPoints })}`}
      </p>
      {message && (
        <div className="notice success" role="status" data-testid="sign-in-message">
          {message}
        </div>
      )}
      {error && (
        <div className="notice error" role="alert" data-testid="campaign-error">
          {errorText(error)}
        </div>
      )}

      <div className="calendar-head">
        <button className="icon-button" onClick={() => setMonth(shiftMonth(c.month, -1))} aria-label={t("signin.prevMonth")}>
          ‹
        </button>
        <strong>{new Intl.DateTimeFormat(locale, { timeZone: "UTC", year: "numeric", month: "long" }).format(new Date(Date.UTC(y, m - 1, 1)))}</strong>
        <button className="icon-button" onClick={() => setMonth(shiftMonth(c.month, 1))} aria-label={t("signin.nextMonth")}>
          ›
        </button>
      </div>
      <div className="calendar" data-testid="calendar">
        <div className="calendar-grid head" aria-hidden="true">
          {weekdays.map((w) => (
            <span key={w}>{w}</span>
          ))}
        </div>
        <ol className="calendar-grid" aria-label={t("signin.title")}>
          {Array.from({ length: lead }, (_, i) => (
            <li key={`b${i}`} className="calendar-day blank" aria-hidden="true" />
          ))}
          {Array.from({ length: daysInMonth }, (_, i) => {
            const day = `${c.month}-${pad(i + 1)}`;
            const signed = byDay.get(day);
            const isToday = day === c.today;
            const makeable = canMakeUp(day);
            const state = signed ? (signed.madeUp ? t("signin.signedMadeUp") : t("signin.signed")) : makeable ? t("signin.missed") : "";
            const cls = ["calendar-day", signed ? (signed.madeUp ? "made-up" : "signed") : "", isToday ? "today" : "", makeable ? "missed" : "", picked === day ? "picked" : ""].filter(Boolean).join(" ");
            const label = [formatDay(day, locale), isToday ? t("signin.today") : "", state].filter(Boolean).join(", ");
            return (
              <li
                key={day}
                className={cls}
                aria-current={isToday ? "date" : undefined}
                data-day={day}
                data-state={signed ? (signed.madeUp ? "made-up" : "signed") : makeable ? "missed" : ""}
                data-testid={isToday ? "calendar-today" : undefined}
              >
                {makeable ? (
                  <button className="day-button" aria-label={label} onClick={() => setPicked(day)} aria-pressed={picked === day}>
                    {i + 1}
                  </button>
                ) : (
                  <>
                    <span aria-hidden="true">{i + 1}</span>
                    <span className="visually-hidden">{label}</span>
                  </>
                )}
              </li>
            );
          })}
        </ol>
      </div>
      {live && <p className="small muted">{t("signin.makeUpHint", { cost: c.makeUpCost, left: c.makeUpsLeft })}</p>}
      {picked && (
        <div className="make-up-panel" data-testid="make-up-panel">
          <span>{t("signin.makeUpDay", { day: formatDay(picked, locale), cost: formatNumber(c.makeUpCost, locale) })}</span>
          <button className="primary-button" onClick={() => makeUp(picked)} disabled={busy}>
            {t("signin.makeUpConfirm")}
          </button>
        </div>
      )}
    </section>
  );
}
