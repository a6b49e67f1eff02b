import { describe, expect, it } from "vitest";
import { isPreviewPageMessage, isPreviewReadyMessage, isTrustedPreviewOrigin, PREVIEW_PAGE, PREVIEW_READY } from "./preview-protocol";

const page = { path: "/", title: { "zh-CN": "首页", "en-US": "Home" }, version: null, publishedAt: null, theme: { id: null, name: { "zh-CN": "", "en-US": "" }, primaryColor: "#e4393c", background: "#f5f5f7", logoUrl: "", festival: false }, blocks: [] };

describe("the preview protocol", () => {
  it("names its messages", () => {
    expect(PREVIEW_PAGE).toBe("pointmall:preview");
    expect(PREVIEW_READY).toBe("pointmall:preview-ready");
    expect(isPreviewReadyMessage({ type: "pointmall:preview-ready" })).toBe(true);
  });
  it("accepts a page message with a page and a language, and nothing else", () => {
    expect(isPreviewPageMessage({ type: PREVIEW_PAGE, page, locale: "en-US" })).toBe(true);
    expect(isPreviewPageMessage({ type: PREVIEW_PAGE, page, locale: "fr-FR" })).toBe(false);
    expect(isPreviewPageMessage({ type: PREVIEW_PAGE, page: { ...page, blocks: "x" }, locale: "zh-CN" })).toBe(false);
    expect(isPreviewPageMessage({ type: "other", page, locale: "zh-CN" })).toBe(false);
    expect(isPreviewPageMessage("pointmall:preview")).toBe(false);
    expect(isPreviewPageMessage(null)).toBe(false);
  });
  it("trusts its own origin always, local dev servers only in development", () => {
    expect(isTrustedPreviewOrigin("https://mall.example.com", "https://mall.example.com", false)).toBe(true);
    expect(isTrustedPreviewOrigin("http://localhost:5173", "http://localhost:5174", false)).toBe(false);
    expect(isTrustedPreviewOrigin("http://localhost:5173", "http://localhost:5174", true)).toBe(true);
    expect(isTrustedPreviewOrigin("http://127.0.0.1:5173", "http://localhost:5174", true)).toBe(true);
    expect(isTrustedPreviewOrigin("http://localhost.evil.com", "http://localhost:5174", true)).toBe(false);
    expect(isTrustedPreviewOrigin("https://evil.example", "https://mall.example.com", true)).toBe(false);
  });
});
