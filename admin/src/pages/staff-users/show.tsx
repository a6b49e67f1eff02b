import { Show } from "@refinedev/antd";
import { useList, useOne, useShow, useTranslate } from "@refinedev/core";
import { Badge, Card, Descriptions, Empty, Space, Table, Tag } from "antd";
import { Link } from "react-router";
import { RoleTag } from "../../components/role-tag";
import { formatTime } from "../../providers/preferences";
import type { StaffUser } from "./constants";

interface AuditRow {
  id: number;
  createdAt: string;
  action: string;
  resource: string;
  resourceId: string | null;
}

export function StaffUserShow() {
  const t = useTranslate();
  const { result: user, query } = useShow<StaffUser>();
  const { result: supplier } = useOne({ resource: "suppliers", id: user?.supplierId ?? "", queryOptions: { enabled: !!user?.supplierId } });
  const { result: activity, query: activityQuery } = useList<AuditRow>({
    resource: "audit-log",
    filters: [{ field: "actorId", operator: "eq", value: user?.id }],
    sorters: [{ field: "id", order: "desc" }],
    pagination: { pageSize: 10 },
    queryOptions: { enabled: !!user },
    errorNotification: false,
  });

  return (
    <Show isLoading={query.isLoading} headerButtons={({ defaultButtons }) => <>{defaultButtons}</>}>
      {user && (
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          <Descriptions bordered column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t("staff-users.fields.username")}>{user.username}</Descriptions.Item>
            <Descriptions.Item label={t("staff-users.fields.displayName")}>{user.displayName}</Descriptions.Item>
            <Descriptions.Item label={t("staff-users.fields.role")}>
              <RoleTag role={user.role} />
            </Descriptions.Item>
            <Descriptions.Item label={t("staff-users.fields.supplier")}>
              {user.supplierId ? <Link to={`/suppliers/show/${user.supplierId}`}>{supplier?.name ?? `#${user.supplierId}`}</Link> : "—"}
            </Descriptions.Item>
            <Descriptions.Item label={t("staff-users.fields.status")}>
              <Space>
                <Badge status={user.status === "active" ? "success" : "default"} text={t(`staff-users.status.${user.status}`)} />
                {user.locked && <Tag color="warning">{t("staff-users.locked")}</Tag>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t("staff-users.fields.lastLoginAt")}>{formatTime(user.lastLoginAt)}</Descriptions.Item>
            <Descriptions.Item label={t("staff-users.fields.phone")}>{user.phone || "—"}</Descriptions.Item>
            <Descriptions.Item label={t("staff-users.fields.email")}>{user.email || "—"}</Descriptions.Item>
            <Descriptions.Item label={t("common.createdAt")}>{formatTime(user.createdAt)}</Descriptions.Item>
            <Descriptions.Item label={t("common.updatedAt")}>{formatTime(user.updatedAt)}</Descriptions.Item>
          </Descriptions>
          <Card title={t("staff-users.recentActivity")} size="small">
            <Table<AuditRow>
              rowKey="id"
              size="small"
              loading={activityQuery.isLoading}
              dataSource={activity?.data ?? []}
              pagination={false}
              locale={{ emptyText: <Empty description={t("staff-users.noActivity")} image={Empty.PRESENTED_IMAGE_SIMPLE} /> }}
              columns={[
                { dataIndex: "createdAt", title: t("audit-log.fields.createdAt"), render: (v) => formatTime(v, true) },
                { dataIndex: "action", title: t("audit-log.fields.action"), render: (a) => <Tag>{t(`audit-log.actions.${a}`, a)}</Tag> },
                { dataIndex: "resource", title: t("audit-log.fields.resource"), render: (r) => t(`${r}.${r}`, r) },
                { dataIndex: "resourceId", title: "ID" },
                { key: "open", render: (_, r) => <Link to={`/audit-log/show/${r.id}`}>{t("buttons.show")}</Link> },
              ]}
            />
          </Card>
        </Space>
      )}
    </Show>
  );
}

