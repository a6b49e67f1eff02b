/**
 * A fresh key for one intended change, sent as Idempotency-Key so that a double click or a retry
 * is the same change. crypto.randomUUID needs a secure context; getRandomValues does not, and the
 * console may be served over plain http on an intranet.
 */
export function newIdempotencyKey(prefix = "console"): string {
  const c = globalThis.crypto;
  if (typeof c?.randomUUID === "function") return `${prefix}-${c.randomUUID()}`;
  const bytes = c.getRandomValues(new Uint8Array(16));
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
