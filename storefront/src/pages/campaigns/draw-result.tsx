import { Link } from "../../lib/router";
import { formatNumber, localName, useLocale, useT } from "../../i18n";
import { Dialog } from "./shared";
import type { DrawResult } from "./types";

/** What a draw gave, once the wheel has stopped or the card is scratched. */
export function DrawResultDialog({ result, onClose }: { result: DrawResult; onClose(): void }) {
  const t = useT();
  const { locale } = useLocale();
  const name = localName(result.prize.name, locale);
  const won = !result.prize.isFallback && result.prize.kind !== "nothing";
  return (
    <Dialog title={won ? t("result.won") : t("result.lost")} onClose={onClose} testId="draw-result">
      <p className="result-prize" data-testid="result-prize" data-prize-id={result.prize.id}>
        {name}
      </p>
      {won && result.pointsAwarded > 0 && <p className="small accent">{t("result.points", { n: formatNumber(result.pointsAwarded, locale) })}</p>}
      {!won && <p className="small muted">{t("result.lostHint")}</p>}
      <div className="dialog-actions">
        {result.orderId && (
          <Link className="ghost-button" to={`/orders/${result.orderId}`}>
            {t("result.order")}
          </Link>
        )}
        <button className="primary-button wide" onClick={onClose}>
          {t("result.close")}
        </button>
      </div>
    </Dialog>
  );
}
