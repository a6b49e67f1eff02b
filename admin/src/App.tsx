import { Authenticated, Refine, type I18nProvider } from "@refinedev/core";
import { ErrorComponent, ThemedLayout, ThemedSider, useNotificationProvider } from "@refinedev/antd";
import routerProvider, { CatchAllNavigate, DocumentTitleHandler, NavigateToResource, UnsavedChangesNotifier } from "@refinedev/react-router";
import { BrowserRouter, Outlet, Route, Routes } from "react-router";
import { useTranslation } from "react-i18next";
import "@refinedev/antd/dist/reset.css";
import { accessControlProvider } from "./providers/access-control-provider";
import { authProvider } from "./providers/auth-provider";
import { dataProvider } from "./providers/data-provider";
import { PreferencesProvider } from "./providers/preferences";
import { Header } from "./components/layout/header";
import { AppTitle } from "./components/layout/title";
import { LoginPage } from "./pages/login";
import type { ResourceModule } from "./resources/types";

const modules = Object.values(import.meta.glob<ResourceModule>("./resources/*.tsx", { eager: true, import: "default" })).sort(
  (a, b) => a.order - b.order,
);
const resources = modules.flatMap((m) => m.resources);

function RefineApp() {
  const { t, i18n } = useTranslation();
  const i18nProvider: I18nProvider = {
    translate: (key: string, options?: unknown, defaultMessage?: string) =>
      t(key, { defaultValue: defaultMessage ?? (typeof options === "string" ? options : key), ...(typeof options === "object" ? (options as object) : {}) }),
    changeLocale: (lang: string) => i18n.changeLanguage(lang),
    getLocale: () => i18n.language,
  };

  return (
    <Refine
      dataProvider={dataProvider}
      authProvider={authProvider}
      accessControlProvider={accessControlProvider}
      i18nProvider={i18nProvider}
      routerProvider={routerProvider}
      notificationProvider={useNotificationProvider}
      resources={resources}
      options={{ syncWithLocation: true, warnWhenUnsavedChanges: true, disableTelemetry: true, reactQuery: { clientConfig: { defaultOptions: { queries: { retry: 1 } } } } }}
    >
      <Routes>
        <Route
          element={
            <Authenticated key="console" fallback={<CatchAllNavigate to="/login" />}>
              <ThemedLayout Header={Header} Title={AppTitle} Sider={(props) => <ThemedSider {...props} render={({ items, logout }) => <>{items}{logout}</>} />}>
                <Outlet />
              </ThemedLayout>
            </Authenticated>
          }
        >
          {modules.map((m, i) => (
            <Route key={i}>{m.routes}</Route>
          ))}
          <Route path="*" element={<ErrorComponent />} />
        </Route>
        <Route
          element={
            <Authenticated key="login" fallback={<Outlet />}>
              <NavigateToResource resource="dashboard" />
            </Authenticated>
          }
        >
          <Route path="/login" element={<LoginPage />} />
        </Route>
      </Routes>
      <UnsavedChangesNotifier />
      <DocumentTitleHandler handler={({ resource, action }) => {
        const name = resource ? t(`${resource.name}.${resource.name}`, resource.name) : "";
        return [name, action && action !== "list" ? t(`buttons.${action}`, action) : "", t("app.title")].filter(Boolean).join(" · ");
      }} />
    </Refine>
  );
}

export default function App() {
  return (
    <BrowserRouter basename="/admin">
      <PreferencesProvider>
        <RefineApp />
      </PreferencesProvider>
    </BrowserRouter>
  );
}
