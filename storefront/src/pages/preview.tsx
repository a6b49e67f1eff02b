import { useEffect, useRef, useState } from "react";
import { useLocale, useT } from "../i18n";
import { useShell, usePageTheme } from "../lib/shell";
import { isPreviewPageMessage, isTrustedPreviewOrigin, PREVIEW_READY, type PreviewPageMessage, type PreviewReadyMessage } from "../lib/preview-protocol";
import { PageSkeleton, PageView } from "../blocks/page-view";
import { Local } from "../blocks/local";

/**
 * The console's live phone preview (see lib/preview-protocol.ts): renders whatever page the parent
 * window posts, in the language it says, with the shell around it; links are made inert by the App.
 */
export function PreviewPage() {
  const t = useT();
  const { setLocale } = useLocale();
  const { setTabPath } = useShell();
  const [message, setMessage] = useState<PreviewPageMessage | null>(null);
  const setLocaleRef = useRef(setLocale);
  setLocaleRef.current = setLocale;

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.source !== window.parent) return;
      if (!isTrustedPreviewOrigin(e.origin, window.location.origin, import.meta.env.DEV)) return;
      if (!isPreviewPageMessage(e.data)) return;
      setMessage(e.data);
      setLocaleRef.current(e.data.locale, { persist: false });
    };
    window.addEventListener("message", onMessage);
    // "*": the message carries nothing, and the console may be on another origin in development.
    window.parent.postMessage({ type: PREVIEW_READY } satisfies PreviewReadyMessage, "*");
    return () => window.removeEventListener("message", onMessage);
  }, []);

  const page = message?.page;
  usePageTheme(page?.theme);
  useEffect(() => {
    setTabPath(page?.path ?? null);
    return () => setTabPath(null);
  }, [page?.path, setTabPath]);

  if (!page) return <PageSkeleton />;
  return (
    <div className="stack" data-testid="preview" data-path={page.path}>
      {page.path !== "/" && <Local as="h2" className="topic-title" text={page.title} />}
      {page.blocks.length ? <PageView page={page} /> : <p className="empty">{t("preview.empty")}</p>}
    </div>
  );
}
