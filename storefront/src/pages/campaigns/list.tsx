import { useApi } from "../../lib/use-api";
import { Link } from "../../lib/router";
import type { LocalText } from "../../lib/types";
import { formatDateTime, formatNumber, localName, useLocale, useT, type MessageKey } from "../../i18n";
import { Empty, ErrorState, Skeleton } from "../../components/states";
import { SignInNeeded } from "../me";
import "./campaigns.css";
import { Countdown, useReasonText } from "./shared";
import { TemplateIcon } from "../../components/template-icon";
import type { CampaignSummary, Template } from "./types";

export { TEMPLATE_ICONS, TemplateIcon } from "../../components/template-icon";

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
