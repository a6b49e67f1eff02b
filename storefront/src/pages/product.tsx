import { useState } from "react";
import { useApi } from "../lib/use-api";
import { Link } from "../lib/router";
import type { ShopProduct } from "../lib/types";
import { formatNumber, localName, useLocale, useT, type MessageKey } from "../i18n";
import { Price } from "../components/price";
import { ErrorState, Skeleton } from "../components/states";

const TIERS: Record<string, Record<string, string>> = {
  silver: { "zh-CN": "白银会员", "en-US": "Silver" },
  gold: { "zh-CN": "黄金会员", "en-US": "Gold" },
  diamond: { "zh-CN": "钻石会员", "en-US": "Diamond" },
};

export function ProductPage({ id }: { id: string }) {
  const t = useT();
  const { locale } = useLocale();
  const product = useApi<ShopProduct>(`/products/${id}`);
  const [image, setImage] = useState(0);
  if (product.status === "loading") return <Skeleton banner rows={3} />;
  if (product.status === "error")
    return product.error.status === 404 ? (
      <div className="notice">
        <p>{t("product.notFound")}</p>
        <Link className="primary-button" to="/products">
          {t("home.more")}
        </Link>
      </div>
    ) : (
      <ErrorState error={product.error} onRetry={product.reload} />
    );
  const p = product.data;
  return (
    <div className="stack product-detail">
      <div className="gallery">
        {p.images.length ? <img src={p.images[image]} alt={localName(p.name, locale)} width="640" height="640" /> : <div className="image-placeholder big" />}
        {p.images.length > 1 && (
          <div className="thumbs">
            {p.images.map((src, i) => (
              <button key={src} className={i === image ? "thumb active" : "thumb"} onClick={() => setImage(i)} aria-label={`${i + 1}`}>
                <img src={src} alt="" width="48" height="48" />
              </button>
            ))}
          </div>
        )}
      </div>
      <section className="card">
        <h1 className="product-title" data-testid="product-name">
          {localName(p.name, locale)}
        </h1>
        <Price points={p.pointsPrice} cash={p.cashPrice} large />
        <div className="facts small muted">
          <span>{t(`product.type.${p.type}` as MessageKey)}</span>
          <span>{t("product.sold", { n: formatNumber(p.sold, locale) })}</span>
          {!p.soldOut && <span>{t("product.stock", { n: formatNumber(p.stock, locale) })}</span>}
          {p.perMemberLimit > 0 && <span>{t("product.limit", { n: p.perMemberLimit })}</span>}
          {p.minTier && <span>{t("product.minTier", { tier: TIERS[p.minTier]?.[locale] ?? p.minTier })}</span>}
        </div>
      </section>
      {p.description && (
        // The API sanitises descriptions (an allow-list of tags and http(s) links) before they are stored.
        <section className="card rich-text" dangerouslySetInnerHTML={{ __html: p.description[locale] || p.description["zh-CN"] || "" }} />
      )}
      <div className="action-bar">
        {p.soldOut ? (
          <button className="primary-button wide" disabled>
            {t("product.soldOut")}
          </button>
        ) : (
          <Link className="primary-button wide" to={`/redeem/${p.id}`}>
            {t("product.redeem")}
          </Link>
        )}
      </div>
    </div>
  );
}
