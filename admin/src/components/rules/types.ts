/** The API's rule config (api/domain/points/rule-engine.ts RuleConfigSchema), as the console sees it. */
export type Award =
  | { kind: "fixed"; points: number }
  | { kind: "daily"; points: number }
  | { kind: "purchaseRatio"; points: number; perCents: number; minCents: number }
  | { kind: "purchaseTiers"; bands: { minCents: number; points: number }[] }
  | { kind: "streak"; steps: number[]; bonusEvery: number; bonusPoints: number };

export type AwardKind = Award["kind"];
export const AWARD_KINDS: AwardKind[] = ["fixed", "daily", "purchaseRatio", "purchaseTiers", "streak"];

export interface RuleConfig {
  award: Award;
  dailyCap: number | null;
  totalCap: number | null;
  useTierMultiplier: boolean;
}

export interface RuleVersion {
  version: number;
  config: RuleConfig;
  note: string;
  createdBy: string;
  createdAt: string;
}

export interface Rule {
  id: number;
  eventType: string;
  name: string;
  status: "active" | "inactive";
  currentVersion: number;
  canaryVersion: number | null;
  canaryPercent: number;
  config: RuleConfig;
  createdAt: string;
  updatedAt: string;
}

export interface RuleDetail extends Rule {
  versions: RuleVersion[];
}

export interface RuleApplies {
  memberId: number;
  externalId: string;
  version: number;
  canary: boolean;
  bucket: number;
}

/** The event types the host integration documents; operators may add their own. */
export const BUILT_IN_EVENT_TYPES = ["purchase", "review", "share", "invite", "login", "sign_in"];

/** A sensible starting award for each kind, used when the operator switches kinds. */
export const DEFAULT_AWARDS: Record<AwardKind, Award> = {
  fixed: { kind: "fixed", points: 10 },
  daily: { kind: "daily", points: 10 },
  purchaseRatio: { kind: "purchaseRatio", points: 1, perCents: 1000, minCents: 0 },
  purchaseTiers: { kind: "purchaseTiers", bands: [{ minCents: 10000, points: 10 }, { minCents: 30000, points: 40 }] },
  streak: { kind: "streak", steps: [5, 8, 12, 15, 18, 20, 25], bonusEvery: 7, bonusPoints: 50 },
};

export const isPurchaseAward = (a: Award | undefined) => a?.kind === "purchaseRatio" || a?.kind === "purchaseTiers";
