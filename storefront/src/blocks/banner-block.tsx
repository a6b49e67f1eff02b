import { useEffect, useRef, useState, type PointerEvent } from "react";
import type { ResolvedBannerBlock } from "../../../api/domain/pages/resolved";
import { useT } from "../i18n";
import { isHorizontalDrag, isNear, swipeStep, wrapIndex } from "../lib/carousel";
import { usePrefersReducedMotion } from "../lib/use-reduced-motion";
import { BlockLink } from "./block-link";
import { useLocalText } from "./local";
import type { BlockProps } from "./block-props";

/** Time each slide stays before the next one (WCAG 2.2.2: the member can pause it, and it pauses on hover and focus). */
export const BANNER_INTERVAL_MS = 4500;

/**
 * The slot's items as a carousel (WAI-ARIA APG carousel pattern): one slide shown at a time, the
 * others inert; dots to pick a slide and a pause/play button; auto-advance paused while hovered,
 * focused, dragged, or when the member prefers reduced motion; swipe with a finger (pointer events,
 * `touch-action: pan-y` keeps vertical scrolling to the browser).
 */
export function BannerBlock({ block, eager }: BlockProps<ResolvedBannerBlock>) {
  const t = useT();
  const text = useLocalText();
  const items = block.items;
  const count = items.length;
  const reducedMotion = usePrefersReducedMotion();
  const [index, setIndex] = useState(0);
  const [playing, setPlaying] = useState(!reducedMotion);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const [dragX, setDragX] = useState<number | null>(null);
  // The first picture has loaded: load its neighbours too, so a swipe never shows an empty frame.
  const [warm, setWarm] = useState(false);
  const drag = useRef<{ x: number; y: number; id: number; swiping: boolean } | null>(null);
  const swallowClick = useRef(false);

  useEffect(() => {
    if (reducedMotion) setPlaying(false);
  }, [reducedMotion]);

  const current = count ? index % count : 0;
  const rotating = count > 1 && playing && !hovered && !focused && dragX === null;
  useEffect(() => {
    if (!rotating) return;
    const id = window.setInterval(() => setIndex((i) => wrapIndex(i % count, 1, count)), BANNER_INTERVAL_MS);
    return () => window.clearInterval(id);
  }, [rotating, count]);

  if (!count) return null;
  // 375 px wide phones are the operator's reference: the height scales with the width.
  const aspect = `375 / ${block.height || 150}`;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (count < 2 || (e.pointerType === "mouse" && e.button !== 0)) return;
    drag.current = { x: e.clientX, y: e.clientY, id: e.pointerId, swiping: false };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.id !== e.pointerId) return;
    const dx = e.clientX - d.x;
    if (!d.swiping) {
      if (!isHorizontalDrag(dx, e.clientY - d.y)) return;
      d.swiping = true;
      e.currentTarget.setPointerCapture?.(e.pointerId);
    }
    setDragX(dx);
  };
  const endDrag = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d || !d.swiping) return;
    const step = swipeStep(e.clientX - d.x, e.currentTarget.clientWidth);
    if (step) setIndex(wrapIndex(current, step, count));
    setDragX(null);
    // The pointerup of a swipe is followed by a click on the slide's link: that click is not a tap.
    swallowClick.current = true;
    window.setTimeout(() => (swallowClick.current = false), 0);
  };

  return (
    <section
      className="banner"
      aria-roledescription={count > 1 ? t("banner.carousel") : undefined}
      aria-label={t("banner.label")}
      data-testid="banner"
      onPointerEnter={(e) => e.pointerType === "mouse" && setHovered(true)}
      onPointerLeave={(e) => e.pointerType === "mouse" && setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <div
        className={dragX === null ? "banner-viewport" : "banner-viewport dragging"}
        style={{ aspectRatio: aspect }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        onClickCapture={(e) => {
          if (!swallowClick.current) return;
          e.preventDefault();
          e.stopPropagation();
          swallowClick.current = false;
        }}
        onDragStart={(e) => e.preventDefault()}
      >
        <div
          className="banner-track"
          style={{ transform: `translateX(calc(${-current * 100}% + ${dragX ?? 0}px))` }}
          aria-live={rotating ? "off" : "polite"}
          data-current={current}
        >
          {items.map((item, i) => {
            const title = text(item.title);
            const first = i === 0;
            const load = first ? (eager ? "eager" : "lazy") : warm && isNear(i, current, count) ? "eager" : "lazy";
            return (
              <div
                key={item.id}
                className="banner-slide"
                role={count > 1 ? "group" : undefined}
                aria-roledescription={count > 1 ? t("banner.slideWord") : undefined}
                aria-label={count > 1 ? t("banner.slide", { n: i + 1, total: count }) : undefined}
                inert={i !== current}
                data-testid="banner-slide"
              >
                <BlockLink link={item.link} className="banner-link">
                  {item.image ? (
                    <img
                      src={item.image}
                      alt={title}
                      width={750}
                      height={(block.height || 150) * 2}
                      loading={load}
                      fetchPriority={first && eager ? "high" : undefined}
                      decoding="async"
                      draggable={false}
                      onLoad={first ? () => setWarm(true) : undefined}
                    />
                  ) : (
                    <span className="banner-text">{title}</span>
                  )}
                </BlockLink>
              </div>
            );
          })}
        </div>
      </div>
      {count > 1 && (
        <div className="banner-controls">
          <div className="banner-dots">
            {items.map((item, i) => (
              <button
                key={item.id}
                type="button"
                className="banner-dot"
                aria-label={t("banner.goTo", { n: i + 1, title: text(item.title) })}
                aria-current={i === current ? "true" : undefined}
                onClick={() => setIndex(i)}
              >
                <span aria-hidden="true" />
              </button>
            ))}
          </div>
          <button type="button" className="banner-pause" aria-label={playing ? t("banner.pause") : t("banner.play")} onClick={() => setPlaying((p) => !p)} data-testid="banner-pause">
            <svg viewBox="0 0 24 24" width="14" height="14" aria-hidden="true">
              <path d={playing ? "M7 5h3.5v14H7zm6.5 0H17v14h-3.5z" : "M8 5v14l11-7z"} fill="currentColor" />
            </svg>
          </button>
        </div>
      )}
    </section>
  );
}
