/** A member tier. `multiplierPermille` is the earning multiplier in thousandths (1500 = ×1.5). */
export interface TierDef {
  code: string;
  name: { "zh-CN": string; "en-US": string };
  /** Points earned in the last 12 months needed for this tier. */
  threshold: number;
  multiplierPermille: number;
}

export const defaultTiers: TierDef[] = [
  { code: "normal", name: { "zh-CN": "普通会员", "en-US": "Member" }, threshold: 0, multiplierPermille: 1000 },
  { code: "silver", name: { "zh-CN": "白银会员", "en-US": "Silver" }, threshold: 1000, multiplierPermille: 1000 },
  { code: "gold", name: { "zh-CN": "黄金会员", "en-US": "Gold" }, threshold: 5000, multiplierPermille: 1500 },
  { code: "diamond", name: { "zh-CN": "钻石会员", "en-US": "Diamond" }, threshold: 10000, multiplierPermille: 2000 },
];

const sorted = (tiers: TierDef[]) => [...tiers].sort((a, b) => a.threshold - b.threshold);

/** The highest tier whose threshold the points earned in the last 12 months reach. */
export function tierFor(earned12m: number, tiers: TierDef[]): TierDef {
  let result = sorted(tiers)[0];
  for (const t of sorted(tiers)) if (earned12m >= t.threshold) result = t;
  return result;
}

export function tierByCode(code: string, tiers: TierDef[]): TierDef {
  return tiers.find((t) => t.code === code) ?? sorted(tiers)[0];
}

/** Progress towards the next tier, for the member's "my points" screen. */
export function tierProgress(earned12m: number, tiers: TierDef[]) {
  const current = tierFor(earned12m, tiers);
  const next = sorted(tiers).find((t) => t.threshold > earned12m) ?? null;
  return {
    current: current.code,
    earned12m,
    next: next?.code ?? null,
    nextThreshold: next?.threshold ?? null,
    pointsToNext: next ? next.threshold - earned12m : 0,
  };
}

/** Validation for operator-edited tiers: unique codes, one tier at 0, thresholds strictly increasing. */
export function tierProblems(tiers: TierDef[]): Record<string, string> {
  const problems: Record<string, string> = {};
  const codes = new Set<string>();
  tiers.forEach((t, i) => {
    if (codes.has(t.code)) problems[`tiers.${i}.code`] = "duplicate code";
    codes.add(t.code);
    if (t.multiplierPermille < 0 || t.multiplierPermille > 10_000) problems[`tiers.${i}.multiplierPermille`] = "between 0 and 10000 (×10)";
  });
  const s = sorted(tiers);
  if (!s.length || s[0].threshold !== 0) problems["tiers"] = "one tier must start at 0";
  for (let i = 1; i < s.length; i++) if (s[i].threshold === s[i - 1].threshold) problems["tiers"] = "thresholds must differ";
  return problems;
}
