import { Link } from "../lib/router";
import type { ShopProduct } from "../lib/types";
import { useLocale, useT } from "../i18n";
import { pickText, type LocalText } from "../lib/local-text";
import { Price } from "./price";

/** A product tile as the catalog and the page blocks show it: picture, name, price, sold-out badge. */
export function ProductTile({
  href,
  name,
  image,
  pointsPrice,
  cashPrice,
  soldOut,
  lazy = true,
}: {
  href: string;
  name: LocalText;
  image: string;
  pointsPrice: number;
  cashPrice: number;
  soldOut: boolean;
  lazy?: boolean;
}) {
  const t = useT();
  const { locale } = useLocale();
  const picked = pickText(name, locale);
  return (
    <Link to={href} className={soldOut ? "product-card is-sold-out" : "product-card"} data-testid="product-tile">
      <div className="product-image">
        {image ? <img src={image} alt="" loading={lazy ? "lazy" : "eager"} decoding="async" width="160" height="160" /> : <div className="image-placeholder" />}
        {soldOut && <span className="sold-out">{t("product.soldOut")}</span>}
      </div>
      <div className="product-name" lang={picked.lang === locale ? undefined : picked.lang}>
        {picked.value}
      </div>
      <Price points={pointsPrice} cash={cashPrice} />
    </Link>
  );
}

export function ProductCard({ p }: { p: ShopProduct }) {
  return (
    <ProductTile
      href={`/products/${p.id}`}
      name={p.name}
      image={p.images[0] ?? ""}
      pointsPrice={p.pointsPrice}
      cashPrice={p.cashPrice}
      soldOut={p.soldOut}
    />
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
