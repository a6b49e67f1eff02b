import { Component, type ComponentType, type ReactNode } from "react";
import type { ResolvedBlock, ResolvedBlockType, ResolvedPage } from "../../../api/domain/pages/resolved";
import { useT } from "../i18n";
import { BannerBlock } from "./banner-block";
import { CampaignEntryBlock } from "./campaign-entry-block";
import { FlashStripBlock } from "./flash-strip-block";
import { IconGridBlock } from "./icon-grid-block";
import { ImageBlock } from "./image-block";
import { NoticeBlock } from "./notice-block";
import { ProductGridBlock } from "./product-grid-block";
import { RichTextBlock } from "./rich-text-block";
import type { BlockProps } from "./block-props";
import "./blocks.css";

type Components = { [K in ResolvedBlockType]: ComponentType<BlockProps<Extract<ResolvedBlock, { type: K }>>> };

/** One component per block type. */
export const BLOCK_COMPONENTS: Components = {
  banner: BannerBlock,
  icon_grid: IconGridBlock,
  product_grid: ProductGridBlock,
  campaign_entry: CampaignEntryBlock,
  flash_strip: FlashStripBlock,
  notice: NoticeBlock,
  rich_text: RichTextBlock,
  image: ImageBlock,
};

/** Blocks this near the top load their pictures at once; the rest lazily. */
const EAGER_BLOCKS = 2;

/**
 * A page's blocks in the operator's order. A block type this build does not know (a newer API) renders
 * nothing, and a block that fails to render takes only itself down, not the page.
 */
export function PageView({ page }: { page: Pick<ResolvedPage, "blocks"> }) {
  return (
    <div className="page-view" data-testid="page-view">
      {page.blocks.map((block, i) => {
        const C = BLOCK_COMPONENTS[block.type] as ComponentType<BlockProps<ResolvedBlock>> | undefined;
        if (!C) return null;
        return (
          <BlockBoundary key={block.id}>
            <div className={`block block-${block.type}`} data-block-type={block.type}>
              <C block={block} eager={i < EAGER_BLOCKS} />
            </div>
          </BlockBoundary>
        );
      })}
    </div>
  );
}

class BlockBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  componentDidCatch(error: unknown) {
    console.error("A page block failed to render", error);
  }
  render() {
    return this.state.failed ? null : this.props.children;
  }
}

/** The page's shape while it loads: a banner, a row of icons, two product tiles. */
export function PageSkeleton() {
  const t = useT();
  return (
    <div className="page-skeleton" aria-busy="true" aria-label={t("page.loading")} role="status" data-testid="page-skeleton">
      <div className="skeleton banner" />
      <div className="skeleton-icons">
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="skeleton icon" />
        ))}
      </div>
      <div className="skeleton row" />
      <div className="product-grid">
        <div className="skeleton tile" />
        <div className="skeleton tile" />
      </div>
    </div>
  );
}
