import { Link } from "../lib/router";
import type { ShopProduct } from "../lib/types";
import { localName, useLocale, useT } from "../i18n";
import { Price } from "./price";

export function ProductCard({ p }: { p: ShopProduct }) {
  const t = useT();
  const { locale } = useLocale();
  const name = localName(p.name, locale);
  return (
    <Link to={`/products/${p.id}`} className="product-card" aria-label={name}>
      <div className="product-image">
        {p.images[0] ? <img src={p.images[0]} alt="" loading="lazy" width="160" height="160" /> : <div className="image-placeholder" />}
        {p.soldOut && <span className="sold-out">{t("product.soldOut")}</span>}
      </div>
      <div className="product-name">{name}</div>
      <Price points={p.pointsPrice} cash={p.cashPrice} />
    </Link>
  );
}

export function ProductGrid({ items }: { items: ShopProduct[] }) {
  return (
    <div className="product-grid" data-testid="product-grid">
      {items.map((p) => (
        <ProductCard key={p.id} p={p} />
      ))}
    </div>
  );
}
