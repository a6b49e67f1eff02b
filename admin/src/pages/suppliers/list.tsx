import { List, ShowButton, EditButton, useTable } from "@refinedev/antd";
import { useTranslate } from "@refinedev/core";
import { Badge, Space, Table, Tag } from "antd";
import { ListToolbar } from "../../components/list-toolbar";
import type { Supplier } from "./types";

export function SupplierList() {
  const t = useTranslate();
  const { tableProps, filters, setFilters } = useTable<Supplier>({ syncWithLocation: true, sorters: { initial: [{ field: "id", order: "asc" }] } });
  return (
    <List>
      <ListToolbar
        filters={filters}
        setFilters={setFilters}
        searchPlaceholder={t("suppliers.search")}
        selects={[
          {
            field: "status",
            placeholder: t("suppliers.fields.status"),
            options: ["active", "suspended"].map((s) => ({ value: s, label: t(`suppliers.status.${s}`) })),
          },
        ]}
      />
      <Table {...tableProps} rowKey="id" locale={{ emptyText: t("suppliers.empty") }}>
        <Table.Column<Supplier>
          dataIndex="name"
          title={t("suppliers.fields.name")}
          sorter
          render={(n: string, s) => (
            <Space>
              {n}
              {s.isPlatform && <Tag color="red">{t("suppliers.platform")}</Tag>}
            </Space>
          )}
        />
        <Table.Column dataIndex="code" title={t("suppliers.fields.code")} />
        <Table.Column dataIndex="contactName" title={t("suppliers.fields.contactName")} />
        <Table.Column dataIndex="contactPhone" title={t("suppliers.fields.contactPhone")} />
        <Table.Column dataIndex="status" title={t("suppliers.fields.status")} render={(s: string) => <Badge status={s === "active" ? "success" : "error"} text={t(`suppliers.status.${s}`)} />} />
        <Table.Column<Supplier>
          title={t("table.actions")}
          render={(_, s) => (
            <Space>
              <ShowButton hideText size="small" recordItemId={s.id} />
              <EditButton hideText size="small" recordItemId={s.id} />
            </Space>
          )}
        />
      </Table>
    </List>
  );
}
