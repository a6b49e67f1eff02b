import { Show } from "@refinedev/antd";
import { useShow, useTranslate } from "@refinedev/core";
import { Badge, Descriptions, Tag } from "antd";
import { formatTime } from "../../providers/preferences";
import type { Supplier } from "./types";

export function SupplierShow() {
  const t = useTranslate();
  const { result: s, query } = useShow<Supplier>();
  return (
    <Show isLoading={query.isLoading} canDelete={false}>
      {s && (
        <Descriptions bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("suppliers.fields.name")}>
            {s.name} {s.isPlatform && <Tag color="red">{t("suppliers.platform")}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t("suppliers.fields.code")}>{s.code}</Descriptions.Item>
          <Descriptions.Item label={t("suppliers.fields.status")}>
            <Badge status={s.status === "active" ? "success" : "error"} text={t(`suppliers.status.${s.status}`)} />
          </Descriptions.Item>
          <Descriptions.Item label={t("suppliers.fields.contactName")}>{s.contactName || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("suppliers.fields.contactPhone")}>{s.contactPhone || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("suppliers.fields.contactEmail")}>{s.contactEmail || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("suppliers.fields.bankName")}>{s.settlement.bankName || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("suppliers.fields.accountName")}>{s.settlement.accountName || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("suppliers.fields.accountNumber")}>{s.settlement.accountNumber || "—"}</Descriptions.Item>
          <Descriptions.Item label={t("suppliers.fields.cycle")}>{s.settlement.cycle ? t(`suppliers.cycle.${s.settlement.cycle}`) : "—"}</Descriptions.Item>
          <Descriptions.Item label={t("common.createdAt")}>{formatTime(s.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t("common.updatedAt")}>{formatTime(s.updatedAt)}</Descriptions.Item>
        </Descriptions>
      )}
    </Show>
  );
}
