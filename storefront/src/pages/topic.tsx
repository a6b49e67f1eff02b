import type { ResolvedPage } from "../../../api/domain/pages/resolved";
import { useApi } from "../lib/use-api";
import { Link } from "../lib/router";
import { usePageTheme } from "../lib/shell";
import { useT } from "../i18n";
import { ErrorState } from "../components/states";
import { PageSkeleton, PageView } from "../blocks/page-view";
import { Local } from "../blocks/local";

/** A topic page (专题页) at /topics/<slug>, as published. */
export function TopicPage({ slug }: { slug: string }) {
  const t = useT();
  const page = useApi<ResolvedPage>(`/pages?path=${encodeURIComponent(`/topics/${slug}`)}`);
  usePageTheme(page.status === "ready" ? page.data.theme : null);
  if (page.status === "loading") return <PageSkeleton />;
  if (page.status === "error")
    // 400: not a page path at all (a slug with characters pages cannot have); to a member, the same as 404.
    return page.error.status === 404 || page.error.status === 400 ? <PageNotFound /> : <ErrorState error={page.error} onRetry={page.reload} />;
  return (
    <div className="stack">
      <Local as="h2" className="topic-title" text={page.data.title} />
      {page.data.blocks.length ? <PageView page={page.data} /> : <p className="empty">{t("comingSoon")}</p>}
    </div>
  );
}

export function PageNotFound() {
  const t = useT();
  return (
    <div className="notice" data-testid="page-not-found">
      <p>{t("page.notFound")}</p>
      <Link className="primary-button" to="/">
        {t("backHome")}
      </Link>
    </div>
  );
}
