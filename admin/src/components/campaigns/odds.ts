/** Odds are stored in parts per million and edited as percentages with up to 4 decimals (0.0001% = 1 ppm). */
export const PPM = 1_000_000;

export const ppmToPercent = (ppm: number | null | undefined) => (ppm == null ? ppm : ppm / 10_000);
export const percentToPpm = (percent: number | null | undefined) => (percent == null ? 0 : Math.round(percent * 10_000));

/** 12.5% or 0.01%: at most four decimals, no trailing zeros. */
export function formatPercent(ppm: number): string {
  return `${(ppm / 10_000).toFixed(4).replace(/\.?0+$/, "")}%`;
}

/** The form item props that show ppm as a percentage and store the percentage back as ppm. */
export const oddsItemProps = {
  getValueProps: (v: number | null | undefined) => ({ value: ppmToPercent(v) }),
  normalize: (v: number | null) => percentToPpm(v),
};

export function sumPpm(prizes: { oddsPpm?: number | null }[] | undefined): number {
  return (prizes ?? []).reduce((s, p) => s + (p?.oddsPpm ?? 0), 0);
}
