import { sqliteTable, integer, text, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";

/**
 * An earning rule maps one behaviour event type to points. Edits create versions; `currentVersion`
 * applies to everyone except the members that a canary version's percentage picks.
 */
export const earningRules = sqliteTable(
  "earning_rules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    eventType: text("event_type").notNull(),
    name: text("name").notNull(),
    status: text("status", { enum: ["active", "inactive"] }).notNull().default("active"),
    currentVersion: integer("current_version").notNull(),
    canaryVersion: integer("canary_version"),
    /** 0–100: the share of members (by a stable hash of rule and member) that get the canary. */
    canaryPercent: integer("canary_percent").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("earning_rules_event_uq").on(t.eventType)],
);

export const ruleVersions = sqliteTable(
  "rule_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ruleId: integer("rule_id")
      .notNull()
      .references(() => earningRules.id),
    version: integer("version").notNull(),
    config: text("config", { mode: "json" }).notNull(),
    note: text("note").notNull().default(""),
    createdBy: text("created_by").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("rule_versions_rule_version_uq").on(t.ruleId, t.version), index("rule_versions_rule_idx").on(t.ruleId)],
);
