import { useMany, useTranslate } from "@refinedev/core";
import { Input, Select, Space } from "antd";
import { useLocalText } from "../catalog/product-bits";
import type { Product } from "../catalog/types";
import type { Campaign } from "../campaigns/types";
import { CampaignPicker, PagePathPicker, ProductPicker } from "./pickers";
import { LINK_TYPES, type LinkTarget, type LinkType } from "./types";

interface Props {
  value?: Partial<LinkTarget>;
  onChange?: (value: LinkTarget) => void;
  id?: string;
  status?: "error" | "";
  disabled?: boolean;
}

/**
 * Where a tap goes: nowhere, a product, a campaign, a page of the mall, or a URL (an http(s) address,
 * or a path on the storefront such as /me). The target's picker follows the kind.
 */
export function LinkEditor({ value, onChange, id, status, disabled }: Props) {
  const t = useTranslate();
  const type: LinkType = value?.type ?? "none";
  const target = value?.target ?? "";
  const set = (next: Partial<LinkTarget>) => onChange?.({ type, target, ...next } as LinkTarget);
  const idOf = (v: string) => (/^\d+$/.test(v) ? Number(v) : null);

  return (
    <Space.Compact style={{ width: "100%" }} id={id}>
      <Select<LinkType>
        aria-label={t("storefront.link.type")}
        value={type}
        disabled={disabled}
        onChange={(v) => set({ type: v, target: "" })}
        options={LINK_TYPES.map((k) => ({ value: k, label: t(`storefront.link.types.${k}`) }))}
        style={{ width: 112, flex: "none" }}
        data-testid="link-type"
      />
      <div style={{ flex: 1, minWidth: 0 }}>
        {type === "product" && <ProductPicker value={idOf(target)} onChange={(v) => set({ target: v ? String(v) : "" })} status={status} disabled={disabled} />}
        {type === "campaign" && <CampaignPicker value={idOf(target)} onChange={(v) => set({ target: v ? String(v) : "" })} status={status} disabled={disabled} />}
        {type === "page" && <PagePathPicker value={target} onChange={(v) => set({ target: v })} status={status} disabled={disabled} />}
        {type === "url" && (
          <Input value={target} onChange={(e) => set({ target: e.target.value })} placeholder={t("storefront.link.urlPlaceholder")} status={status} disabled={disabled} maxLength={500} data-testid="link-url" />
        )}
        {type === "none" && <Input disabled placeholder={t("storefront.link.noneHint")} />}
      </div>
    </Space.Compact>
  );
}

/** Where a link goes, in a few words ("Campaign: Lucky Wheel", "Page: /topics/double-11"). */
export function linkSummary(link: LinkTarget | undefined, t: (key: string, options?: Record<string, unknown>) => string, nameOf?: (link: LinkTarget) => string | undefined): string {
  if (!link || link.type === "none") return t("storefront.link.types.none");
  const target = nameOf?.(link) ?? (link.type === "product" || link.type === "campaign" ? `#${link.target}` : link.target);
  return `${t(`storefront.link.types.${link.type}`)}: ${target}`;
}

/** The names of the products and campaigns a list of links points at (two requests, whatever the list's size). */
export function useLinkNames(links: (LinkTarget | undefined)[]): (link: LinkTarget) => string | undefined {
  const text = useLocalText();
  const ids = (type: "product" | "campaign") => [...new Set(links.filter((l) => l?.type === type && /^\d+$/.test(l.target)).map((l) => Number(l!.target)))];
  const productIds = ids("product");
  const campaignIds = ids("campaign");
  const { result: productRows } = useMany<Product>({ resource: "products", ids: productIds, queryOptions: { enabled: productIds.length > 0 }, errorNotification: false });
  const { result: campaignRows } = useMany<Campaign>({ resource: "campaigns", ids: campaignIds, queryOptions: { enabled: campaignIds.length > 0 }, errorNotification: false });
  return (link) => {
    if (link.type === "product") return text(productRows?.data?.find((p) => String(p.id) === link.target)?.name) || undefined;
    if (link.type === "campaign") return text(campaignRows?.data?.find((c) => String(c.id) === link.target)?.title) || undefined;
    return undefined;
  };
}
