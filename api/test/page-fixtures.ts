import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { categories, products, slotItems, slots, themes, type LinkTarget, type LocalText } from "../../db/schema";
import type { Client } from "./harness";

/**
 * Storefront page fixtures: slots, categories and themes written straight into the database (the
 * tests of those routes go through the API themselves), and pages made through the console's API.
 */

export const text = (zh: string, en = zh): LocalText => ({ "zh-CN": zh, "en-US": en });
/** Valid image references (ImageRef): an http(s) URL and an upload path. */
export const IMG = "https://img.example.com/banner.png";
export const ICON = "https://img.example.com/icon.png";

export interface SlotItemFixture {
  title?: string;
  image?: string;
  link?: LinkTarget;
  startAt?: Date | null;
  endAt?: Date | null;
}

/** A slot and its items, in the order given; returns the slot's id and the items' ids. */
export function createSlot(db: DbOrTx, now: Date, code: string, items: SlotItemFixture[] = [{}]): { id: number; itemIds: number[] } {
  const slot = db.insert(slots).values({ code, name: text(`位置 ${code}`, `Slot ${code}`), createdAt: now, updatedAt: now }).returning().get();
  const itemIds = items.map(
    (it, i) =>
      db
        .insert(slotItems)
        .values({
          slotId: slot.id,
          title: text(it.title ?? `横幅 ${i + 1}`, it.title ?? `Banner ${i + 1}`),
          image: it.image ?? IMG,
          link: it.link ?? { type: "none", target: "" },
          sortOrder: i,
          startAt: it.startAt ?? null,
          endAt: it.endAt ?? null,
          createdAt: now,
          updatedAt: now,
        })
        .returning()
        .get().id,
  );
  return { id: slot.id, itemIds };
}

export function createCategory(db: DbOrTx, now: Date, name: string, parentId: number | null = null): number {
  return db.insert(categories).values({ name: text(name), parentId, createdAt: now, updatedAt: now }).returning().get().id;
}

/** Changes a product row directly (status, stock, category, tags, sale window …). */
export function setProduct(db: DbOrTx, id: number, patch: Partial<typeof products.$inferInsert>) {
  db.update(products).set(patch).where(eq(products.id, id)).run();
}

export function createThemeRow(db: DbOrTx, now: Date, o: { name?: string; primaryColor: string; background?: string; isDefault?: boolean; startAt?: Date; endAt?: Date }): number {
  return db
    .insert(themes)
    .values({
      name: text(o.name ?? "主题", o.name ?? "Theme"),
      primaryColor: o.primaryColor,
      background: o.background ?? "#ffffff",
      isDefault: o.isDefault ?? false,
      startAt: o.startAt ?? null,
      endAt: o.endAt ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get().id;
}

export const noticeBlock = (id = "n1", zh = "全场包邮", en = "Free delivery") => ({ id, type: "notice" as const, text: text(zh, en) });

/** Creates a page through the console's API with a draft; answers the page detail. */
export async function createPage(op: Client, path: string, blocks: unknown[] = [noticeBlock()], title = text("页面", "Page")) {
  const res = await op.post("/api/admin/pages", { path, title, blocks });
  if (res.status !== 201) throw new Error(`create page ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: number; versions: { id: number; version: number }[] };
}

/** Creates a page and publishes its draft at once; answers the page detail after publishing. */
export async function publishedPage(op: Client, path: string, blocks: unknown[] = [noticeBlock()], title?: LocalText) {
  const page = await createPage(op, path, blocks, title);
  const res = await op.post(`/api/admin/pages/${page.id}/publish`, { note: "first" });
  if (res.status !== 200) throw new Error(`publish ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: number; publishedVersionId: number; versions: { id: number; version: number; state: string }[] };
}
