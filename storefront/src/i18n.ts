import { createContext, useContext } from "react";

/**
 * The storefront's strings. A plain dictionary (no i18n library) keeps the first load small;
 * members open the mall on phones inside the host's app.
 */
const dict = {
  "zh-CN": {
    loading: "加载中…",
    loadFailed: "商城暂时无法打开，请稍后再试",
    retry: "重试",
    comingSoon: "精彩商品与活动即将上线",
    language: "English",
  },
  "en-US": {
    loading: "Loading…",
    loadFailed: "The mall can't be opened right now. Please try again.",
    retry: "Try again",
    comingSoon: "Products and campaigns are coming soon",
    language: "中文",
  },
} as const;

export type Locale = keyof typeof dict;
export type MessageKey = keyof (typeof dict)["zh-CN"];

export function initialLocale(): Locale {
  const saved = localStorage.getItem("pointmall.shop.locale");
  if (saved === "zh-CN" || saved === "en-US") return saved;
  return navigator.language?.toLowerCase().startsWith("en") ? "en-US" : "zh-CN";
}

export const translate = (locale: Locale, key: MessageKey) => dict[locale][key];

export const LocaleContext = createContext<{ locale: Locale; setLocale(l: Locale): void }>({ locale: "zh-CN", setLocale: () => {} });

export function useT() {
  const { locale } = useContext(LocaleContext);
  return (key: MessageKey) => translate(locale, key);
}
