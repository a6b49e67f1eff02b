import type { ReactNode } from "react";
import { AppstoreOutlined, FileTextOutlined, FundProjectionScreenOutlined, NotificationOutlined, PictureOutlined, RocketOutlined, ShoppingOutlined, ThunderboltOutlined } from "@ant-design/icons";
import type { LocalText } from "../catalog/types";
import type { BlockType, PageBlock } from "./types";

/** How each block type looks in the palette and the block list. */
export const BLOCK_META: Record<BlockType, { icon: ReactNode; color: string }> = {
  banner: { icon: <FundProjectionScreenOutlined />, color: "#1677ff" },
  icon_grid: { icon: <AppstoreOutlined />, color: "#13c2c2" },
  product_grid: { icon: <ShoppingOutlined />, color: "#fa8c16" },
  campaign_entry: { icon: <RocketOutlined />, color: "#eb2f96" },
  flash_strip: { icon: <ThunderboltOutlined />, color: "#fa541c" },
  notice: { icon: <NotificationOutlined />, color: "#faad14" },
  rich_text: { icon: <FileTextOutlined />, color: "#722ed1" },
  image: { icon: <PictureOutlined />, color: "#52c41a" },
};

type Translate = (key: string, options?: Record<string, unknown>) => string;
type Text = (v: LocalText | null | undefined) => string;

const stripTags = (html: string) => html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();

/** One line under a block's name saying what it shows ("3 products, hand-picked", "slot home-top"). */
export function blockSummary(b: PageBlock, t: Translate, text: Text, names: { campaign?: (id: number) => string | undefined; category?: (id: number) => string | undefined } = {}): string {
  switch (b.type) {
    case "banner":
      return b.slotCode ? t("storefront.summary.banner", { code: b.slotCode }) : t("storefront.summary.noSlot");
    case "icon_grid":
      return t("storefront.summary.iconGrid", { count: b.items?.length ?? 0, columns: b.columns });
    case "product_grid": {
      const title = text(b.title);
      const what =
        b.source === "manual"
          ? t("storefront.summary.manual", { count: b.productIds?.length ?? 0 })
          : b.source === "category"
            ? t("storefront.summary.category", { name: (b.categoryId && names.category?.(b.categoryId)) || "—" })
            : t("storefront.summary.tag", { tag: b.tag || "—" });
      return title ? `${title} · ${what}` : what;
    }
    case "campaign_entry": {
      const id = (b as { campaignId?: number }).campaignId;
      return id ? (text(b.title) || names.campaign?.(id) || `#${id}`) : t("storefront.summary.noCampaign");
    }
    case "flash_strip":
      return t("storefront.summary.flashStrip", { title: text(b.title), count: b.campaignIds?.length ?? 0 });
    case "notice":
      return text(b.text) || t("storefront.summary.empty");
    case "rich_text":
      return stripTags(text(b.html)).slice(0, 60) || t("storefront.summary.empty");
    case "image":
      return text(b.alt) || (b.url ? t("storefront.summary.image") : t("storefront.summary.noImage"));
  }
}
