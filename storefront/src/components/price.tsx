import { formatNumber, useLocale, useT, yuan } from "../i18n";

/** "1,200 积分 + ¥9.90" with the points in the brand colour. */
export function Price({ points, cash, large = false }: { points: number; cash: number; large?: boolean }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <div className={large ? "price large" : "price"}>
      <span className="price-points">{t("price.points", { n: formatNumber(points, locale) })}</span>
      {cash > 0 && <span className="price-cash">{t("price.plusCash", { n: yuan(cash) })}</span>}
    </div>
  );
}
