import { sqliteTable, integer, text, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, timestamp, updatedAt } from "./columns";
import { suppliers } from "./suppliers";

export const staffRoles = ["admin", "operator", "supplier", "service", "auditor"] as const;
export type StaffRole = (typeof staffRoles)[number];
export const staffStatuses = ["active", "disabled"] as const;

export const staffUsers = sqliteTable(
  "staff_users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    /** scrypt$N$r$p$salt$hash: the parameters travel with the hash so they can be raised later. */
    passwordHash: text("password_hash").notNull(),
    role: text("role").notNull(),
    supplierId: integer("supplier_id").references(() => suppliers.id),
    status: text("status", { enum: staffStatuses }).notNull().default("active"),
    phone: text("phone").notNull().default(""),
    email: text("email").notNull().default(""),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until"),
    lastLoginAt: timestamp("last_login_at"),
    passwordChangedAt: timestamp("password_changed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("staff_users_username_uq").on(t.username), index("staff_users_supplier_idx").on(t.supplierId)],
);

/** Server-side sessions. The id is the SHA-256 of the cookie token, so a copy of the table opens nothing. */
export const staffSessions = sqliteTable(
  "staff_sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at").notNull(),
    lastSeenAt: timestamp("last_seen_at").notNull(),
    ip: text("ip").notNull().default(""),
    userAgent: text("user_agent").notNull().default(""),
  },
  (t) => [index("staff_sessions_user_idx").on(t.userId)],
);

/** Casbin policy lines (p and g), read and written by api/rbac/drizzle-adapter.ts. */
export const casbinRules = sqliteTable(
  "casbin_rules",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ptype: text("ptype").notNull(),
    v0: text("v0").notNull().default(""),
    v1: text("v1").notNull().default(""),
    v2: text("v2").notNull().default(""),
    v3: text("v3").notNull().default(""),
    v4: text("v4").notNull().default(""),
    v5: text("v5").notNull().default(""),
  },
  (t) => [uniqueIndex("casbin_rules_line_uq").on(t.ptype, t.v0, t.v1, t.v2, t.v3, t.v4, t.v5)],
);
