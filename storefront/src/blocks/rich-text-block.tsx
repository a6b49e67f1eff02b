import type { MouseEvent } from "react";
import type { ResolvedRichTextBlock } from "../../../api/domain/pages/resolved";
import { useLocale } from "../i18n";
import { pickText } from "../lib/local-text";
import { useRouter } from "../lib/router";
import type { BlockProps } from "./block-props";

/**
 * Operator-written HTML. It is set as innerHTML on purpose: the API sanitises it with an allow-list
 * (p, br, b, strong, i, em, ul, ol, li, h3, h4, img[src,alt], a[href]) when the page is saved
 * (api/domain/pages/blocks.ts → sanitizeHtml), so no script or event handler can reach members.
 */
export function RichTextBlock({ block }: BlockProps<ResolvedRichTextBlock>) {
  const { locale } = useLocale();
  const { navigate } = useRouter();
  const html = pickText(block.html, locale);
  if (!html.value) return null;
  // Links to this site go through the router, like every other link (no full reload in the host's web view).
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const a = (e.target as Element).closest("a");
    if (!a || e.defaultPrevented || e.metaKey || e.ctrlKey || e.shiftKey || a.target === "_blank") return;
    const url = new URL(a.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  return <div className="card rich-text" lang={html.lang === locale ? undefined : html.lang} onClick={onClick} data-testid="rich-text" dangerouslySetInnerHTML={{ __html: html.value }} />;
}
