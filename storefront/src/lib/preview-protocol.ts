import type { ResolvedPage } from "../../../api/domain/pages/resolved";

/**
 * The console's live phone preview talks to the storefront over `postMessage`. The console shows the
 * storefront's PREVIEW_PATH in an <iframe> (same origin in production: /admin/ and / are served by one
 * process; in development the console runs on :5173 and the storefront on :5174):
 *
 *   storefront (iframe)                       console (parent)
 *   ── on mount ─────────────────────────────▶ { type: "pointmall:preview-ready" }      (targetOrigin "*": it carries no data)
 *   ◀──────────────────────────────────────── { type: "pointmall:preview", page, locale } (targetOrigin: the iframe's origin)
 *   ◀──────────────────────────────────────── … again whenever the draft or the language changes
 *
 * - The console sends the page after each "preview-ready" (the iframe may reload) and after every edit.
 *   `page` is the resolved JSON that POST /api/admin/pages/:id/preview answers.
 * - The storefront accepts a message only from `window.parent` and from its own origin, or, in a
 *   development build, from any http://localhost:* or http://127.0.0.1:* origin.
 * - Until the first page arrives the storefront shows a skeleton. Links are inert in the preview.
 *
 * This module has no runtime imports, so the console can import its constants and types directly.
 */

export const PREVIEW_PATH = "/preview";
/** Storefront → console: the preview is listening. */
export const PREVIEW_READY = "pointmall:preview-ready";
/** Console → storefront: render this page in this language. */
export const PREVIEW_PAGE = "pointmall:preview";

export type PreviewLocale = "zh-CN" | "en-US";

export interface PreviewReadyMessage {
  type: typeof PREVIEW_READY;
}

export interface PreviewPageMessage {
  type: typeof PREVIEW_PAGE;
  page: ResolvedPage;
  locale: PreviewLocale;
}

export type PreviewMessage = PreviewReadyMessage | PreviewPageMessage;

/** A well-formed page message (anything else posted to the window is ignored). */
export function isPreviewPageMessage(data: unknown): data is PreviewPageMessage {
  if (!data || typeof data !== "object") return false;
  const m = data as Partial<PreviewPageMessage>;
  if (m.type !== PREVIEW_PAGE || (m.locale !== "zh-CN" && m.locale !== "en-US")) return false;
  const p = m.page as Partial<ResolvedPage> | undefined;
  return !!p && typeof p === "object" && Array.isArray(p.blocks) && !!p.theme && typeof p.theme === "object";
}

export function isPreviewReadyMessage(data: unknown): data is PreviewReadyMessage {
  return !!data && typeof data === "object" && (data as { type?: unknown }).type === PREVIEW_READY;
}

const LOCAL_DEV_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

/** Whether a message from `origin` may drive the preview: the page's own origin; in development also a local dev server. */
export function isTrustedPreviewOrigin(origin: string, ownOrigin: string, dev: boolean): boolean {
  if (origin === ownOrigin) return true;
  return dev && LOCAL_DEV_ORIGIN.test(origin);
}
