import { sqliteTable, integer, text, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt, timestamp, updatedAt } from "./columns";
import type { LocalText } from "./catalog";

/**
 * A storefront page (the home page at "/", topic pages at their own paths): an ordered list of
 * blocks. Operators edit the draft; publishing freezes it as a version, which the storefront serves.
 */
export const pages = sqliteTable(
  "pages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** "/" for the home page, "/topics/<slug>" for topic pages. */
    path: text("path").notNull(),
    title: text("title", { mode: "json" }).$type<LocalText>().notNull(),
    draft: text("draft", { mode: "json" }).$type<PageBlock[]>().notNull().default([]),
    publishedVersionId: integer("published_version_id"),
    status: text("status", { enum: ["active", "archived"] }).notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("pages_path_uq").on(t.path)],
);

export const pageVersions = sqliteTable(
  "page_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    pageId: integer("page_id")
      .notNull()
      .references(() => pages.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    blocks: text("blocks", { mode: "json" }).$type<PageBlock[]>().notNull(),
    note: text("note").notNull().default(""),
    createdBy: text("created_by").notNull(),
    /** When a scheduled publish is due (null: published at once, or a plain saved version). */
    publishAt: timestamp("publish_at"),
    publishedAt: timestamp("published_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("page_versions_uq").on(t.pageId, t.version), index("page_versions_due_idx").on(t.publishAt, t.publishedAt)],
);

/** A banner position; its items show in order, each within its own time window. */
export const slots = sqliteTable(
  "slots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    code: text("code").notNull(),
    name: text("name", { mode: "json" }).$type<LocalText>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("slots_code_uq").on(t.code)],
);

export interface LinkTarget {
  type: "product" | "campaign" | "page" | "url" | "none";
  /** A product or campaign id, a page path, or an http(s) URL. */
  target: string;
}

export const slotItems = sqliteTable(
  "slot_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slotId: integer("slot_id")
      .notNull()
      .references(() => slots.id, { onDelete: "cascade" }),
    title: text("title", { mode: "json" }).$type<LocalText>().notNull(),
    image: text("image").notNull(),
    link: text("link", { mode: "json" }).$type<LinkTarget>().notNull(),
    sortOrder: integer("sort_order").notNull().default(0),
    startAt: timestamp("start_at"),
    endAt: timestamp("end_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("slot_items_slot_idx").on(t.slotId, t.sortOrder)],
);

/** Colours and logo; a festival theme switches itself on for its window, the default otherwise. */
export const themes = sqliteTable("themes", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name", { mode: "json" }).$type<LocalText>().notNull(),
  primaryColor: text("primary_color").notNull(),
  background: text("background").notNull(),
  logoUrl: text("logo_url").notNull().default(""),
  isDefault: integer("is_default", { mode: "boolean" }).notNull().default(false),
  startAt: timestamp("start_at"),
  endAt: timestamp("end_at"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The blocks a page is made of; each type is one storefront component (storefront/src/blocks/). */
export type PageBlock =
  | { id: string; type: "banner"; slotCode: string; height?: number }
  | { id: string; type: "icon_grid"; columns: number; items: { icon: string; label: LocalText; link: LinkTarget }[] }
  | { id: string; type: "product_grid"; title: LocalText; source: "category" | "tag" | "manual"; categoryId?: number; tag?: string; productIds?: number[]; limit: number; columns: 2 | 3 }
  | { id: string; type: "campaign_entry"; campaignId: number; title?: LocalText; image?: string }
  | { id: string; type: "flash_strip"; campaignIds: number[]; title: LocalText }
  | { id: string; type: "notice"; text: LocalText; link?: LinkTarget }
  | { id: string; type: "rich_text"; html: LocalText }
  | { id: string; type: "image"; url: string; alt: LocalText; link?: LinkTarget };
