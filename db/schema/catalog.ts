import { sqliteTable, integer, text, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, timestamp, updatedAt } from "./columns";
import { suppliers } from "./suppliers";

export interface LocalText {
  "zh-CN": string;
  "en-US": string;
}

/** A category tree; siblings are ordered by sortOrder (drag to reorder in the console). */
export const categories = sqliteTable(
  "categories",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    parentId: integer("parent_id"),
    name: text("name", { mode: "json" }).$type<LocalText>().notNull(),
    icon: text("icon").notNull().default(""),
    sortOrder: integer("sort_order").notNull().default(0),
    status: text("status", { enum: ["active", "hidden"] }).notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("categories_parent_idx").on(t.parentId, t.sortOrder)],
);

export const productTypes = ["physical", "virtual", "coupon"] as const;
export type ProductType = (typeof productTypes)[number];
export const productStatuses = ["draft", "pending_review", "on_sale", "off_sale", "rejected"] as const;
export type ProductStatus = (typeof productStatuses)[number];

/** How a virtual good is fulfilled: the supplier's endpoint is called (signed) with its product code. */
export interface FulfilmentSettings {
  endpoint: string;
  productCode: string;
}

export const products = sqliteTable(
  "products",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    supplierId: integer("supplier_id")
      .notNull()
      .references(() => suppliers.id),
    categoryId: integer("category_id").references(() => categories.id),
    type: text("type", { enum: productTypes }).notNull(),
    name: text("name", { mode: "json" }).$type<LocalText>().notNull(),
    /** Rich text (sanitised HTML) per language. */
    description: text("description", { mode: "json" }).$type<LocalText>().notNull(),
    images: text("images", { mode: "json" }).$type<string[]>().notNull().default([]),
    tags: text("tags", { mode: "json" }).$type<string[]>().notNull().default([]),
    pointsPrice: integer("points_price").notNull(),
    /** Optional cash part in cents (积分+现金); 0 for points only. */
    cashPrice: integer("cash_price").notNull().default(0),
    /** What the goods cost the mall, in cents: for campaign cost forecasts and margins. */
    costCents: integer("cost_cents").notNull().default(0),
    stock: integer("stock").notNull().default(0),
    lowStockThreshold: integer("low_stock_threshold").notNull().default(0),
    /** 0 for no limit. */
    perMemberLimit: integer("per_member_limit").notNull().default(0),
    /** The lowest tier that may redeem it (empty: everyone). */
    minTier: text("min_tier").notNull().default(""),
    saleStart: timestamp("sale_start"),
    saleEnd: timestamp("sale_end"),
    fulfilment: text("fulfilment", { mode: "json" }).$type<FulfilmentSettings | null>(),
    status: text("status", { enum: productStatuses }).notNull().default("draft"),
    rejectReason: text("reject_reason"),
    reviewedBy: text("reviewed_by"),
    reviewedAt: timestamp("reviewed_at"),
    submittedAt: timestamp("submitted_at"),
    sold: integer("sold").notNull().default(0),
    sortOrder: integer("sort_order").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("products_supplier_idx").on(t.supplierId, t.status),
    index("products_category_idx").on(t.categoryId, t.status),
    index("products_status_idx").on(t.status, t.sortOrder),
  ],
);

/** Coupon codes loaded by operators: encrypted at rest, assigned inside the redemption transaction. */
export const couponCodes = sqliteTable(
  "coupon_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    productId: integer("product_id")
      .notNull()
      .references(() => products.id),
    codeEnc: text("code_enc").notNull(),
    /** HMAC of the code, to refuse duplicates without decrypting. */
    codeHash: text("code_hash").notNull(),
    status: text("status", { enum: ["available", "assigned"] }).notNull().default("available"),
    orderId: integer("order_id"),
    importId: integer("import_id"),
    /** When the buyer first saw the code (it is shown once). */
    revealedAt: timestamp("revealed_at"),
    assignedAt: timestamp("assigned_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("coupon_codes_product_hash_uq").on(t.productId, t.codeHash), index("coupon_codes_available_idx").on(t.productId, t.status, t.id)],
);

/** Long imports (coupon CSVs, bulk shipping) report progress here while the console polls. */
export const importJobs = sqliteTable("import_jobs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  kind: text("kind").notNull(),
  targetId: integer("target_id"),
  supplierId: integer("supplier_id"),
  status: text("status", { enum: ["running", "done", "failed"] }).notNull().default("running"),
  total: integer("total").notNull().default(0),
  processed: integer("processed").notNull().default(0),
  succeeded: integer("succeeded").notNull().default(0),
  failed: integer("failed").notNull().default(0),
  /** Row-level problems, at most a few hundred kept: [{ row, message }]. */
  errors: text("errors", { mode: "json" }).$type<{ row: number; message: string }[]>().notNull().default([]),
  createdBy: text("created_by").notNull(),
  createdAt: createdAt(),
  finishedAt: timestamp("finished_at"),
});

/** Uploaded images, stored under the data folder by content hash. */
export const uploads = sqliteTable(
  "uploads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    sha256: text("sha256").notNull(),
    path: text("path").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    width: integer("width"),
    height: integer("height"),
    uploadedBy: text("uploaded_by").notNull(),
    supplierId: integer("supplier_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("uploads_sha_uq").on(t.sha256)],
);
