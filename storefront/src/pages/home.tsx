import { useApi } from "../lib/use-api";
import { Link } from "../lib/router";
import type { ProductPage } from "../lib/types";
import { useT } from "../i18n";
import { ProductGrid } from "../components/product-card";
import { ErrorState, Skeleton } from "../components/states";

/** The home page: operator-configured blocks once a page is published; until then, popular rewards. */
export function HomePage() {
  const t = useT();
  const popular = useApi<ProductPage>("/products?sort=popular&limit=10");
  return (
    <div className="stack">
      <div className="row-between">
        <h2 className="section-title">{t("home.popular")}</h2>
        <Link to="/products" className="small">
          {t("home.more")}
        </Link>
      </div>
      {popular.status === "loading" && <Skeleton rows={3} />}
      {popular.status === "error" && <ErrorState error={popular.error} onRetry={popular.reload} />}
      {popular.status === "ready" && (popular.data.items.length ? <ProductGrid items={popular.data.items} /> : <p className="empty">{t("comingSoon")}</p>)}
    </div>
  );
}
