import { sqliteTable, integer, text, index, primaryKey, uniqueIndex } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { createdAt, timestamp } from "./columns";
import { apps } from "./apps";
import { members } from "./members";

export const ledgerTypes = ["earn", "spend", "refund", "expire", "adjust", "hold", "release"] as const;
export type LedgerType = (typeof ledgerTypes)[number];
export const actorTypes = ["staff", "app", "system", "member"] as const;

/**
 * The points ledger: append-only, never updated or deleted. Every change to a member's points is
 * one entry with a business id unique per app; the same business id twice is one change.
 */
export const ledgerEntries = sqliteTable(
  "ledger_entries",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    appId: integer("app_id")
      .notNull()
      .references(() => apps.id),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id),
    type: text("type", { enum: ledgerTypes }).notNull(),
    /** Signed: positive adds points, negative takes them. */
    amount: integer("amount").notNull(),
    balanceAfter: integer("balance_after").notNull(),
    businessId: text("business_id").notNull(),
    /** SHA-256 of what the change was asked to do, to tell a replay from a reuse of the id. */
    requestHash: text("request_hash").notNull(),
    reason: text("reason").notNull().default(""),
    actorType: text("actor_type", { enum: actorTypes }).notNull(),
    actorId: text("actor_id").notNull().default(""),
    ruleId: integer("rule_id"),
    ruleVersion: integer("rule_version"),
    /** For refund and release: the spend or hold it gives back. */
    refEntryId: integer("ref_entry_id"),
    orderId: integer("order_id"),
    campaignId: integer("campaign_id"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("ledger_app_business_uq").on(t.appId, t.businessId),
    index("ledger_member_idx").on(t.memberId, t.id),
    // Covering (amount included): the tier's "earned in 12 months" sum reads the index only.
    index("ledger_member_type_time_idx").on(t.memberId, t.type, t.createdAt, t.amount),
    index("ledger_created_idx").on(t.createdAt),
  ],
);

/** Stands in for "never expires" where lots are ordered by expiry (beyond any real date). */
export const NEVER_MS = 8_640_000_000_000_000;

/** Earned points, each lot with its own expiry; spending takes from the lot that expires first. */
export const pointLots = sqliteTable(
  "point_lots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id),
    /** The entry that created the lot (earn, adjust, refund, release). */
    entryId: integer("entry_id").notNull(),
    amount: integer("amount").notNull(),
    remaining: integer("remaining").notNull(),
    earnedAt: timestamp("earned_at").notNull(),
    /** The instant the lot expires (exclusive); null never expires. */
    expiresAt: timestamp("expires_at"),
    /** Set by the expire entry that took the remainder. */
    expiredAt: timestamp("expired_at"),
  },
  (t) => [
    index("lots_member_open_idx").on(t.memberId, t.remaining, t.expiresAt),
    // Also lots_member_fifo_idx, written by hand in migration 0001 (drizzle-kit cannot express it): a
    // member's open lots in spending order, (member_id, coalesce(expires_at, NEVER_MS), id) where open.
    // Only open lots: the expiry sweep and reminders never read spent or expired history.
    index("lots_open_expiry_idx").on(t.expiresAt, t.memberId).where(sql`${t.remaining} > 0 and ${t.expiredAt} is null`),
  ],
);

/** Which lots a spend, hold or expire entry took from, so a refund can restore them with their expiry. */
export const lotAllocations = sqliteTable(
  "lot_allocations",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entryId: integer("entry_id").notNull(),
    lotId: integer("lot_id").notNull(),
    amount: integer("amount").notNull(),
    /** How much of this allocation a refund or release has given back already. */
    restored: integer("restored").notNull().default(0),
  },
  (t) => [index("lot_alloc_entry_idx").on(t.entryId)],
);

export const eventOutcomes = ["granted", "held", "capped", "ignored"] as const;

/** Host events as received, with the answer given, so a replay of a business id answers the same. */
export const pointEvents = sqliteTable(
  "point_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    appId: integer("app_id")
      .notNull()
      .references(() => apps.id),
    businessId: text("business_id").notNull(),
    requestHash: text("request_hash").notNull(),
    memberId: integer("member_id").notNull(),
    type: text("type").notNull(),
    amount: integer("amount"),
    occurredAt: timestamp("occurred_at").notNull(),
    outcome: text("outcome", { enum: eventOutcomes }).notNull(),
    points: integer("points").notNull(),
    ruleId: integer("rule_id"),
    ruleVersion: integer("rule_version"),
    entryId: integer("entry_id"),
    reviewId: integer("review_id"),
    response: text("response", { mode: "json" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("point_events_app_business_uq").on(t.appId, t.businessId)],
);

/**
 * What each member got from each event type per mall day (events granted or capped), kept with the
 * events in the same transaction: the daily and total caps, once-a-day rules and streaks read a row
 * or a few instead of the member's whole event history.
 */
export const pointEventDays = sqliteTable(
  "point_event_days",
  {
    memberId: integer("member_id").notNull(),
    type: text("type").notNull(),
    /** The mall day ("2026-11-23", Asia/Shanghai) the events occurred on. */
    day: text("day").notNull(),
    points: integer("points").notNull(),
    /** How many events counted that day. */
    events: integer("events").notNull(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.type, t.day] })],
);

export const reviewStatuses = ["pending", "approved", "rejected"] as const;

/** Changes above the risk threshold wait here for an operator instead of being applied. */
export const pointReviews = sqliteTable(
  "point_reviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    appId: integer("app_id").notNull(),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id),
    source: text("source", { enum: ["event", "adjustment"] }).notNull(),
    /** The ledger type the change becomes when approved (earn or adjust). */
    entryType: text("entry_type", { enum: ["earn", "adjust"] }).notNull(),
    amount: integer("amount").notNull(),
    businessId: text("business_id").notNull(),
    reason: text("reason").notNull().default(""),
    eventType: text("event_type"),
    ruleId: integer("rule_id"),
    ruleVersion: integer("rule_version"),
    requestedBy: text("requested_by").notNull(),
    status: text("status", { enum: reviewStatuses }).notNull().default("pending"),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at"),
    decisionReason: text("decision_reason"),
    entryId: integer("entry_id"),
    createdAt: createdAt(),
  },
  (t) => [index("point_reviews_status_idx").on(t.status, t.createdAt), uniqueIndex("point_reviews_business_uq").on(t.appId, t.businessId)],
);
