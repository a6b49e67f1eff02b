import { useState } from "react";
import { List, useTable } from "@refinedev/antd";
import { useTranslate } from "@refinedev/core";
import { Badge, Space, Table, Tag, Tooltip, Typography } from "antd";
import { ApiOutlined, UserOutlined } from "@ant-design/icons";
import { ListToolbar } from "../../components/list-toolbar";
import { DateRangeFilter } from "../../components/points/date-range-filter";
import { MemberLink, useMembersById } from "../../components/points/member-link";
import { PointsAmount } from "../../components/points/points-amount";
import { ReviewDecisionButtons } from "../../components/points/review-decision";
import { REVIEW_STATUSES, type Review } from "../../components/points/types";
import { formatTime } from "../../providers/preferences";

const STATUS_BADGE = { pending: "processing", approved: "success", rejected: "error" } as const;

/** "staff:operator2" / "app:1" as people read it. */
function RequestedBy({ value }: { value: string }) {
  const t = useTranslate();
  const [kind, who] = value.includes(":") ? [value.slice(0, value.indexOf(":")), value.slice(value.indexOf(":") + 1)] : ["", value];
  if (kind === "staff")
    return (
      <Space size={4}>
        <UserOutlined />
        {who}
      </Space>
    );
  if (kind === "app")
    return (
      <Space size={4}>
        <ApiOutlined />
        {t("reviews.hostApp", { id: who })}
      </Space>
    );
  return <>{value}</>;
}

/** Changes held above the risk threshold; pending first, decided ones with the status filter. */
export function ReviewList() {
  const t = useTranslate();
  const { tableProps, filters, setFilters } = useTable<Review>({
    syncWithLocation: true,
    filters: { initial: [{ field: "status", operator: "eq", value: "pending" }] },
    sorters: { initial: [{ field: "id", order: "desc" }] },
  });
  // Decisions made on this page, shown in place until the list is next loaded.
  const [decided, setDecided] = useState<Record<number, Review>>({});
  const rows = ((tableProps.dataSource ?? []) as Review[]).map((r) => decided[r.id] ?? r);
  const member = useMembersById(rows.map((r) => r.memberId));
  // "Nothing waiting" only when looking at the pending queue as such; otherwise it is the filters.
  const active = filters.filter((f) => "field" in f && f.value != null && f.value !== "");
  const queueView = active.length === 1 && "field" in active[0] && active[0].field === "status" && active[0].value === "pending";

  return (
    <List>
      <ListToolbar
        filters={filters}
        setFilters={setFilters}
        searchPlaceholder={t("reviews.search")}
        selects={[
          { field: "status", placeholder: t("reviews.fields.status"), options: REVIEW_STATUSES.map((s) => ({ value: s, label: t(`reviews.status.${s}`) })) },
          { field: "source", placeholder: t("reviews.fields.source"), options: ["event", "adjustment"].map((s) => ({ value: s, label: t(`reviews.source.${s}`) })) },
        ]}
        extra={<DateRangeFilter field="createdAt" label={t("reviews.fields.createdAt")} filters={filters} setFilters={setFilters} />}
      />
      <Table<Review> {...tableProps} dataSource={rows} rowKey="id" locale={{ emptyText: t(queueView ? "reviews.empty" : "reviews.noMatch") }} scroll={{ x: 1200 }} data-testid="reviews-table">
        <Table.Column<Review> dataIndex="createdAt" title={t("reviews.fields.createdAt")} width={150} render={(v: string) => formatTime(v)} />
        <Table.Column<Review> dataIndex="memberId" title={t("reviews.fields.member")} render={(id: number) => <MemberLink id={id} member={member(id)} />} />
        <Table.Column<Review>
          dataIndex="source"
          title={t("reviews.fields.source")}
          render={(s: Review["source"], r) => (
            <Space direction="vertical" size={0}>
              <Tag color={s === "event" ? "blue" : "orange"}>{t(`reviews.source.${s}`)}</Tag>
              {r.eventType && <Typography.Text type="secondary">{t(`reviews.eventTypes.${r.eventType}`, r.eventType)}</Typography.Text>}
            </Space>
          )}
        />
        <Table.Column<Review> dataIndex="amount" title={t("reviews.fields.amount")} align="right" render={(v: number) => <PointsAmount value={v} />} />
        <Table.Column<Review> dataIndex="reason" title={t("reviews.fields.reason")} width={240} ellipsis={{ showTitle: false }} render={(v: string) => <Tooltip title={v}>{v || "—"}</Tooltip>} />
        <Table.Column<Review> dataIndex="requestedBy" title={t("reviews.fields.requestedBy")} render={(v: string) => <RequestedBy value={v} />} />
        <Table.Column<Review>
          dataIndex="status"
          title={t("reviews.fields.status")}
          render={(s: Review["status"], r) => (
            <Space direction="vertical" size={0} data-testid={`review-status-${r.id}`}>
              <Badge status={STATUS_BADGE[s]} text={t(`reviews.status.${s}`)} />
              {r.decidedBy && (
                <Tooltip title={r.decisionReason}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("reviews.decidedBy", { who: r.decidedBy, when: formatTime(r.decidedAt) })}
                  </Typography.Text>
                </Tooltip>
              )}
            </Space>
          )}
        />
        <Table.Column<Review>
          title={t("table.actions")}
          fixed="right"
          width={190}
          render={(_, r) => (
            <ReviewDecisionButtons
              review={r}
              memberLabel={<MemberLink id={r.memberId} member={member(r.memberId)} />}
              onDecided={(after) => setDecided((d) => ({ ...d, [after.id]: after }))}
            />
          )}
        />
      </Table>
    </List>
  );
}
