import { useState } from "react";
import { List, ShowButton, useTable } from "@refinedev/antd";
import { useCan, useCreate, useDelete, useNavigation, useTranslate, useUpdate, type HttpError } from "@refinedev/core";
import { Alert, App, Button, Empty, Form, Input, Modal, Popconfirm, Space, Table, Tag, Tooltip, Typography, type ButtonProps } from "antd";
import { DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Link } from "react-router";
import { ListToolbar } from "../../components/list-toolbar";
import { useLocalText } from "../../components/catalog/product-bits";
import { apiProblem, localizeProblem } from "../../components/storefront/problems";
import type { Slot, SlotDetail } from "../../components/storefront/types";

export function SlotList() {
  const t = useTranslate();
  const text = useLocalText();
  const { message } = App.useApp();
  const { show } = useNavigation();
  const { tableProps, filters, setFilters } = useTable<Slot>({ resource: "slots", syncWithLocation: true });
  const can = {
    create: useCan({ resource: "slots", action: "create" }).data?.can,
    update: useCan({ resource: "slots", action: "edit" }).data?.can,
    remove: useCan({ resource: "slots", action: "delete" }).data?.can,
  };
  const [editing, setEditing] = useState<Slot | "new" | null>(null);
  const { mutateAsync: remove } = useDelete();

  const deleteSlot = async (s: Slot) => {
    try {
      await remove({ resource: "slots", id: s.id, errorNotification: false, successNotification: false });
      void message.success(t("storefront.slots.deleted", { code: s.code }));
    } catch (e) {
      void message.error((e as HttpError).message, 6);
    }
  };

  return (
    <List
      headerButtons={
        can.create && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="new-slot">
            {t("storefront.slots.newSlot")}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t("storefront.slots.intro")}</Typography.Paragraph>
      <ListToolbar filters={filters} setFilters={setFilters} searchPlaceholder={t("storefront.slots.search")} />
      <Table {...tableProps} rowKey="id" locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("storefront.slots.empty")} /> }}>
        <Table.Column<Slot>
          dataIndex="name"
          title={t("storefront.slots.fields.name")}
          render={(_, s) => (
            <Space direction="vertical" size={0}>
              <Typography.Link strong onClick={() => show("slots", s.id)}>
                {text(s.name)}
              </Typography.Link>
              <Typography.Text code style={{ fontSize: 12 }}>
                {s.code}
              </Typography.Text>
            </Space>
          )}
        />
        <Table.Column<Slot>
          dataIndex="itemCount"
          title={t("storefront.slots.fields.items")}
          render={(_, s) => (
            <Tag bordered={false} color={s.activeCount ? "green" : undefined}>
              {t("storefront.slots.activeOf", { active: s.activeCount, total: s.itemCount })}
            </Tag>
          )}
        />
        <Table.Column<Slot>
          dataIndex="usedBy"
          title={t("storefront.slots.fields.usedBy")}
          render={(paths: string[]) =>
            paths.length ? (
              <Space size={4} wrap>
                {paths.map((p) => (
                  <Link key={p} to={`/pages?filters[0][field]=q&filters[0][operator]=eq&filters[0][value]=${encodeURIComponent(p)}`}>
                    <Tag bordered={false}>{p}</Tag>
                  </Link>
                ))}
              </Space>
            ) : (
              <Typography.Text type="secondary">{t("storefront.slots.unused")}</Typography.Text>
            )
          }
        />
        <Table.Column<Slot>
          title={t("table.actions")}
          render={(_, s) => (
            <Space>
              <ShowButton size="small" recordItemId={s.id}>
                {t("storefront.slots.manageItems")}
              </ShowButton>
              {can.update && (
                <Tooltip title={t("storefront.slots.rename")}>
                  <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(s)} aria-label={t("storefront.slots.rename")} />
                </Tooltip>
              )}
              {can.remove && (
                <Popconfirm
                  title={t("storefront.slots.deleteTitle", { code: s.code })}
                  description={<div style={{ maxWidth: 300 }}>{t(s.usedBy.length ? "storefront.slots.deleteInUse" : "storefront.slots.deleteText", { pages: s.usedBy.join(", "), count: s.itemCount })}</div>}
                  okText={t("buttons.delete")}
                  okButtonProps={{ danger: true }}
                  cancelText={t("buttons.cancel")}
                  onConfirm={() => deleteSlot(s)}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t("buttons.delete")} />
                </Popconfirm>
              )}
            </Space>
          )}
        />
      </Table>
      {editing && <SlotModal slot={editing === "new" ? null : editing} onClose={() => setEditing(null)} onCreated={(s) => show("slots", s.id)} />}
    </List>
  );
}

/** A new slot (code and name), or a new name for one (the code is fixed: pages refer to it). */
function SlotModal({ slot, onClose, onCreated }: { slot: Slot | null; onClose: () => void; onCreated: (s: SlotDetail) => void }) {
  const t = useTranslate();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const { mutateAsync: create, mutation: creating } = useCreate<SlotDetail>();
  const { mutateAsync: update, mutation: updating } = useUpdate<SlotDetail>();

  const submit = async () => {
    const v = await form.validateFields();
    const name = { "zh-CN": v.name?.["zh-CN"]?.trim() ?? "", "en-US": v.name?.["en-US"]?.trim() ?? "" };
    setError(null);
    try {
      if (slot) {
        await update({ resource: "slots", id: slot.id, values: { name }, errorNotification: false, successNotification: false });
        onClose();
      } else {
        const { data } = await create({ resource: "slots", values: { code: v.code.trim(), name }, errorNotification: false, successNotification: false });
        onClose();
        onCreated(data);
      }
    } catch (e) {
      const p = apiProblem(e);
      form.setFields(Object.entries(p.fields).map(([path, msg]) => ({ name: path.split("."), errors: [localizeProblem(msg, t)] })));
      setError(p.message);
    }
  };

  return (
    <Modal
      open
      title={t(slot ? "storefront.slots.renameTitle" : "storefront.slots.newSlot")}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t("buttons.save")}
      cancelText={t("buttons.cancel")}
      okButtonProps={{ loading: creating.isPending || updating.isPending, "data-testid": "save-slot" } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="slot" initialValues={{ code: slot?.code ?? "", name: slot?.name ?? { "zh-CN": "", "en-US": "" } }}>
        <Form.Item
          name="code"
          label={t("storefront.slots.fields.code")}
          extra={t("storefront.slots.codeHint")}
          rules={[
            { required: true, message: t("storefront.slots.codeRequired") },
            { pattern: /^[a-z0-9][a-z0-9_-]{0,39}$/, message: t("storefront.slots.codeInvalid") },
          ]}
        >
          <Input disabled={!!slot} placeholder="home-top" style={{ fontFamily: "ui-monospace, monospace" }} />
        </Form.Item>
        <Form.Item
          name={["name", "zh-CN"]}
          label={`${t("storefront.slots.fields.name")} · ${t("storefront.lang.zh-CN")}`}
          rules={[
            { max: 40 },
            ({ getFieldValue }) => ({
              validator: async (_, v: string) => {
                if (!v?.trim() && !getFieldValue(["name", "en-US"])?.trim()) throw new Error(t("storefront.problems.textRequired"));
              },
            }),
          ]}
        >
          <Input />
        </Form.Item>
        <Form.Item name={["name", "en-US"]} label={`${t("storefront.slots.fields.name")} · ${t("storefront.lang.en-US")}`} rules={[{ max: 40 }]}>
          <Input />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}
