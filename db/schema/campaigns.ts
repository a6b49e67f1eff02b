import { sqliteTable, integer, text, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, timestamp, updatedAt } from "./columns";
import { members } from "./members";
import type { LocalText } from "./catalog";
import { products } from "./catalog";

export const campaignTemplates = ["wheel", "scratch", "quiz", "flash_sale", "sign_in", "auction"] as const;
export type CampaignTemplate = (typeof campaignTemplates)[number];
export const campaignStatuses = ["draft", "scheduled", "live", "ended"] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/**
 * A campaign (活动). Common to every template: title, rules text, images, time window, entry
 * condition (tiers, new members only), entry cost, per-member limits. `config` holds what is
 * particular to the template (quiz settings, flash-sale product and price, sign-in rewards,
 * auction prices); prizes and questions have their own tables.
 */
export const campaigns = sqliteTable(
  "campaigns",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    template: text("template", { enum: campaignTemplates }).notNull(),
    title: text("title", { mode: "json" }).$type<LocalText>().notNull(),
    rules: text("rules", { mode: "json" }).$type<LocalText>().notNull(),
    image: text("image").notNull().default(""),
    startAt: timestamp("start_at").notNull(),
    endAt: timestamp("end_at").notNull(),
    /** draft until scheduled; scheduled → live → ended move by themselves on time. */
    status: text("status", { enum: campaignStatuses }).notNull().default("draft"),
    /** Tier codes that may enter (empty: all tiers). */
    tiers: text("tiers", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** Only members who joined within this many days before entering (0: everyone). */
    newMemberDays: integer("new_member_days").notNull().default(0),
    entryCost: integer("entry_cost").notNull().default(0),
    /** Entries per member per day and in total (0: no limit). */
    perDayLimit: integer("per_day_limit").notNull().default(0),
    totalLimit: integer("total_limit").notNull().default(0),
    config: text("config", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    /** Flash sales and auctions: stock set aside from the product while the campaign runs. */
    reservedStock: integer("reserved_stock").notNull().default(0),
    stockLeft: integer("stock_left").notNull().default(0),
    /** Auctions: the price to beat, who leads, and the end (which bids near it push back). */
    currentPrice: integer("current_price"),
    leaderMemberId: integer("leader_member_id"),
    settledAt: timestamp("settled_at"),
    createdBy: text("created_by").notNull().default(""),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("campaigns_status_idx").on(t.status, t.startAt), index("campaigns_window_idx").on(t.startAt, t.endAt)],
);

export const prizeKinds = ["points", "product", "coupon", "virtual", "nothing"] as const;
export type PrizeKind = (typeof prizeKinds)[number];

/** A prize in a wheel's or scratch card's pool (and the reward of a quiz). Odds in parts per million. */
export const campaignPrizes = sqliteTable(
  "campaign_prizes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    name: text("name", { mode: "json" }).$type<LocalText>().notNull(),
    kind: text("kind", { enum: prizeKinds }).notNull(),
    /** Points prizes: how many. */
    points: integer("points").notNull().default(0),
    /** Product, coupon and virtual prizes: the product whose order is created (at zero price). */
    productId: integer("product_id").references(() => products.id),
    oddsPpm: integer("odds_ppm").notNull().default(0),
    /** Null: unlimited (points and "thanks for taking part"). */
    stock: integer("stock"),
    initialStock: integer("initial_stock"),
    /** At most this many given out per day (0: no daily release). */
    dailyRelease: integer("daily_release").notNull().default(0),
    /** What the prize costs the mall, in cents (for the cost forecast). */
    valueCents: integer("value_cents").notNull().default(0),
    /** The prize that takes the odds of any prize whose stock has run out. */
    isFallback: integer("is_fallback", { mode: "boolean" }).notNull().default(false),
    color: text("color").notNull().default(""),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [index("campaign_prizes_campaign_idx").on(t.campaignId, t.sortOrder)],
);

/** One entry (a draw, a quiz attempt, a flash-sale buy, a sign-in, a bid): cost, outcome, prize. */
export const campaignEntries = sqliteTable(
  "campaign_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id),
    /** The calendar day (mall time zone) of the entry, for per-day limits. */
    day: text("day").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    cost: integer("cost").notNull().default(0),
    spendEntryId: integer("spend_entry_id"),
    prizeId: integer("prize_id"),
    /** won, lost, passed, failed, bought, signed_in, bid ... */
    outcome: text("outcome").notNull(),
    /** The points a points prize (or reward) granted, and the ledger entry that did it. */
    pointsAwarded: integer("points_awarded").notNull().default(0),
    ledgerEntryId: integer("ledger_entry_id"),
    orderId: integer("order_id"),
    detail: text("detail", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("campaign_entries_key_uq").on(t.campaignId, t.memberId, t.idempotencyKey),
    index("campaign_entries_member_day_idx").on(t.campaignId, t.memberId, t.day),
    index("campaign_entries_prize_day_idx").on(t.campaignId, t.prizeId, t.day),
    index("campaign_entries_campaign_idx").on(t.campaignId, t.createdAt),
  ],
);

/** Members who opened a campaign, once per day: the "visitors" of the statistics. */
export const campaignVisits = sqliteTable(
  "campaign_visits",
  {
    campaignId: integer("campaign_id").notNull(),
    memberId: integer("member_id").notNull(),
    day: text("day").notNull(),
  },
  (t) => [uniqueIndex("campaign_visits_uq").on(t.campaignId, t.memberId, t.day)],
);

export interface QuizOption {
  id: string;
  text: LocalText;
}

export const quizQuestions = sqliteTable(
  "quiz_questions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: integer("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    text: text("text", { mode: "json" }).$type<LocalText>().notNull(),
    kind: text("kind", { enum: ["single", "multiple"] }).notNull(),
    options: text("options", { mode: "json" }).$type<QuizOption[]>().notNull(),
    /** Never sent to a member before they answer. */
    correct: text("correct", { mode: "json" }).$type<string[]>().notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
  },
  (t) => [index("quiz_questions_campaign_idx").on(t.campaignId)],
);

export const quizAttempts = sqliteTable(
  "quiz_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: integer("campaign_id").notNull(),
    memberId: integer("member_id").notNull(),
    entryId: integer("entry_id").notNull(),
    questionIds: text("question_ids", { mode: "json" }).$type<number[]>().notNull(),
    deadline: timestamp("deadline").notNull(),
    answers: text("answers", { mode: "json" }).$type<Record<string, string[]> | null>(),
    score: integer("score"),
    passed: integer("passed", { mode: "boolean" }),
    finishedAt: timestamp("finished_at"),
    createdAt: createdAt(),
  },
  (t) => [index("quiz_attempts_member_idx").on(t.campaignId, t.memberId)],
);

/** Daily check-ins of a sign-in campaign. */
export const signIns = sqliteTable(
  "sign_ins",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: integer("campaign_id").notNull(),
    memberId: integer("member_id").notNull(),
    day: text("day").notNull(),
    streak: integer("streak").notNull(),
    points: integer("points").notNull(),
    madeUp: integer("made_up", { mode: "boolean" }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("sign_ins_member_day_uq").on(t.campaignId, t.memberId, t.day)],
);

export const bidStatuses = ["leading", "outbid", "won", "lost"] as const;

/** Auction bids: a bid holds the points; being outbid releases them; the winner's hold pays. */
export const auctionBids = sqliteTable(
  "auction_bids",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    campaignId: integer("campaign_id").notNull(),
    memberId: integer("member_id").notNull(),
    amount: integer("amount").notNull(),
    holdEntryId: integer("hold_entry_id").notNull(),
    releaseEntryId: integer("release_entry_id"),
    status: text("status", { enum: bidStatuses }).notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("auction_bids_campaign_idx").on(t.campaignId, t.amount), uniqueIndex("auction_bids_key_uq").on(t.campaignId, t.memberId, t.idempotencyKey)],
);

