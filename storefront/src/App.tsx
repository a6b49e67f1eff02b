import { lazy, Suspense, useEffect, useState, type ReactElement } from "react";
import { LocaleContext, initialLocale, translate, useT, type Locale, type MessageKey } from "./i18n";
import { RouterProvider, matchPath, useRouter, Link } from "./lib/router";
import { ShopConfigContext, type ShopConfig } from "./lib/shop-config";
import { TabBar } from "./components/tab-bar";
import { HomePage } from "./pages/home";
import { MePage } from "./pages/me";
import { DemoHostPage } from "./pages/demo-host";
import { CatalogPage } from "./pages/catalog";
import { ProductPage } from "./pages/product";
import { RedeemPage } from "./pages/redeem";
import { OrdersPage } from "./pages/orders";
import { OrderPage } from "./pages/order";
import { AddressesPage } from "./pages/addresses";
import { Skeleton, ErrorState } from "./components/states";

// Campaign screens load on first visit: they are not needed for the home page's first paint.
const CampaignsPage = lazy(() => import("./pages/campaigns/list").then((m) => ({ default: m.CampaignsPage })));
const MyEntriesPage = lazy(() => import("./pages/campaigns/list").then((m) => ({ default: m.MyEntriesPage })));
const CampaignPage = lazy(() => import("./pages/campaigns/campaign").then((m) => ({ default: m.CampaignPage })));
const later = (el: ReactElement) => <Suspense fallback={<Skeleton banner rows={2} />}>{el}</Suspense>;

type State = { status: "loading" } | { status: "error" } | { status: "ready"; config: ShopConfig };

const routes: { pattern: string; render: (params: Record<string, string>) => ReactElement }[] = [
  { pattern: "/", render: () => <HomePage /> },
  { pattern: "/me", render: () => <MePage /> },
  { pattern: "/demo", render: () => <DemoHostPage /> },
  { pattern: "/products", render: () => <CatalogPage /> },
  { pattern: "/products/:id", render: ({ id }) => <ProductPage key={id} id={id} /> },
  { pattern: "/redeem/:id", render: ({ id }) => <RedeemPage key={id} id={id} /> },
  { pattern: "/orders", render: () => <OrdersPage /> },
  { pattern: "/orders/:id", render: ({ id }) => <OrderPage key={id} id={id} /> },
  { pattern: "/addresses", render: () => <AddressesPage /> },
  { pattern: "/campaigns", render: () => later(<CampaignsPage />) },
  { pattern: "/campaigns/mine", render: () => later(<MyEntriesPage />) },
  { pattern: "/campaigns/:id", render: ({ id }) => later(<CampaignPage key={id} id={id} />) },
];

function Screen() {
  const { path } = useRouter();
  const t = useT();
  for (const r of routes) {
    const params = matchPath(r.pattern, path);
    if (params) return r.render(params);
  }
  return (
    <div className="notice">
      <p>{t("notFound")}</p>
      <Link className="primary-button" to="/">
        {t("backHome")}
      </Link>
    </div>
  );
}

export function App() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const [state, setState] = useState<State>({ status: "loading" });
  const t = (k: MessageKey) => translate(locale, k);

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
      <ShopConfigContext.Provider value={state.status === "ready" ? state.config : null}>
        <RouterProvider>
          <div className="shell">
            <header className="topbar">
              <h1 className="mall-name" data-testid="mall-name">
                {state.status === "ready" ? state.config.name[locale] : "\u00a0"}
              </h1>
              <button className="link-button" onClick={() => setLocale(locale === "zh-CN" ? "en-US" : "zh-CN")} lang={locale === "zh-CN" ? "en" : "zh-CN"}>
                {t("language")}
              </button>
            </header>
            <main className="content">
              {state.status === "loading" && <Skeleton banner rows={2} />}
              {state.status === "error" && <ErrorState onRetry={load} />}
              {state.status === "ready" && <Screen />}
            </main>
            <TabBar />
          </div>
        </RouterProvider>
      </ShopConfigContext.Provider>
    </LocaleContext.Provider>
  );
}
