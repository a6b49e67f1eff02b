import { lazy, Suspense, useState } from "react";
import { EditButton, RefreshButton, Show } from "@refinedev/antd";
import { useInvalidate, useShow, useTranslate } from "@refinedev/core";
import { Alert, Avatar, Card, Col, Descriptions, Empty, Image, List, Row, Skeleton, Space, Table, Tabs, Tag, Typography } from "antd";
import { CheckCircleTwoTone, CheckOutlined } from "@ant-design/icons";
import { useLocalText } from "../../components/catalog/product-bits";
import { ForecastCard } from "../../components/campaigns/forecast-card";
import { LifecycleActions, ProblemList } from "../../components/campaigns/lifecycle-actions";
import { formatCents, formatCount } from "../../components/campaigns/money";
import { formatPercent } from "../../components/campaigns/odds";
import { SimulatorCard } from "../../components/campaigns/simulator-card";
import { StatsTab } from "../../components/campaigns/stats-tab";
import { CampaignStatusTag, TemplateTag } from "../../components/campaigns/template-bits";
import { hasPool, type CampaignDetail, type Prize } from "../../components/campaigns/types";
import { useTierOptions } from "../../components/campaigns/use-tiers";
import { formatTime } from "../../providers/preferences";

const OddsDonut = lazy(() => import("../../components/campaigns/odds-donut"));

function PrizeTable({ prizes }: { prizes: Prize[] }) {
  const t = useTranslate();
  const text = useLocalText();
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={prizes}
      data-testid="prize-table"
      scroll={{ x: true }}
      columns={[
        {
          title: t("campaigns.fields.prize"),
          render: (_, p) => (
            <Space>
              <span style={{ display: "inline-block", width: 10, height: 10, borderRadius: 5, background: p.color || "#d9d9d9" }} />
              {text(p.name)}
              {p.isFallback && <Tag>{t("campaigns.pool.fallbackTag")}</Tag>}
            </Space>
          ),
        },
        {
          title: t("campaigns.fields.kind"),
          render: (_, p) => (
            <Space direction="vertical" size={0}>
              <span>{t(`campaigns.prizeKinds.${p.kind}`)}</span>
              {p.kind === "points" && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t("campaigns.show.pointsN", { n: formatCount(p.points) })}</Typography.Text>}
              {p.product && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{text(p.product.name)}</Typography.Text>}
            </Space>
          ),
        },
        { title: t("campaigns.fields.odds"), align: "right", render: (_, p) => <span style={{ fontVariantNumeric: "tabular-nums" }}>{formatPercent(p.oddsPpm)}</span> },
        {
          title: t("campaigns.show.stockLeft"),
          align: "right",
          render: (_, p) => (p.stock == null ? <Typography.Text type="secondary">{t("campaigns.pool.unlimited")}</Typography.Text> : `${formatCount(p.stock)} / ${formatCount(p.initialStock)}`),
        },
        { title: t("campaigns.fields.dailyRelease"), align: "right", render: (_, p) => (p.dailyRelease > 0 ? formatCount(p.dailyRelease) : "—") },
        { title: t("campaigns.fields.value"), align: "right", render: (_, p) => (p.kind === "nothing" ? "—" : p.kind === "points" ? t("campaigns.show.pointsN", { n: formatCount(p.points) }) : formatCents(p.valueCents)) },
        { title: t("campaigns.stats.issued"), align: "right", render: (_, p) => formatCount(p.issued) },
      ]}
    />
  );
}

function QuestionList({ campaign }: { campaign: CampaignDetail }) {
  const t = useTranslate();
  const text = useLocalText();
  if (!campaign.questions.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("campaigns.quiz.bankEmpty")} />;
  return (
    <List
      size="small"
      dataSource={campaign.questions}
      data-testid="question-list"
      renderItem={(q, i) => (
        <List.Item>
          <Space direction="vertical" size={4} style={{ width: "100%" }}>
            <Space>
              <Typography.Text strong>{`${i + 1}. ${text(q.text)}`}</Typography.Text>
              <Tag>{t(q.kind === "single" ? "campaigns.quiz.single" : "campaigns.quiz.multiple")}</Tag>
            </Space>
            <Space wrap size={[8, 4]}>
              {q.options.map((o) => (
                <Tag key={o.id} color={q.correct.includes(o.id) ? "success" : undefined} icon={q.correct.includes(o.id) ? <CheckOutlined /> : undefined}>
                  {o.id.toUpperCase()}. {text(o.text)}
                </Tag>
              ))}
            </Space>
          </Space>
        </List.Item>
      )}
    />
  );
}

/** The template's own settings, read-only. */
function TemplateFacts({ campaign }: { campaign: CampaignDetail }) {
  const t = useTranslate();
  const text = useLocalText();
  const c = campaign.config as Record<string, number & number[]>;
  const product = campaign.product && (
    <Space>
      <Avatar shape="square" src={campaign.product.image} />
      <span>{text(campaign.product.name)}</span>
      <Typography.Text type="secondary">{t("campaigns.show.productStock", { n: formatCount(campaign.product.stock) })}</Typography.Text>
    </Space>
  );
  const item = (label: string, value: React.ReactNode) => <Descriptions.Item label={label}>{value}</Descriptions.Item>;
  switch (campaign.template) {
    case "quiz":
      return (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          {item(t("campaigns.fields.questionsPerEntry"), c.questionsPerEntry)}
          {item(t("campaigns.fields.passMark"), c.passMark)}
          {item(t("campaigns.fields.timeLimitSec"), t("campaigns.show.seconds", { n: c.timeLimitSec }))}
          {item(t("campaigns.fields.rewardPoints"), c.rewardPoints > 0 ? t("campaigns.show.pointsN", { n: formatCount(c.rewardPoints) }) : "—")}
        </Descriptions>
      );
    case "flash_sale":
      return (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          {item(t("campaigns.fields.product"), product ?? "—")}
          {item(t("campaigns.fields.salePoints"), `${t("campaigns.show.pointsN", { n: formatCount(c.salePoints) })}${c.saleCash > 0 ? ` + ${formatCents(c.saleCash)}` : ""}`)}
          {item(t("campaigns.fields.reservedStock"), formatCount(campaign.reservedStock))}
          {item(t("campaigns.show.saleStockLeft"), campaign.storedStatus === "draft" ? "—" : formatCount(campaign.stockLeft))}
          {item(t("campaigns.fields.perMemberLimit"), c.perMemberLimit > 0 ? c.perMemberLimit : t("campaigns.show.noLimit"))}
        </Descriptions>
      );
    case "sign_in":
      return (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t("campaigns.signIn.steps")} span={2}>
            <Space wrap size={4}>
              {(c.steps ?? []).map((s: number, i: number) => (
                <Tag key={i}>{t("campaigns.signIn.dayN", { n: i + 1 })}: {s}</Tag>
              ))}
            </Space>
          </Descriptions.Item>
          {item(t("campaigns.fields.bonusEvery"), c.bonusEvery > 0 ? t("campaigns.show.bonus", { every: c.bonusEvery, points: c.bonusPoints }) : "—")}
          {item(t("campaigns.show.makeUp"), t("campaigns.show.makeUpText", { cost: c.makeUpCost, back: c.makeUpDaysBack, perMonth: c.makeUpPerMonth }))}
        </Descriptions>
      );
    case "auction":
      return (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="auction-facts">
          {item(t("campaigns.fields.product"), product ?? "—")}
          {item(t("campaigns.fields.startPrice"), t("campaigns.show.pointsN", { n: formatCount(c.startPrice) }))}
          {item(t("campaigns.fields.increment"), t("campaigns.show.pointsN", { n: formatCount(c.increment) }))}
          {item(t("campaigns.fields.antiSnipingSec"), t("campaigns.show.antiSniping", { within: c.antiSnipingSec, by: c.extendBySec }))}
          {item(t("campaigns.show.currentPrice"), campaign.auction?.currentPrice != null ? t("campaigns.show.pointsN", { n: formatCount(campaign.auction.currentPrice) }) : t("campaigns.show.noBids"))}
          {item(t("campaigns.show.leader"), campaign.auction?.leader ? `${campaign.auction.leader.nickname || campaign.auction.leader.externalId} (${campaign.auction.leader.externalId})` : "—")}
          {item(t("campaigns.show.bids"), formatCount(campaign.auction?.bids ?? 0))}
          {item(t("campaigns.show.settled"), campaign.auction?.settledAt ? formatTime(campaign.auction.settledAt) : "—")}
        </Descriptions>
      );
    default:
      return null;
  }
}

function Overview({ campaign, onStatusChange }: { campaign: CampaignDetail; onStatusChange: () => void }) {
  const t = useTranslate();
  const text = useLocalText();
  const tiers = useTierOptions();
  const tierName = (code: string) => tiers.find((x) => x.value === code)?.label ?? code;
  const pool = hasPool(campaign.template);
  const problems = Object.keys(campaign.readiness).length > 0;
  const rules = text(campaign.rules);

  return (
    <Row gutter={[24, 24]}>
      <Col xs={24} xl={pool ? 15 : 24}>
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          {campaign.storedStatus === "draft" &&
            (problems ? (
              <Alert type="warning" showIcon message={t("campaigns.show.notReady")} description={<ProblemList problems={campaign.readiness} />} data-testid="readiness" />
            ) : (
              <Alert type="success" showIcon icon={<CheckCircleTwoTone twoToneColor="#52c41a" />} message={t("campaigns.show.ready")} data-testid="readiness" />
            ))}
          <Descriptions bordered column={{ xs: 1, md: 2 }} size="small" data-testid="campaign-facts" styles={{ label: { whiteSpace: "nowrap" } }}>
            <Descriptions.Item label={t("campaigns.fields.template")}>
              <TemplateTag template={campaign.template} />
            </Descriptions.Item>
            <Descriptions.Item label={t("campaigns.fields.status")}>
              <CampaignStatusTag campaign={campaign} onChange={onStatusChange} showEnd />
            </Descriptions.Item>
            <Descriptions.Item label={t("campaigns.fields.startAt")}>{formatTime(campaign.startAt, true)}</Descriptions.Item>
            <Descriptions.Item label={t("campaigns.fields.endAt")}>{formatTime(campaign.endAt, true)}</Descriptions.Item>
            <Descriptions.Item label={t("campaigns.fields.tiers")}>{campaign.tiers.length ? campaign.tiers.map((c) => <Tag key={c}>{tierName(c)}</Tag>) : t("campaigns.form.allTiers")}</Descriptions.Item>
            <Descriptions.Item label={t("campaigns.fields.newMemberDays")}>{campaign.newMemberDays > 0 ? t("campaigns.show.newMembers", { n: campaign.newMemberDays }) : t("campaigns.form.everyone")}</Descriptions.Item>
            {campaign.template !== "auction" && campaign.template !== "flash_sale" && campaign.template !== "sign_in" && (
              <Descriptions.Item label={t("campaigns.fields.entryCost")}>{campaign.entryCost > 0 ? t("campaigns.show.pointsN", { n: formatCount(campaign.entryCost) }) : t("campaigns.free")}</Descriptions.Item>
            )}
            <Descriptions.Item label={t("campaigns.show.limits")}>
              {t("campaigns.show.limitsText", {
                day: campaign.perDayLimit > 0 ? campaign.perDayLimit : t("campaigns.show.noLimit"),
                total: campaign.totalLimit > 0 ? campaign.totalLimit : t("campaigns.show.noLimit"),
              })}
            </Descriptions.Item>
            <Descriptions.Item label={t("campaigns.fields.entries")}>{formatCount(campaign.entries)}</Descriptions.Item>
            <Descriptions.Item label={t("campaigns.show.createdBy")}>
              {campaign.createdBy} · {formatTime(campaign.createdAt)}
            </Descriptions.Item>
          </Descriptions>
          {campaign.template !== "wheel" && campaign.template !== "scratch" && (
            <Card size="small" title={t(`campaigns.templates.${campaign.template}.name`)}>
              <Space direction="vertical" style={{ width: "100%" }}>
                <TemplateFacts campaign={campaign} />
                {campaign.template === "quiz" && <QuestionList campaign={campaign} />}
              </Space>
            </Card>
          )}
          {pool && (
            <Card size="small" title={t("campaigns.pool.title")}>
              <PrizeTable prizes={campaign.prizes} />
            </Card>
          )}
          {pool && <SimulatorCard campaign={campaign} />}
          {(rules || campaign.image) && (
            <Card size="small" title={t("campaigns.fields.rules")}>
              <Space align="start" size="large">
                {campaign.image && <Image src={campaign.image} width={120} style={{ borderRadius: 8 }} />}
                <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{rules || "—"}</Typography.Paragraph>
              </Space>
            </Card>
          )}
        </Space>
      </Col>
      {pool && (
        <Col xs={24} xl={9}>
          <Space direction="vertical" size="large" style={{ width: "100%" }}>
            <ForecastCard campaign={campaign} />
            <Card size="small" title={t("campaigns.pool.chartTitle")}>
              <Suspense fallback={<Skeleton.Node active style={{ width: "100%", height: 240 }} />}>
                <OddsDonut prizes={campaign.prizes} />
              </Suspense>
            </Card>
          </Space>
        </Col>
      )}
    </Row>
  );
}

export function CampaignShow() {
  const t = useTranslate();
  const text = useLocalText();
  const invalidate = useInvalidate();
  const { result: campaign, query } = useShow<CampaignDetail>({ resource: "campaigns" });
  const [tab, setTab] = useState("overview");
  const refresh = () => void invalidate({ resource: "campaigns", id: campaign?.id, invalidates: ["detail"] });

  return (
    <Show
      isLoading={query.isLoading}
      canDelete={false}
      title={campaign ? text(campaign.title) : t("campaigns.titles.show")}
      headerButtons={() =>
        campaign && (
          <Space wrap>
            <LifecycleActions campaign={campaign} />
            {campaign.storedStatus === "draft" && <EditButton recordItemId={campaign.id} />}
            <RefreshButton recordItemId={campaign.id} />
          </Space>
        )
      }
    >
      {campaign && (
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: "overview", label: t("campaigns.show.overview"), children: <Overview campaign={campaign} onStatusChange={refresh} /> },
            { key: "stats", label: <span data-testid="stats-tab-label">{t("campaigns.show.statistics")}</span>, children: tab === "stats" ? <StatsTab campaign={campaign} /> : null },
          ]}
        />
      )}
    </Show>
  );
}
