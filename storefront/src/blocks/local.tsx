import type { ElementType, ReactNode } from "react";
import { useLocale } from "../i18n";
import { pickText, type LocalText } from "../lib/local-text";

/** Operator text in the member's language, or the other one (marked with `lang`) when it was left empty. */
export function Local({ text, as: Tag = "span", className, id, children }: { text: LocalText; as?: ElementType; className?: string; id?: string; children?: ReactNode }) {
  const { locale } = useLocale();
  const picked = pickText(text, locale);
  return (
    <Tag className={className} id={id} lang={picked.lang === locale ? undefined : picked.lang}>
      {picked.value}
      {children}
    </Tag>
  );
}

/** `(text) => string` in the member's language with the fallback (for attributes such as alt and aria-label). */
export function useLocalText() {
  const { locale } = useLocale();
  return (text: LocalText | null | undefined) => pickText(text, locale).value;
}
