import { sqliteTable, integer, text, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, timestamp, updatedAt } from "./columns";
import { apps } from "./apps";

/** A member of a host app; `externalId` is the host's own member id. */
export const members = sqliteTable(
  "members",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    appId: integer("app_id")
      .notNull()
      .references(() => apps.id),
    externalId: text("external_id").notNull(),
    nickname: text("nickname").notNull().default(""),
    phone: text("phone").notNull().default(""),
    tier: text("tier").notNull().default("normal"),
    /**
     * The balance, kept equal to the sum of the member's ledger and to the sum of the remainders of
     * their unexpired lots; changed only in the transaction that writes the ledger entry.
     */
    balance: integer("balance").notNull().default(0),
    status: text("status", { enum: ["active", "frozen"] }).notNull().default("active"),
    lastSeenAt: timestamp("last_seen_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("members_app_external_uq").on(t.appId, t.externalId),
    index("members_tier_idx").on(t.tier),
    index("members_balance_idx").on(t.balance),
    index("members_created_idx").on(t.createdAt),
  ],
);

/** Member sessions on the storefront, started by SSO from the host app. */
export const memberSessions = sqliteTable(
  "member_sessions",
  {
    id: text("id").primaryKey(),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at").notNull(),
    lastSeenAt: timestamp("last_seen_at").notNull(),
  },
  (t) => [index("member_sessions_member_idx").on(t.memberId)],
);

export const tierChanges = sqliteTable(
  "tier_changes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    memberId: integer("member_id")
      .notNull()
      .references(() => members.id),
    fromTier: text("from_tier").notNull(),
    toTier: text("to_tier").notNull(),
    /** Points earned in the 12 months before the change: what the tier is computed from. */
    earned12m: integer("earned_12m").notNull(),
    reason: text("reason").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("tier_changes_member_idx").on(t.memberId, t.createdAt)],
);
