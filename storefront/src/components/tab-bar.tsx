import { useT, type MessageKey } from "../i18n";
import { Link, useRouter } from "../lib/router";

const TABS: { to: string; label: MessageKey; icon: string }[] = [
  { to: "/", label: "nav.home", icon: "M3 10.5 12 3l9 7.5V21h-6v-6H9v6H3z" },
  { to: "/products", label: "nav.catalog", icon: "M4 4h7v7H4zm9 0h7v7h-7zM4 13h7v7H4zm9 0h7v7h-7z" },
  { to: "/campaigns", label: "nav.campaigns", icon: "M20 7h-2.2A3 3 0 0 0 12 3.8 3 3 0 0 0 6.2 7H4a1 1 0 0 0-1 1v3h18V8a1 1 0 0 0-1-1Zm-9 0H9a1 1 0 1 1 1-1zm4 0h-2V6a1 1 0 1 1 2 1ZM4 13v7a1 1 0 0 0 1 1h6v-8zm9 8h6a1 1 0 0 0 1-1v-7h-7z" },
  { to: "/orders", label: "nav.orders", icon: "M6 2h9l5 5v15H6zm8 1.5V8h4.5M9 12h8v1.5H9zm0 4h8v1.5H9z" },
  { to: "/me", label: "nav.me", icon: "M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9Zm0 2c-4.4 0-8 2.2-8 5v2h16v-2c0-2.8-3.6-5-8-5Z" },
];

/** `activePath`: the tab to light up instead of the current route's (the console's preview of a page). */
export function TabBar({ activePath }: { activePath?: string | null }) {
  const t = useT();
  const router = useRouter();
  const path = activePath ?? router.path;
  return (
    <nav className="tab-bar" aria-label={t("nav.main")}>
      {TABS.map((tab) => {
        const active = tab.to === "/" ? path === "/" : path.startsWith(tab.to);
        return (
          <Link key={tab.to} to={tab.to} className={active ? "tab active" : "tab"} aria-current={active ? "page" : undefined}>
            <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
              <path d={tab.icon} fill="currentColor" />
            </svg>
            <span>{t(tab.label)}</span>
          </Link>
        );
      })}
    </nav>
  );
}
