import { sqliteTable, integer, text, index } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";

/** Every change a staff member makes: who, when, what, before and after. Append-only. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    createdAt: createdAt(),
    actorId: integer("actor_id"),
    actorName: text("actor_name").notNull(),
    actorRole: text("actor_role").notNull(),
    /** create, update, delete, or a verb such as approve, ship, login, reset-password */
    action: text("action").notNull(),
    resource: text("resource").notNull(),
    resourceId: text("resource_id"),
    before: text("before", { mode: "json" }),
    after: text("after", { mode: "json" }),
    ip: text("ip").notNull().default(""),
    requestId: text("request_id").notNull().default(""),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_resource_idx").on(t.resource, t.resourceId),
    index("audit_log_actor_idx").on(t.actorId),
  ],
);
