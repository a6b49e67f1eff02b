import { useApiUrl, useCan, useCustom, useTranslate } from "@refinedev/core";
import { usePreferences } from "../../providers/preferences";
import type { LocalText } from "./types";

const DEFAULT_TIERS = ["normal", "silver", "gold", "diamond"];

/** The mall's tiers (from the points policy when the role may read it; the default four otherwise). */
export function useTierOptions() {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const { locale } = usePreferences();
  const { data: can } = useCan({ resource: "members", action: "list" });
  const { result, query } = useCustom<{ tiers: { code: string; name: LocalText }[] }>({
    url: `${apiUrl}/members/policy`,
    method: "get",
    queryOptions: { enabled: !!can?.can, staleTime: 60_000 },
    errorNotification: false,
  });
  const tiers = query.data ? result.data.tiers : DEFAULT_TIERS.map((code) => ({ code, name: { "zh-CN": t(`products.tiers.${code}`), "en-US": t(`products.tiers.${code}`) } }));
  return tiers.map((tier) => ({ value: tier.code, label: tier.name[locale] || tier.code }));
}
