import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type MouseEvent, type ReactElement } from "react";
import type { ResolvedTheme } from "../../api/domain/pages/resolved";
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
import { TopicPage } from "./pages/topic";
import { PreviewPage } from "./pages/preview";
import { ShellContext, type Shell } from "./lib/shell";
import { applyTheme } from "./lib/theme";
import { PREVIEW_PATH } from "./lib/preview-protocol";

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
  { pattern: "/topics/:slug", render: ({ slug }) => <TopicPage key={slug} slug={slug} /> },
  { pattern: PREVIEW_PATH, render: () => <PreviewPage /> },
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
  const [pageTheme, setPageTheme] = useState<ResolvedTheme | null>(null);
  const [tabPath, setTabPath] = useState<string | null>(null);
  // The console's phone preview: decided once, since nothing navigates inside it.
  const [preview] = useState(() => window.location.pathname === PREVIEW_PATH);
  const [toast, setToast] = useState(false);
  const toastTimer = useRef(0);
  const t = (k: MessageKey) => translate(locale, k);

  const load = () => {
    setState({ status: "loading" });
    fetch("/api/shop/config")
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then((config: ShopConfig) => setState({ status: "ready", config }))
      .catch(() => setState({ status: "error" }));
  };
  useEffect(load, []);

  const setLocale = useCallback(
    (l: Locale, opts: { persist?: boolean } = {}) => {
      if (opts.persist ?? !preview) localStorage.setItem("pointmall.shop.locale", l);
      setLocaleState(l);
    },
    [preview],
  );

  // A page's own theme (home, topic, preview) wins over the mall's while that page is shown.
  const theme = pageTheme ?? (state.status === "ready" ? state.config.theme : null);
  useEffect(() => {
    if (theme) applyTheme(theme);
  }, [theme]);

  useEffect(() => {
    document.documentElement.lang = locale;
    if (state.status === "ready") document.title = state.config.name[locale];
  }, [state, locale]);

  const shell = useMemo<Shell>(() => ({ setPageTheme, setTabPath, preview }), [preview]);

  /** In the preview, a tap on any link stays put (the console's frame must keep showing the page being edited). */
  const stayInPreview = (e: MouseEvent) => {
    if (!(e.target as Element).closest?.("a[href]")) return;
    e.preventDefault();
    e.stopPropagation();
    setToast(true);
    window.clearTimeout(toastTimer.current);
    toastTimer.current = window.setTimeout(() => setToast(false), 2000);
  };

  return (
    <LocaleContext.Provider value={{ locale, setLocale }}>
      <ShopConfigContext.Provider value={state.status === "ready" ? state.config : null}>
        <ShellContext.Provider value={shell}>
          <RouterProvider>
            <div className={preview ? "shell preview" : "shell"} onClickCapture={preview ? stayInPreview : undefined}>
              <header className="topbar">
                <div className="brand">
                  {theme?.logoUrl && <img className="brand-logo" src={theme.logoUrl} alt="" height={28} data-testid="mall-logo" />}
                  <h1 className="mall-name" data-testid="mall-name">
                    {state.status === "ready" ? state.config.name[locale] : "\u00a0"}
                  </h1>
                </div>
                <button className="link-button" onClick={() => setLocale(locale === "zh-CN" ? "en-US" : "zh-CN")} lang={locale === "zh-CN" ? "en" : "zh-CN"}>
                  {t("language")}
                </button>
              </header>
              <main className="content">
                {state.status === "loading" && <Skeleton banner rows={2} />}
                {state.status === "error" && <ErrorState onRetry={load} />}
                {state.status === "ready" && <Screen />}
              </main>
              <TabBar activePath={preview ? tabPath : undefined} />
              {toast && (
                <div className="toast" role="status" data-testid="preview-toast">
                  {t("preview.linksDisabled")}
                </div>
              )}
            </div>
          </RouterProvider>
        </ShellContext.Provider>
      </ShopConfigContext.Provider>
    </LocaleContext.Provider>
  );
}
