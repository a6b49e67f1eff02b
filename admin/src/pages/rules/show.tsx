import { EditButton, RefreshButton, Show } from "@refinedev/antd";
import { useShow, useTranslate } from "@refinedev/core";
import { Card, Col, Descriptions, Row, Space, Tag, Typography } from "antd";
import { AwardPreview } from "../../components/rules/award-preview";
import { CanaryTag, StatusBadgeText } from "../../components/rules/canary";
import { MemberLookup } from "../../components/rules/member-lookup";
import { CanaryShare, PromoteButton, RollbackButton } from "../../components/rules/rule-actions";
import { summarizeRule } from "../../components/rules/rule-summary";
import type { RuleDetail } from "../../components/rules/types";
import { VersionTimeline } from "../../components/rules/version-timeline";
import { formatTime } from "../../providers/preferences";
import { EventTypeLabel } from "./list";

export function RuleShow() {
  const t = useTranslate();
  const { result: rule, query } = useShow<RuleDetail>();
  const canary = rule?.canaryVersion != null ? rule.versions.find((v) => v.version === rule.canaryVersion) : undefined;
  const chartable = rule?.config && !["fixed", "daily"].includes(rule.config.award.kind);

  return (
    <Show
      isLoading={query.isLoading}
      canDelete={false}
      title={rule?.name}
      headerButtons={() =>
        rule && (
          <Space wrap>
            <PromoteButton rule={rule} />
            <RollbackButton rule={rule} />
            <EditButton recordItemId={rule.id}>{t("rules.editNewVersion")}</EditButton>
            <RefreshButton recordItemId={rule.id} />
          </Space>
        )
      }
    >
      {rule && (
        <Row gutter={[24, 24]}>
          <Col xs={24} xl={15}>
            <Space direction="vertical" size="large" style={{ width: "100%" }}>
              <Descriptions bordered column={{ xs: 1, md: 2 }} size="small" data-testid="rule-facts" styles={{ label: { whiteSpace: "nowrap" } }}>
                <Descriptions.Item label={t("rules.fields.eventType")}>
                  <EventTypeLabel type={rule.eventType} />
                </Descriptions.Item>
                <Descriptions.Item label={t("rules.fields.status")}>
                  <StatusBadgeText status={rule.status} />
                </Descriptions.Item>
                <Descriptions.Item label={t("rules.fields.currentVersion")}>
                  <Tag color="blue" data-testid="current-version">
                    v{rule.currentVersion}
                  </Tag>
                </Descriptions.Item>
                <Descriptions.Item label={t("rules.fields.canary")}>
                  <CanaryTag rule={rule} />
                </Descriptions.Item>
                <Descriptions.Item label={t("rules.fields.summary")} span={2}>
                  <Typography.Text strong data-testid="current-summary">
                    {summarizeRule(rule.config, t)}
                  </Typography.Text>
                  {rule.config?.useTierMultiplier ? (
                    <Tag bordered={false} style={{ marginInlineStart: 8 }}>
                      {t("rules.tierMultiplierShort")}
                    </Tag>
                  ) : null}
                </Descriptions.Item>
                {canary && (
                  <Descriptions.Item label={t("rules.fields.canarySummary")} span={2}>
                    <Typography.Text strong style={{ color: "#d46b08" }} data-testid="canary-summary">
                      {summarizeRule(canary.config, t)}
                    </Typography.Text>
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t("common.createdAt")}>{formatTime(rule.createdAt)}</Descriptions.Item>
                <Descriptions.Item label={t("common.updatedAt")}>{formatTime(rule.updatedAt)}</Descriptions.Item>
              </Descriptions>
              {chartable && (
                <Card size="small" title={canary ? t("rules.chart.compareTitle") : t("rules.chart.title")}>
                  <AwardPreview
                    series={[
                      { label: t("rules.chart.current", { version: rule.currentVersion }), config: rule.config },
                      ...(canary ? [{ label: t("rules.chart.canary", { version: canary.version, percent: rule.canaryPercent }), config: canary.config }] : []),
                    ]}
                  />
                </Card>
              )}
              <Card size="small" title={t("rules.versions", { count: rule.versions.length })}>
                <VersionTimeline rule={rule} />
              </Card>
            </Space>
          </Col>
          <Col xs={24} xl={9}>
            <Space direction="vertical" size="large" style={{ width: "100%" }}>
              {canary && (
                <Card size="small" title={t("rules.canaryShare.title", { version: canary.version })}>
                  <CanaryShare rule={rule} />
                </Card>
              )}
              <Card size="small" title={t("rules.lookup.title")}>
                <MemberLookup rule={rule} />
              </Card>
            </Space>
          </Col>
        </Row>
      )}
    </Show>
  );
}
