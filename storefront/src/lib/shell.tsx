import { createContext, useContext, useEffect } from "react";
import type { ResolvedTheme } from "../../../api/domain/pages/resolved";

/**
 * What a screen tells the shell around it (top bar, tab bar): the theme of the page it shows (the
 * published page carries the theme on now; the console's preview carries the draft's), and, in the
 * preview, which tab the previewed page belongs to.
 */
export interface Shell {
  setPageTheme(theme: ResolvedTheme | null): void;
  setTabPath(path: string | null): void;
  preview: boolean;
}

export const ShellContext = createContext<Shell>({ setPageTheme: () => {}, setTabPath: () => {}, preview: false });
export const useShell = () => useContext(ShellContext);

/** Applies a page's theme while the page is shown (the mall's theme from /api/shop/config again after). */
export function usePageTheme(theme: ResolvedTheme | null | undefined) {
  const { setPageTheme } = useShell();
  useEffect(() => {
    if (!theme) return;
    setPageTheme(theme);
    return () => setPageTheme(null);
  }, [theme, setPageTheme]);
}
