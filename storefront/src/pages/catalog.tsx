import { useEffect, useState } from "react";
import { api, type ApiError } from "../lib/api";
import { useApi } from "../lib/use-api";
import { useRouter } from "../lib/router";
import type { CategoryNode, ProductPage, ShopProduct } from "../lib/types";
import { localName, useLocale, useT, type MessageKey } from "../i18n";
import { ProductGrid } from "../components/product-card";
import { Empty, ErrorState, Skeleton } from "../components/states";

const SORTS = ["default", "popular", "points_asc", "newest"] as const;

export function CatalogPage() {
  const t = useT();
  const { locale } = useLocale();
  const { search, navigate } = useRouter();
  const categoryId = search.get("categoryId") ?? "";
  const q = search.get("q") ?? "";
  // A page's product grid built from a tag links here with ?tag= (its "more" link).
  const tag = search.get("tag") ?? "";
  const sort = (search.get("sort") ?? "default") as (typeof SORTS)[number];
  const cats = useApi<CategoryNode[]>("/categories");
  const [items, setItems] = useState<ShopProduct[] | null>(null);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [error, setError] = useState<ApiError | null>(null);
  const [draft, setDraft] = useState(q);

  const go = (patch: Record<string, string>) => {
    const next = new URLSearchParams({ categoryId, q, tag, sort, ...patch });
    for (const [k, v] of [...next.entries()]) if (!v || (k === "sort" && v === "default")) next.delete(k);
    navigate(`/products${next.size ? `?${next}` : ""}`, { replace: true });
  };

  useEffect(() => {
    setPage(1);
    setItems(null);
  }, [categoryId, q, tag, sort]);
  useEffect(() => {
    const params = new URLSearchParams({ page: String(page), limit: "20", ...(categoryId ? { categoryId } : {}), ...(q ? { q } : {}), ...(tag ? { tag } : {}), ...(sort !== "default" ? { sort } : {}) });
    api<ProductPage>(`/products?${params}`)
      .then((r) => {
        setItems((prev) => (page === 1 || !prev ? r.items : [...prev, ...r.items]));
        setTotal(r.total);
      })
      .catch(setError);
  }, [categoryId, q, tag, sort, page]);

  return (
    <div className="stack">
      <form
        role="search"
        className="search-bar"
        onSubmit={(e) => {
          e.preventDefault();
          go({ q: draft.trim() });
        }}
      >
        <input type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t("catalog.search")} aria-label={t("catalog.search")} />
      </form>
      {cats.status === "ready" && (
        <div className="chips" role="tablist" aria-label={t("catalog.title")}>
          <button role="tab" aria-selected={!categoryId} className={!categoryId ? "chip active" : "chip"} onClick={() => go({ categoryId: "" })}>
            {t("catalog.all")}
          </button>
          {cats.data.map((c) => (
            <button key={c.id} role="tab" aria-selected={categoryId === String(c.id)} className={categoryId === String(c.id) ? "chip active" : "chip"} onClick={() => go({ categoryId: String(c.id) })}>
              {c.icon ? `${c.icon} ` : ""}
              {localName(c.name, locale)}
            </button>
          ))}
        </div>
      )}
      {tag && (
        <div className="chips">
          <button className="chip active" onClick={() => go({ tag: "" })} aria-label={t("catalog.clearTag", { tag })}>
            #{tag} ×
          </button>
        </div>
      )}
      <div className="sorts">
        {SORTS.map((s) => (
          <button key={s} className={sort === s ? "sort active" : "sort"} aria-pressed={sort === s} onClick={() => go({ sort: s })}>
            {t(`catalog.sort.${s}` as MessageKey)}
          </button>
        ))}
      </div>
      {error && <ErrorState error={error} onRetry={() => (setError(null), setPage(1))} />}
      {!error && items === null && <Skeleton rows={4} />}
      {items && items.length === 0 && <Empty text={t("catalog.empty")} />}
      {items && items.length > 0 && <ProductGrid items={items} />}
      {items && items.length < total && (
        <button className="ghost-button" onClick={() => setPage((p) => p + 1)}>
          {t("me.loadMore")}
        </button>
      )}
    </div>
  );
}
