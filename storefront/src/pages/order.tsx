import { useEffect, useState } from "react";
import { api, type ApiError } from "../lib/api";
import { useApi } from "../lib/use-api";
import { useRouter } from "../lib/router";
import type { ShopOrder } from "../lib/types";
import { formatDateTime, formatNumber, localName, useLocale, useT, yuan, type MessageKey } from "../i18n";
import { ErrorState, Skeleton } from "../components/states";
import { SignInNeeded } from "./me";

function CouponCode({ order, onShown }: { order: ShopOrder; onShown(): void }) {
  const t = useT();
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [copied, setCopied] = useState(false);
  if (code)
    return (
      <div className="coupon" data-testid="coupon-code">
        <div className="small muted">{t("order.codeOnce")}</div>
        <div className="code">{code}</div>
        <button
          className="ghost-button"
          onClick={() => {
            void navigator.clipboard?.writeText(code);
            setCopied(true);
          }}
        >
          {copied ? t("order.copied") : t("order.copy")}
        </button>
      </div>
    );
  if (order.coupon?.revealed) return <p className="small muted">{t("order.codeShown")}</p>;
  return (
    <>
      <button
        className="primary-button wide"
        onClick={() =>
          api<{ code: string }>(`/orders/${order.id}/code`, { method: "POST" }).then(
            (r) => {
              setCode(r.code);
              onShown();
            },
            setError,
          )
        }
      >
        {t("order.showCode")}
      </button>
      {error && <p className="small error-text">{error.message}</p>}
    </>
  );
}

export function OrderPage({ id }: { id: string }) {
  const t = useT();
  const { locale } = useLocale();
  const { search } = useRouter();
  const order = useApi<ShopOrder>(`/orders/${id}`);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<ApiError | null>(null);
  const justPaid = search.get("paid") === "1";

  // Back from the pay page: the gateway's notification may take a moment; look again until it lands.
  const waiting = justPaid && order.status === "ready" && order.data.status === "pending_payment";
  useEffect(() => {
    if (!waiting) return;
    const timer = setTimeout(order.reload, 1000);
    return () => clearTimeout(timer);
  }, [waiting, order]);

  if (order.status === "loading") return <Skeleton rows={4} />;
  if (order.status === "error") return order.error.status === 401 ? <SignInNeeded /> : <ErrorState error={order.error} onRetry={order.reload} />;
  const o = order.data;

  const act = async (path: string, confirmText?: string) => {
    if (confirmText && !window.confirm(confirmText)) return;
    setBusy(true);
    setActionError(null);
    try {
      if (path === "pay") {
        const { payUrl } = await api<{ payUrl: string }>(`/orders/${o.id}/pay`, { method: "POST" });
        window.location.assign(payUrl);
        return;
      }
      await api(`/orders/${o.id}/${path}`, { method: "POST" });
      order.reload();
    } catch (e) {
      setActionError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="stack">
      <section className="card status-card">
        <div className={`status big status-${o.status}`} data-testid="order-status">
          {t(`status.${o.status}` as MessageKey)}
        </div>
        {waiting && <div className="small muted">{t("order.waitingPayment")}</div>}
        {o.status === "pending_payment" && o.payBy && <div className="small muted">{t("order.payBy", { time: formatDateTime(o.payBy, locale) })}</div>}
        {o.refundEntryId && <div className="small muted">{t("order.refundNote")}</div>}
      </section>

      <section className="card product-line">
        {o.product.image && <img src={o.product.image} alt="" width="72" height="72" />}
        <div>
          <div className="product-name">{localName(o.product.name, locale)}</div>
          <div className="small muted">
            ×{o.quantity} · {t("price.points", { n: formatNumber(o.pointsTotal, locale) })}
            {o.cashTotal > 0 ? t("price.plusCash", { n: yuan(o.cashTotal) }) : ""}
          </div>
        </div>
      </section>

      {o.product.type === "coupon" && o.status === "completed" && (
        <section className="card">
          <CouponCode order={o} onShown={() => undefined} />
        </section>
      )}

      {(o.trackingNo || o.address) && (
        <section className="card" aria-labelledby="ship-title">
          <h2 id="ship-title" className="card-title">
            {t("order.tracking")}
          </h2>
          {o.trackingNo && (
            <p data-testid="tracking">
              {t("order.trackingNo", { carrier: o.carrier ?? "", no: o.trackingNo })}
            </p>
          )}
          {o.address && (
            <p className="small muted">
              {o.address.name} {o.address.phone}
              <br />
              {o.address.region} {o.address.detail}
            </p>
          )}
        </section>
      )}

      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title" className="card-title">
          {t("order.timeline")}
        </h2>
        <ol className="timeline">
          {(o.timeline ?? []).map((e) => (
            <li key={e.id}>
              <strong>{t(`status.${e.toStatus}` as MessageKey)}</strong>
              <span className="small muted"> · {formatDateTime(e.createdAt, locale)}</span>
            </li>
          ))}
        </ol>
        <div className="small muted">
          {t("order.no")} {o.orderNo}
        </div>
      </section>

      {actionError && (
        <div className="notice error" role="alert">
          {actionError.message}
        </div>
      )}
      <div className="action-bar">
        {o.status === "pending_payment" && (
          <>
            <button className="ghost-button" disabled={busy} onClick={() => act("cancel", t("order.cancelConfirm"))}>
              {t("order.cancel")}
            </button>
            <button className="primary-button wide" disabled={busy} onClick={() => act("pay")}>
              {t("order.pay", { n: yuan(o.cashTotal) })}
            </button>
          </>
        )}
        {o.status === "shipped" && (
          <button className="primary-button wide" disabled={busy} onClick={() => act("confirm")}>
            {t("order.confirm")}
          </button>
        )}
      </div>
    </div>
  );
}
