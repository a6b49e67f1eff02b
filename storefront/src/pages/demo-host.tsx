import { useState } from "react";
import { api } from "../lib/api";
import { useApi } from "../lib/use-api";
import { formatNumber, useLocale, useT } from "../i18n";
import { ErrorState, Skeleton } from "../components/states";

interface DemoMember {
  memberId: string;
  nickname: string;
  balance: number;
  tier: string;
}

/**
 * Plays the host app: asks the server (as the host's backend would) for a freshly signed SSO link
 * for a demo member, then follows it, which starts the member session.
 */
export function DemoHostPage() {
  const t = useT();
  const { locale } = useLocale();
  const list = useApi<DemoMember[]>("/demo/members");
  const [busy, setBusy] = useState<string | null>(null);

  const enter = async (memberId: string) => {
    setBusy(memberId);
    try {
      const { url } = await api<{ url: string }>(`/demo/sso-url?memberId=${encodeURIComponent(memberId)}&redirect=${encodeURIComponent("/me")}`);
      window.location.assign(url);
    } catch {
      setBusy(null);
    }
  };

  return (
    <div className="stack">
      <section className="card">
        <h1 className="card-title">{t("demo.title")}</h1>
        <p className="muted small">{t("demo.intro")}</p>
      </section>
      {list.status === "loading" && <Skeleton rows={5} />}
      {list.status === "error" && (list.error.status === 404 ? <p className="notice">{t("demo.unavailable")}</p> : <ErrorState error={list.error} onRetry={list.reload} />)}
      {list.status === "ready" && (
        <ul className="member-list" data-testid="demo-members">
          {list.data.map((m) => (
            <li key={m.memberId} className="card member-row">
              <div>
                <div className="member-name">{m.nickname || m.memberId}</div>
                <div className="muted small">
                  {m.memberId} · {m.tier} · {formatNumber(m.balance, locale)} {t("points")}
                </div>
              </div>
              <button className="primary-button" disabled={busy !== null} aria-busy={busy === m.memberId} onClick={() => enter(m.memberId)}>
                {busy === m.memberId ? t("demo.signing") : t("demo.enter")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
