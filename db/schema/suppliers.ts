import { sqliteTable, integer, text, index } from "drizzle-orm/sqlite-core";
import { createdAt, updatedAt } from "./columns";

export const supplierStatuses = ["active", "suspended"] as const;

/** Every product belongs to a supplier; the platform itself is the supplier flagged isPlatform. */
export const suppliers = sqliteTable(
  "suppliers",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    code: text("code").notNull().unique(),
    contactName: text("contact_name").notNull().default(""),
    contactPhone: text("contact_phone").notNull().default(""),
    contactEmail: text("contact_email").notNull().default(""),
    status: text("status", { enum: supplierStatuses }).notNull().default("active"),
    isPlatform: integer("is_platform", { mode: "boolean" }).notNull().default(false),
    /** Settlement details (bank, account name, account number, cycle) as JSON. */
    settlement: text("settlement", { mode: "json" }).$type<SupplierSettlement>().notNull().default({}),
    /**
     * The secret Pointmall signs fulfilment calls to this supplier's endpoint with (sealed under the
     * server key; shown once when generated). The supplier's code is the key.
     */
    apiSecretEnc: text("api_secret_enc"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("suppliers_status_idx").on(t.status)],
);

export interface SupplierSettlement {
  bankName?: string;
  accountName?: string;
  accountNumber?: string;
  cycle?: "weekly" | "monthly";
}
