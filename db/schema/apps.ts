import { sqliteTable, integer, text, index, uniqueIndex, primaryKey } from "drizzle-orm/sqlite-core";
import { createdAt, timestamp, updatedAt } from "./columns";

/** A host app (the business's backend): signs its API calls and SSO links with its secret. */
export const apps = sqliteTable(
  "apps",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    key: text("key").notNull(),
    name: text("name").notNull(),
    /** The secret, AES-256-GCM encrypted with the server key: HMAC verification needs it in clear. */
    secretEnc: text("secret_enc").notNull(),
    /** The last four characters, so staff can tell secrets apart without seeing them. */
    secretHint: text("secret_hint").notNull(),
    status: text("status", { enum: ["active", "disabled"] }).notNull().default("active"),
    webhookUrl: text("webhook_url").notNull().default(""),
    secretRotatedAt: timestamp("secret_rotated_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("apps_key_uq").on(t.key)],
);

/** Nonces seen on signed requests and SSO links, kept while their timestamp could still be accepted. */
export const appNonces = sqliteTable(
  "app_nonces",
  {
    appId: integer("app_id").notNull(),
    nonce: text("nonce").notNull(),
    expiresAt: timestamp("expires_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.appId, t.nonce] }), index("app_nonces_expires_idx").on(t.expiresAt)],
);
