import { lazy, Suspense } from "react";
import { useApiUrl, useCustom, useTranslate } from "@refinedev/core";
import { Card, Col, Empty, Progress, Row, Skeleton, Space, Statistic, Tag, Tooltip, Typography, theme } from "antd";
import { formatCents, formatCount, formatRate } from "./money";
import type { CampaignDetail, CampaignStats } from "./types";

const EntriesByDayChart = lazy(() => import("./stats-charts").then((m) => ({ default: m.EntriesByDayChart })));
const PrizesIssuedChart = lazy(() => import("./stats-charts").then((m) => ({ default: m.PrizesIssuedChart })));
const chartFallback = (h: number) => <Skeleton.Node active style={{ width: "100%", height: h }} />;

/** The campaign's statistics: the funnel, fulfilment, points against prize cost, and two charts. */
export function StatsTab({ campaign }: { campaign: CampaignDetail }) {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const { token } = theme.useToken();
  const { result, query } = useCustom<CampaignStats>({ url: `${apiUrl}/campaigns/${campaign.id}/stats`, method: "get", errorNotification: false });
  if (query.isLoading) return <Skeleton active paragraph={{ rows: 6 }} />;
  const s = query.data ? result.data : undefined;
  if (!s) return <Empty description={t("campaigns.stats.failed")} />;
  const f = s.fulfilment;
  const costShare = s.pointsValueCents > 0 ? s.prizeCostCents / s.pointsValueCents : null;
  const hasPrizes = s.prizes.length > 0;

  const card = (testid: string, title: string, value: React.ReactNode, footer?: React.ReactNode, suffix?: React.ReactNode) => (
    <Col xs={12} md={8} xl={4}>
      <Card size="small" style={{ height: "100%" }} data-testid={`stat-${testid}`}>
        <Statistic title={title} value={value as string} suffix={suffix} />
        {footer && <div style={{ marginTop: 4, fontSize: 12 }}>{footer}</div>}
      </Card>
    </Col>
  );

  return (
    <Space direction="vertical" size="large" style={{ width: "100%" }} data-testid="stats-tab">
      <Row gutter={[16, 16]}>
        {card("visitors", t("campaigns.stats.visitors"), formatCount(s.visitors), <Typography.Text type="secondary">{t("campaigns.stats.visitorsHint")}</Typography.Text>)}
        {card("participants", t("campaigns.stats.participants"), formatCount(s.participants))}
        {card("entries", t("campaigns.stats.entries"), formatCount(s.entries), s.participants > 0 && <Typography.Text type="secondary">{t("campaigns.stats.perParticipant", { n: (s.entries / s.participants).toFixed(1) })}</Typography.Text>)}
        {card("conversion", t("campaigns.stats.conversion"), formatRate(s.conversion), s.conversion != null && <Progress percent={Math.round(s.conversion * 100)} size="small" showInfo={false} />)}
        {card(
          "fulfilment",
          t("campaigns.stats.fulfilment"),
          formatRate(f.rate),
          <Tooltip title={Object.entries(f.byStatus).map(([k, v]) => `${t(`orders.status.${k}`, k)}: ${v}`).join(" · ")}>
            <Typography.Text type="secondary">{t("campaigns.stats.fulfilmentHint", { completed: f.completed, failed: f.failed, inProgress: f.inProgress })}</Typography.Text>
          </Tooltip>,
        )}
        {card(
          "points-vs-cost",
          t("campaigns.stats.pointsVsCost"),
          formatCents(s.pointsValueCents),
          <Typography.Text type={costShare != null && costShare > 1 && campaign.template !== "sign_in" ? "danger" : "secondary"}>
            {t("campaigns.stats.pointsVsCostHint", { points: formatCount(s.pointsCollected), awarded: formatCount(s.pointsAwarded) })}
          </Typography.Text>,
          <Typography.Text type="secondary" style={{ fontSize: 16 }}>
            / {formatCents(s.prizeCostCents)}
          </Typography.Text>,
        )}
      </Row>
      {s.entries === 0 ? (
        <Card>
          <Empty description={campaign.status === "draft" || campaign.status === "scheduled" ? t("campaigns.stats.notStarted") : t("campaigns.stats.noEntries")} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={hasPrizes ? 14 : 24}>
            <Card size="small" title={t("campaigns.stats.byDay")}>
              <Suspense fallback={chartFallback(280)}>
                <EntriesByDayChart days={s.byDay} />
              </Suspense>
            </Card>
          </Col>
          {hasPrizes && (
            <Col xs={24} xl={10}>
              <Card size="small" title={t("campaigns.stats.prizesIssued")}>
                <Suspense fallback={chartFallback(240)}>
                  <PrizesIssuedChart prizes={s.prizes} />
                </Suspense>
              </Card>
            </Col>
          )}
          <Col xs={24}>
            <Space wrap>
              <Typography.Text type="secondary">{t("campaigns.stats.outcomes")}</Typography.Text>
              {Object.entries(s.outcomes).map(([k, v]) => (
                <Tag key={k} color={k === "won" || k === "passed" || k === "bought" ? "green" : undefined} style={{ color: k === "won" ? token.colorSuccess : undefined }}>
                  {t(`campaigns.outcomes.${k}`, k)}: {formatCount(v)}
                </Tag>
              ))}
            </Space>
          </Col>
        </Row>
      )}
    </Space>
  );
}
