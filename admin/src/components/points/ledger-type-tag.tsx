import { Tag } from "antd";
import { useTranslate } from "@refinedev/core";
import type { LedgerType } from "./types";

export const LEDGER_TYPE_COLORS: Record<LedgerType, string> = {
  earn: "green",
  spend: "blue",
  refund: "cyan",
  expire: "default",
  adjust: "orange",
  hold: "purple",
  release: "geekblue",
};

export function LedgerTypeTag({ type }: { type: LedgerType }) {
  const t = useTranslate();
  return <Tag color={LEDGER_TYPE_COLORS[type] ?? "default"}>{t(`ledger-entries.types.${type}`, type)}</Tag>;
}
