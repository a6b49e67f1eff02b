import { useEffect, useRef, useState } from "react";
import { api, type ApiError } from "../../lib/api";
import { localName, useLocale, useT } from "../../i18n";
import { DrawResultDialog } from "./draw-result";
import { EntryFacts, newKey, useBlocker, useCampaignErrorText } from "./shared";
import type { DrawResult, ScreenProps } from "./types";

const W = 320;
const H = 160;
/** Once this share of the coating is gone, the rest falls away. */
const REVEAL_AT = 0.45;

/**
 * The coating over a drawn card: a canvas the member scratches away with a finger (or the mouse).
 * The result under it is the server's, drawn before the first scratch.
 */
function Coating({ label, onRevealed }: { label: string; onRevealed(): void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const last = useRef<[number, number] | null>(null);
  const moves = useRef(0);
  const done = useRef(false);

  useEffect(() => {
    const canvas = ref.current!;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = W * ratio;
    canvas.height = H * ratio;
    const g = canvas.getContext("2d");
    if (!g) return;
    g.scale(ratio, ratio);
    const grad = g.createLinearGradient(0, 0, W, H);
    grad.addColorStop(0, "#bfbfbf");
    grad.addColorStop(0.5, "#d9d9d9");
    grad.addColorStop(1, "#a6a6a6");
    g.fillStyle = grad;
    g.fillRect(0, 0, W, H);
    g.fillStyle = "#595959";
    g.font = "600 16px system-ui, sans-serif";
    g.textAlign = "center";
    g.textBaseline = "middle";
    g.fillText(label, W / 2, H / 2);
  }, [label]);

  const cleared = () => {
    const canvas = ref.current!;
    const g = canvas.getContext("2d")!;
    const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
    let clear = 0;
    let total = 0;
    for (let i = 3; i < data.length; i += 4 * 24) {
      total++;
      if (data[i] === 0) clear++;
    }
    return clear / total;
  };

  const scratch = (ev: React.PointerEvent<HTMLCanvasElement>) => {
    if (done.current || (ev.pointerType === "mouse" && ev.buttons !== 1)) return;
    const rect = ev.currentTarget.getBoundingClientRect();
    const x = ((ev.clientX - rect.left) / rect.width) * W;
    const y = ((ev.clientY - rect.top) / rect.height) * H;
    const g = ev.currentTarget.getContext("2d")!;
    g.globalCompositeOperation = "destination-out";
    g.lineWidth = 30;
    g.lineCap = "round";
    g.lineJoin = "round";
    g.beginPath();
    const [px, py] = last.current ?? [x, y];
    g.moveTo(px, py);
    g.lineTo(x + 0.1, y);
    g.stroke();
    last.current = [x, y];
    if (++moves.current % 8 === 0 && cleared() >= REVEAL_AT) {
      done.current = true;
      onRevealed();
    }
  };

  return (
    <canvas
      ref={ref}
      className="scratch-coating"
      data-testid="scratch-coating"
      aria-hidden="true"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture?.(e.pointerId);
        last.current = null;
        scratch(e);
      }}
      onPointerMove={scratch}
      onPointerUp={() => (last.current = null)}
    />
  );
}

/** The scratch card: buy a card (the server draws), scratch it to see what it holds. */
export function ScratchScreen({ campaign, reload }: ScreenProps) {
  const t = useT();
  const { locale } = useLocale();
  const errorText = useCampaignErrorText();
  const [result, setResult] = useState<DrawResult | null>(null);
  const [revealed, setRevealed] = useState(false);
  const [dialog, setDialog] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const key = useRef(newKey());
  const blocker = useBlocker(campaign, result?.balance);

  const buy = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<DrawResult>(`/campaigns/${campaign.id}/draw`, { method: "POST", headers: { "Idempotency-Key": key.current } });
      key.current = newKey();
      setRevealed(false);
      setResult(r);
    } catch (e) {
      if ((e as ApiError).status !== 0) key.current = newKey();
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const reveal = () => {
    setRevealed(true);
    setDialog(true);
  };
  const won = result && !result.prize.isFallback && result.prize.kind !== "nothing";

  return (
    <section className="card scratch-card-section" aria-labelledby="scratch-title">
      <h2 id="scratch-title" className="visually-hidden">
        {t("template.scratch")}
      </h2>
      <div className="scratch-card" data-testid="scratch-card">
        {result ? (
          <>
            <div className={won ? "scratch-result won" : "scratch-result"} aria-hidden={!revealed} data-testid="scratch-result">
              <strong>{won ? t("result.won") : t("result.lost")}</strong>
              <span>{localName(result.prize.name, locale)}</span>
            </div>
            {!revealed && <Coating key={result.entryId} label={t("scratch.cover")} onRevealed={reveal} />}
          </>
        ) : (
          <div className="scratch-idle">
            <span className="muted">{t("scratch.cover")}</span>
          </div>
        )}
      </div>
      {result && !revealed && <p className="small muted center">{t("scratch.hint")}</p>}
      <EntryFacts campaign={campaign} balance={result?.balance} eligibility={result && campaign.eligibility ? { ...campaign.eligibility, chancesLeftToday: result.chancesLeftToday, chancesLeft: result.chancesLeft } : undefined} />
      {error && (
        <div className="notice error" role="alert" data-testid="campaign-error">
          {errorText(error)}
        </div>
      )}
      {result && !revealed ? (
        <button className="ghost-button" onClick={reveal}>
          {t("scratch.revealAll")}
        </button>
      ) : (
        <button className="primary-button wide" onClick={buy} disabled={busy || !!blocker || (result != null && result.chancesLeftToday === 0)}>
          {result ? t("result.again") : t("scratch.buy")}
        </button>
      )}
      {dialog && result && (
        <DrawResultDialog
          result={result}
          onClose={() => {
            setDialog(false);
            reload();
          }}
        />
      )}
    </section>
  );
}
