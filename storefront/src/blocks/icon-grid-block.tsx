import type { CSSProperties } from "react";
import type { ResolvedIconGridBlock } from "../../../api/domain/pages/resolved";
import { BlockLink } from "./block-link";
import { Local } from "./local";
import type { BlockProps } from "./block-props";

/** Entry icons in rows of 3–5 (the label is the link's name; the icon is decoration). */
export function IconGridBlock({ block, eager }: BlockProps<ResolvedIconGridBlock>) {
  if (!block.items.length) return null;
  const columns = Math.min(5, Math.max(3, block.columns || 4));
  return (
    <nav className="icon-grid card" style={{ "--cols": columns } as CSSProperties} data-testid="icon-grid">
      <ul>
        {block.items.map((item, i) => (
          <li key={i}>
            <BlockLink link={item.link} className="icon-item">
              {item.icon ? <img src={item.icon} alt="" width={44} height={44} loading={eager ? "eager" : "lazy"} decoding="async" /> : <span className="icon-placeholder" aria-hidden="true" />}
              <Local text={item.label} className="icon-label" />
            </BlockLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
