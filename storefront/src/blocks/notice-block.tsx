import type { ResolvedNoticeBlock } from "../../../api/domain/pages/resolved";
import { useT } from "../i18n";
import { BlockLink } from "./block-link";
import { Local } from "./local";
import type { BlockProps } from "./block-props";

/** A notice bar: the whole text, wrapped (no marquee: moving text is hard to read and to pause). */
export function NoticeBlock({ block }: BlockProps<ResolvedNoticeBlock>) {
  const t = useT();
  const content = (
    <>
      <svg className="notice-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
        <path d="M3 10v4h4l5 4V6L7 10zm13.5 2A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4ZM14 3.2v2.1a7 7 0 0 1 0 13.4v2.1a9 9 0 0 0 0-17.6Z" fill="currentColor" />
      </svg>
      <span className="visually-hidden">{t("notice.label")}: </span>
      <Local className="notice-text" text={block.text} />
      {block.link?.href && (
        <svg className="notice-chevron" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <path d="m9 5 7 7-7 7" fill="none" stroke="currentColor" strokeWidth="2.4" />
        </svg>
      )}
    </>
  );
  return (
    <BlockLink link={block.link} className="notice-bar" testId="notice-bar">
      {content}
    </BlockLink>
  );
}
