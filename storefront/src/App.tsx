import { useEffect, useState } from "react";
import { LocaleContext, initialLocale, translate, type Locale } from "./i18n";

interface ShopConfig {
  name: Record<Locale, string>;
  theme: { primaryColor: string; background: string; logoUrl: string };
  locales: string[];
  demo: boolean;
}

type State = { status: "loading" } | { status: "error" } | { status: "ready"; config: ShopConfig };

export function App() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [state, setState] = useState<State>({ status: "loading" });
  const t = (k: Parameters<typeof translate>[1]) => translate(locale, k);

  const load = () => {
    setState({ status: "loading" });
    fetch("/api/shop/config")
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((config: ShopConfig) => setState({ status: "ready", config }))
      .catch(() => setState({ status: "error" }));
  };
  useEffect(load, []);

  const setLocale = (l: Locale) => {
    localStorage.setItem("pointmall.shop.locale", l);
    setLocaleState(l);
  };

  useEffect(() => {
    document.documentElement.lang = locale;
    if (state.status !== "ready") return;
    const { theme, name } = state.config;
    document.documentElement.style.setProperty("--primary", theme.primaryColor);
    document.documentElement.style.setProperty("--bg", theme.background);
    document.title = name[locale];
  }, [state, locale]);

  return (
    <LocaleContext.Provider value={{ locale, setLocale }}>
      <div className="shell">
        <header className="topbar">
          <h1 className="mall-name" data-testid="mall-name">
            {state.status === "ready" ? state.config.name[locale] : "\u00a0"}
          </h1>
          <button className="link-button" onClick={() => setLocale(locale === "zh-CN" ? "en-US" : "zh-CN")}>
            {t("language")}
          </button>
        </header>
        <main className="content">
          {state.status === "loading" && (
            <div className="skeleton-list" aria-busy="true" aria-label={t("loading")}>
              <div className="skeleton banner" />
              <div className="skeleton row" />
              <div className="skeleton row" />
            </div>
          )}
          {state.status === "error" && (
            <div className="notice" role="alert">
              <p>{t("loadFailed")}</p>
              <button className="primary-button" onClick={load}>
                {t("retry")}
              </button>
            </div>
          )}
          {state.status === "ready" && <p className="empty">{t("comingSoon")}</p>}
        </main>
      </div>
    </LocaleContext.Provider>
  );
}
