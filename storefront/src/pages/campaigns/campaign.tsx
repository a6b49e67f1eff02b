import type { ReactElement } from "react";
import { useApi } from "../../lib/use-api";
import { Link } from "../../lib/router";
import { formatDateTime, localName, useLocale, useT, type MessageKey } from "../../i18n";
import { ErrorState, Skeleton } from "../../components/states";
import { SignInNeeded } from "../me";
import { TemplateIcon } from "./list";
import "./campaigns.css";
import { Countdown, useBlocker } from "./shared";
import type { CampaignDetail, ScreenProps, Template } from "./types";
import { WheelScreen } from "./wheel";
import { ScratchScreen } from "./scratch";
import { QuizScreen } from "./quiz";
import { FlashSaleScreen } from "./flash-sale";
import { SignInScreen } from "./sign-in";
import { AuctionScreen } from "./auction";

const SCREENS: Record<Template, (p: ScreenProps) => ReactElement> = {
  wheel: WheelScreen,
  scratch: ScratchScreen,
  quiz: QuizScreen,
  flash_sale: FlashSaleScreen,
  sign_in: SignInScreen,
  auction: AuctionScreen,
};

/** A campaign's page: its title, state and countdown, the notice when the member cannot enter, the template's screen, the rules. */
export function CampaignPage({ id }: { id: string }) {
  const t = useT();
  const detail = useApi<CampaignDetail>(`/campaigns/${id}`);
  if (detail.status === "loading") return <Skeleton banner rows={2} />;
  if (detail.status === "error")
    return detail.error.status === 404 ? (
      <div className="notice" role="status">
        <p>{t("campaign.notFound")}</p>
        <Link className="primary-button" to="/campaigns">
          {t("campaign.back")}
        </Link>
      </div>
    ) : (
      <ErrorState error={detail.error} onRetry={detail.reload} />
    );
  return <CampaignView campaign={detail.data} reload={detail.reload} />;
}

function CampaignView({ campaign, reload }: ScreenProps) {
  const t = useT();
  const { locale } = useLocale();
  const blocker = useBlocker(campaign);
  const Screen = SCREENS[campaign.template];
  const signedIn = campaign.balance != null;
  // Sign-in calendars and auctions stay worth seeing after the end (the calendar, the result).
  const showScreen = signedIn || campaign.template === "auction";

  return (
    <div className="stack">
      <section className={`campaign-hero t-${campaign.template}`} aria-labelledby="campaign-title">
        {campaign.image && <img src={campaign.image} alt="" className="campaign-image" />}
        <div className="campaign-hero-row">
          <TemplateIcon template={campaign.template} size={32} />
          <div>
            <h1 id="campaign-title" className="page-title">
              {localName(campaign.title, locale)}
            </h1>
            <div className="small">
              <span className={`campaign-status s-${campaign.status}`} data-testid="campaign-status">
                {t(`campaign.status.${campaign.status}` as MessageKey)}
              </span>{" "}
              {campaign.status === "scheduled" && <Countdown to={campaign.startAt} label={t("campaign.startsIn", { t: "" }).trim()} />}
              {campaign.status === "live" && campaign.template !== "flash_sale" && campaign.template !== "auction" && (
                <Countdown to={campaign.endAt} label={t("campaign.endsIn", { t: "" }).trim()} />
              )}
              {campaign.status === "ended" && <span className="muted-light">{t("campaign.window", { from: formatDateTime(campaign.startAt, locale), to: formatDateTime(campaign.endAt, locale) })}</span>}
            </div>
          </div>
        </div>
      </section>

      {blocker && signedIn && (
        <div className={campaign.status === "ended" ? "notice" : "notice error"} role="status" data-testid="campaign-blocked">
          {blocker}
        </div>
      )}

      {!signedIn && <SignInNeeded />}
      {showScreen && <Screen campaign={campaign} reload={reload} />}

      <details className="card rules">
        <summary>{t("campaign.rules")}</summary>
        <p className="rich-text small">{localName(campaign.rules, locale)}</p>
        <p className="small muted">{t("campaign.window", { from: formatDateTime(campaign.startAt, locale), to: formatDateTime(campaign.endAt, locale) })}</p>
      </details>
    </div>
  );
}
