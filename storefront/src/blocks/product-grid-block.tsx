import { useId } from "react";
import type { ResolvedProductGridBlock } from "../../../api/domain/pages/resolved";
import { useT } from "../i18n";
import { Link } from "../lib/router";
import { ProductTile } from "../components/product-card";
import { Local, useLocalText } from "./local";
import type { BlockProps } from "./block-props";

/** Products from a category, a tag or a hand-picked list, with a "more" link to the listing behind them. */
export function ProductGridBlock({ block, eager }: BlockProps<ResolvedProductGridBlock>) {
  const t = useT();
  const text = useLocalText();
  const headingId = useId();
  if (!block.products.length) return null;
  const title = text(block.title);
  return (
    <section className="product-grid-block" aria-labelledby={title ? headingId : undefined} data-testid="product-grid-block">
      {(title || block.moreHref) && (
        <div className="block-head">
          {title ? <Local as="h2" id={headingId} className="block-title" text={block.title} /> : <span />}
          {block.moreHref && (
            <Link to={block.moreHref} className="more-link" aria-label={title ? t("grid.moreAbout", { title }) : undefined} data-testid="grid-more">
              {t("grid.more")}
              <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
                <path d="m9 5 7 7-7 7" fill="none" stroke="currentColor" strokeWidth="2.4" />
              </svg>
            </Link>
          )}
        </div>
      )}
      <div className={block.columns === 3 ? "product-grid cols-3" : "product-grid"}>
        {block.products.map((p, i) => (
          <ProductTile key={p.id} href={p.href} name={p.name} image={p.image} pointsPrice={p.pointsPrice} cashPrice={p.cashPrice} soldOut={p.soldOut} lazy={!eager || i >= 4} />
        ))}
      </div>
    </section>
  );
}
