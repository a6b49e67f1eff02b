import type { BlockType, LinkTarget, LocalText, PageBlock } from "./types";

/**
 * The page editor's pure pieces: new blocks, the body sent to the API, moving blocks, and the API's
 * field paths ("blocks.2.productIds.1") mapped back onto the blocks they belong to.
 */

const EMPTY_TEXT = (): LocalText => ({ "zh-CN": "", "en-US": "" });
export const NO_LINK = (): LinkTarget => ({ type: "none", target: "" });

/**
 * A block id (the API takes 1–40 letters, digits, - or _). crypto.randomUUID exists only in secure
 * contexts (https, localhost): a console opened over plain http on an intranet address would have
 * none, so fall back on getRandomValues, which every context has.
 */
export function newBlockId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A fresh block of a type, with sensible starting values (what is still missing the preview marks). */
export function newBlock(type: BlockType, hints: { slotCode?: string } = {}): PageBlock {
  const id = newBlockId();
  switch (type) {
    case "banner":
      return { id, type, slotCode: hints.slotCode ?? "" };
    case "icon_grid":
      return { id, type, columns: 4, items: [{ icon: "", label: EMPTY_TEXT(), link: NO_LINK() }] };
    case "product_grid":
      return { id, type, title: EMPTY_TEXT(), source: "manual", productIds: [], limit: 6, columns: 2 };
    case "campaign_entry":
      // No campaign yet: the settings form asks for one.
      return { id, type } as unknown as PageBlock;
    case "flash_strip":
      return { id, type, campaignIds: [], title: { "zh-CN": "限时秒杀", "en-US": "Flash sale" } };
    case "notice":
      return { id, type, text: EMPTY_TEXT() };
    case "rich_text":
      return { id, type, html: EMPTY_TEXT() };
    case "image":
      return { id, type, url: "", alt: EMPTY_TEXT() };
  }
}

const text = (v: Partial<LocalText> | undefined | null): LocalText => ({ "zh-CN": v?.["zh-CN"] ?? "", "en-US": v?.["en-US"] ?? "" });
const hasText = (v: Partial<LocalText> | undefined | null) => !!(v?.["zh-CN"]?.trim() || v?.["en-US"]?.trim());
const link = (l: Partial<LinkTarget> | undefined | null): LinkTarget => (l?.type && l.type !== "none" ? { type: l.type, target: String(l.target ?? "") } : NO_LINK());

/** Drops what is unset (null, undefined): the API's schemas are strict and take absent fields, not nulls. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;
}

/**
 * One block as the API takes it: only the fields its type (and a grid's source) uses. The editor keeps
 * the others (switching a grid from "manual" to "category" and back keeps the picked products).
 */
export function blockBody(b: PageBlock): PageBlock {
  const any = b as PageBlock & Record<string, unknown>;
  switch (b.type) {
    case "banner":
      return compact({ id: b.id, type: b.type, slotCode: b.slotCode ?? "", height: b.height ?? undefined });
    case "icon_grid":
      return { id: b.id, type: b.type, columns: b.columns ?? 4, items: (b.items ?? []).map((it) => ({ icon: it?.icon ?? "", label: text(it?.label), link: link(it?.link) })) };
    case "product_grid": {
      const base = { id: b.id, type: b.type, title: text(b.title), source: b.source, limit: b.limit ?? 6, columns: b.columns ?? 2 };
      if (b.source === "category") return compact({ ...base, categoryId: b.categoryId ?? undefined });
      if (b.source === "tag") return compact({ ...base, tag: b.tag ?? undefined });
      return { ...base, productIds: b.productIds ?? [] };
    }
    case "campaign_entry":
      return compact({ id: b.id, type: b.type, campaignId: any.campaignId as number, title: hasText(b.title) ? text(b.title) : undefined, image: b.image || undefined });
    case "flash_strip":
      return { id: b.id, type: b.type, campaignIds: b.campaignIds ?? [], title: text(b.title) };
    case "notice":
      return compact({ id: b.id, type: b.type, text: text(b.text), link: b.link && b.link.type !== "none" ? link(b.link) : undefined });
    case "rich_text":
      return { id: b.id, type: b.type, html: text(b.html) };
    case "image":
      return compact({ id: b.id, type: b.type, url: b.url ?? "", alt: text(b.alt), link: b.link && b.link.type !== "none" ? link(b.link) : undefined });
  }
}

export const blocksBody = (blocks: PageBlock[]): PageBlock[] => blocks.map(blockBody);

/** The same list with one item moved from one place to another. */
export function moveItem<T>(list: T[], from: number, to: number): T[] {
  if (from === to || from < 0 || to < 0 || from >= list.length || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

export interface BlockProblems {
  /** By block id: field path inside the block ("productIds", "title.zh-CN", "" for the block itself) → message. */
  byBlock: Record<string, Record<string, string>>;
  /** Problems of the page itself ("title.zh-CN", "blocks": the draft is empty). */
  page: Record<string, string>;
}

/**
 * The API's field paths name blocks by their index in the list that was sent; the editor keeps them
 * by block id, so that they stay on the right block when blocks move before the next check.
 */
export function problemsByBlock(fields: Record<string, string>, sent: Pick<PageBlock, "id">[]): BlockProblems {
  const out: BlockProblems = { byBlock: {}, page: {} };
  for (const [path, message] of Object.entries(fields)) {
    const m = /^blocks\.(\d+)(?:\.(.+))?$/.exec(path);
    const block = m ? sent[Number(m[1])] : undefined;
    if (!m || !block) {
      out.page[path] = message;
      continue;
    }
    (out.byBlock[block.id] ??= {})[m[2] ?? ""] = message;
  }
  return out;
}

/** The problem of a field, or of anything inside it ("productIds" also answers for "productIds.1"). */
export function problemAt(problems: Record<string, string> | undefined, path: string): string | undefined {
  if (!problems) return undefined;
  if (problems[path]) return problems[path];
  const inner = Object.keys(problems).find((k) => k.startsWith(path + "."));
  return inner ? problems[inner] : undefined;
}

/** Two block lists hold the same content (what the API would be sent). */
export const sameBlocks = (a: PageBlock[], b: PageBlock[]) => JSON.stringify(blocksBody(a)) === JSON.stringify(blocksBody(b));
