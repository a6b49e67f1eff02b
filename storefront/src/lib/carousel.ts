/** The carousel's arithmetic, kept apart from the component so it is tested without a browser. */

/** The slide `step` away from `index` in a ring of `count` (wraps both ways). */
export function wrapIndex(index: number, step: number, count: number): number {
  if (count <= 0) return 0;
  return (((index + step) % count) + count) % count;
}

/** Whether slide `i` is the current one or next to it in the ring (those pictures load ahead of a swipe). */
export function isNear(i: number, current: number, count: number): boolean {
  if (count <= 3) return true;
  const d = Math.abs(i - current);
  return d <= 1 || d === count - 1;
}

/**
 * What a finished horizontal drag of `dx` pixels on a slide `width` wide does: a step to the next
 * (-1 drag left → +1) or previous slide once past 15 % of the width (at most 60 px), else nothing.
 */
export function swipeStep(dx: number, width: number): -1 | 0 | 1 {
  const threshold = Math.min(60, Math.max(20, width * 0.15));
  if (dx <= -threshold) return 1;
  if (dx >= threshold) return -1;
  return 0;
}

/** A drag counts as a swipe (not a tap or a vertical scroll) once it moved this far, mostly sideways. */
export function isHorizontalDrag(dx: number, dy: number): boolean {
  return Math.abs(dx) > 8 && Math.abs(dx) > Math.abs(dy);
}
