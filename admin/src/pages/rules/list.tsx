import { CreateButton, EditButton, List, ShowButton, useTable } from "@refinedev/antd";
import { useTranslate } from "@refinedev/core";
import { Empty, Space, Table, Tag, Typography } from "antd";
import { ListToolbar } from "../../components/list-toolbar";
import { CanaryTag, StatusBadgeText } from "../../components/rules/canary";
import { summarizeRule } from "../../components/rules/rule-summary";
import type { Rule } from "../../components/rules/types";
import { formatTime } from "../../providers/preferences";

/** "purchase · 消费": the code the host sends, and what it means when it is a built-in type. */
export function EventTypeLabel({ type }: { type: string }) {
  const t = useTranslate();
  const known = t(`rules.eventTypes.${type}`, "");
  return (
    <Space direction="vertical" size={0}>
      <Typography.Text code style={{ whiteSpace: "nowrap" }}>
        {type}
      </Typography.Text>
      {known && (
        <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap" }}>
          {known}
        </Typography.Text>
      )}
    </Space>
  );
}

export function RuleList() {
  const t = useTranslate();
  const { tableProps, filters, setFilters } = useTable<Rule>({ syncWithLocation: true, sorters: { initial: [{ field: "id", order: "asc" }] } });
  return (
    <List headerButtons={<CreateButton>{t("rules.newRule")}</CreateButton>}>
      <Typography.Paragraph type="secondary">{t("rules.intro")}</Typography.Paragraph>
      <ListToolbar
        filters={filters}
        setFilters={setFilters}
        searchPlaceholder={t("rules.search")}
        selects={[{ field: "status", placeholder: t("rules.fields.status"), options: ["active", "inactive"].map((s) => ({ value: s, label: t(`rules.status.${s}`) })) }]}
      />
      <Table {...tableProps} rowKey="id" locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("rules.empty")} /> }}>
        <Table.Column dataIndex="eventType" title={t("rules.fields.eventType")} sorter render={(v: string) => <EventTypeLabel type={v} />} />
        <Table.Column dataIndex="name" title={t("rules.fields.name")} sorter />
        <Table.Column dataIndex="status" title={t("rules.fields.status")} render={(s: Rule["status"]) => <StatusBadgeText status={s} />} />
        <Table.Column dataIndex="currentVersion" title={t("rules.fields.currentVersion")} onHeaderCell={() => ({ style: { whiteSpace: "nowrap" } })} render={(v: number) => <Tag color="blue">v{v}</Tag>} />
        <Table.Column<Rule> key="canary" title={t("rules.fields.canary")} render={(_, r) => <CanaryTag rule={r} />} />
        <Table.Column<Rule>
          key="summary"
          title={t("rules.fields.summary")}
          render={(_, r) => (
            <Typography.Text data-testid="rule-summary" style={{ maxWidth: 340, display: "inline-block" }}>
              {summarizeRule(r.config, t)}
              {r.config?.useTierMultiplier && (
                <Tag bordered={false} style={{ marginInlineStart: 6 }}>
                  {t("rules.tierMultiplierShort")}
                </Tag>
              )}
            </Typography.Text>
          )}
        />
        <Table.Column dataIndex="updatedAt" title={t("common.updatedAt")} sorter render={(v: string) => formatTime(v)} />
        <Table.Column<Rule>
          title={t("table.actions")}
          fixed="right"
          render={(_, r) => (
            <Space>
              <ShowButton hideText size="small" recordItemId={r.id} />
              <EditButton hideText size="small" recordItemId={r.id} />
            </Space>
          )}
        />
      </Table>
    </List>
  );
}
