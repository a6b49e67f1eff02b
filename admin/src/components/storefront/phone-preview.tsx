import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useTranslate } from "@refinedev/core";
import { Badge, Button, Space, Spin, Typography, theme } from "antd";
import { ReloadOutlined } from "@ant-design/icons";
import { usePreferences } from "../../providers/preferences";
import { isPreviewReady, PREVIEW_PAGE, PREVIEW_URL, type PreviewPageMessage } from "./preview-protocol";
import type { ResolvedPage } from "./types";

export const PHONE_WIDTH = 375;
export const PHONE_HEIGHT = 720;
/** How long to wait for the storefront to say it is ready before saying that it has not. */
const READY_TIMEOUT_MS = 8000;

interface Props {
  /** The page to show (null: nothing yet). */
  page: ResolvedPage | null;
  /** Shown over the top of the screen (e.g. "not updated: fix the marked problems"). */
  notice?: ReactNode;
  loading?: boolean;
  height?: number;
}

/**
 * A phone-sized frame around the storefront's /preview route. The storefront posts "ready" when it
 * has mounted; then (and whenever `page` or the console's language changes) the resolved page is
 * posted to it, to the iframe's own origin only. Only messages from this iframe are listened to.
 */
export function PhonePreview({ page, notice, loading, height = PHONE_HEIGHT }: Props) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { locale } = usePreferences();
  const frame = useRef<HTMLIFrameElement>(null);
  const origin = useMemo(() => new URL(PREVIEW_URL, window.location.href).origin, []);
  // Bumped on every "ready" (the storefront may reload inside the frame): post the page again.
  const [readyCount, setReadyCount] = useState(0);
  const [late, setLate] = useState(false);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      if (e.source !== frame.current?.contentWindow || e.origin !== origin || !isPreviewReady(e.data)) return;
      setReadyCount((n) => n + 1);
    };
    window.addEventListener("message", onMessage);
    return () => window.removeEventListener("message", onMessage);
  }, [origin]);

  useEffect(() => {
    setLate(false);
    if (readyCount > 0) return;
    const id = window.setTimeout(() => setLate(true), READY_TIMEOUT_MS);
    return () => window.clearTimeout(id);
  }, [readyCount, reloads]);

  useEffect(() => {
    if (!readyCount || !page) return;
    const message: PreviewPageMessage = { type: PREVIEW_PAGE, page, locale };
    frame.current?.contentWindow?.postMessage(message, origin);
  }, [readyCount, page, locale, origin]);

  const ready = readyCount > 0;
  return (
    <div style={{ width: PHONE_WIDTH + 24 }} data-testid="phone-preview" data-ready={ready} data-version={page?.version ?? "draft"}>
      <div
        style={{
          position: "relative",
          padding: "28px 12px 16px",
          borderRadius: 44,
          background: "#1f1f1f",
          boxShadow: "0 12px 32px rgba(0,0,0,.18), inset 0 0 0 2px #3a3a3a",
        }}
      >
        {/* The earpiece: a phone, not just a box. */}
        <div style={{ position: "absolute", top: 11, left: "50%", width: 64, height: 6, marginLeft: -32, borderRadius: 3, background: "#3a3a3a" }} />
        <div style={{ position: "relative", width: PHONE_WIDTH, height, borderRadius: 18, overflow: "hidden", background: token.colorBgContainer }}>
          <iframe
            key={reloads}
            ref={frame}
            src={PREVIEW_URL}
            title={t("storefront.preview.frameTitle")}
            width={PHONE_WIDTH}
            height={height}
            style={{ display: "block", border: 0, width: PHONE_WIDTH, height }}
            data-testid="preview-frame"
          />
          {notice && (
            <div style={{ position: "absolute", insetInline: 8, top: 8, zIndex: 2 }} data-testid="preview-notice">
              {notice}
            </div>
          )}
          {(!ready || loading) && (
            <div
              style={{
                position: "absolute",
                inset: 0,
                display: "grid",
                placeItems: "center",
                background: ready ? "rgba(255,255,255,.35)" : token.colorBgContainer,
                pointerEvents: ready ? "none" : undefined,
              }}
            >
              {!ready && late ? (
                <Space direction="vertical" align="center" style={{ padding: 24, textAlign: "center" }} data-testid="preview-unavailable">
                  <Typography.Text strong>{t("storefront.preview.noAnswer")}</Typography.Text>
                  <Typography.Text type="secondary">{t("storefront.preview.noAnswerHint")}</Typography.Text>
                  <Button icon={<ReloadOutlined />} onClick={() => setReloads((n) => n + 1)}>
                    {t("storefront.preview.reload")}
                  </Button>
                </Space>
              ) : (
                <Spin tip={ready ? undefined : t("storefront.preview.connecting")}>
                  <div style={{ width: 120, height: ready ? 0 : 60 }} />
                </Spin>
              )}
            </div>
          )}
        </div>
      </div>
      <div style={{ textAlign: "center", marginTop: 8 }}>
        <Badge status={ready ? "success" : late ? "warning" : "processing"} text={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(ready ? "storefront.preview.live" : "storefront.preview.waiting")}</Typography.Text>} />
      </div>
    </div>
  );
}
