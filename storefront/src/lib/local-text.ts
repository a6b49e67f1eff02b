import type { Locale } from "../i18n";

/** Text per language as the API sends it; an empty string means "not translated yet". */
export type LocalText = Partial<Record<Locale, string>>;

export const OTHER_LOCALE: Record<Locale, Locale> = { "zh-CN": "en-US", "en-US": "zh-CN" };

/**
 * The text in the member's language or, when the operator left that one empty, in the other one,
 * with the language it is in (so the element can carry `lang` and screen readers pronounce it right).
 */
export function pickText(text: LocalText | null | undefined, locale: Locale): { value: string; lang: Locale } {
  const own = text?.[locale]?.trim();
  if (own) return { value: text![locale]!, lang: locale };
  const other = OTHER_LOCALE[locale];
  const fallback = text?.[other]?.trim();
  if (fallback) return { value: text![other]!, lang: other };
  return { value: "", lang: locale };
}

/** Just the string of `pickText`. */
export const textIn = (text: LocalText | null | undefined, locale: Locale) => pickText(text, locale).value;
