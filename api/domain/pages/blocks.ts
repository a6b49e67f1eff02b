import { z } from "@hono/zod-openapi";
import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../../../db/client";
import { campaigns, categories, pages, pageVersions, products, slots, type LinkTarget, type PageBlock } from "../../../db/schema";
import { ImageRef } from "../../routes/products/products.routes";
import { sanitizeHtml } from "../catalog/sanitize-html";

/**
 * The blocks a page is made of, as operators send them: one zod schema per block type, so a bad
 * field comes back as its path ("blocks.3.productIds": "…") for the editor to mark.
 */

export const BLOCK_TYPES = ["banner", "icon_grid", "product_grid", "campaign_entry", "flash_strip", "notice", "rich_text", "image"] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];

/** "/" is the home page; topic pages live at "/topics/<slug>". */
export const PAGE_PATH = /^\/$|^\/topics\/[a-z0-9][a-z0-9-]{0,62}$/;
export const MAX_BLOCKS = 50;

/** Text in both languages; `required`: at least one of them. */
export const LocalTextIn = (max: number, required = false) =>
  z
    .object({ "zh-CN": z.string().trim().max(max).default(""), "en-US": z.string().trim().max(max).default("") })
    .strict()
    .superRefine((v, ctx) => {
      if (required && !v["zh-CN"] && !v["en-US"]) ctx.addIssue({ code: "custom", path: ["zh-CN"], message: "Required in at least one language" });
    });

const ID = /^[1-9]\d{0,9}$/;
const EXTERNAL_URL = /^https?:\/\/[^\s/]+(\/\S*)?$/i;
/**
 * A path on this site ("/me", "/products?tag=新品"): one slash, never "//" and no backslash at all,
 * since browsers read "\" as "/" in http(s) URLs ("/\evil.example" would be another host).
 */
const SITE_PATH = /^\/(?!\/)[^\s\\]*$/;

export const LinkSchema = z
  .object({
    type: z.enum(["product", "campaign", "page", "url", "none"]),
    target: z.string().trim().max(500).default(""),
  })
  .strict()
  .superRefine((l, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: "custom", path: ["target"], message });
    if ((l.type === "product" || l.type === "campaign") && !ID.test(l.target)) bad(`Choose a ${l.type}`);
    if (l.type === "page" && !PAGE_PATH.test(l.target)) bad('A page path: "/" or "/topics/<slug>"');
    if (l.type === "url" && !EXTERNAL_URL.test(l.target) && !SITE_PATH.test(l.target)) bad("An http(s) URL, or a path on this site starting with /");
  })
  .openapi("LinkTarget", { example: { type: "campaign", target: "1" } });

const BlockId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "1–40 letters, digits, - or _");
export const SLOT_CODE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const PositiveId = z.number().int().positive();
const OptionalImage = z.union([ImageRef, z.literal("")]).optional();

const banner = z.object({ id: BlockId, type: z.literal("banner"), slotCode: z.string().regex(SLOT_CODE, "Choose a slot"), height: z.number().int().min(80).max(400).optional() }).strict();

const iconGrid = z
  .object({
    id: BlockId,
    type: z.literal("icon_grid"),
    columns: z.number().int().min(3).max(5).default(4),
    items: z
      .array(z.object({ icon: ImageRef, label: LocalTextIn(12, true), link: LinkSchema }).strict())
      .min(1, "Add at least one icon")
      .max(20, "At most 20 icons"),
  })
  .strict();

const productGrid = z
  .object({
    id: BlockId,
    type: z.literal("product_grid"),
    title: LocalTextIn(40).default({ "zh-CN": "", "en-US": "" }),
    source: z.enum(["category", "tag", "manual"]),
    categoryId: PositiveId.nullish(),
    tag: z.string().trim().max(20).nullish(),
    productIds: z.array(PositiveId).max(50, "At most 50 products").nullish(),
    limit: z.number().int().min(1).max(50).default(6),
    columns: z.union([z.literal(2), z.literal(3)]).default(2),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.source === "category" && !b.categoryId) ctx.addIssue({ code: "custom", path: ["categoryId"], message: "Choose a category" });
    if (b.source === "tag" && !b.tag) ctx.addIssue({ code: "custom", path: ["tag"], message: "Enter a tag" });
    if (b.source === "manual") {
      if (!b.productIds?.length) ctx.addIssue({ code: "custom", path: ["productIds"], message: "Choose at least one product" });
      const seen = new Set<number>();
      b.productIds?.forEach((id, i) => {
        if (seen.has(id)) ctx.addIssue({ code: "custom", path: ["productIds", i], message: "Listed twice" });
        seen.add(id);
      });
    }
  });

const campaignEntry = z
  .object({ id: BlockId, type: z.literal("campaign_entry"), campaignId: PositiveId, title: LocalTextIn(40).optional(), image: OptionalImage })
  .strict();

const flashStrip = z
  .object({
    id: BlockId,
    type: z.literal("flash_strip"),
    campaignIds: z.array(PositiveId).min(1, "Choose at least one flash sale").max(10, "At most 10 sales"),
    title: LocalTextIn(20, true),
  })
  .strict();

const notice = z.object({ id: BlockId, type: z.literal("notice"), text: LocalTextIn(200, true), link: LinkSchema.optional() }).strict();

const richText = z
  .object({
    id: BlockId,
    type: z.literal("rich_text"),
    html: z.object({ "zh-CN": z.string().max(20_000).default(""), "en-US": z.string().max(20_000).default("") }).strict(),
  })
  .strict();

const image = z.object({ id: BlockId, type: z.literal("image"), url: ImageRef, alt: LocalTextIn(100).default({ "zh-CN": "", "en-US": "" }), link: LinkSchema.optional() }).strict();

export const BlockSchema = z.discriminatedUnion("type", [banner, iconGrid, productGrid, campaignEntry, flashStrip, notice, richText, image]).openapi("PageBlock", {
  description:
    "One block of a page. banner {slotCode, height?}; icon_grid {columns 3–5, items [{icon, label, link}]}; product_grid {title, source category|tag|manual with categoryId | tag | productIds, limit, columns 2|3}; campaign_entry {campaignId, title?, image?}; flash_strip {campaignIds, title}; notice {text, link?}; rich_text {html}; image {url, alt, link?}.",
});

export const BlocksSchema = z
  .array(BlockSchema)
  .max(MAX_BLOCKS, `At most ${MAX_BLOCKS} blocks`)
  .superRefine((blocks, ctx) => {
    const seen = new Set<string>();
    blocks.forEach((b, i) => {
      if (seen.has(b.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: "Two blocks have this id" });
      seen.add(b.id);
    });
  });

type ParsedBlock = z.infer<typeof BlockSchema>;

const link = (l: { type: LinkTarget["type"]; target: string } | undefined): LinkTarget | undefined =>
  l ? { type: l.type, target: l.type === "none" ? "" : l.target } : undefined;

/** The stored form of a validated block: only the fields its type (and a grid's source) uses, rich text sanitised. */
export function normalizeBlock(b: ParsedBlock): PageBlock {
  switch (b.type) {
    case "banner":
      return b.height ? { id: b.id, type: b.type, slotCode: b.slotCode, height: b.height } : { id: b.id, type: b.type, slotCode: b.slotCode };
    case "icon_grid":
      return { id: b.id, type: b.type, columns: b.columns, items: b.items.map((it) => ({ icon: it.icon, label: it.label, link: link(it.link)! })) };
    case "product_grid": {
      const base = { id: b.id, type: b.type, title: b.title, source: b.source, limit: b.limit, columns: b.columns };
      if (b.source === "category") return { ...base, categoryId: b.categoryId! };
      if (b.source === "tag") return { ...base, tag: b.tag! };
      return { ...base, productIds: b.productIds! };
    }
    case "campaign_entry": {
      const out: PageBlock = { id: b.id, type: b.type, campaignId: b.campaignId };
      if (b.title && (b.title["zh-CN"] || b.title["en-US"])) out.title = b.title;
      if (b.image) out.image = b.image;
      return out;
    }
    case "flash_strip":
      return { id: b.id, type: b.type, campaignIds: [...new Set(b.campaignIds)], title: b.title };
    case "notice":
      return b.link && b.link.type !== "none" ? { id: b.id, type: b.type, text: b.text, link: link(b.link) } : { id: b.id, type: b.type, text: b.text };
    case "rich_text":
      return { id: b.id, type: b.type, html: { "zh-CN": sanitizeHtml(b.html["zh-CN"]), "en-US": sanitizeHtml(b.html["en-US"]) } };
    case "image":
      return b.link && b.link.type !== "none" ? { id: b.id, type: b.type, url: b.url, alt: b.alt, link: link(b.link) } : { id: b.id, type: b.type, url: b.url, alt: b.alt };
  }
}

export const normalizeBlocks = (blocks: ParsedBlock[]): PageBlock[] => blocks.map(normalizeBlock);

/**
 * What the blocks point at must exist: the slot, the category, the products, the campaigns (flash
 * strips: flash sales), the targets of links. A product off sale or a campaign still in draft is fine
 * (operators prepare pages ahead); the storefront simply leaves it out until it is on. Answers field
 * paths under `prefix` ("blocks.3.productIds.1": "no such product").
 */
export function blockReferenceProblems(db: DbOrTx, blocks: PageBlock[], prefix = "blocks"): Record<string, string> {
  const want = { slots: new Set<string>(), categories: new Set<number>(), products: new Set<number>(), campaigns: new Set<number>(), pages: new Set<string>() };
  const links: Array<[string, LinkTarget]> = [];
  blocks.forEach((b, i) => {
    const at = `${prefix}.${i}`;
    switch (b.type) {
      case "banner":
        want.slots.add(b.slotCode);
        break;
      case "icon_grid":
        b.items.forEach((it, j) => links.push([`${at}.items.${j}.link.target`, it.link]));
        break;
      case "product_grid":
        if (b.source === "category" && b.categoryId) want.categories.add(b.categoryId);
        if (b.source === "manual") b.productIds?.forEach((id) => want.products.add(id));
        break;
      case "campaign_entry":
        want.campaigns.add(b.campaignId);
        break;
      case "flash_strip":
        b.campaignIds.forEach((id) => want.campaigns.add(id));
        break;
      case "notice":
      case "image":
        if (b.link) links.push([`${at}.link.target`, b.link]);
        break;
    }
  });
  for (const [, l] of links) {
    if (l.type === "product") want.products.add(Number(l.target));
    if (l.type === "campaign") want.campaigns.add(Number(l.target));
    if (l.type === "page") want.pages.add(l.target);
  }

  const found = {
    slots: new Set(want.slots.size ? db.select({ code: slots.code }).from(slots).where(inArray(slots.code, [...want.slots])).all().map((r) => r.code) : []),
    categories: new Set(want.categories.size ? db.select({ id: categories.id }).from(categories).where(inArray(categories.id, [...want.categories])).all().map((r) => r.id) : []),
    products: new Set(want.products.size ? db.select({ id: products.id }).from(products).where(inArray(products.id, [...want.products])).all().map((r) => r.id) : []),
    campaigns: new Map(
      want.campaigns.size
        ? db
            .select({ id: campaigns.id, template: campaigns.template })
            .from(campaigns)
            .where(inArray(campaigns.id, [...want.campaigns]))
            .all()
            .map((r) => [r.id, r.template])
        : [],
    ),
    pages: new Set(want.pages.size ? db.select({ path: pages.path }).from(pages).where(inArray(pages.path, [...want.pages])).all().map((r) => r.path) : []),
  };

  const problems: Record<string, string> = {};
  blocks.forEach((b, i) => {
    const at = `${prefix}.${i}`;
    if (b.type === "banner" && !found.slots.has(b.slotCode)) problems[`${at}.slotCode`] = "No slot has this code";
    if (b.type === "product_grid" && b.source === "category" && b.categoryId && !found.categories.has(b.categoryId)) problems[`${at}.categoryId`] = "No such category";
    if (b.type === "product_grid" && b.source === "manual")
      b.productIds?.forEach((id, j) => {
        if (!found.products.has(id)) problems[`${at}.productIds.${j}`] = `No product ${id}`;
      });
    if (b.type === "campaign_entry" && !found.campaigns.has(b.campaignId)) problems[`${at}.campaignId`] = "No such campaign";
    if (b.type === "flash_strip")
      b.campaignIds.forEach((id, j) => {
        const template = found.campaigns.get(id);
        if (!template) problems[`${at}.campaignIds.${j}`] = `No campaign ${id}`;
        else if (template !== "flash_sale") problems[`${at}.campaignIds.${j}`] = `Campaign ${id} is not a flash sale`;
      });
  });
  for (const [at, l] of links) {
    if (l.type === "product" && !found.products.has(Number(l.target))) problems[at] = "No such product";
    if (l.type === "campaign" && !found.campaigns.has(Number(l.target))) problems[at] = "No such campaign";
    if (l.type === "page" && !found.pages.has(l.target)) problems[at] = "No page at this path";
  }
  return problems;
}

/** Every block of every page's draft and live version, with the page's path (pages are few: a scan is fine). */
export function pagesUsing(db: DbOrTx, uses: (b: PageBlock) => boolean, exceptPageId?: number): string[] {
  const rows = db.select({ id: pages.id, path: pages.path, draft: pages.draft, live: pageVersions.blocks }).from(pages).leftJoin(pageVersions, eq(pageVersions.id, pages.publishedVersionId)).all();
  return rows.filter((r) => r.id !== exceptPageId && [...r.draft, ...(r.live ?? [])].some(uses)).map((r) => r.path);
}

const linksOf = (b: PageBlock): LinkTarget[] =>
  b.type === "icon_grid" ? b.items.map((i) => i.link) : (b.type === "notice" || b.type === "image") && b.link ? [b.link] : [];
export const linksToPage = (path: string) => (b: PageBlock) => linksOf(b).some((l) => l.type === "page" && l.target === path);

/** Whether a link's product, campaign or page exists (a slot item's link, checked like a block's). */
export function linkProblem(db: DbOrTx, l: LinkTarget): string | null {
  const problems = blockReferenceProblems(db, [{ id: "link", type: "notice", text: { "zh-CN": "", "en-US": "" }, link: l }], "x");
  return problems["x.0.link.target"] ?? null;
}
