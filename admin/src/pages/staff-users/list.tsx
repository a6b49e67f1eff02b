import { List, ShowButton, EditButton, useTable } from "@refinedev/antd";
import { useCan, useMany, useTranslate, useUpdate } from "@refinedev/core";
import { Badge, Button, Popconfirm, Space, Table, Tag, Tooltip } from "antd";
import { LockOutlined, StopOutlined, CheckCircleOutlined } from "@ant-design/icons";
import { ListToolbar } from "../../components/list-toolbar";
import { RoleTag } from "../../components/role-tag";
import { formatTime } from "../../providers/preferences";
import { ResetPasswordButton } from "./reset-password";
import { STAFF_ROLES, type StaffUser } from "./constants";

export function StaffUserList() {
  const t = useTranslate();
  const { tableProps, filters, setFilters } = useTable<StaffUser>({ syncWithLocation: true, sorters: { initial: [{ field: "id", order: "asc" }] } });
  const { mutate: update } = useUpdate();
  const { data: canUpdate } = useCan({ resource: "staff-users", action: "edit" });
  const supplierIds = [...new Set((tableProps.dataSource ?? []).map((u) => u.supplierId).filter((id): id is number => id != null))];
  const { result: suppliers } = useMany({ resource: "suppliers", ids: supplierIds, queryOptions: { enabled: supplierIds.length > 0 } });
  const supplierName = (id: number | null) => suppliers?.data?.find((s) => s.id === id)?.name ?? (id ? `#${id}` : "—");

  const setStatus = (u: StaffUser, status: StaffUser["status"]) =>
    update({
      resource: "staff-users",
      id: u.id,
      values: { status },
      successNotification: { type: "success", message: t(status === "disabled" ? "staff-users.disabled" : "staff-users.enabled", { name: u.displayName }) },
    });

  return (
    <List>
      <ListToolbar
        filters={filters}
        setFilters={setFilters}
        searchPlaceholder={t("staff-users.search")}
        selects={[
          { field: "role", placeholder: t("staff-users.fields.role"), options: STAFF_ROLES.map((r) => ({ value: r, label: t(`roles.names.${r}`) })) },
          {
            field: "status",
            placeholder: t("staff-users.fields.status"),
            options: [
              { value: "active", label: t("staff-users.status.active") },
              { value: "disabled", label: t("staff-users.status.disabled") },
            ],
          },
        ]}
      />
      <Table {...tableProps} rowKey="id" locale={{ emptyText: t("staff-users.empty") }}>
        <Table.Column dataIndex="username" title={t("staff-users.fields.username")} sorter />
        <Table.Column dataIndex="displayName" title={t("staff-users.fields.displayName")} />
        <Table.Column dataIndex="role" title={t("staff-users.fields.role")} render={(r: string) => <RoleTag role={r} />} />
        <Table.Column dataIndex="supplierId" title={t("staff-users.fields.supplier")} render={(id: number | null) => (id ? supplierName(id) : "—")} />
        <Table.Column<StaffUser>
          dataIndex="status"
          title={t("staff-users.fields.status")}
          render={(s: string, u) => (
            <Space>
              <Badge status={s === "active" ? "success" : "default"} text={t(`staff-users.status.${s}`)} />
              {u.locked && (
                <Tooltip title={t("staff-users.lockedHint")}>
                  <Tag icon={<LockOutlined />} color="warning">
                    {t("staff-users.locked")}
                  </Tag>
                </Tooltip>
              )}
            </Space>
          )}
        />
        <Table.Column dataIndex="lastLoginAt" title={t("staff-users.fields.lastLoginAt")} sorter render={(v: string | null) => formatTime(v)} />
        <Table.Column<StaffUser>
          title={t("table.actions")}
          fixed="right"
          render={(_, u) => (
            <Space>
              <ShowButton hideText size="small" recordItemId={u.id} />
              <EditButton hideText size="small" recordItemId={u.id} />
              {canUpdate?.can && (
                <>
                  <ResetPasswordButton user={u} />
                  {u.status === "active" ? (
                    <Popconfirm
                      title={t("staff-users.confirmDisable", { name: u.displayName })}
                      description={t("staff-users.confirmDisableText")}
                      okButtonProps={{ danger: true }}
                      okText={t("staff-users.disable")}
                      onConfirm={() => setStatus(u, "disabled")}
                    >
                      <Button size="small" danger icon={<StopOutlined />} aria-label={t("staff-users.disable")} />
                    </Popconfirm>
                  ) : (
                    <Button size="small" icon={<CheckCircleOutlined />} aria-label={t("staff-users.enable")} onClick={() => setStatus(u, "active")} />
                  )}
                </>
              )}
            </Space>
          )}
        />
      </Table>
    </List>
  );
}
