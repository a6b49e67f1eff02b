import { useMemo, useState } from "react";
import { api, type ApiError } from "../lib/api";
import { useApi } from "../lib/use-api";
import { useRouter } from "../lib/router";
import type { ShopOrder, ShopProduct } from "../lib/types";
import { formatNumber, localName, useLocale, useT, yuan, type MessageKey } from "../i18n";
import { Price } from "../components/price";
import { AddressPicker, useAddressChoice } from "../components/address-picker";
import { ErrorState, Skeleton } from "../components/states";
import { SignInNeeded, type PointsSummary } from "./me";

const KNOWN_ERRORS = ["SOLD_OUT", "INSUFFICIENT_POINTS", "NOT_ELIGIBLE", "LIMIT_REACHED", "NOT_ON_SALE", "SALE_NOT_STARTED", "SALE_ENDED", "CAMPAIGN_ENDED", "MEMBER_UNAUTHENTICATED"];

/** A refusal the member can act on, in their language (the API's message otherwise). */
export function useErrorText() {
  const t = useT();
  return (e: ApiError) => (KNOWN_ERRORS.includes(e.code) ? t(`error.${e.code}` as MessageKey) : e.message);
}

export function RedeemPage({ id }: { id: string }) {
  const t = useT();
  const { locale } = useLocale();
  const { navigate } = useRouter();
  const errorText = useErrorText();
  const product = useApi<ShopProduct>(`/products/${id}`);
  const me = useApi<PointsSummary>("/me");
  const address = useAddressChoice();
  const [quantity, setQuantity] = useState(1);
  const [recipient, setRecipient] = useState("");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per attempt on this screen: a double tap or a retry after a lost answer is the same order.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);

  if (product.status === "loading" || me.status === "loading") return <Skeleton rows={4} />;
  if (me.status === "error" && me.error.status === 401) return <SignInNeeded />;
  if (product.status === "error") return <ErrorState error={product.error} onRetry={product.reload} />;
  if (me.status === "error") return <ErrorState error={me.error} onRetry={me.reload} />;
  const p = product.data;
  const chosen = address.chosen;
  // A coupon order carries one code: one at a time (the API refuses more).
  const max = p.type === "coupon" ? 1 : Math.max(1, Math.min(10, p.perMemberLimit || 10, p.stock || 1));
  const total = p.pointsPrice * quantity;
  const short = total > me.data.balance;

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const order = await api<ShopOrder>("/redemptions", {
        method: "POST",
        headers: { "Idempotency-Key": idempotencyKey },
        json: { productId: p.id, quantity, ...(p.type === "physical" && chosen ? { addressId: chosen } : {}), ...(p.type === "virtual" ? { recipient: recipient.trim() } : {}) },
      });
      navigate(`/orders/${order.id}?new=1`, { replace: true });
    } catch (e) {
      setError(e as ApiError);
      setBusy(false);
      // Gone meanwhile: show the product as it is now (sold out, so the button says so and stays off).
      if ((e as ApiError).code === "SOLD_OUT") product.reload();
    }
  };

  return (
    <div className="stack">
      <h1 className="page-title">{t("redeem.title")}</h1>
      <section className="card product-line">
        {p.images[0] && <img src={p.images[0]} alt="" width="72" height="72" />}
        <div>
          <div className="product-name">{localName(p.name, locale)}</div>
          <Price points={p.pointsPrice} cash={p.cashPrice} />
        </div>
      </section>

      <section className="card row-between">
        <span>{t("redeem.quantity")}</span>
        <div className="stepper" role="group" aria-label={t("redeem.quantity")}>
          <button onClick={() => setQuantity((q) => Math.max(1, q - 1))} disabled={quantity <= 1} aria-label="-">
            −
          </button>
          <output aria-live="polite">{quantity}</output>
          <button onClick={() => setQuantity((q) => Math.min(max, q + 1))} disabled={quantity >= max} aria-label="+">
            +
          </button>
        </div>
      </section>

      {p.type === "physical" && <AddressPicker choice={address} />}

      {p.type === "virtual" && (
        <section className="card">
          <label className="field">
            <span>{t("redeem.recipient")}</span>
            <input type="tel" inputMode="numeric" value={recipient} placeholder={t("redeem.recipientHint")} onChange={(e) => setRecipient(e.target.value)} name="recipient" />
          </label>
        </section>
      )}

      <section className="card">
        <div className="row-between">
          <span>{t("redeem.total")}</span>
          <Price points={total} cash={p.cashPrice * quantity} large />
        </div>
        <div className={short ? "small error-text" : "small muted"}>{t("redeem.balance", { n: formatNumber(me.data.balance, locale) })}</div>
        {p.cashPrice > 0 && <div className="small muted">{t("redeem.needPay")} (¥{yuan(p.cashPrice * quantity)})</div>}
      </section>

      {error && (
        <div className="notice error" role="alert" data-testid="redeem-error">
          {errorText(error)}
        </div>
      )}
      {short && !error && (
        <div className="notice error" role="alert" data-testid="redeem-error">
          {t("error.INSUFFICIENT_POINTS")}
        </div>
      )}

      <div className="action-bar">
        <button
          className="primary-button wide"
          onClick={submit}
          disabled={busy || short || p.soldOut || (p.type === "physical" && !chosen) || (p.type === "virtual" && !recipient.trim())}
        >
          {busy ? t("redeem.submitting") : p.soldOut ? t("product.soldOut") : t("redeem.confirm")}
        </button>
      </div>
    </div>
  );
}
