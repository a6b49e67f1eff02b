import { useEffect, useState } from "react";
import { useApiUrl, useCustom, useTranslate } from "@refinedev/core";
import { Alert, Card, Col, InputNumber, Progress, Row, Skeleton, Space, Statistic, Table, Typography, theme } from "antd";
import { FundOutlined } from "@ant-design/icons";
import { useLocalText } from "../catalog/product-bits";
import { formatCents, formatCount, formatRate } from "./money";
import { formatPercent } from "./odds";
import type { CampaignDetail, Forecast } from "./types";

/** Typing settles before the forecast is asked again. */
function useDebounced<T>(value: T, ms = 400) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return v;
}

/**
 * The expected prize cost of an entry against the points it collects (at the campaign's point
 * value), the margin, and the budget for N entries, with when each limited prize runs out.
 */
export function ForecastCard({ campaign }: { campaign: CampaignDetail }) {
  const t = useTranslate();
  const text = useLocalText();
  const apiUrl = useApiUrl();
  const { token } = theme.useToken();
  const [entries, setEntries] = useState(10_000);
  const asked = useDebounced(entries);
  const { result, query } = useCustom<Forecast>({
    url: `${apiUrl}/campaigns/${campaign.id}/forecast`,
    method: "get",
    config: { query: { entries: asked } },
    queryOptions: { placeholderData: (prev) => prev },
    errorNotification: false,
  });
  const f = query.data ? result.data : undefined;
  const top = f ? Math.max(f.costPerEntryCents, f.pointsValuePerEntryCents, 0.0001) : 1;
  const limited = f?.prizes.filter((p) => p.stock != null) ?? [];

  return (
    <Card size="small" title={<Space><FundOutlined />{t("campaigns.forecast.title")}</Space>} data-testid="forecast-card">
      {query.isError && <Alert type="warning" showIcon message={(query.error as { message?: string })?.message} />}
      {!f && query.isLoading && <Skeleton active />}
      {f && (
        <Space direction="vertical" size="middle" style={{ width: "100%" }}>
          <div>
            <Typography.Text type="secondary">{t("campaigns.forecast.costPerEntry")}</Typography.Text>
            <Progress percent={(f.costPerEntryCents / top) * 100} showInfo={false} strokeColor={token.colorError} />
            <Typography.Text strong data-testid="forecast-cost">{formatCents(f.costPerEntryCents)}</Typography.Text>
          </div>
          <div>
            <Typography.Text type="secondary">{t("campaigns.forecast.pointsPerEntry", { points: formatCount(f.pointsPerEntry), cpp: f.pointValueCents })}</Typography.Text>
            <Progress percent={(f.pointsValuePerEntryCents / top) * 100} showInfo={false} strokeColor={token.colorSuccess} />
            <Typography.Text strong data-testid="forecast-points">{formatCents(f.pointsValuePerEntryCents)}</Typography.Text>
          </div>
          <Row gutter={16}>
            <Col span={12}>
              <Statistic
                title={t("campaigns.forecast.margin")}
                value={formatCents(f.marginPerEntryCents)}
                valueStyle={{ color: f.marginPerEntryCents >= 0 ? token.colorSuccess : token.colorError }}
                suffix={f.marginRate == null ? null : <Typography.Text type="secondary" style={{ fontSize: 14 }}>{formatRate(f.marginRate)}</Typography.Text>}
              />
            </Col>
            <Col span={12}>
              <Statistic title={t("campaigns.forecast.budget", { entries: formatCount(f.entries) })} value={formatCents(f.budgetCents)} />
            </Col>
          </Row>
          <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
            {f.marginPerEntryCents >= 0
              ? t("campaigns.forecast.explainPositive", { entries: formatCount(f.entries), collected: formatCents(f.pointsValueCents), budget: formatCents(f.budgetCents) })
              : t("campaigns.forecast.explainNegative", { entries: formatCount(f.entries), collected: formatCents(f.pointsValueCents), budget: formatCents(f.budgetCents) })}
          </Typography.Paragraph>
          <InputNumber
            min={1}
            max={100_000_000}
            precision={0}
            value={entries}
            onChange={(v) => setEntries(v ?? 1)}
            formatter={(v) => `${v}`.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}
            parser={(v) => Number((v ?? "").replace(/,/g, ""))}
            addonBefore={t("campaigns.forecast.entries")}
            style={{ width: 240 }}
            data-testid="forecast-entries"
          />
          {limited.length > 0 && (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={limited}
              columns={[
                { title: t("campaigns.fields.prize"), render: (_, p) => text(p.name) },
                { title: t("campaigns.fields.odds"), align: "right", render: (_, p) => formatPercent(p.oddsPpm) },
                { title: t("campaigns.fields.stock"), align: "right", render: (_, p) => formatCount(p.stock) },
                {
                  title: t("campaigns.forecast.runsOut"),
                  align: "right",
                  render: (_, p) =>
                    p.runsOutAfter == null ? "—" : (
                      <Typography.Text type={p.runsOutAfter <= f.entries ? "warning" : undefined}>{t("campaigns.forecast.afterEntries", { n: formatCount(p.runsOutAfter) })}</Typography.Text>
                    ),
                },
              ]}
            />
          )}
        </Space>
      )}
    </Card>
  );
}
