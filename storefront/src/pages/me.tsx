import { useEffect, useState } from "react";
import { api, type ApiError } from "../lib/api";
import type { LocalText } from "../lib/types";
import { useApi } from "../lib/use-api";
import { Link } from "../lib/router";
import { useShopConfig } from "../lib/shop-config";
import { formatDateTime, formatDay, formatNumber, localName, useLocale, useT, type Locale, type MessageKey } from "../i18n";
import { Empty, ErrorState, Skeleton } from "../components/states";

export interface PointsSummary {
  memberId: string;
  nickname: string;
  balance: number;
  tier: string;
  tierName: Record<string, string>;
  multiplierPermille: number;
  progress: { current: string; earned12m: number; next: string | null; nextThreshold: number | null; pointsToNext: number };
  expiring: { days: number; total: number; dates: { date: string; points: number }[] };
}

interface LedgerItem {
  id: number;
  type: string;
  amount: number;
  balanceAfter: number;
  reason: string;
  createdAt: string;
  /** What the entry was for, when it belongs to an order or a campaign. */
  order: { orderNo: string; productName: LocalText } | null;
  campaign: { title: LocalText; template: string } | null;
}
interface LedgerPage {
  items: LedgerItem[];
  page: number;
  limit: number;
  total: number;
}

/** Entries from host events carry "<type> event" as their reason; known types read better translated. */
function entryTitle(e: LedgerItem, t: ReturnType<typeof useT>, locale: Locale): string {
  // A prize order's points belong to its campaign; a redemption's to what was bought.
  if (e.campaign && ["spend", "earn", "hold", "release"].includes(e.type)) return t(`ledger.campaign.${e.type}` as MessageKey, { title: localName(e.campaign.title, locale) });
  if (e.order) return localName(e.order.productName, locale);
  const m = /^([a-z_]+) event$/.exec(e.reason);
  if (m && ["purchase", "review", "share", "invite", "login", "sign_in"].includes(m[1])) return t(`event.${m[1]}` as MessageKey);
  return e.reason || t(`ledger.${e.type}` as MessageKey);
}

const TIER_NAMES: Record<string, Record<string, string>> = {
  silver: { "zh-CN": "白银会员", "en-US": "Silver" },
  gold: { "zh-CN": "黄金会员", "en-US": "Gold" },
  diamond: { "zh-CN": "钻石会员", "en-US": "Diamond" },
};

/** Shown where a member session is needed and there is none. */
export function SignInNeeded() {
  const t = useT();
  const config = useShopConfig();
  return (
    <div className="notice" role="status">
      <h2 className="notice-title">{t("me.signInNeeded")}</h2>
      <p>{t("me.signInHint")}</p>
      {config?.demo && (
        <Link className="primary-button" to="/demo">
          {t("me.tryDemo")}
        </Link>
      )}
    </div>
  );
}

function History() {
  const t = useT();
  const { locale } = useLocale();
  const [items, setItems] = useState<LedgerItem[]>([]);
  const [page, setPage] = useState(1);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    api<LedgerPage>(`/me/ledger?page=${page}&limit=20`)
      .then((r) => {
        setItems((prev) => (page === 1 ? r.items : [...prev, ...r.items]));
        setTotal(r.total);
      })
      .catch(setError);
  }, [page]);
  if (error) return <ErrorState error={error} onRetry={() => (setError(null), setPage(1))} />;
  if (total === null) return <Skeleton rows={4} />;
  if (total === 0) return <Empty text={t("me.historyEmpty")} />;
  return (
    <>
      <ul className="ledger" data-testid="ledger">
        {items.map((e) => (
          <li key={e.id} className="ledger-row">
            <div>
              <div className="ledger-reason">{entryTitle(e, t, locale)}</div>
              <div className="muted small">
                {t(`ledger.${e.type}` as MessageKey)} · {formatDateTime(e.createdAt, locale)}
              </div>
            </div>
            <div className={e.amount >= 0 ? "amount plus" : "amount minus"}>
              {e.amount >= 0 ? "+" : ""}
              {formatNumber(e.amount, locale)}
            </div>
          </li>
        ))}
      </ul>
      {items.length < total && (
        <button className="ghost-button" onClick={() => setPage((p) => p + 1)}>
          {t("me.loadMore")}
        </button>
      )}
    </>
  );
}

export function MePage() {
  const t = useT();
  const { locale } = useLocale();
  const me = useApi<PointsSummary>("/me");
  if (me.status === "loading") return <Skeleton banner rows={3} />;
  if (me.status === "error") return me.error.status === 401 ? <SignInNeeded /> : <ErrorState error={me.error} onRetry={me.reload} />;
  const s = me.data;
  const nextName = s.progress.next ? (TIER_NAMES[s.progress.next]?.[locale] ?? s.progress.next) : null;
  const pct = s.progress.nextThreshold ? Math.min(100, Math.round((s.progress.earned12m / s.progress.nextThreshold) * 100)) : 100;
  return (
    <div className="stack">
      <section className="balance-card" aria-labelledby="balance-label">
        <div className="balance-top">
          <span className="tier-badge" data-testid="tier">
            {s.tierName[locale] ?? s.tier}
          </span>
          {s.multiplierPermille !== 1000 && <span className="multiplier">{t("me.multiplier", { m: s.multiplierPermille / 1000 })}</span>}
        </div>
        <div id="balance-label" className="muted-light">
          {t("me.balance")}
        </div>
        <div className="balance" data-testid="balance">
          {formatNumber(s.balance, locale)}
        </div>
        <div className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
          <div className="progress-fill" style={{ width: `${pct}%` }} />
        </div>
        <div className="small muted-light">{nextName ? t("me.tierProgress", { n: formatNumber(s.progress.pointsToNext, locale), tier: nextName }) : t("me.tierTop")}</div>
        <div className="small muted-light">{t("me.earned12m", { n: formatNumber(s.progress.earned12m, locale) })}</div>
      </section>

      <section className="card" aria-labelledby="expiring-title">
        <h2 id="expiring-title" className="card-title">
          {t("me.expiring")}
        </h2>
        {s.expiring.dates.length === 0 ? (
          <p className="muted small">{t("me.expiringNone", { days: s.expiring.days })}</p>
        ) : (
          <ul className="expiring" data-testid="expiring">
            {s.expiring.dates.map((d) => (
              <li key={d.date}>
                <strong>{formatNumber(d.points, locale)}</strong> {t("points")} {t("me.expiresOn", { date: formatDay(d.date, locale) })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title" className="card-title">
          {t("me.history")}
        </h2>
        <History />
      </section>
    </div>
  );
}
