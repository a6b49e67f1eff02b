/**
 * The page theme (operator-chosen colours) applied as CSS variables. Operators pick any colour, so
 * the text drawn on it, and the primary colour used as text on white cards, are derived here to
 * keep WCAG AA contrast (4.5:1) whatever they chose.
 */

export interface ThemeColours {
  primaryColor: string;
  background: string;
  logoUrl: string;
}

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

export function parseHex(hex: string): [number, number, number] | null {
  if (!HEX.test(hex)) return null;
  let h = hex.slice(1);
  if (h.length === 3) h = [...h].map((c) => c + c).join("");
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

const toHex = (rgb: number[]) => `#${rgb.map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, "0")).join("")}`;

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const rgb = parseHex(hex);
  if (!rgb) return 0;
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** White or near-black, whichever reads better on `bg` (text on the top bar and primary buttons). */
export function readableOn(bg: string): "#ffffff" | "#1f1f1f" {
  return contrastRatio("#ffffff", bg) >= contrastRatio("#1f1f1f", bg) ? "#ffffff" : "#1f1f1f";
}

/**
 * `colour` darkened just enough to reach `ratio` against `against` (prices and links in the brand
 * colour on white cards). A colour that already passes is returned as is.
 */
export function ensureContrast(colour: string, against = "#ffffff", ratio = 4.5): string {
  const rgb = parseHex(colour);
  if (!rgb) return colour;
  if (contrastRatio(colour, against) >= ratio) return toHex(rgb);
  for (let k = 0.95; k > 0; k -= 0.05) {
    const next = toHex(rgb.map((c) => c * k));
    if (contrastRatio(next, against) >= ratio) return next;
  }
  return "#000000";
}

/** The CSS variables for a theme (invalid colours fall back to the defaults in styles.css). */
export function themeVariables(theme: Pick<ThemeColours, "primaryColor" | "background">): Record<string, string> {
  const vars: Record<string, string> = {};
  if (parseHex(theme.primaryColor)) {
    vars["--primary"] = theme.primaryColor;
    // Surfaces with text on them (top bar, buttons): the primary colour, darkened just enough for white
    // text to reach 4.5:1 when white reads better; light primaries keep their colour and get dark text.
    const strong = readableOn(theme.primaryColor) === "#ffffff" ? ensureContrast(theme.primaryColor) : theme.primaryColor;
    vars["--primary-strong"] = strong;
    vars["--on-primary"] = readableOn(strong);
    vars["--primary-text"] = ensureContrast(theme.primaryColor);
  }
  if (parseHex(theme.background)) {
    vars["--bg"] = theme.background;
    // Section titles and "more" links sit on the page background itself, not on a white card.
    const dark = readableOn(theme.background) === "#ffffff";
    vars["--on-bg"] = dark ? "#ffffff" : "#1f1f1f";
    vars["--on-bg-muted"] = dark ? "#e6e6e6" : ensureContrast("#595959", theme.background);
  }
  return vars;
}

/** Sets the variables on <html> and the browser's theme colour (the host's web view may tint its bar with it). */
export function applyTheme(theme: Pick<ThemeColours, "primaryColor" | "background">) {
  const root = document.documentElement;
  for (const [k, v] of Object.entries(themeVariables(theme))) root.style.setProperty(k, v);
  if (parseHex(theme.primaryColor)) document.querySelector('meta[name="theme-color"]')?.setAttribute("content", theme.primaryColor);
}
