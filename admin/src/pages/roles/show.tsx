import { Show } from "@refinedev/antd";
import { useCan, useInvalidate, useShow, useTranslate, useUpdate } from "@refinedev/core";
import { Alert, Button, Checkbox, Modal, Space, Table, Tag, Typography } from "antd";
import { SaveOutlined } from "@ant-design/icons";
import { useEffect, useMemo, useState } from "react";
import { RoleTag } from "../../components/role-tag";

interface Permission {
  resource: string;
  action: string;
}
interface Role {
  id: string;
  userCount: number;
  locked: boolean;
  permissions: Permission[];
  catalog: { resource: string; actions: string[] }[];
}

const key = (p: Permission) => `${p.resource}|${p.action}`;

/** The role's permissions as a resource × action matrix; an admin can tick and save it (Casbin lines). */
export function RoleShow() {
  const t = useTranslate();
  const { result: role, query } = useShow<Role>();
  const { data: canEdit } = useCan({ resource: "roles", action: "edit" });
  const { mutate: update, mutation: updating } = useUpdate();
  const invalidate = useInvalidate();
  const [checked, setChecked] = useState<Set<string>>(new Set());

  useEffect(() => {
    if (role) setChecked(new Set(role.permissions.map(key)));
  }, [role]);

  const wildcard = useMemo(() => role?.permissions.filter((p) => p.resource === "*" || p.action === "*") ?? [], [role]);
  const grants = (resource: string, action: string) =>
    checked.has(`${resource}|${action}`) || wildcard.some((w) => (w.resource === "*" || w.resource === resource) && (w.action === "*" || w.action === action));
  const editable = !!canEdit?.can && role && !role.locked;
  const dirty = role ? [...checked].sort().join() !== role.permissions.map(key).sort().join() : false;
  const allActions = useMemo(() => [...new Set(role?.catalog.flatMap((c) => c.actions) ?? [])], [role]);

  const toggle = (k: string, on: boolean) =>
    setChecked((prev) => {
      const next = new Set(prev);
      if (on) next.add(k);
      else next.delete(k);
      return next;
    });

  const save = () =>
    Modal.confirm({
      title: t("roles.confirmSave", { role: t(`roles.names.${role!.id}`) }),
      content: t("roles.confirmSaveText", { count: role!.userCount }),
      onOk: () =>
        update(
          { resource: "roles", id: role!.id, values: { permissions: [...checked].map((k) => ({ resource: k.split("|")[0], action: k.split("|")[1] })) } },
          { onSuccess: () => invalidate({ resource: "roles", invalidates: ["list", "detail"] }) },
        ),
    });

  return (
    <Show
      isLoading={query.isLoading}
      title={role ? <RoleTag role={role.id} /> : undefined}
      headerButtons={
        editable ? (
          <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={updating.isPending} onClick={save}>
            {t("buttons.save")}
          </Button>
        ) : null
      }
    >
      {role && (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Typography.Paragraph>{t(`roles.describe.${role.id}`)}</Typography.Paragraph>
          {role.locked && <Alert type="info" showIcon message={t("roles.lockedHint")} />}
          {!role.locked && !canEdit?.can && <Alert type="info" showIcon message={t("roles.readOnlyHint")} />}
          {wildcard.length > 0 && (
            <Space wrap>
              {t("roles.wildcards")}
              {wildcard.map((w) => (
                <Tag key={key(w)} color="gold">
                  {w.resource} : {w.action}
                </Tag>
              ))}
            </Space>
          )}
          <Table
            rowKey="resource"
            size="small"
            pagination={false}
            dataSource={role.catalog}
            // A matrix of ~30 actions: names on one line each, scrolled sideways, the resource column kept in view.
            scroll={{ x: "max-content" }}
            columns={[
              { dataIndex: "resource", title: t("roles.fields.resource"), fixed: "left", onCell: () => ({ style: { whiteSpace: "nowrap" } }), render: (r: string) => t(`${r}.${r}`, r) },
              ...allActions.map((action) => ({
                key: action,
                title: t(`roles.actions.${action}`, action),
                onHeaderCell: () => ({ style: { whiteSpace: "nowrap" } }),
                align: "center" as const,
                render: (_: unknown, row: { resource: string; actions: string[] }) =>
                  row.actions.includes(action) ? (
                    <Checkbox
                      aria-label={`${row.resource} ${action}`}
                      checked={grants(row.resource, action)}
                      disabled={!editable || (!checked.has(`${row.resource}|${action}`) && grants(row.resource, action))}
                      onChange={(e) => toggle(`${row.resource}|${action}`, e.target.checked)}
                    />
                  ) : null,
              })),
            ]}
          />
        </Space>
      )}
    </Show>
  );
}
