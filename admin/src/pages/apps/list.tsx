import { CreateButton, EditButton, List, ShowButton, useTable } from "@refinedev/antd";
import { useTranslate } from "@refinedev/core";
import { Empty, Space, Table, Typography } from "antd";
import { ListToolbar } from "../../components/list-toolbar";
import { AppStatusBadge, SecretHint } from "../../components/integration/app-status";
import type { HostApp } from "../../components/integration/types";
import { formatTime } from "../../providers/preferences";

export function AppList() {
  const t = useTranslate();
  const { tableProps, filters, setFilters } = useTable<HostApp>({ syncWithLocation: true, sorters: { initial: [{ field: "id", order: "asc" }] } });
  return (
    <List headerButtons={<CreateButton>{t("apps.newApp")}</CreateButton>}>
      <Typography.Paragraph type="secondary">{t("apps.intro")}</Typography.Paragraph>
      <ListToolbar
        filters={filters}
        setFilters={setFilters}
        searchPlaceholder={t("apps.search")}
        selects={[{ field: "status", placeholder: t("apps.fields.status"), options: ["active", "disabled"].map((s) => ({ value: s, label: t(`apps.status.${s}`) })) }]}
      />
      <Table {...tableProps} rowKey="id" locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("apps.empty")} /> }}>
        <Table.Column dataIndex="key" title={t("apps.fields.key")} sorter render={(k: string) => <Typography.Text code>{k}</Typography.Text>} />
        <Table.Column dataIndex="name" title={t("apps.fields.name")} sorter />
        <Table.Column dataIndex="status" title={t("apps.fields.status")} render={(s: HostApp["status"]) => <AppStatusBadge status={s} />} />
        <Table.Column
          dataIndex="webhookUrl"
          title={t("apps.fields.webhookUrl")}
          ellipsis
          render={(u: string) => (u ? <Typography.Text style={{ maxWidth: 280 }} ellipsis={{ tooltip: u }}>{u}</Typography.Text> : <Typography.Text type="secondary">{t("apps.noWebhook")}</Typography.Text>)}
        />
        <Table.Column dataIndex="secretHint" title={t("apps.fields.secret")} render={(h: string) => <SecretHint hint={h} />} />
        <Table.Column dataIndex="secretRotatedAt" title={t("apps.fields.secretRotatedAt")} render={(v: string | null) => formatTime(v)} />
        <Table.Column dataIndex="createdAt" title={t("common.createdAt")} sorter render={(v: string) => formatTime(v)} />
        <Table.Column<HostApp>
          title={t("table.actions")}
          fixed="right"
          render={(_, a) => (
            <Space>
              <ShowButton hideText size="small" recordItemId={a.id} />
              <EditButton hideText size="small" recordItemId={a.id} />
            </Space>
          )}
        />
      </Table>
    </List>
  );
}
