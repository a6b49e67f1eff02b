/**
 * The storefront's page JSON: what GET /api/shop/pages?path=/ answers, and what the console's phone
 * preview renders (GET/POST /api/admin/pages/:id/preview). One `ResolvedBlock` per block the operator
 * configured, in the operator's order, with everything a block component needs already looked up
 * (slot items active now, products on sale now, campaigns' status and countdown times), so the
 * storefront renders without a second request.
 *
 * Types only (no runtime imports): the storefront imports them with `import type`.
 *
 * - Times are ISO 8601 strings in UTC.
 * - Texts are per language (`LocalText`); an empty string means "not translated", show the other one.
 * - Points and cash (cents) are integers.
 * - A block whose content resolves to nothing members can use (a banner with no item active now, a
 *   product grid with no product on sale, a campaign entry whose campaign is a draft or deleted, a
 *   flash strip whose sales have all ended) is left out of `blocks`, so the storefront never shows an
 *   empty frame.
 */

export interface LocalText {
  "zh-CN": string;
  "en-US": string;
}

/** Where a tap goes. `href` is ready for the storefront's router (or a full URL for `url` links to other sites). */
export interface ResolvedLink {
  type: "product" | "campaign" | "page" | "url" | "none";
  /** As configured: a product or campaign id, a page path, a URL or site path; "" for none. */
  target: string;
  /**
   * product → "/products/<id>", campaign → "/campaigns/<id>", page → its path ("/topics/<slug>"),
   * url → the URL as configured (an http(s) URL, or a path on this site such as "/me"), none → null.
   */
  href: string | null;
  /** True for http(s) URLs to another site: open them as a normal navigation, not through the router. */
  external: boolean;
}

export interface ResolvedTheme {
  /** The theme row's id; null when no theme is configured and the mall settings' colours apply. */
  id: number | null;
  name: LocalText;
  /** CSS colours (#rrggbb). */
  primaryColor: string;
  background: string;
  /** An image URL, or "" for none. */
  logoUrl: string;
  /** True while a festival theme's window is on (the default theme otherwise). */
  festival: boolean;
}

/** A product as a grid tile shows it: only products members may redeem now appear. */
export interface ResolvedProduct {
  id: number;
  name: LocalText;
  /** The main picture ("" when the product has none). */
  image: string;
  pointsPrice: number;
  /** Cash part in cents (0: points only). */
  cashPrice: number;
  soldOut: boolean;
  /** The storefront route of its detail page ("/products/<id>"). */
  href: string;
}

export type CampaignTemplate = "wheel" | "scratch" | "quiz" | "flash_sale" | "sign_in" | "auction";

/** A campaign as an entry or a strip shows it (never drafts). */
export interface ResolvedCampaign {
  id: number;
  template: CampaignTemplate;
  title: LocalText;
  image: string;
  /** At the time the JSON was built: scheduled (count down to startAt), live (count down to endAt), ended. */
  status: "scheduled" | "live" | "ended";
  startAt: string;
  endAt: string;
  /** Points one entry costs (0: free). */
  entryCost: number;
  /** "/campaigns/<id>". */
  href: string;
}

/** A flash sale in a flash strip: the campaign plus the product, its sale price and the stock left. */
export interface ResolvedFlashSale extends ResolvedCampaign {
  template: "flash_sale";
  product: {
    id: number;
    name: LocalText;
    image: string;
    /** The product's usual price, for the struck-through "was" price. */
    pointsPrice: number;
    cashPrice: number;
  };
  salePoints: number;
  /** Sale cash part in cents. */
  saleCash: number;
  /** Units set aside for the sale, and how many are left (0: sold out). */
  reservedStock: number;
  stockLeft: number;
  /** Units one member may buy (0: no limit). */
  perMemberLimit: number;
}

export interface ResolvedBannerItem {
  id: number;
  title: LocalText;
  image: string;
  link: ResolvedLink;
}

/** A carousel of the slot's items active now, in the operator's order. */
export interface ResolvedBannerBlock {
  id: string;
  type: "banner";
  slotCode: string;
  /** Height in CSS pixels at a 375 px wide screen (scale with the width); default 150. */
  height: number;
  items: ResolvedBannerItem[];
}

export interface ResolvedIconGridBlock {
  id: string;
  type: "icon_grid";
  /** Icons per row (3 to 5). */
  columns: number;
  /** icon: an image URL (square; uploaded, http(s), or a data: URL). */
  items: { icon: string; label: LocalText; link: ResolvedLink }[];
}

export interface ResolvedProductGridBlock {
  id: string;
  type: "product_grid";
  title: LocalText;
  source: "category" | "tag" | "manual";
  columns: 2 | 3;
  /** The listing behind the grid ("/products?categoryId=3", "/products?tag=%E7%83%AD%E9%97%A8"); null for hand-picked lists. */
  moreHref: string | null;
  /** At most `limit` of the configured products that are on sale now (hand-picked lists keep their order). */
  products: ResolvedProduct[];
}

export interface ResolvedCampaignEntryBlock {
  id: string;
  type: "campaign_entry";
  /** The operator's title, or the campaign's. */
  title: LocalText;
  /** The operator's picture, or the campaign's ("" when neither has one). */
  image: string;
  campaign: ResolvedCampaign;
}

export interface ResolvedFlashStripBlock {
  id: string;
  type: "flash_strip";
  title: LocalText;
  /** Live sales first (by end), then upcoming ones (by start); ended sales are left out. */
  sales: ResolvedFlashSale[];
}

export interface ResolvedNoticeBlock {
  id: string;
  type: "notice";
  text: LocalText;
  link: ResolvedLink | null;
}

export interface ResolvedRichTextBlock {
  id: string;
  type: "rich_text";
  /** Sanitised HTML per language (p, br, b, strong, i, em, ul, ol, li, h3, h4, img[src,alt], a[href]): safe to set as innerHTML. */
  html: LocalText;
}

export interface ResolvedImageBlock {
  id: string;
  type: "image";
  url: string;
  alt: LocalText;
  link: ResolvedLink | null;
}

export type ResolvedBlock =
  | ResolvedBannerBlock
  | ResolvedIconGridBlock
  | ResolvedProductGridBlock
  | ResolvedCampaignEntryBlock
  | ResolvedFlashStripBlock
  | ResolvedNoticeBlock
  | ResolvedRichTextBlock
  | ResolvedImageBlock;

export type ResolvedBlockType = ResolvedBlock["type"];

/** GET /api/shop/pages?path=… (200). 404 { code: "PAGE_NOT_FOUND" } when nothing is published at that path. */
export interface ResolvedPage {
  path: string;
  title: LocalText;
  /** The published version's number (the preview of a draft: null). */
  version: number | null;
  publishedAt: string | null;
  theme: ResolvedTheme;
  blocks: ResolvedBlock[];
}
