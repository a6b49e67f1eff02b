import { and, asc, desc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { campaigns, categories, pages, pageVersions, products, slotItems, slots, suppliers, type LinkTarget, type LocalText, type PageBlock } from "../../../db/schema";
import { onSaleNow } from "../../routes/shop-catalog/shop-catalog.handlers";
import { effectiveStatus, type CampaignRow } from "../campaigns/campaigns";
import { flashConfig } from "../campaigns/flash-sale";
import { subtreeIds } from "../catalog/category-tree";
import type {
  ResolvedBannerItem,
  ResolvedBlock,
  ResolvedCampaign,
  ResolvedFlashSale,
  ResolvedLink,
  ResolvedPage,
  ResolvedProduct,
  ResolvedTheme,
} from "./resolved";
import { activeTheme } from "./themes";

/**
 * Turns a page's blocks into what members see at one instant (resolved.ts describes the result):
 * slot items inside their window, products on sale now, campaigns with their status at that instant.
 * A handful of queries per page whatever its size (one per kind of thing, one per category or tag
 * grid). Also answers `changesAt`: the next instant something here changes by itself (a slot item or
 * a festival theme switching, a campaign starting or ending), so a cache can expire exactly then.
 */

const EMPTY: LocalText = { "zh-CN": "", "en-US": "" };
const EXTERNAL = /^https?:\/\//i;

export function resolveLink(l: LinkTarget): ResolvedLink {
  switch (l.type) {
    case "product":
      return { type: l.type, target: l.target, href: `/products/${l.target}`, external: false };
    case "campaign":
      return { type: l.type, target: l.target, href: `/campaigns/${l.target}`, external: false };
    case "page":
      return { type: l.type, target: l.target, href: l.target, external: false };
    case "url":
      return { type: l.type, target: l.target, href: l.target, external: EXTERNAL.test(l.target) };
    default:
      return { type: "none", target: "", href: null, external: false };
  }
}

const optionalLink = (l: LinkTarget | undefined) => (l && l.type !== "none" ? resolveLink(l) : null);

class Boundaries {
  next: number | null = null;
  constructor(private readonly now: number) {}
  add(at: Date | number | null | undefined) {
    const ms = at instanceof Date ? at.getTime() : at;
    if (ms == null || ms <= this.now) return;
    if (this.next === null || ms < this.next) this.next = ms;
  }
}

const productColumns = {
  id: products.id,
  name: products.name,
  images: products.images,
  pointsPrice: products.pointsPrice,
  cashPrice: products.cashPrice,
  stock: products.stock,
};
type ProductTileRow = { id: number; name: LocalText; images: string[]; pointsPrice: number; cashPrice: number; stock: number };
const tile = (p: ProductTileRow): ResolvedProduct => ({
  id: p.id,
  name: p.name,
  image: p.images[0] ?? "",
  pointsPrice: p.pointsPrice,
  cashPrice: p.cashPrice,
  soldOut: p.stock <= 0,
  href: `/products/${p.id}`,
});

/** The storefront's default listing order (as GET /api/shop/products without a sort). */
const LISTING_ORDER = [asc(products.sortOrder), desc(products.id)];

function onSaleProducts(db: DbOrTx, now: Date, where: SQL, limit?: number): ProductTileRow[] {
  const q = db
    .select(productColumns)
    .from(products)
    .innerJoin(suppliers, eq(suppliers.id, products.supplierId))
    .where(and(onSaleNow(now), where))
    .orderBy(...LISTING_ORDER);
  return (limit ? q.limit(limit) : q).all();
}

function campaignView(c: CampaignRow, now: Date): ResolvedCampaign {
  return {
    id: c.id,
    template: c.template,
    title: c.title,
    image: c.image,
    status: effectiveStatus(c, now) as ResolvedCampaign["status"],
    startAt: c.startAt.toISOString(),
    endAt: c.endAt.toISOString(),
    entryCost: c.entryCost,
    href: `/campaigns/${c.id}`,
  };
}

export function resolveBlocks(db: DbOrTx, blocks: PageBlock[], now: Date): { blocks: ResolvedBlock[]; changesAt: number | null } {
  const t = now.getTime();
  const bounds = new Boundaries(t);

  // Slots: the items of every slot used, active now, in order.
  const slotCodes = [...new Set(blocks.flatMap((b) => (b.type === "banner" ? [b.slotCode] : [])))];
  const itemsBySlot = new Map<string, ResolvedBannerItem[]>();
  if (slotCodes.length) {
    const rows = db
      .select({ code: slots.code, item: slotItems })
      .from(slotItems)
      .innerJoin(slots, eq(slots.id, slotItems.slotId))
      .where(inArray(slots.code, slotCodes))
      .orderBy(asc(slotItems.sortOrder), asc(slotItems.id))
      .all();
    for (const { code, item } of rows) {
      bounds.add(item.startAt);
      bounds.add(item.endAt);
      const on = (!item.startAt || item.startAt.getTime() <= t) && (!item.endAt || item.endAt.getTime() > t);
      if (!on) continue;
      const list = itemsBySlot.get(code) ?? [];
      list.push({ id: item.id, title: item.title, image: item.image, link: resolveLink(item.link) });
      itemsBySlot.set(code, list);
    }
  }

  // Hand-picked products: one query for every manual grid.
  const manualIds = [...new Set(blocks.flatMap((b) => (b.type === "product_grid" && b.source === "manual" ? (b.productIds ?? []) : [])))];
  const manual = new Map(manualIds.length ? onSaleProducts(db, now, inArray(products.id, manualIds)).map((p) => [p.id, p]) : []);
  let categoryRows: { id: number; parentId: number | null; sortOrder: number }[] | undefined;

  // Campaigns of entries and strips, and the products of flash sales.
  const campaignIds = [...new Set(blocks.flatMap((b) => (b.type === "campaign_entry" ? [b.campaignId] : b.type === "flash_strip" ? b.campaignIds : [])))];
  const campaignById = new Map<number, CampaignRow>(campaignIds.length ? db.select().from(campaigns).where(inArray(campaigns.id, campaignIds)).all().map((c) => [c.id, c]) : []);
  for (const c of campaignById.values()) {
    if (c.status === "draft") continue;
    bounds.add(c.startAt);
    bounds.add(c.endAt);
  }
  const flashProductIds = [...campaignById.values()].filter((c) => c.template === "flash_sale").map((c) => flashConfig(c).productId).filter(Boolean);
  const flashProducts = new Map(flashProductIds.length ? db.select(productColumns).from(products).where(inArray(products.id, flashProductIds)).all().map((p) => [p.id, p]) : []);

  const out: ResolvedBlock[] = [];
  for (const b of blocks) {
    switch (b.type) {
      case "banner": {
        const items = itemsBySlot.get(b.slotCode) ?? [];
        if (items.length) out.push({ id: b.id, type: "banner", slotCode: b.slotCode, height: b.height ?? 150, items });
        break;
      }
      case "icon_grid":
        out.push({ id: b.id, type: "icon_grid", columns: b.columns, items: b.items.map((it) => ({ icon: it.icon, label: it.label, link: resolveLink(it.link) })) });
        break;
      case "product_grid": {
        let list: ProductTileRow[] = [];
        let moreHref: string | null = null;
        if (b.source === "manual") list = (b.productIds ?? []).flatMap((id) => (manual.has(id) ? [manual.get(id)!] : [])).slice(0, b.limit);
        else if (b.source === "category" && b.categoryId) {
          categoryRows ??= db.select({ id: categories.id, parentId: categories.parentId, sortOrder: categories.sortOrder }).from(categories).all();
          list = onSaleProducts(db, now, inArray(products.categoryId, [...subtreeIds(categoryRows, b.categoryId)]), b.limit);
          moreHref = `/products?categoryId=${b.categoryId}`;
        } else if (b.source === "tag" && b.tag) {
          list = onSaleProducts(db, now, sql`exists (select 1 from json_each(${products.tags}) where json_each.value = ${b.tag})`, b.limit);
          moreHref = `/products?tag=${encodeURIComponent(b.tag)}`;
        }
        if (list.length) out.push({ id: b.id, type: "product_grid", title: b.title ?? EMPTY, source: b.source, columns: b.columns, moreHref, products: list.map(tile) });
        break;
      }
      case "campaign_entry": {
        const c = campaignById.get(b.campaignId);
        // Members never see drafts (nor campaigns deleted since the page was published).
        if (!c || c.status === "draft") break;
        const hasTitle = b.title && (b.title["zh-CN"] || b.title["en-US"]);
        out.push({ id: b.id, type: "campaign_entry", title: hasTitle ? b.title! : c.title, image: b.image || c.image, campaign: campaignView(c, now) });
        break;
      }
      case "flash_strip": {
        const sales: ResolvedFlashSale[] = [];
        for (const id of b.campaignIds) {
          const c = campaignById.get(id);
          if (!c || c.template !== "flash_sale" || c.status === "draft") continue;
          const view = campaignView(c, now);
          if (view.status === "ended") continue;
          const cfg = flashConfig(c);
          const p = flashProducts.get(cfg.productId);
          sales.push({
            ...view,
            template: "flash_sale",
            product: { id: cfg.productId, name: p?.name ?? EMPTY, image: p?.images[0] ?? c.image, pointsPrice: p?.pointsPrice ?? 0, cashPrice: p?.cashPrice ?? 0 },
            salePoints: cfg.salePoints,
            saleCash: cfg.saleCash,
            reservedStock: c.reservedStock,
            stockLeft: Math.max(0, c.stockLeft),
            perMemberLimit: cfg.perMemberLimit,
          });
        }
        // Live ones first (ending soonest first), then upcoming ones (starting soonest first).
        sales.sort((x, y) => (x.status === y.status ? (x.status === "live" ? x.endAt.localeCompare(y.endAt) : x.startAt.localeCompare(y.startAt)) : x.status === "live" ? -1 : 1));
        if (sales.length) out.push({ id: b.id, type: "flash_strip", title: b.title, sales });
        break;
      }
      case "notice":
        out.push({ id: b.id, type: "notice", text: b.text, link: optionalLink(b.link) });
        break;
      case "rich_text":
        out.push({ id: b.id, type: "rich_text", html: b.html });
        break;
      case "image":
        out.push({ id: b.id, type: "image", url: b.url, alt: b.alt, link: optionalLink(b.link) });
        break;
    }
  }
  return { blocks: out, changesAt: bounds.next };
}

export interface BuiltPage {
  page: ResolvedPage;
  /** The next instant the page changes by itself (see resolveBlocks), or null. */
  changesAt: number | null;
}

function assemble(db: DbOrTx, head: Omit<ResolvedPage, "theme" | "blocks">, blocks: PageBlock[], now: Date, theme?: ResolvedTheme): BuiltPage {
  const resolved = resolveBlocks(db, blocks, now);
  const active = theme ? { theme, changesAt: null } : activeTheme(db, now);
  const times = [resolved.changesAt, active.changesAt].filter((x): x is number => x !== null);
  return { page: { ...head, theme: active.theme, blocks: resolved.blocks }, changesAt: times.length ? Math.min(...times) : null };
}

/** The published version at `path` as members see it now; null when nothing is published there. */
export function buildPublishedPage(db: DbOrTx, path: string, now: Date): BuiltPage | null {
  const row = db
    .select({ path: pages.path, title: pages.title, version: pageVersions.version, blocks: pageVersions.blocks, publishedAt: pageVersions.publishedAt })
    .from(pages)
    .innerJoin(pageVersions, eq(pageVersions.id, pages.publishedVersionId))
    .where(and(eq(pages.path, path), eq(pages.status, "active")))
    .get();
  if (!row) return null;
  return assemble(db, { path: row.path, title: row.title, version: row.version, publishedAt: row.publishedAt?.toISOString() ?? null }, row.blocks, now);
}

/** Any blocks (a draft, a saved version, the editor's unsaved state) resolved exactly as the storefront would now. */
export function buildPreview(db: DbOrTx, head: { path: string; title: LocalText; version?: number | null; publishedAt?: Date | null }, blocks: PageBlock[], now: Date): ResolvedPage {
  return assemble(db, { path: head.path, title: head.title, version: head.version ?? null, publishedAt: head.publishedAt?.toISOString() ?? null }, blocks, now).page;
}
