import type { ReactNode } from "react";
import type { ResolvedLink } from "../../../api/domain/pages/resolved";
import { Link } from "../lib/router";
import { useT } from "../i18n";

/**
 * A block's tap target from a resolved link: the router for paths on this site, a plain navigation
 * (said to screen readers) for other sites, and no link at all for "none".
 */
export function BlockLink({
  link,
  className,
  children,
  label,
  testId,
}: {
  link: ResolvedLink | null | undefined;
  className?: string;
  children: ReactNode;
  /** An accessible name when the content has no text (a picture without alt text). */
  label?: string;
  testId?: string;
}) {
  const t = useT();
  if (!link?.href)
    return (
      <div className={className} data-testid={testId}>
        {children}
      </div>
    );
  if (link.external)
    return (
      <a href={link.href} className={className} rel="noopener noreferrer" aria-label={label} data-testid={testId}>
        {children}
        <span className="visually-hidden">{t("link.external")}</span>
      </a>
    );
  return (
    <Link to={link.href} className={className} aria-label={label} data-testid={testId}>
      {children}
    </Link>
  );
}
