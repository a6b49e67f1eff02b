import { useEffect, useRef, useState } from "react";
import { api, type ApiError } from "../../lib/api";
import { useRouter } from "../../lib/router";
import { formatNumber, localName, useLocale, useT, yuan } from "../../i18n";
import { AddressPicker, useAddressChoice } from "../../components/address-picker";
import { Price } from "../../components/price";
import { formatDuration, newKey, useBlocker, useCampaignErrorText, useCountdown } from "./shared";
import type { ScreenProps } from "./types";

/** 限时秒杀: a countdown to the opening, the sale price, what is left, and the buy flow (address or phone). */
export function FlashSaleScreen({ campaign, reload }: ScreenProps) {
  const t = useT();
  const { locale } = useLocale();
  const { navigate } = useRouter();
  const errorText = useCampaignErrorText();
  const sale = campaign.flashSale!;
  const p = sale.product;
  const scheduled = campaign.status === "scheduled";
  const live = campaign.status === "live";
  const left = useCountdown(scheduled ? campaign.startAt : campaign.endAt);
  const address = useAddressChoice(p.type === "physical" && campaign.balance != null);
  const [quantity, setQuantity] = useState(1);
  const [recipient, setRecipient] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const key = useRef(newKey());
  const blocker = useBlocker(campaign);

  // The moment it opens (or closes), ask the server again rather than trusting this phone's clock.
  const fired = useRef(false);
  useEffect(() => {
    if (left === 0 && campaign.status !== "ended" && !fired.current) {
      fired.current = true;
      reload();
    }
  }, [left, campaign.status, reload]);
  useEffect(() => {
    fired.current = false;
  }, [campaign.status]);

  const allowance = sale.perMemberLimit > 0 ? sale.perMemberLimit - sale.bought : 10;
  const max = Math.max(1, Math.min(10, sale.stockLeft, allowance));
  const total = sale.salePoints * quantity;
  const soldOut = sale.stockLeft <= 0;
  const limitReached = sale.perMemberLimit > 0 && allowance <= 0;
  const short = campaign.balance != null && total > campaign.balance;
  const pct = sale.reservedStock ? Math.round((sale.stockLeft / sale.reservedStock) * 100) : 0;

  const buy = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<{ order: { id: number } }>(`/campaigns/${campaign.id}/buy`, {
        method: "POST",
        headers: { "Idempotency-Key": key.current },
        json: { quantity, ...(p.type === "physical" && address.chosen ? { addressId: address.chosen } : {}), ...(p.type === "virtual" ? { recipient: recipient.trim() } : {}) },
      });
      navigate(`/orders/${r.order.id}?new=1`, { replace: true });
    } catch (e) {
      const err = e as ApiError;
      if (err.status !== 0) key.current = newKey();
      setError(err);
      setBusy(false);
      if (err.code === "SOLD_OUT" || err.code === "LIMIT_REACHED") reload();
    }
  };

  let label = t("flash.buy");
  if (busy) label = t("flash.buying");
  else if (scheduled) label = t("flash.notOpen");
  else if (soldOut) label = t("flash.soldOut");
  else if (limitReached) label = t("flash.limitReached");

  return (
    <div className="stack">
      <section className="card flash-card" aria-labelledby="flash-title">
        <div className="product-line">
          {p.image ? <img src={p.image} alt="" width="96" height="96" /> : <div className="image-placeholder thumb-96" />}
          <div className="stack tight">
            <h2 id="flash-title" className="product-title">
              {localName(p.name, locale)}
            </h2>
            <div>
              <span className="small muted">{t("flash.salePrice")} </span>
              <Price points={sale.salePoints} cash={sale.saleCash} large />
            </div>
            <s className="small muted">{t("flash.original", { n: formatNumber(p.pointsPrice, locale) })}</s>
          </div>
        </div>
        {campaign.status !== "ended" && (
          <div className={scheduled ? "flash-countdown upcoming" : "flash-countdown"} data-testid="flash-countdown">
            <span>{scheduled ? t("flash.opensIn") : t("flash.endsIn")}</span>
            <time dateTime={scheduled ? campaign.startAt : campaign.endAt}>{formatDuration(left, locale)}</time>
          </div>
        )}
        <div className="stock-bar" role="progressbar" aria-valuemin={0} aria-valuemax={sale.reservedStock} aria-valuenow={sale.stockLeft} aria-label={t("flash.stockLeft", { n: sale.stockLeft })}>
          <div className="stock-fill" style={{ width: `${pct}%` }} />
        </div>
        <div className="row-between small">
          <span data-testid="stock-left">{soldOut ? t("flash.soldOut") : t("flash.stockLeft", { n: sale.stockLeft })}</span>
          <span className="muted">
            {sale.perMemberLimit > 0 && t("flash.limit", { n: sale.perMemberLimit })}
            {sale.bought > 0 && ` · ${t("flash.bought", { n: sale.bought })}`}
          </span>
        </div>
      </section>

      {live && !soldOut && !limitReached && campaign.balance != null && (
        <>
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
              <Price points={total} cash={sale.saleCash * quantity} large />
            </div>
            <div className={short ? "small error-text" : "small muted"}>{t("redeem.balance", { n: formatNumber(campaign.balance, locale) })}</div>
            {sale.saleCash > 0 && <div className="small muted">{t("redeem.needPay")} (¥{yuan(sale.saleCash * quantity)})</div>}
          </section>
        </>
      )}

      {(error || (short && live && !soldOut)) && (
        <div className="notice error" role="alert" data-testid="campaign-error">
          {error ? errorText(error) : t("cerr.INSUFFICIENT_POINTS")}
        </div>
      )}

      {campaign.status !== "ended" && (
        <div className="action-bar">
          <button
            className="primary-button wide"
            onClick={buy}
            disabled={busy || !live || soldOut || limitReached || short || !!blocker || campaign.balance == null || (p.type === "physical" && !address.chosen) || (p.type === "virtual" && !recipient.trim())}
          >
            {label}
          </button>
        </div>
      )}
    </div>
  );
}
