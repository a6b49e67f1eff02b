/** What the campaigns API answers (api/routes/campaigns). */
import type { LocalText } from "../catalog/types";

export type { LocalText };
export const TEMPLATES = ["wheel", "scratch", "quiz", "flash_sale", "sign_in", "auction"] as const;
export type Template = (typeof TEMPLATES)[number];
export const STATUSES = ["draft", "scheduled", "live", "ended"] as const;
export type CampaignStatus = (typeof STATUSES)[number];
export const PRIZE_KINDS = ["points", "product", "coupon", "virtual", "nothing"] as const;
export type PrizeKind = (typeof PRIZE_KINDS)[number];

export interface Campaign {
  id: number;
  template: Template;
  title: LocalText;
  rules: LocalText;
  image: string;
  startAt: string;
  endAt: string;
  /** The status now (a scheduled campaign past its start is live). */
  status: CampaignStatus;
  storedStatus: CampaignStatus;
  tiers: string[];
  newMemberDays: number;
  entryCost: number;
  perDayLimit: number;
  totalLimit: number;
  config: Record<string, unknown>;
  reservedStock: number;
  stockLeft: number;
  currentPrice: number | null;
  leaderMemberId: number | null;
  settledAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  entries: number;
}

export interface ProductRef {
  id: number;
  name: LocalText;
  type: "physical" | "virtual" | "coupon";
  image: string;
  stock: number;
  pointsPrice?: number;
  costCents?: number;
}

export interface Prize {
  id: number;
  name: LocalText;
  kind: PrizeKind;
  points: number;
  productId: number | null;
  oddsPpm: number;
  stock: number | null;
  initialStock: number | null;
  dailyRelease: number;
  valueCents: number;
  isFallback: boolean;
  color: string;
  sortOrder: number;
  issued: number;
  product: ProductRef | null;
}

export interface QuizOption {
  id: string;
  text: LocalText;
}

export interface Question {
  id?: number;
  text: LocalText;
  kind: "single" | "multiple";
  options: QuizOption[];
  correct: string[];
}

export interface CampaignDetail extends Campaign {
  prizes: Prize[];
  questions: Question[];
  product: ProductRef | null;
  auction: { currentPrice: number | null; minimumBid: number; leader: { id: number; externalId: string; nickname: string } | null; bids: number; settledAt: string | null } | null;
  readiness: Record<string, string>;
}

export interface Simulation {
  draws: number;
  prizes: { id: number; name: LocalText; kind: PrizeKind; isFallback: boolean; valueCents: number; expectedPpm: number; expected: number; observed: number; observedPpm: number; exhaustedAfter: number | null; costCents: number }[];
  chiSquare: { statistic: number | null; df: number; pValue: number | null };
  verdict: "fair" | "suspicious" | "not-applicable";
  totalCostCents: number;
  costPerEntryCents: number;
  pointsPerEntry: number;
  pointsCollected: number;
  pointsValueCents: number;
  pointsValuePerEntryCents: number;
  marginPerEntryCents: number;
  pointValueCents: number;
  elapsedMs: number;
}

export interface Forecast {
  entries: number;
  pointValueCents: number;
  costPerEntryCents: number;
  pointsPerEntry: number;
  pointsValuePerEntryCents: number;
  marginPerEntryCents: number;
  marginRate: number | null;
  budgetCents: number;
  pointsCollected: number;
  pointsValueCents: number;
  prizes: { id: number; name: LocalText; kind: PrizeKind; oddsPpm: number; valueCents: number; stock: number | null; expectedIssued: number; expectedCostCents: number; runsOutAfter: number | null }[];
}

export interface CampaignStats {
  visitors: number;
  participants: number;
  entries: number;
  conversion: number | null;
  prizes: { id: number; name: LocalText; kind: PrizeKind; isFallback: boolean; issued: number; stock: number | null; initialStock: number | null }[];
  fulfilment: { orders: number; completed: number; failed: number; inProgress: number; rate: number | null; byStatus: Record<string, number> };
  pointsCollected: number;
  pointsAwarded: number;
  pointValueCents: number;
  pointsValueCents: number;
  prizeCostCents: number;
  byDay: { day: string; entries: number; participants: number; visitors: number }[];
  outcomes: Record<string, number>;
}

/** The pool templates: prizes with odds. */
export const hasPool = (t: Template) => t === "wheel" || t === "scratch";
