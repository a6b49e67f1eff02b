import type { LocalText } from "../../lib/types";

/** The member API's campaign shapes (api/routes/shop-campaigns/shop-campaigns.routes.ts). */
export type Template = "wheel" | "scratch" | "quiz" | "flash_sale" | "sign_in" | "auction";

export interface Eligibility {
  eligible: boolean;
  reason: string | null;
  entriesToday: number;
  entriesTotal: number;
  chancesLeftToday: number | null;
  chancesLeft: number | null;
}

export interface CampaignSummary {
  id: number;
  template: Template;
  title: LocalText;
  image: string;
  status: "scheduled" | "live" | "ended";
  startAt: string;
  endAt: string;
  entryCost: number;
  perDayLimit: number;
  totalLimit: number;
  tiers: string[];
  newMemberDays: number;
  salePoints?: number;
  stockLeft?: number;
  reservedStock?: number;
  currentPrice?: number;
  eligibility: Eligibility | null;
}

export interface Prize {
  id: number;
  name: LocalText;
  kind: "points" | "product" | "coupon" | "virtual" | "nothing";
  points: number;
  color: string;
  isFallback: boolean;
}

export interface QuizQuestion {
  id: number;
  text: LocalText;
  kind: "single" | "multiple";
  options: { id: string; text: LocalText }[];
}

export interface CampaignProduct {
  id: number;
  type: "physical" | "virtual" | "coupon";
  name: LocalText;
  image: string;
  pointsPrice: number;
  cashPrice: number;
}

export interface AuctionState {
  startPrice: number;
  increment: number;
  currentPrice: number | null;
  minimumBid: number;
  endAt: string;
  status: "scheduled" | "live" | "ended";
  antiSnipingSec: number;
  extendBySec: number;
  leader: string | null;
  leading: boolean;
  myHeld: number;
  bidCount: number;
  settled: boolean;
  won: boolean;
  orderId: number | null;
}

export interface CampaignDetail extends CampaignSummary {
  rules: LocalText;
  balance: number | null;
  prizes?: Prize[];
  quiz?: { questionsPerEntry: number; timeLimitSec: number; passMark: number; rewardPoints: number; openAttempt: { attemptId: number; deadline: string; questions: QuizQuestion[] } | null };
  flashSale?: { product: CampaignProduct; salePoints: number; saleCash: number; perMemberLimit: number; stockLeft: number; reservedStock: number; bought: number };
  signIn?: { steps: number[]; bonusEvery: number; bonusPoints: number; makeUpCost: number; makeUpDaysBack: number; makeUpPerMonth: number };
  auction?: AuctionState & { product: CampaignProduct };
}

export interface DrawResult {
  entryId: number;
  replayed: boolean;
  prize: { id: number; name: LocalText; kind: Prize["kind"]; points: number; isFallback: boolean };
  landedIndex: number;
  pointsAwarded: number;
  orderId: number | null;
  balance: number;
  chancesLeftToday: number | null;
  chancesLeft: number | null;
}

/** What a campaign screen gets from the page around it. */
export interface ScreenProps {
  campaign: CampaignDetail;
  /** Loads the campaign again (balance, chances, stock). */
  reload(): void;
}
