import type { ResolvedImageBlock } from "../../../api/domain/pages/resolved";
import { useT } from "../i18n";
import { BlockLink } from "./block-link";
import { useLocalText } from "./local";
import type { BlockProps } from "./block-props";

/** One picture, full width, optionally a link (its alt text names the link; "See more" when there is none). */
export function ImageBlock({ block, eager }: BlockProps<ResolvedImageBlock>) {
  const t = useT();
  const text = useLocalText();
  const alt = text(block.alt);
  if (!block.url) return null;
  // The API does not know the picture's size: it takes the full width and its own height once loaded.
  const img = <img className="image-block-img" src={block.url} alt={alt} loading={eager ? "eager" : "lazy"} decoding="async" />;
  return (
    <BlockLink link={block.link} className="image-block" label={block.link?.href && !alt ? t("image.more") : undefined} testId="image-block">
      {img}
    </BlockLink>
  );
}
