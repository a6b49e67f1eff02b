const points = new Intl.NumberFormat("en-US");
const yuanFmt = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * Cents as yuan: ¥1,234.50; amounts under ¥1 that are not whole cents keep a third decimal
 * (an expected cost per entry of 23.2 cents is ¥0.232, not ¥0.23).
 */
export function formatCents(cents: number | null | undefined): string {
  if (cents == null || !Number.isFinite(cents)) return "—";
  const sign = cents < 0 ? "−" : "";
  const abs = Math.abs(cents);
  if (abs < 100 && !Number.isInteger(Math.round(abs * 1000) / 1000)) return `${sign}¥${(abs / 100).toFixed(abs < 10 ? 4 : 3)}`;
  return `${sign}¥${yuanFmt.format(abs / 100)}`;
}

export const formatCount = (n: number | null | undefined, digits = 0) => (n == null ? "—" : points.format(Number(n.toFixed(digits))));

export const formatRate = (r: number | null | undefined) => (r == null ? "—" : `${(r * 100).toFixed(1)}%`);
