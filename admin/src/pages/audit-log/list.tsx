import { List, ShowButton, useTable } from "@refinedev/antd";
import { useSelect } from "@refinedev/antd";
import { useTranslate, type CrudFilter } from "@refinedev/core";
import { DatePicker, Select, Space, Table, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { ListToolbar } from "../../components/list-toolbar";
import { RoleTag } from "../../components/role-tag";
import { formatTime } from "../../providers/preferences";

export interface AuditRow {
  id: number;
  createdAt: string;
  actorId: number | null;
  actorName: string;
  actorRole: string;
  action: string;
  resource: string;
  resourceId: string | null;
  before: unknown;
  after: unknown;
  ip: string;
  requestId: string;
}

const valueOf = (filters: CrudFilter[], field: string, operator?: string) =>
  filters.find((f) => "field" in f && f.field === field && (!operator || f.operator === operator))?.value;

export function AuditLogList() {
  const t = useTranslate();
  const { tableProps, filters, setFilters } = useTable<AuditRow>({ syncWithLocation: true, sorters: { initial: [{ field: "id", order: "desc" }] } });
  const { selectProps: actorSelect } = useSelect({ resource: "staff-users", optionLabel: "username", optionValue: "id", pagination: { pageSize: 200 }, errorNotification: false });
  const from = valueOf(filters, "createdAt", "gte");
  const to = valueOf(filters, "createdAt", "lte");

  const setRange = (range: [Dayjs | null, Dayjs | null] | null) =>
    setFilters(
      [
        { field: "createdAt", operator: "gte", value: range?.[0] ? range[0].startOf("day").toISOString() : undefined },
        { field: "createdAt", operator: "lte", value: range?.[1] ? range[1].endOf("day").toISOString() : undefined },
      ],
      "merge",
    );

  return (
    <List>
      <ListToolbar
        filters={filters}
        setFilters={setFilters}
        searchPlaceholder={t("audit-log.search")}
        selects={[
          {
            field: "resource",
            placeholder: t("audit-log.fields.resource"),
            options: ["staff-users", "roles", "suppliers", "settings", "members", "rules", "products", "orders", "campaigns", "pages"].map((r) => ({ value: r, label: t(`${r}.${r}`, r) })),
          },
          {
            field: "action",
            placeholder: t("audit-log.fields.action"),
            options: ["create", "update", "delete", "login", "logout", "disable", "enable", "reset-password", "lock", "approve", "reject"].map((a) => ({ value: a, label: t(`audit-log.actions.${a}`, a) })),
          },
        ]}
        extra={
          <Space>
            <Select
              allowClear
              showSearch
              aria-label={t("audit-log.fields.actor")}
              placeholder={t("audit-log.fields.actor")}
              style={{ width: 180 }}
              {...actorSelect}
              value={valueOf(filters, "actorId")}
              onChange={(v) => setFilters([{ field: "actorId", operator: "eq", value: v ?? undefined }], "merge")}
            />
            <DatePicker.RangePicker
              aria-label={t("audit-log.fields.createdAt")}
              value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
              onChange={(r) => setRange(r as [Dayjs | null, Dayjs | null] | null)}
            />
          </Space>
        }
      />
      <Table {...tableProps} rowKey="id" size="middle" locale={{ emptyText: t("audit-log.empty") }}>
        <Table.Column dataIndex="createdAt" title={t("audit-log.fields.createdAt")} sorter render={(v: string) => formatTime(v, true)} />
        <Table.Column<AuditRow>
          dataIndex="actorName"
          title={t("audit-log.fields.actor")}
          render={(name: string, r) => (
            <Space>
              {name}
              {r.actorRole && <RoleTag role={r.actorRole} />}
            </Space>
          )}
        />
        <Table.Column dataIndex="action" title={t("audit-log.fields.action")} render={(a: string) => <Tag>{t(`audit-log.actions.${a}`, a)}</Tag>} />
        <Table.Column dataIndex="resource" title={t("audit-log.fields.resource")} render={(r: string) => t(`${r}.${r}`, r)} />
        <Table.Column dataIndex="resourceId" title={t("audit-log.fields.resourceId")} />
        <Table.Column dataIndex="ip" title="IP" />
        <Table.Column<AuditRow> title={t("table.actions")} render={(_, r) => <ShowButton hideText size="small" recordItemId={r.id} />} />
      </Table>
    </List>
  );
}
