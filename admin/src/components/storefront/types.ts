/** What the storefront-pages API answers (api/routes/pages, slots, themes). */
import type { LinkTarget, PageBlock } from "../../../../db/schema/pages";
import type { LocalText } from "../catalog/types";

export type { LinkTarget, LocalText, PageBlock };
export type { ResolvedPage } from "../../../../api/domain/pages/resolved";

export const BLOCK_TYPES = ["banner", "icon_grid", "product_grid", "campaign_entry", "flash_strip", "notice", "rich_text", "image"] as const;
export type BlockType = (typeof BLOCK_TYPES)[number];
export type BlockOf<T extends BlockType> = Extract<PageBlock, { type: T }>;

export const LINK_TYPES = ["none", "product", "campaign", "page", "url"] as const;
export type LinkType = LinkTarget["type"];

export type VersionState = "live" | "scheduled" | "previous";

export interface PageVersion {
  id: number;
  version: number;
  note: string;
  createdBy: string;
  createdAt: string;
  publishAt: string | null;
  publishedAt: string | null;
  state: VersionState;
  blockCount: number;
}

export interface PageSummary {
  id: number;
  path: string;
  title: LocalText;
  status: "active" | "archived";
  publishedVersionId: number | null;
  publishedVersion: number | null;
  publishedAt: string | null;
  scheduledAt: string | null;
  blockCount: number;
  hasUnpublishedChanges: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface PageDetail extends PageSummary {
  draft: PageBlock[];
  versions: PageVersion[];
}

export interface SlotItem {
  id: number;
  slotId: number;
  title: LocalText;
  image: string;
  link: LinkTarget;
  sortOrder: number;
  startAt: string | null;
  endAt: string | null;
  state: "active" | "scheduled" | "expired";
  createdAt: string;
  updatedAt: string;
}

export interface Slot {
  id: number;
  code: string;
  name: LocalText;
  itemCount: number;
  activeCount: number;
  usedBy: string[];
  createdAt: string;
  updatedAt: string;
}

export interface SlotDetail extends Slot {
  items: SlotItem[];
}

export interface Theme {
  id: number;
  name: LocalText;
  primaryColor: string;
  background: string;
  logoUrl: string;
  isDefault: boolean;
  startAt: string | null;
  endAt: string | null;
  active: boolean;
  kind: "default" | "upcoming" | "on" | "past";
  createdAt: string;
  updatedAt: string;
}

/** The API's one error shape, with the field paths of a 422. */
export interface ApiProblem {
  message: string;
  code?: string;
  fields: Record<string, string>;
}
