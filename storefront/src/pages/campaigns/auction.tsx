import { useEffect, useRef, useState } from "react";
import { api, type ApiError } from "../../lib/api";
import { Link } from "../../lib/router";
import { formatDateTime, formatNumber, localName, useLocale, useT } from "../../i18n";
import { formatDuration, newKey, useBlocker, useCampaignErrorText, useCountdown } from "./shared";
import type { AuctionState, ScreenProps } from "./types";

interface Bids {
  auction: AuctionState;
  bids: { id: number; bidder: string; mine: boolean; amount: number; status: string; createdAt: string }[];
}

const POLL_MS = 2000;

/**
 * 积分竞拍: the live price (polled every 2 s while the page is visible), the lowest bid, the
 * countdown (which a late bid extends), bidding, and a notice when someone outbids you.
 */
export function AuctionScreen({ campaign, reload }: ScreenProps) {
  const t = useT();
  const { locale } = useLocale();
  const errorText = useCampaignErrorText();
  const product = campaign.auction!.product;
  const [state, setState] = useState<AuctionState>(campaign.auction!);
  const [bids, setBids] = useState<Bids["bids"]>([]);
  const [amount, setAmount] = useState<number>(campaign.auction!.minimumBid);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [placed, setPlaced] = useState(false);
  const [outbid, setOutbid] = useState(false);
  const wasLeading = useRef(campaign.auction!.leading);
  const key = useRef(newKey());
  const left = useCountdown(state.endAt);
  const blocker = useBlocker(campaign);

  const apply = (next: AuctionState) => {
    if (wasLeading.current && !next.leading && !next.won) setOutbid(true);
    if (next.leading) setOutbid(false);
    wasLeading.current = next.leading;
    setState(next);
    setAmount((a) => (a < next.minimumBid ? next.minimumBid : a));
  };

  useEffect(() => {
    let live = true;
    const poll = () => {
      if (document.visibilityState === "hidden") return;
      api<Bids>(`/campaigns/${campaign.id}/bids`).then(
        (r) => {
          if (!live) return;
          apply(r.auction);
          setBids(r.bids);
        },
        () => {},
      );
    };
    poll();
    const id = window.setInterval(poll, POLL_MS);
    return () => {
      live = false;
      window.clearInterval(id);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [campaign.id]);

  const bid = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setPlaced(false);
    try {
      const next = await api<AuctionState>(`/campaigns/${campaign.id}/bids`, { method: "POST", headers: { "Idempotency-Key": key.current }, json: { amount } });
      key.current = newKey();
      apply(next);
      setPlaced(true);
      reload();
    } catch (err) {
      const ae = err as ApiError;
      if (ae.status !== 0) key.current = newKey();
      setError(ae);
      const min = (ae.details as { minimumBid?: number } | undefined)?.minimumBid;
      if (min) setAmount(min);
    } finally {
      setBusy(false);
    }
  };

  const ended = state.status === "ended";
  const short = campaign.balance != null && amount > campaign.balance + state.myHeld;
  return (
    <div className="stack">
      <section className="card auction-card" aria-labelledby="auction-title">
        <div className="product-line">
          {product.image ? <img src={product.image} alt="" width="96" height="96" /> : <div className="image-placeholder thumb-96" />}
          <div className="stack tight">
            <h2 id="auction-title" className="product-title">
              {localName(product.name, locale)}
            </h2>
            <span className="small muted">
              {t("auction.start", { n: formatNumber(state.startPrice, locale) })} · {t("auction.increment", { n: formatNumber(state.increment, locale) })}
            </span>
          </div>
        </div>
        <div className="auction-price">
          <span className="small muted">{t("auction.current")}</span>
          <strong data-testid="auction-price">{formatNumber(state.currentPrice ?? state.startPrice, locale)}</strong>
          <span className="small muted">{t("points")}</span>
        </div>
        <div className="row-between small">
          <span data-testid="auction-leader">{state.leader ? t("auction.leader", { name: state.leading ? t("auction.you") : state.leader }) : t("auction.noBids")}</span>
          <span>{t("auction.bids", { n: state.bidCount })}</span>
        </div>
        {!ended && (
          <div className="flash-countdown" data-testid="auction-countdown">
            <span>{t("auction.endsIn")}</span>
            <time dateTime={state.endAt}>{formatDuration(left, locale)}</time>
          </div>
        )}
        {!ended && <p className="small muted">{t("auction.extendNote", { sec: state.antiSnipingSec, ext: state.extendBySec })}</p>}
      </section>

      <div aria-live="polite">
        {outbid && !ended && (
          <div className="notice error" role="alert" data-testid="outbid">
            {t("auction.outbid")}
          </div>
        )}
        {state.leading && !ended && (
          <div className="notice success" data-testid="leading">
            {t("auction.leading", { n: formatNumber(state.myHeld, locale) })}
          </div>
        )}
        {placed && !state.leading && !outbid && <div className="notice success">{t("auction.bidPlaced")}</div>}
      </div>

      {ended ? (
        <div className={state.won ? "notice success" : "notice"} role="status" data-testid="auction-ended">
          <p>{state.won ? t("auction.won") : t("auction.lost")}</p>
          {state.won && state.orderId && (
            <Link className="primary-button" to={`/orders/${state.orderId}`}>
              {t("auction.viewOrder")}
            </Link>
          )}
        </div>
      ) : (
        campaign.balance != null && (
          <form className="card bid-form" onSubmit={bid}>
            <label className="field">
              <span>{t("auction.yourBid")}</span>
              <input type="number" inputMode="numeric" min={state.minimumBid} step={1} value={amount} onChange={(e) => setAmount(Math.floor(Number(e.target.value) || 0))} name="amount" aria-describedby="bid-minimum" />
            </label>
            <div className="row-between">
              <span id="bid-minimum" className="small muted">
                {t("auction.minimum", { n: formatNumber(state.minimumBid, locale) })}
              </span>
              <button type="button" className="chip" onClick={() => setAmount((a) => Math.max(a, state.minimumBid - state.increment) + state.increment)}>
                +{formatNumber(state.increment, locale)}
              </button>
            </div>
            {(error || short) && (
              <div className="notice error" role="alert" data-testid="campaign-error">
                {error ? errorText(error) : t("cerr.INSUFFICIENT_POINTS")}
              </div>
            )}
            <button className="primary-button wide" type="submit" disabled={busy || state.leading || amount < state.minimumBid || short || !!blocker || state.status !== "live"}>
              {busy ? t("auction.bidding") : t("auction.bid")}
            </button>
          </form>
        )
      )}

      {bids.length > 0 && (
        <section className="card" aria-labelledby="bids-title">
          <h3 id="bids-title" className="card-title">
            {t("auction.recent")}
          </h3>
          <ol className="bid-list" data-testid="bid-list">
            {bids.map((b) => (
              <li key={b.id} className={b.mine ? "mine" : undefined}>
                <span>{b.mine ? t("auction.you") : b.bidder}</span>
                <span className="muted small">{formatDateTime(b.createdAt, locale)}</span>
                <strong>{formatNumber(b.amount, locale)}</strong>
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
