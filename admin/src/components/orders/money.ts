const points = new Intl.NumberFormat("en-US");

/** Points with thousands separators. */
export const formatPointsValue = (n: number | null | undefined) => (n == null ? "—" : points.format(n));

/** Cash in cents as ¥x.xx. */
export const formatCash = (cents: number | null | undefined) => (cents == null ? "—" : `¥${(cents / 100).toFixed(2)}`);
