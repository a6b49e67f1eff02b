import { useId } from "react";
import type { ResolvedFlashSale, ResolvedFlashStripBlock } from "../../../api/domain/pages/resolved";
import { formatNumber, useLocale, useT, yuan } from "../i18n";
import { phaseAt, stockShare } from "../lib/countdown";
import { useNow } from "../lib/use-now";
import { Link } from "../lib/router";
import { CountdownText } from "./countdown-text";
import { Local } from "./local";
import type { BlockProps } from "./block-props";

/** Flash sales in a row that scrolls sideways: sale price, usual price, stock left, countdown to open or close. */
export function FlashStripBlock({ block, eager }: BlockProps<ResolvedFlashStripBlock>) {
  const headingId = useId();
  const now = useNow(true);
  // Sales that ended since the JSON was built drop out, as the server would leave them out.
  const sales = block.sales.map((s) => ({ s, phase: phaseAt(s.status, s.startAt, s.endAt, now) })).filter((x) => x.phase !== "ended");
  if (!sales.length) return null;
  return (
    <section className="flash-strip" aria-labelledby={headingId} data-testid="flash-strip">
      <div className="flash-head">
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
          <path d="M13 2 4 14h7l-1 8 9-12h-7z" fill="currentColor" />
        </svg>
        <Local as="h2" id={headingId} className="block-title" text={block.title} />
      </div>
      <ul className={sales.length === 1 ? "flash-list single" : "flash-list"}>
        {sales.map(({ s, phase }) => (
          <li key={s.id}>
            <FlashCard sale={s} live={phase === "live"} now={now} eager={eager} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function FlashCard({ sale: s, live, now, eager }: { sale: ResolvedFlashSale; live: boolean; now: number; eager: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  const soldOut = s.stockLeft <= 0;
  const image = s.product.image || s.image;
  const price = t("price.points", { n: formatNumber(s.salePoints, locale) }) + (s.saleCash > 0 ? t("price.plusCash", { n: yuan(s.saleCash) }) : "");
  return (
    <Link to={s.href} className={soldOut ? "flash-card sold" : "flash-card"} data-testid="flash-sale">
      <div className="flash-image">
        {image ? <img src={image} alt="" width={128} height={128} loading={eager ? "eager" : "lazy"} decoding="async" /> : <div className="image-placeholder" />}
        {(soldOut || !live) && <span className="flash-badge">{soldOut ? t("flash.soldOut") : t("flash.upcoming")}</span>}
      </div>
      <Local className="flash-name" text={s.product.name} />
      <span className="flash-price">{price}</span>
      {s.product.pointsPrice > s.salePoints && <span className="flash-was">{t("flash.original", { n: formatNumber(s.product.pointsPrice, locale) })}</span>}
      <span className="flash-stock">
        <span className="flash-bar" aria-hidden="true">
          <span style={{ width: `${Math.round(stockShare(s.stockLeft, s.reservedStock) * 100)}%` }} />
        </span>
        <span data-testid="flash-stock">{soldOut ? t("flash.soldOut") : t("flash.stockLeft", { n: s.stockLeft })}</span>
      </span>
      <CountdownText className="countdown flash-time" label={live ? t("flash.endsIn") : t("flash.opensIn")} to={live ? s.endAt : s.startAt} now={now} />
    </Link>
  );
}
