import { createContext, useContext } from "react";
import type { Locale } from "../i18n";

export interface ShopConfig {
  name: Record<Locale, string>;
  theme: { primaryColor: string; background: string; logoUrl: string };
  locales: string[];
  demo: boolean;
}

export const ShopConfigContext = createContext<ShopConfig | null>(null);
export const useShopConfig = () => useContext(ShopConfigContext);
