import type { ResolvedPage } from "../../../api/domain/pages/resolved";
import { useApi } from "../lib/use-api";
import { Link } from "../lib/router";
import { usePageTheme } from "../lib/shell";
import type { ProductPage } from "../lib/types";
import { useT } from "../i18n";
import { ProductGrid } from "../components/product-card";
import { ErrorState, Skeleton } from "../components/states";
import { PageSkeleton, PageView } from "../blocks/page-view";

/** The home page: the page operators published at "/"; until there is one (or it shows nothing now), popular rewards. */
export function HomePage() {
  const page = useApi<ResolvedPage>(`/pages?path=${encodeURIComponent("/")}`);
  usePageTheme(page.status === "ready" ? page.data.theme : null);
  if (page.status === "loading") return <PageSkeleton />;
  if (page.status === "error") return page.error.status === 404 ? <PopularProducts /> : <ErrorState error={page.error} onRetry={page.reload} />;
  if (!page.data.blocks.length) return <PopularProducts />;
  return <PageView page={page.data} />;
}

/** The fallback while no home page is published. */
function PopularProducts() {
  const t = useT();
  const popular = useApi<ProductPage>("/products?sort=popular&limit=10");
  return (
    <div className="stack" data-testid="home-fallback">
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
