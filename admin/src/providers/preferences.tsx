import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { ConfigProvider, theme as antdTheme, App as AntdApp } from "antd";
import zhCN from "antd/locale/zh_CN";
import enUS from "antd/locale/en_US";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import "dayjs/locale/en";
import relativeTime from "dayjs/plugin/relativeTime";
import utc from "dayjs/plugin/utc";
import timezone from "dayjs/plugin/timezone";
import { useTranslation } from "react-i18next";
import { rememberLocale, type Locale } from "../i18n/setup";

dayjs.extend(relativeTime);
dayjs.extend(utc);
dayjs.extend(timezone);
/** Times are stored in UTC and shown in the operator's zone (Asia/Shanghai by default). */
export const DISPLAY_TZ = "Asia/Shanghai";

type Mode = "light" | "dark";
interface Preferences {
  mode: Mode;
  setMode(mode: Mode): void;
  locale: Locale;
  setLocale(locale: Locale): void;
}

const PreferencesContext = createContext<Preferences | null>(null);
const MODE_KEY = "pointmall.admin.mode";

export const BRAND = "#e4393c";

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [mode, setModeState] = useState<Mode>(() => (localStorage.getItem(MODE_KEY) === "dark" ? "dark" : "light"));
  const locale = (i18n.language as Locale) ?? "zh-CN";

  useEffect(() => {
    dayjs.locale(locale === "zh-CN" ? "zh-cn" : "en");
  }, [locale]);

  const value = useMemo<Preferences>(
    () => ({
      mode,
      setMode: (m) => {
        localStorage.setItem(MODE_KEY, m);
        setModeState(m);
      },
      locale,
      setLocale: (l) => {
        rememberLocale(l);
        dayjs.locale(l === "zh-CN" ? "zh-cn" : "en");
        void i18n.changeLanguage(l);
      },
    }),
    [mode, locale, i18n],
  );

  return (
    <PreferencesContext.Provider value={value}>
      <ConfigProvider
        locale={locale === "zh-CN" ? zhCN : enUS}
        theme={{ algorithm: mode === "dark" ? antdTheme.darkAlgorithm : antdTheme.defaultAlgorithm, token: { colorPrimary: BRAND, borderRadius: 6 } }}
      >
        <AntdApp>{children}</AntdApp>
      </ConfigProvider>
    </PreferencesContext.Provider>
  );
}

export function usePreferences(): Preferences {
  const p = useContext(PreferencesContext);
  if (!p) throw new Error("usePreferences outside PreferencesProvider");
  return p;
}

/** A UTC instant in the display zone, e.g. 2026-11-23 16:05. */
export function formatTime(value: string | number | Date | null | undefined, withSeconds = false): string {
  if (value == null || value === "") return "—";
  return dayjs(value).tz(DISPLAY_TZ).format(withSeconds ? "YYYY-MM-DD HH:mm:ss" : "YYYY-MM-DD HH:mm");
}
