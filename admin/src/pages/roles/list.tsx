import { List, ShowButton, useTable } from "@refinedev/antd";
import { useTranslate } from "@refinedev/core";
import { Table, Tag, Typography } from "antd";
import { LockOutlined } from "@ant-design/icons";
import { RoleTag } from "../../components/role-tag";

interface RoleSummary {
  id: string;
  userCount: number;
  permissionCount: number;
  locked: boolean;
}

export function RoleList() {
  const t = useTranslate();
  const { tableProps } = useTable<RoleSummary>({ pagination: { mode: "off" }, syncWithLocation: false });
  return (
    <List>
      <Typography.Paragraph type="secondary">{t("roles.intro")}</Typography.Paragraph>
      <Table {...tableProps} rowKey="id" pagination={false}>
        <Table.Column dataIndex="id" title={t("roles.fields.role")} render={(r: string) => <RoleTag role={r} />} />
        <Table.Column dataIndex="id" key="describe" title={t("roles.fields.description")} render={(r: string) => t(`roles.describe.${r}`)} />
        <Table.Column dataIndex="userCount" title={t("roles.fields.userCount")} />
        <Table.Column<RoleSummary>
          dataIndex="permissionCount"
          title={t("roles.fields.permissionCount")}
          render={(n: number, r) => (r.locked ? <Tag icon={<LockOutlined />}>{t("roles.all")}</Tag> : n)}
        />
        <Table.Column<RoleSummary> title={t("table.actions")} render={(_, r) => <ShowButton hideText size="small" recordItemId={r.id} />} />
      </Table>
    </List>
  );
}
