import { Show } from "@refinedev/antd";
import { useShow, useTranslate } from "@refinedev/core";
import { Descriptions, Empty, Space, Switch, Table, Tag, Typography, theme } from "antd";
import { useMemo, useState } from "react";
import { Link } from "react-router";
import { RoleTag } from "../../components/role-tag";
import { formatTime } from "../../providers/preferences";
import { diffRecords, type DiffRow } from "./diff";
import type { AuditRow } from "./list";

const show = (v: unknown) => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));

export function AuditLogShow() {
  const t = useTranslate();
  const { token } = theme.useToken();
  const { result: entry, query } = useShow<AuditRow>();
  const [onlyChanged, setOnlyChanged] = useState(true);
  const rows = useMemo(() => (entry ? diffRecords(entry.before, entry.after) : []), [entry]);
  const visible = onlyChanged ? rows.filter((r) => r.change !== "same") : rows;
  const colour: Record<DiffRow["change"], string | undefined> = {
    added: token.colorSuccessBg,
    removed: token.colorErrorBg,
    changed: token.colorWarningBg,
    same: undefined,
  };

  return (
    <Show isLoading={query.isLoading} canEdit={false} canDelete={false}>
      {entry && (
        <Space direction="vertical" size="large" style={{ width: "100%" }}>
          <Descriptions bordered column={{ xs: 1, md: 2 }} size="small">
            <Descriptions.Item label={t("audit-log.fields.createdAt")}>{formatTime(entry.createdAt, true)}</Descriptions.Item>
            <Descriptions.Item label={t("audit-log.fields.actor")}>
              <Space>
                {entry.actorId ? <Link to={`/staff-users/show/${entry.actorId}`}>{entry.actorName}</Link> : entry.actorName}
                {entry.actorRole && <RoleTag role={entry.actorRole} />}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t("audit-log.fields.action")}>
              <Tag>{t(`audit-log.actions.${entry.action}`, entry.action)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t("audit-log.fields.resource")}>
              {t(`${entry.resource}.${entry.resource}`, entry.resource)} {entry.resourceId ? `#${entry.resourceId}` : ""}
            </Descriptions.Item>
            <Descriptions.Item label="IP">{entry.ip || "—"}</Descriptions.Item>
            <Descriptions.Item label={t("audit-log.fields.requestId")}>
              <Typography.Text code copyable>
                {entry.requestId || "—"}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Space>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t("audit-log.diff")}
            </Typography.Title>
            <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} aria-label={t("audit-log.onlyChanged")} />
            <Typography.Text type="secondary">{t("audit-log.onlyChanged")}</Typography.Text>
          </Space>
          <Table<DiffRow>
            data-testid="audit-diff"
            rowKey="path"
            size="small"
            pagination={false}
            dataSource={visible}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("audit-log.noChanges")} /> }}
            onRow={(r) => ({ style: { background: colour[r.change] } })}
            columns={[
              { dataIndex: "path", title: t("audit-log.field"), render: (p: string) => <Typography.Text code>{p}</Typography.Text> },
              { dataIndex: "before", title: t("audit-log.before"), render: (v: unknown, r) => (r.change === "added" ? "—" : <span style={{ wordBreak: "break-all" }}>{show(v)}</span>) },
              { dataIndex: "after", title: t("audit-log.after"), render: (v: unknown, r) => (r.change === "removed" ? "—" : <span style={{ wordBreak: "break-all" }}>{show(v)}</span>) },
              { dataIndex: "change", title: "", width: 90, render: (c: DiffRow["change"]) => (c === "same" ? null : <Tag>{t(`audit-log.change.${c}`)}</Tag>) },
            ]}
          />
        </Space>
      )}
    </Show>
  );
}
