import { lazy, Suspense } from "react";
import { Show, useTable } from "@refinedev/antd";
import { useList, useShow, useTranslate } from "@refinedev/core";
import { Badge, Card, Col, Descriptions, Empty, List as AntList, Progress, Row, Skeleton, Space, Statistic, Table, Tabs, Tag, Typography } from "antd";
import { ArrowRightOutlined, ClockCircleOutlined, WalletOutlined, CrownOutlined } from "@ant-design/icons";
import { AdjustPointsButton } from "../../components/points/adjust-points";
import { LedgerTable } from "../../components/points/ledger-table";
import { useMemberPolicy } from "../../components/points/member-policy";
import { formatPoints } from "../../components/points/points-amount";
import { TierTag } from "../../components/points/tier-tag";
import type { LedgerEntry, MemberDetail, PointLot, TierChange } from "../../components/points/types";
import { formatTime } from "../../providers/preferences";

const BalanceChart = lazy(() => import("../../components/points/balance-chart"));

export function MemberShow() {
  const t = useTranslate();
  const { result: member, query } = useShow<MemberDetail>();
  return (
    <Show
      isLoading={query.isLoading}
      canEdit={false}
      canDelete={false}
      title={member ? `${member.nickname || member.externalId}` : undefined}
      headerButtons={({ defaultButtons }) => (
        <>
          {defaultButtons}
          {member && <AdjustPointsButton member={member} />}
        </>
      )}
    >
      {member && (
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 5 }}>
            <Descriptions.Item label={t("members.fields.externalId")}>
              <Typography.Text copyable>{member.externalId}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t("members.fields.phone")}>{member.phone || "—"}</Descriptions.Item>
            <Descriptions.Item label={t("members.fields.status")}>
              <Badge status={member.status === "active" ? "success" : "error"} text={t(`members.status.${member.status}`)} />
            </Descriptions.Item>
            <Descriptions.Item label={t("members.fields.createdAt")}>{formatTime(member.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t("members.fields.lastSeenAt")}>{formatTime(member.lastSeenAt)}</Descriptions.Item>
          </Descriptions>
          <HeaderCards member={member} />
          <BalanceTrend member={member} />
          <MemberTabs memberId={member.id} />
        </Space>
      )}
    </Show>
  );
}

function HeaderCards({ member }: { member: MemberDetail }) {
  const t = useTranslate();
  const { tierName, policy } = useMemberPolicy();
  const { progress, expiring } = member;
  const multiplier = policy?.tiers.find((x) => x.code === member.tier)?.multiplierPermille;
  const percent = progress.nextThreshold ? Math.min(100, Math.floor((progress.earned12m / progress.nextThreshold) * 100)) : 100;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={8}>
        <Card size="small" style={{ height: "100%" }}>
          <Statistic
            title={
              <Space>
                <WalletOutlined />
                {t("members.fields.balance")}
              </Space>
            }
            value={member.balance}
            formatter={(v) => <span data-testid="member-balance">{formatPoints(Number(v))}</span>}
            suffix={<Typography.Text type="secondary">{t("members.adjust.points")}</Typography.Text>}
          />
          <Typography.Text type="secondary">{t("members.earned12m", { points: formatPoints(member.earned12m) })}</Typography.Text>
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card size="small" style={{ height: "100%" }}>
          <Space direction="vertical" style={{ width: "100%" }} size={6}>
            <Space>
              <Typography.Text type="secondary">
                <CrownOutlined /> {t("members.fields.tier")}
              </Typography.Text>
              <TierTag code={member.tier} />
              {multiplier != null && <Tag bordered={false}>{t("members.multiplier", { value: (multiplier / 1000).toString() })}</Tag>}
            </Space>
            <Progress percent={percent} showInfo={false} strokeColor={{ from: "#faad14", to: "#e4393c" }} aria-label={t("members.tierProgress")} />
            <Typography.Text data-testid="tier-progress">
              {progress.next ? (
                <>
                  {t("members.toNextTier", { points: formatPoints(progress.pointsToNext), tier: tierName(progress.next) })}{" "}
                  <Typography.Text type="secondary">
                    ({formatPoints(progress.earned12m)} / {formatPoints(progress.nextThreshold)})
                  </Typography.Text>
                </>
              ) : (
                t("members.topTier")
              )}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("members.tierBasis")}
            </Typography.Text>
          </Space>
        </Card>
      </Col>
      <Col xs={24} md={8}>
        <Card size="small" style={{ height: "100%" }}>
          <Statistic
            title={
              <Space>
                <ClockCircleOutlined />
                {t("members.expiringTitle", { days: expiring.days })}
              </Space>
            }
            value={expiring.total}
            formatter={(v) => formatPoints(Number(v))}
            valueStyle={expiring.total > 0 ? { color: "#d46b08" } : undefined}
          />
          {expiring.dates.length === 0 ? (
            <Typography.Text type="secondary">{t("members.expiringNone")}</Typography.Text>
          ) : (
            <AntList
              size="small"
              split={false}
              dataSource={expiring.dates.slice(0, 4)}
              renderItem={(d) => (
                <AntList.Item style={{ padding: "2px 0" }}>
                  <Typography.Text>{t("members.expiringOn", { date: d.date })}</Typography.Text>
                  <Typography.Text strong>{formatPoints(d.points)}</Typography.Text>
                </AntList.Item>
              )}
            />
          )}
        </Card>
      </Col>
    </Row>
  );
}

/** The balance after each entry, oldest first, ending at today's balance. */
function BalanceTrend({ member }: { member: MemberDetail }) {
  const t = useTranslate();
  const { result, query } = useList<LedgerEntry>({
    resource: "ledger-entries",
    filters: [{ field: "memberId", operator: "eq", value: member.id }],
    sorters: [{ field: "id", order: "desc" }],
    pagination: { currentPage: 1, pageSize: 1000 },
    errorNotification: false,
  });
  // In the order the ledger applied them (balanceAfter follows id), with time never running backwards.
  const entries = [...(result?.data ?? [])].sort((a, b) => a.id - b.id);
  let latest = "";
  const points = entries.map((e) => {
    latest = e.createdAt > latest ? e.createdAt : latest;
    return { at: latest, balance: e.balanceAfter };
  });
  if (entries.length) points.unshift({ at: entries[0].createdAt, balance: entries[0].balanceAfter - entries[0].amount });
  points.push({ at: new Date().toISOString(), balance: member.balance });
  return (
    <Card size="small" title={t("members.balanceTrend")}>
      {query.isLoading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("members.noHistory")} />
      ) : (
        <Suspense fallback={<Skeleton active paragraph={{ rows: 3 }} />}>
          <div data-testid="balance-chart">
            <BalanceChart points={points} />
          </div>
        </Suspense>
      )}
    </Card>
  );
}

function MemberTabs({ memberId }: { memberId: number }) {
  const t = useTranslate();
  const byMember = { permanent: [{ field: "memberId", operator: "eq" as const, value: memberId }] };
  const ledger = useTable<LedgerEntry>({ resource: "ledger-entries", syncWithLocation: false, filters: byMember, sorters: { initial: [{ field: "id", order: "desc" }] }, pagination: { pageSize: 10 } });
  const lots = useTable<PointLot>({ resource: "point-lots", syncWithLocation: false, filters: byMember, sorters: { initial: [{ field: "id", order: "desc" }] }, pagination: { pageSize: 10 } });
  const tiers = useTable<TierChange>({ resource: "tier-changes", syncWithLocation: false, filters: byMember, sorters: { initial: [{ field: "id", order: "desc" }] }, pagination: { pageSize: 10 } });
  const total = (q: { data?: { total?: number } }) => (q.data?.total != null ? ` (${q.data.total})` : "");

  return (
    <Card size="small" styles={{ body: { paddingTop: 0 } }}>
      <Tabs
        items={[
          { key: "ledger", label: t("members.tabs.ledger") + total(ledger.tableQuery), children: <LedgerTable tableProps={ledger.tableProps} withMember={false} /> },
          { key: "lots", label: t("members.tabs.lots") + total(lots.tableQuery), children: <LotsTable tableProps={lots.tableProps} /> },
          { key: "tiers", label: t("members.tabs.tiers") + total(tiers.tableQuery), children: <TierHistory tableProps={tiers.tableProps} /> },
        ]}
      />
    </Card>
  );
}

function LotsTable({ tableProps }: { tableProps: ReturnType<typeof useTable<PointLot>>["tableProps"] }) {
  const t = useTranslate();
  const now = Date.now();
  const stateOf = (l: PointLot) => (l.expiredAt ? "expired" : l.remaining === 0 ? "used" : l.expiresAt && Date.parse(l.expiresAt) - now < 30 * 86_400_000 ? "expiring" : "open");
  const COLORS = { open: "green", expiring: "orange", used: "default", expired: "default" } as const;
  return (
    <Table<PointLot> {...tableProps} rowKey="id" size="middle" locale={{ emptyText: t("members.lots.empty") }}>
      <Table.Column<PointLot> dataIndex="earnedAt" title={t("members.lots.earnedAt")} render={(v: string) => formatTime(v)} />
      <Table.Column<PointLot> dataIndex="amount" title={t("members.lots.amount")} align="right" render={(v: number) => formatPoints(v)} />
      <Table.Column<PointLot>
        dataIndex="remaining"
        title={t("members.lots.remaining")}
        align="right"
        render={(v: number, l) => (
          <Space>
            <Progress type="circle" size={18} percent={l.amount ? Math.round((v / l.amount) * 100) : 0} showInfo={false} />
            <Typography.Text strong={v > 0}>{formatPoints(v)}</Typography.Text>
          </Space>
        )}
      />
      <Table.Column<PointLot> dataIndex="expiresAt" title={t("members.lots.expiresAt")} render={(v: string | null) => (v ? formatTime(v) : t("members.lots.never"))} />
      <Table.Column<PointLot>
        key="state"
        title={t("members.lots.state")}
        render={(_, l) => {
          const s = stateOf(l);
          return <Tag color={COLORS[s]}>{s === "expired" ? t("members.lots.expiredOn", { date: formatTime(l.expiredAt).slice(0, 10) }) : t(`members.lots.states.${s}`)}</Tag>;
        }}
      />
    </Table>
  );
}

function TierHistory({ tableProps }: { tableProps: ReturnType<typeof useTable<TierChange>>["tableProps"] }) {
  const t = useTranslate();
  return (
    <Table<TierChange> {...tableProps} rowKey="id" size="middle" locale={{ emptyText: t("members.tierHistoryEmpty") }}>
      <Table.Column<TierChange> dataIndex="createdAt" title={t("members.tierChange.createdAt")} render={(v: string) => formatTime(v)} />
      <Table.Column<TierChange>
        key="change"
        title={t("members.tierChange.change")}
        render={(_, c) => (
          <Space>
            <TierTag code={c.fromTier} />
            <ArrowRightOutlined />
            <TierTag code={c.toTier} />
          </Space>
        )}
      />
      <Table.Column<TierChange> dataIndex="earned12m" title={t("members.tierChange.earned12m")} align="right" render={(v: number) => formatPoints(v)} />
      <Table.Column<TierChange> dataIndex="reason" title={t("members.tierChange.reason")} />
    </Table>
  );
}
