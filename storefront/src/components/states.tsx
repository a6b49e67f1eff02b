import { useT } from "../i18n";
import type { ApiError } from "../lib/api";

export function Skeleton({ rows = 3, banner = false }: { rows?: number; banner?: boolean }) {
  const t = useT();
  return (
    <div className="skeleton-list" aria-busy="true" aria-label={t("loading")}>
      {banner && <div className="skeleton banner" />}
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton row" />
      ))}
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error?: ApiError; onRetry?: () => void }) {
  const t = useT();
  return (
    <div className="notice" role="alert">
      <p>{error && error.code !== "NETWORK" && error.message ? error.message : t("loadFailed")}</p>
      {onRetry && (
        <button className="primary-button" onClick={onRetry}>
          {t("retry")}
        </button>
      )}
    </div>
  );
}

export function Empty({ text }: { text: string }) {
  return <p className="empty">{text}</p>;
}
