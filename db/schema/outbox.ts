import { sqliteTable, integer, text, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, timestamp } from "./columns";

/**
 * Work that talks to the outside world, written in the same transaction as the change that causes it
 * and delivered after commit by a job: webhooks to host apps, supplier fulfilment calls.
 */
export const outbox = sqliteTable(
  "outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** webhook | fulfilment | ... */
    kind: text("kind").notNull(),
    /** What it is about, e.g. "points.changed", "order.shipped". */
    topic: text("topic").notNull(),
    appId: integer("app_id"),
    /** Optional de-duplication key: the same key is enqueued once. */
    dedupeKey: text("dedupe_key"),
    payload: text("payload", { mode: "json" }).notNull(),
    status: text("status", { enum: ["pending", "delivered", "dead"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at").notNull(),
    lastError: text("last_error"),
    deliveredAt: timestamp("delivered_at"),
    createdAt: createdAt(),
  },
  (t) => [index("outbox_due_idx").on(t.status, t.nextAttemptAt), uniqueIndex("outbox_dedupe_uq").on(t.kind, t.dedupeKey)],
);

/** Every delivery attempt of an outbox item, for the console and for support. */
export const deliveryAttempts = sqliteTable(
  "delivery_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    outboxId: integer("outbox_id")
      .notNull()
      .references(() => outbox.id),
    attempt: integer("attempt").notNull(),
    url: text("url").notNull(),
    statusCode: integer("status_code"),
    ok: integer("ok", { mode: "boolean" }).notNull(),
    durationMs: integer("duration_ms").notNull(),
    error: text("error"),
    responseSnippet: text("response_snippet"),
    createdAt: createdAt(),
  },
  (t) => [index("delivery_attempts_outbox_idx").on(t.outboxId)],
);

/** Messages to members and staff (points expiring, low stock, shipped ...): the record; delivery goes through the outbox. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    audience: text("audience", { enum: ["member", "staff"] }).notNull(),
    memberId: integer("member_id"),
    /** For staff notices: the role or supplier they are for, e.g. "operator" or "supplier:3". */
    staffScope: text("staff_scope"),
    kind: text("kind").notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    payload: text("payload", { mode: "json" }).notNull(),
    readAt: timestamp("read_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("notifications_dedupe_uq").on(t.kind, t.dedupeKey), index("notifications_member_idx").on(t.memberId, t.createdAt)],
);
