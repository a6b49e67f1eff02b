import { useEffect, useState } from "react";
import { api, type ApiError } from "../lib/api";
import { Link, useRouter } from "../lib/router";
import type { ShopOrder } from "../lib/types";
import { formatDateTime, formatNumber, localName, useLocale, useT, yuan, type MessageKey } from "../i18n";
import { Empty, ErrorState, Skeleton } from "../components/states";
import { SignInNeeded } from "./me";

const TABS = ["", "pending_payment", "awaiting_shipment", "shipped", "completed"] as const;

export function OrdersPage() {
  const t = useT();
  const { locale } = useLocale();
  const { search, navigate } = useRouter();
  const status = search.get("status") ?? "";
  const [data, setData] = useState<{ items: ShopOrder[]; total: number } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    setData(null);
    api<{ items: ShopOrder[]; total: number }>(`/orders?limit=50${status ? `&status=${status}` : ""}`).then(setData, setError);
  }, [status]);
  if (error) return error.status === 401 ? <SignInNeeded /> : <ErrorState error={error} />;
  return (
    <div className="stack">
      <h1 className="page-title">{t("orders.title")}</h1>
      <div className="chips" role="tablist">
        {TABS.map((s) => (
          <button key={s} role="tab" aria-selected={status === s} className={status === s ? "chip active" : "chip"} onClick={() => navigate(s ? `/orders?status=${s}` : "/orders", { replace: true })}>
            {s ? t(`status.${s}` as MessageKey) : t("orders.all")}
          </button>
        ))}
      </div>
      {data === null && <Skeleton rows={3} />}
      {data && data.items.length === 0 && <Empty text={t("orders.empty")} />}
      {data && data.items.length > 0 && (
        <ul className="order-list" data-testid="order-list">
          {data.items.map((o) => (
            <li key={o.id}>
              <Link to={`/orders/${o.id}`} className="card order-card">
                <div className="row-between small muted">
                  <span>{formatDateTime(o.createdAt, locale)}</span>
                  <span className={`status status-${o.status}`}>{t(`status.${o.status}` as MessageKey)}</span>
                </div>
                <div className="product-line">
                  {o.product.image && <img src={o.product.image} alt="" width="56" height="56" />}
                  <div>
                    <div className="product-name">{localName(o.product.name, locale)}</div>
                    <div className="small muted">
                      ×{o.quantity} · {t("price.points", { n: formatNumber(o.pointsTotal, locale) })}
                      {o.cashTotal > 0 ? t("price.plusCash", { n: yuan(o.cashTotal) }) : ""}
                    </div>
                  </div>
                </div>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
