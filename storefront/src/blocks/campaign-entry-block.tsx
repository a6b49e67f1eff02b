import { useEffect, useRef, useState } from "react";
import type { ResolvedCampaignEntryBlock } from "../../../api/domain/pages/resolved";
import { formatDateTime, formatNumber, useLocale, useT, type MessageKey } from "../i18n";
import { phaseAt } from "../lib/countdown";
import { useNow } from "../lib/use-now";
import { Link } from "../lib/router";
import { TemplateIcon } from "../components/template-icon";
import { CountdownText } from "./countdown-text";
import { Local, useLocalText } from "./local";
import type { BlockProps } from "./block-props";

/**
 * A card into one campaign. The phase is worked out again every second from the campaign's times, so
 * a scheduled campaign turns live (and a live one ends) on the open page.
 */
export function CampaignEntryBlock({ block, eager }: BlockProps<ResolvedCampaignEntryBlock>) {
  const t = useT();
  // A wide picture (an operator's banner) spans the card; a squarish one (a campaign's tile) or none
  // sits beside the text, so it is not cropped to a strip. Known only once the picture has loaded.
  const [squarish, setSquarish] = useState(!block.image);
  const img = useRef<HTMLImageElement>(null);
  const measure = () => {
    const el = img.current;
    if (el?.naturalWidth && el.naturalHeight) setSquarish(el.naturalWidth / el.naturalHeight < 1.6);
  };
  useEffect(() => {
    setSquarish(!block.image);
    if (img.current?.complete) measure();
  }, [block.image]);
  const { locale } = useLocale();
  const text = useLocalText();
  const c = block.campaign;
  const now = useNow(c.status !== "ended");
  const phase = phaseAt(c.status, c.startAt, c.endAt, now);
  const cost = c.entryCost > 0 ? t("campaign.cost", { n: formatNumber(c.entryCost, locale) }) : t("campaign.free");
  return (
    <Link to={c.href} className={`campaign-entry phase-${phase}${squarish ? " compact" : ""}`} data-testid="campaign-entry" data-phase={phase}>
      <div className="entry-media">
        {block.image ? (
          <img ref={img} src={block.image} alt="" width={750} height={300} loading={eager ? "eager" : "lazy"} decoding="async" onLoad={measure} />
        ) : (
          <div className={`entry-art t-${c.template}`}>
            <TemplateIcon template={c.template} size={40} />
          </div>
        )}
        <span className={`entry-status s-${phase}`} data-testid="entry-status">
          {t(`campaign.status.${phase}` as MessageKey)}
        </span>
      </div>
      <div className="entry-body">
        <Local as="h2" className="entry-title" text={text(block.title) ? block.title : c.title} />
        <p className="entry-meta">
          {t(`template.${c.template}` as MessageKey)} · {cost}
        </p>
        <div className="entry-foot">
          {phase === "scheduled" && (
            <>
              <span className="entry-when">
                <CountdownText label={t("campaign.startsIn", { t: "" }).trim()} to={c.startAt} now={now} />
                <span className="entry-start">{t("entry.startsAt", { time: formatDateTime(c.startAt, locale) })}</span>
              </span>
              <span className="entry-cta secondary">{t("entry.view")}</span>
            </>
          )}
          {phase === "live" && (
            <>
              <CountdownText label={t("campaign.endsIn", { t: "" }).trim()} to={c.endAt} now={now} />
              <span className="entry-cta">{t("entry.go")}</span>
            </>
          )}
          {phase === "ended" && (
            <>
              <span className="muted">{t("entry.ended")}</span>
              <span className="entry-cta secondary">{t("entry.view")}</span>
            </>
          )}
        </div>
      </div>
    </Link>
  );
}
