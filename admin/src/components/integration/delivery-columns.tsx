import { ShowButton } from "@refinedev/antd";
import { useTranslate } from "@refinedev/core";
import { Space, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { formatTime } from "../../providers/preferences";
import { DeliveryStatusTag, RetryDeliveryButton } from "./delivery-status";
import type { Delivery } from "./types";

/** When the next attempt is due: only a waiting delivery has one. */
export function NextAttempt({ d }: { d: Delivery }) {
  const t = useTranslate();
  if (d.status !== "pending") return <>—</>;
  return <span>{new Date(d.nextAttemptAt).getTime() <= Date.now() ? t("deliveries.dueNow") : formatTime(d.nextAttemptAt, true)}</span>;
}

/** Columns shared by the deliveries list and an app's recent deliveries. */
export function useDeliveryColumns(opts: { appName?: (id: number | null) => React.ReactNode } = {}): ColumnsType<Delivery> {
  const t = useTranslate();
  return [
    { dataIndex: "id", title: "#", width: 70, sorter: true },
    {
      dataIndex: "topic",
      title: t("deliveries.fields.topic"),
      render: (topic: string, d) => (
        <Space direction="vertical" size={0}>
          <Typography.Text code>{topic}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`deliveries.kinds.${d.kind}`, d.kind)}
          </Typography.Text>
        </Space>
      ),
    },
    ...(opts.appName ? [{ dataIndex: "appId", title: t("deliveries.fields.app"), render: (id: number | null) => opts.appName!(id) }] : []),
    { dataIndex: "status", title: t("deliveries.fields.status"), render: (s: Delivery["status"]) => <DeliveryStatusTag status={s} /> },
    { dataIndex: "attempts", title: t("deliveries.fields.attempts"), align: "right", width: 90 },
    { key: "next", title: t("deliveries.fields.nextAttemptAt"), render: (_, d) => <NextAttempt d={d} /> },
    {
      dataIndex: "lastError",
      title: t("deliveries.fields.lastError"),
      ellipsis: true,
      render: (e: string | null) => (e ? <Typography.Text type="danger">{e}</Typography.Text> : "—"),
    },
    { dataIndex: "createdAt", title: t("deliveries.fields.createdAt"), sorter: true, render: (v: string) => formatTime(v, true) },
    {
      key: "actions",
      title: t("table.actions"),
      fixed: "right",
      render: (_, d) => (
        <Space>
          <ShowButton hideText size="small" resource="deliveries" recordItemId={d.id} />
          <RetryDeliveryButton delivery={d} />
        </Space>
      ),
    },
  ];
}
