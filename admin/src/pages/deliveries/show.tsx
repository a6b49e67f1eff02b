import { RefreshButton, Show } from "@refinedev/antd";
import { useOne, useShow, useTranslate } from "@refinedev/core";
import { Card, Descriptions, Empty, Space, Table, Tag, Typography, theme } from "antd";
import { Link } from "react-router";
import { NextAttempt } from "../../components/integration/delivery-columns";
import { DeliveryStatusTag, RetryDeliveryButton } from "../../components/integration/delivery-status";
import type { DeliveryAttempt, DeliveryDetail, HostApp } from "../../components/integration/types";
import { formatTime } from "../../providers/preferences";

export function DeliveryShow() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { result: d, query } = useShow<DeliveryDetail>();
  const { result: app } = useOne<HostApp>({ resource: "apps", id: d?.appId ?? "", queryOptions: { enabled: d?.appId != null }, errorNotification: false });
  const pre = { background: token.colorFillTertiary, padding: 12, borderRadius: token.borderRadius, fontSize: 12, overflowX: "auto" as const, margin: 0, maxHeight: 420 };

  return (
    <Show
      isLoading={query.isLoading}
      canDelete={false}
      canEdit={false}
      title={d ? t("deliveries.titles.showNamed", { id: d.id, topic: d.topic }) : undefined}
      headerButtons={() =>
        d && (
          <Space>
            <RetryDeliveryButton delivery={d} size="middle" withText />
            <RefreshButton recordItemId={d.id} />
          </Space>
        )
      }
    >
      {d && (
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          <Descriptions bordered column={{ xs: 1, md: 2 }} size="small" data-testid="delivery-facts">
            <Descriptions.Item label={t("deliveries.fields.topic")}>
              <Typography.Text code>{d.topic}</Typography.Text> <Tag>{t(`deliveries.kinds.${d.kind}`, d.kind)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t("deliveries.fields.app")}>{d.appId != null ? <Link to={`/apps/show/${d.appId}`}>{app?.name ?? `#${d.appId}`}</Link> : "—"}</Descriptions.Item>
            <Descriptions.Item label={t("deliveries.fields.status")}>
              <DeliveryStatusTag status={d.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t("deliveries.fields.attempts")}>{d.attempts}</Descriptions.Item>
            <Descriptions.Item label={t("deliveries.fields.nextAttemptAt")}>
              <NextAttempt d={d} />
            </Descriptions.Item>
            <Descriptions.Item label={t("deliveries.fields.deliveredAt")}>{formatTime(d.deliveredAt, true)}</Descriptions.Item>
            <Descriptions.Item label={t("deliveries.fields.lastError")} span={2}>
              {d.lastError ? <Typography.Text type="danger">{d.lastError}</Typography.Text> : "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("deliveries.fields.dedupeKey")}>{d.dedupeKey ? <Typography.Text code>{d.dedupeKey}</Typography.Text> : "—"}</Descriptions.Item>
            <Descriptions.Item label={t("deliveries.fields.createdAt")}>{formatTime(d.createdAt, true)}</Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t("deliveries.payload")}>
            <Typography.Paragraph copyable={{ text: JSON.stringify(d.payload, null, 2) }} style={{ marginBottom: 0 }}>
              <pre style={pre} data-testid="delivery-payload">
                {JSON.stringify(d.payload, null, 2)}
              </pre>
            </Typography.Paragraph>
          </Card>
          <Card size="small" title={t("deliveries.attemptLog", { count: d.attemptLog.length })}>
            <Table<DeliveryAttempt>
              data-testid="attempt-log"
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={d.attemptLog}
              scroll={{ x: true }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("deliveries.noAttempts")} /> }}
              expandable={{
                rowExpandable: (a) => !!a.responseSnippet,
                expandedRowRender: (a) => <pre style={pre}>{a.responseSnippet}</pre>,
              }}
              columns={[
                { dataIndex: "attempt", title: "#", width: 50 },
                { dataIndex: "createdAt", title: t("deliveries.attempt.time"), render: (v: string) => formatTime(v, true) },
                {
                  dataIndex: "statusCode",
                  title: t("deliveries.attempt.statusCode"),
                  render: (c: number | null, a) => <Tag color={a.ok ? "success" : "error"}>{c ?? t("deliveries.attempt.noResponse")}</Tag>,
                },
                { dataIndex: "durationMs", title: t("deliveries.attempt.duration"), align: "right", render: (ms: number) => t("deliveries.attempt.ms", { ms }) },
                { dataIndex: "url", title: t("deliveries.attempt.url"), ellipsis: true, render: (u: string) => u || "—" },
                { dataIndex: "error", title: t("deliveries.attempt.error"), render: (e: string | null) => (e ? <Typography.Text type="danger">{e}</Typography.Text> : "—") },
                {
                  dataIndex: "responseSnippet",
                  title: t("deliveries.attempt.response"),
                  ellipsis: true,
                  render: (s: string | null) => (s ? <Typography.Text type="secondary" style={{ fontFamily: "monospace", fontSize: 12 }}>{s}</Typography.Text> : "—"),
                },
              ]}
            />
          </Card>
        </Space>
      )}
    </Show>
  );
}
