import { useApiUrl, useCustom } from "@refinedev/core";
import { usePreferences } from "../../providers/preferences";
import type { MemberPolicy, Tier } from "./types";

/**
 * Tier names, the review threshold and the caller's adjustment limit, from GET /members/policy
 * (customer service may read members but not the points policy itself).
 */
export function useMemberPolicy() {
  const apiUrl = useApiUrl();
  const { locale } = usePreferences();
  const { result, query } = useCustom<MemberPolicy>({
    url: `${apiUrl}/members/policy`,
    method: "get",
    queryOptions: { staleTime: 60_000 },
    errorNotification: false,
  });
  const policy = query.data ? (result.data as MemberPolicy) : undefined;
  const tiers: Tier[] = policy?.tiers ?? [];
  const sorted = [...tiers].sort((a, b) => a.threshold - b.threshold);
  return {
    policy,
    tiers: sorted,
    isLoading: query.isLoading,
    tierName: (code: string | null | undefined) => {
      if (!code) return "—";
      return tiers.find((t) => t.code === code)?.name[locale] ?? code;
    },
    /** Rank 0 is the lowest tier; colours follow the rank. */
    tierRank: (code: string) => sorted.findIndex((t) => t.code === code),
  };
}
