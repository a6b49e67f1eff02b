import i18n from "i18next";
import { initReactI18next } from "react-i18next";

export const LOCALES = ["zh-CN", "en-US"] as const;
export type Locale = (typeof LOCALES)[number];
const STORAGE_KEY = "pointmall.admin.locale";

/**
 * Translations live in one JSON file per area and language (i18n/<lang>/<area>.json) so that each
 * area adds its own file; they are merged here into one "translation" namespace per language.
 */
const files = import.meta.glob<{ default: Record<string, unknown> }>("./*/*.json", { eager: true });

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>) {
  for (const [k, v] of Object.entries(source)) {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      target[k] = deepMerge((target[k] as Record<string, unknown>) ?? {}, v as Record<string, unknown>);
    } else target[k] = v;
  }
  return target;
}

const resources: Record<string, { translation: Record<string, unknown> }> = {};
for (const [path, mod] of Object.entries(files)) {
  const lang = path.split("/")[1];
  resources[lang] ??= { translation: {} };
  deepMerge(resources[lang].translation, mod.default);
}

export function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  return navigator.language?.toLowerCase().startsWith("en") ? "en-US" : "zh-CN";
}

export function rememberLocale(locale: Locale) {
  localStorage.setItem(STORAGE_KEY, locale);
  document.documentElement.lang = locale;
}

i18n.use(initReactI18next).init({
  resources,
  lng: initialLocale(),
  fallbackLng: "en-US",
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

export default i18n;
