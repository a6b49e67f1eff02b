import { useApi } from "../../lib/use-api";
import { Link } from "../../lib/router";
import type { LocalText } from "../../lib/types";
import { formatDateTime, formatNumber, localName, useLocale, useT, type MessageKey } from "../../i18n";
import { Empty, ErrorState, Skeleton } from "../../components/states";
import { SignInNeeded } from "../me";
import "./campaigns.css";
import { Countdown, useReasonText } from "./shared";
import type { CampaignSummary, Template } from "./types";

/** One icon per template (inline SVG paths: no icon font to download). */
export const TEMPLATE_ICONS: Record<Template, string> = {
  wheel: "M12 2a10 10 0 1 1 0 20 10 10 0 1 1 0-20Zm0 2a8 8 0 1 0 0 16 8 8 0 1 0 0-16Zm0 8V4a8 8 0 0 1 6.93 4Zm0 0 6.93 4A8 8 0 0 1 12 20Zm0 0-6.93 4A8 8 0 0 1 4 12Z",
  scratch: "M3 5h18v14H3zm2 2v10h14V7zm2 8 4-5 3 3 2-2 2 4z",
  quiz: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 16h-2v-2h2zm2-7.5c-.6.8-1.9 1.4-1.9 2.5v.5h-2.2V13c0-1.8 1.7-2.4 2.3-3.2.5-.7.2-1.8-1.2-1.8-1 0-1.6.6-1.8 1.4L8.2 8.6C8.7 7 10.1 6 12 6c2.8 0 4.2 2.6 3 4.5Z",
  flash_sale: "M13 2 4 14h7l-1 8 9-12h-7z",
  sign_in: "M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2zM5 9h14v11H5zm5.5 9-3.5-3.5 1.4-1.4 2.1 2.1 4.6-4.6 1.4 1.4z",
  auction: "m14.5 3.5 6 6-2 2-1-1-4 4 1 1-2 2-6-6 2-2 1 1 4-4-1-1zM3 19h10v2H3z",
};

export function TemplateIcon({ template, size = 28 }: { template: Template; size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" className={`template-icon t-${template}`}>
      <path d={TEMPLATE_ICONS[template]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}

function CampaignCard({ c }: { c: CampaignSummary }) {
  const t = useT();
  const { locale } = useLocale();
  const reasonText = useReasonText();
  const e = c.eligibility;
  const title = localName(c.title as LocalText, locale);
  return (
    <li>
      <Link to={`/campaigns/${c.id}`} className="card campaign-card" data-testid={`campaign-${c.id}`}>
        <TemplateIcon template={c.template} />
        <div className="campaign-card-body">
          <div className="row-between">
            <span className="campaign-card-title">{title}</span>
            <span className={`campaign-status s-${c.status}`}>{t(`campaign.status.${c.status}` as MessageKey)}</span>
          </div>
          <div className="small muted">
            {t(`template.${c.template}` as MessageKey)}
            {c.template === "flash_sale" && c.salePoints != null && ` · ${t("price.points", { n: formatNumber(c.salePoints, locale) })} · ${t("flash.stockLeft", { n: c.stockLeft ?? 0 })}`}
            {c.template === "auction" && c.currentPrice != null && ` · ${t("auction.current")} ${formatNumber(c.currentPrice, locale)}`}
            {c.entryCost > 0 && c.template !== "flash_sale" && c.template !== "auction" && ` · ${t("campaign.cost", { n: c.entryCost })}`}
          </div>
          <div className="small">
            {c.status === "scheduled" ? (
              <Countdown to={c.startAt} label={t("campaign.startsIn", { t: "" }).trim()} />
            ) : e && !e.eligible ? (
              <span className="muted">{reasonText(e.reason)}</span>
            ) : e?.chancesLeftToday != null ? (
              <span className="accent">{t("campaign.chancesToday", { n: e.chancesLeftToday })}</span>
            ) : (
              <span className="muted">{t("campaign.window", { from: formatDateTime(c.startAt, locale), to: formatDateTime(c.endAt, locale) })}</span>
            )}
          </div>
        </div>
      </Link>
    </li>
  );
}

/** The campaigns tab: what is live now, and what starts within the week with its countdown. */
export function CampaignsPage() {
  const t = useT();
  const list = useApi<CampaignSummary[]>("/campaigns");
  return (
    <div className="stack">
      <div className="row-between">
        <h1 className="page-title">{t("campaigns.title")}</h1>
        <Link to="/campaigns/mine" className="small">
          {t("campaigns.myEntries")}
        </Link>
      </div>
      {list.status === "loading" && <Skeleton rows={4} />}
      {list.status === "error" && <ErrorState error={list.error} onRetry={list.reload} />}
      {list.status === "ready" &&
        (list.data.length ? (
          <ul className="campaign-list" data-testid="campaign-list">
            {list.data.map((c) => (
              <CampaignCard key={c.id} c={c} />
            ))}
          </ul>
        ) : (
          <Empty text={t("campaigns.empty")} />
        ))}
    </div>
  );
}

interface Entry {
  id: number;
  campaignId: number;
  template: Template;
  title: LocalText;
  outcome: string;
  cost: number;
  prize: { id: number; name: LocalText; kind: string } | null;
  pointsAwarded: number;
  orderId: number | null;
  createdAt: string;
}

/** The member's entries and prizes, newest first. */
export function MyEntriesPage() {
  const t = useT();
  const { locale } = useLocale();
  const entries = useApi<{ items: Entry[]; total: number }>("/me/campaign-entries?limit=50");
  if (entries.status === "loading") return <Skeleton rows={4} />;
  if (entries.status === "error") return entries.error.status === 401 ? <SignInNeeded /> : <ErrorState error={entries.error} onRetry={entries.reload} />;
  return (
    <div className="stack">
      <h1 className="page-title">{t("campaigns.myEntries")}</h1>
      {entries.data.items.length === 0 ? (
        <Empty text={t("campaigns.entriesEmpty")} />
      ) : (
        <ul className="card ledger" data-testid="my-entries">
          {entries.data.items.map((e) => (
            <li key={e.id} className="ledger-row">
              <div>
                <div className="ledger-reason">
                  {localName(e.title, locale)} · {t(`outcome.${e.outcome}` as MessageKey) || e.outcome}
                </div>
                <div className="muted small">
                  {e.prize && !["nothing"].includes(e.prize.kind) ? `${localName(e.prize.name, locale)} · ` : ""}
                  {formatDateTime(e.createdAt, locale)}
                  {e.orderId && (
                    <>
                      {" · "}
                      <Link to={`/orders/${e.orderId}`}>{t("result.order")}</Link>
                    </>
                  )}
                </div>
              </div>
              <div className={e.pointsAwarded - e.cost >= 0 ? "amount plus" : "amount minus"}>
                {e.pointsAwarded > 0 ? `+${formatNumber(e.pointsAwarded, locale)}` : e.cost > 0 ? `-${formatNumber(e.cost, locale)}` : ""}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
