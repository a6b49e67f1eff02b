import type { CampaignTemplate } from "../../../api/domain/pages/resolved";

/** One icon per template (inline SVG paths: no icon font to download). */
export const TEMPLATE_ICONS: Record<CampaignTemplate, string> = {
  wheel: "M12 2a10 10 0 1 1 0 20 10 10 0 1 1 0-20Zm0 2a8 8 0 1 0 0 16 8 8 0 1 0 0-16Zm0 8V4a8 8 0 0 1 6.93 4Zm0 0 6.93 4A8 8 0 0 1 12 20Zm0 0-6.93 4A8 8 0 0 1 4 12Z",
  scratch: "M3 5h18v14H3zm2 2v10h14V7zm2 8 4-5 3 3 2-2 2 4z",
  quiz: "M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm1 16h-2v-2h2zm2-7.5c-.6.8-1.9 1.4-1.9 2.5v.5h-2.2V13c0-1.8 1.7-2.4 2.3-3.2.5-.7.2-1.8-1.2-1.8-1 0-1.6.6-1.8 1.4L8.2 8.6C8.7 7 10.1 6 12 6c2.8 0 4.2 2.6 3 4.5Z",
  flash_sale: "M13 2 4 14h7l-1 8 9-12h-7z",
  sign_in: "M7 2v2H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-2V2h-2v2H9V2zM5 9h14v11H5zm5.5 9-3.5-3.5 1.4-1.4 2.1 2.1 4.6-4.6 1.4 1.4z",
  auction: "m14.5 3.5 6 6-2 2-1-1-4 4 1 1-2 2-6-6 2-2 1 1 4-4-1-1zM3 19h10v2H3z",
};

export function TemplateIcon({ template, size = 28 }: { template: CampaignTemplate; size?: number }) {
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" className={`template-icon t-${template}`}>
      <path d={TEMPLATE_ICONS[template]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}
