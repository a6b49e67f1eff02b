import { useCallback, useEffect, useRef, useState } from "react";
import { api, type ApiError } from "../../lib/api";
import { localName, useLocale, useT } from "../../i18n";
import { DrawResultDialog } from "./draw-result";
import { EntryFacts, newKey, useBlocker, useCampaignErrorText } from "./shared";
import type { DrawResult, Prize, ScreenProps } from "./types";

const SIZE = 300;
const R = 146;
const C = SIZE / 2;
const SPIN_MS = 4500;
const PALETTE = ["#ff7a45", "#ffc53d", "#73d13d", "#40a9ff", "#9254de", "#f759ab", "#36cfc9", "#ffa940"];

/** A point on the rim at `deg` clockwise from 12 o'clock. */
const rim = (deg: number, r = R) => [C + r * Math.sin((deg * Math.PI) / 180), C - r * Math.cos((deg * Math.PI) / 180)];

/** The segment under the pointer (at 12 o'clock) when the disc is turned `rotation` degrees clockwise. */
export function segmentAt(rotation: number, n: number): number {
  const atPointer = (((-rotation % 360) + 360) % 360) / (360 / n);
  return Math.floor(atPointer) % n;
}

/**
 * How far to turn from `current` so that segment `index` of `n` stops under the pointer: a few full
 * turns, then to a point inside the segment (not always its middle, so it does not look rigged).
 */
export function targetRotation(current: number, index: number, n: number, jitter: number): number {
  const seg = 360 / n;
  const mid = index * seg + seg / 2 + jitter * seg * 0.35;
  const base = current - (((current % 360) + 360) % 360);
  let target = base + 360 * 6 - mid;
  while (target - current < 360 * 5) target += 360;
  return target;
}

function WheelDisc({ prizes, rotation, spinning, onStopped }: { prizes: Prize[]; rotation: number; spinning: boolean; onStopped(): void }) {
  const { locale } = useLocale();
  const t = useT();
  const n = prizes.length;
  const seg = 360 / n;
  const reduced = typeof window !== "undefined" && window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  const duration = reduced ? 300 : SPIN_MS;
  // transitionend is the signal; a timer backs it up (a hidden tab may never fire it).
  useEffect(() => {
    if (!spinning) return;
    const id = window.setTimeout(onStopped, duration + 400);
    return () => window.clearTimeout(id);
  }, [spinning, rotation, duration, onStopped]);
  return (
    <div className="wheel" role="img" aria-label={t("wheel.label", { n })} data-testid="wheel" data-pointer-index={spinning ? "" : String(segmentAt(rotation, n))}>
      <div
        className="wheel-disc"
        data-testid="wheel-disc"
        data-rotation={rotation}
        style={{ transform: `rotate(${rotation}deg)`, transition: spinning ? `transform ${duration}ms cubic-bezier(.15,.6,.15,1)` : "none" }}
        onTransitionEnd={() => spinning && onStopped()}
      >
        <svg viewBox={`0 0 ${SIZE} ${SIZE}`} width="100%" height="100%" aria-hidden="true">
          <circle cx={C} cy={C} r={R + 3} fill="#fff1e6" stroke="#ffd591" strokeWidth="4" />
          {prizes.map((p, i) => {
            const [x0, y0] = rim(i * seg);
            const [x1, y1] = rim((i + 1) * seg);
            const [lx, ly] = rim(i * seg + seg / 2, R * 0.64);
            const name = localName(p.name, locale);
            return (
              <g key={p.id} data-segment={i}>
                <path d={`M${C},${C} L${x0},${y0} A${R},${R} 0 ${seg > 180 ? 1 : 0} 1 ${x1},${y1} Z`} fill={p.color || PALETTE[i % PALETTE.length]} stroke="#fff" strokeWidth="2" />
                <text
                  x={lx}
                  y={ly}
                  transform={`rotate(${i * seg + seg / 2} ${lx} ${ly})`}
                  textAnchor="middle"
                  dominantBaseline="middle"
                  fontSize={n > 8 ? 11 : 13}
                  fontWeight="600"
                  fill="#1f1f1f"
                >
                  {name.length > 6 ? name.slice(0, 6) + "…" : name}
                </text>
              </g>
            );
          })}
          <circle cx={C} cy={C} r="26" fill="#fff" stroke="#ffd591" strokeWidth="3" />
        </svg>
      </div>
      <div className="wheel-pointer" aria-hidden="true" />
    </div>
  );
}

/** The lucky wheel: the server draws; the animation only shows where the server's prize sits. */
export function WheelScreen({ campaign, reload }: ScreenProps) {
  const t = useT();
  const errorText = useCampaignErrorText();
  const prizes = campaign.prizes ?? [];
  const [rotation, setRotation] = useState(0);
  const [spinning, setSpinning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DrawResult | null>(null);
  const [shown, setShown] = useState<DrawResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // Kept until the server answers, so a retry after a lost answer is the same draw.
  const key = useRef(newKey());
  const drawn = useRef<DrawResult | null>(null);
  const blocker = useBlocker(campaign, result?.balance);

  const spin = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<DrawResult>(`/campaigns/${campaign.id}/draw`, { method: "POST", headers: { "Idempotency-Key": key.current } });
      key.current = newKey();
      drawn.current = r;
      setResult(r);
      setSpinning(true);
      setRotation((cur) => targetRotation(cur, r.landedIndex, prizes.length, Math.random() * 2 - 1));
    } catch (e) {
      const err = e as ApiError;
      if (err.status !== 0) key.current = newKey();
      setError(err);
      setBusy(false);
    }
  };
  const stopped = useCallback(() => {
    setSpinning(false);
    setBusy(false);
    setShown(drawn.current);
  }, []);

  return (
    <section className="card wheel-card" aria-labelledby="wheel-title">
      <h2 id="wheel-title" className="visually-hidden">
        {t("template.wheel")}
      </h2>
      <WheelDisc prizes={prizes} rotation={rotation} spinning={spinning} onStopped={stopped} />
      <EntryFacts campaign={campaign} balance={result?.balance} eligibility={result && campaign.eligibility ? { ...campaign.eligibility, chancesLeftToday: result.chancesLeftToday, chancesLeft: result.chancesLeft } : undefined} />
      {error && (
        <div className="notice error" role="alert" data-testid="campaign-error">
          {errorText(error)}
        </div>
      )}
      <button className="primary-button wide spin-button" onClick={spin} disabled={busy || !!blocker || prizes.length < 2 || (result != null && result.chancesLeftToday === 0)}>
        {busy ? t("wheel.spinning") : t("wheel.spin")}
      </button>
      {shown && (
        <DrawResultDialog
          result={shown}
          onClose={() => {
            setShown(null);
            reload();
          }}
        />
      )}
    </section>
  );
}
