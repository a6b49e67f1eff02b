/** The points API's records as the console receives them (times are ISO strings in UTC). */
export type TierName = { "zh-CN": string; "en-US": string };

export interface Tier {
  code: string;
  name: TierName;
  threshold: number;
  /** Earning multiplier in thousandths: 1500 is ×1.5. */
  multiplierPermille: number;
}

export interface Member {
  id: number;
  appId: number;
  externalId: string;
  nickname: string;
  phone: string;
  tier: string;
  balance: number;
  status: "active" | "frozen";
  lastSeenAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MemberDetail extends Member {
  earned12m: number;
  progress: { current: string; earned12m: number; next: string | null; nextThreshold: number | null; pointsToNext: number };
  expiring: { days: number; total: number; dates: { date: string; points: number }[] };
}

export const LEDGER_TYPES = ["earn", "spend", "refund", "expire", "adjust", "hold", "release"] as const;
export type LedgerType = (typeof LEDGER_TYPES)[number];

export interface LedgerEntry {
  id: number;
  memberId: number;
  type: LedgerType;
  amount: number;
  balanceAfter: number;
  businessId: string;
  reason: string;
  actorType: "staff" | "app" | "system" | "member";
  actorId: string;
  ruleId: number | null;
  ruleVersion: number | null;
  refEntryId: number | null;
  orderId: number | null;
  campaignId: number | null;
  createdAt: string;
}

export interface PointLot {
  id: number;
  memberId: number;
  entryId: number;
  amount: number;
  remaining: number;
  earnedAt: string;
  expiresAt: string | null;
  expiredAt: string | null;
}

export interface TierChange {
  id: number;
  memberId: number;
  fromTier: string;
  toTier: string;
  earned12m: number;
  reason: string;
  createdAt: string;
}

export const REVIEW_STATUSES = ["pending", "approved", "rejected"] as const;

export interface Review {
  id: number;
  memberId: number;
  source: "event" | "adjustment";
  entryType: "earn" | "adjust";
  amount: number;
  businessId: string;
  reason: string;
  eventType: string | null;
  ruleId: number | null;
  ruleVersion: number | null;
  requestedBy: string;
  status: (typeof REVIEW_STATUSES)[number];
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  entryId: number | null;
  createdAt: string;
}

export type ExpiryPolicy = { mode: "fixed"; unit: "month" | "year"; periods: number } | { mode: "rolling"; days: number } | { mode: "never" };

export interface PointsPolicy {
  tiers: Tier[];
  expiry: ExpiryPolicy;
  riskThreshold: number;
  serviceAdjustLimit: number;
  reminderDays: number;
}

/** GET /members/policy: what member screens need, readable by every role that reads members. */
export interface MemberPolicy {
  tiers: Tier[];
  riskThreshold: number;
  /** The signed-in role's limit per adjustment; null when unlimited. */
  adjustLimit: number | null;
}

export interface AdjustResult {
  status: "applied" | "held";
  entryId: number | null;
  reviewId: number | null;
  balance: number;
  replayed: boolean;
}
