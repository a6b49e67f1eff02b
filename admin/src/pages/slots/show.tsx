import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { Show } from "@refinedev/antd";
import { useCan, useInvalidate, useOne, useTranslate } from "@refinedev/core";
import { Alert, App, Button, Col, DatePicker, Empty, Form, Image, Input, Modal, Popconfirm, Row, Space, Tag, Tooltip, Typography, theme, type ButtonProps } from "antd";
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useLocalText } from "../../components/catalog/product-bits";
import { shanghaiNow, shanghaiTimeItem } from "../../components/campaigns/shanghai-time";
import { moveItem, NO_LINK } from "../../components/storefront/blocks";
import { LinkEditor, linkSummary, useLinkNames } from "../../components/storefront/link-editor";
import { SingleImageUpload } from "../../components/storefront/pickers";
import { apiProblem, localizeProblem } from "../../components/storefront/problems";
import { DragGrip, SortableList } from "../../components/storefront/sortable-list";
import type { SlotDetail, SlotItem } from "../../components/storefront/types";
import { API_URL, http } from "../../providers/http";
import { formatTime } from "../../providers/preferences";

const STATE_COLOR: Record<SlotItem["state"], string> = { active: "green", scheduled: "blue", expired: "default" };

/** A slot's items, in the order the carousel shows them: drag (or move up/down) to reorder, each with its picture, link and time window. */
export function SlotShow() {
  const t = useTranslate();
  const text = useLocalText();
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const invalidate = useInvalidate();
  const slotId = Number(useParams().id);
  const { result: slot, query } = useOne<SlotDetail>({ resource: "slots", id: slotId });
  const can = {
    create: useCan({ resource: "slot-items", action: "create" }).data?.can,
    update: useCan({ resource: "slot-items", action: "edit" }).data?.can,
    remove: useCan({ resource: "slot-items", action: "delete" }).data?.can,
    reorder: useCan({ resource: "slot-items", action: "reorder" }).data?.can,
  };
  // The order shown: the server's, or the one just asked for while the reorder call runs.
  const [items, setItems] = useState<SlotItem[]>([]);
  const [editing, setEditing] = useState<SlotItem | "new" | null>(null);
  useEffect(() => setItems(slot?.items ?? []), [slot]);
  const linkName = useLinkNames(items.map((i) => i.link));

  const refresh = () => void invalidate({ resource: "slots", invalidates: ["detail", "list"], id: slotId });

  const reorder = async (from: number, to: number) => {
    const next = moveItem(items, from, to);
    setItems(next);
    try {
      await http.post(`${API_URL}/slot-items/reorder`, { slotId, ids: next.map((i) => i.id) });
      void message.success(t("storefront.slots.reordered"));
    } catch (e) {
      setItems(slot?.items ?? []);
      void message.error(apiProblem(e).message);
    } finally {
      refresh();
    }
  };

  const removeItem = async (item: SlotItem) => {
    try {
      await http.delete(`${API_URL}/slot-items/${item.id}`);
      void message.success(t("storefront.slots.itemDeleted"));
    } catch (e) {
      void message.error(apiProblem(e).message);
    } finally {
      refresh();
    }
  };

  return (
    <Show
      isLoading={query.isLoading}
      title={slot ? `${text(slot.name)} · ${slot.code}` : t("storefront.slots.slot")}
      headerButtons={() =>
        can.create && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="new-slot-item">
            {t("storefront.slots.newItem")}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t("storefront.slots.itemsIntro")}</Typography.Paragraph>
      {slot && slot.usedBy.length > 0 && (
        <Typography.Paragraph>
          {t("storefront.slots.shownOn")} {slot.usedBy.map((p) => <Tag key={p}>{p}</Tag>)}
        </Typography.Paragraph>
      )}
      {items.length === 0 && !query.isLoading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("storefront.slots.noItems")} />
      ) : (
        <div style={{ display: "grid", gap: 8, maxWidth: 960 }} data-testid="slot-items">
          <SortableList
            items={items}
            idOf={(i) => i.id}
            nameOf={(i) => text(i.title)}
            onMove={(from, to) => void reorder(from, to)}
            disabled={!can.reorder}
            renderItem={(item, i, handle) => (
              <div
                data-testid={`slot-item-${i}`}
                style={{ display: "flex", alignItems: "center", gap: 12, padding: 8, border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadiusLG, background: token.colorBgContainer, boxShadow: handle.isDragging ? token.boxShadowSecondary : undefined }}
              >
                <DragGrip handle={handle} label={t("storefront.drag.handle", { name: text(item.title) })} disabled={!can.reorder} />
                <Image src={item.image} width={120} height={48} style={{ objectFit: "cover", borderRadius: 6 }} alt={text(item.title)} />
                <Space direction="vertical" size={0} style={{ flex: 1, minWidth: 0 }}>
                  <Typography.Text strong ellipsis>
                    {text(item.title)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                    {linkSummary(item.link, t, linkName)}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {item.startAt || item.endAt ? `${formatTime(item.startAt)} → ${formatTime(item.endAt)}` : t("storefront.slots.always")}
                  </Typography.Text>
                </Space>
                <Tag color={STATE_COLOR[item.state]} bordered={false}>
                  {t(`storefront.slots.states.${item.state}`)}
                </Tag>
                <Space size={0}>
                  {can.reorder && (
                    <>
                      <Tooltip title={t("storefront.editor.moveUp")}>
                        <Button type="text" size="small" icon={<ArrowUpOutlined />} disabled={i === 0} onClick={() => void reorder(i, i - 1)} aria-label={t("storefront.editor.moveUpNamed", { name: text(item.title) })} />
                      </Tooltip>
                      <Tooltip title={t("storefront.editor.moveDown")}>
                        <Button type="text" size="small" icon={<ArrowDownOutlined />} disabled={i === items.length - 1} onClick={() => void reorder(i, i + 1)} aria-label={t("storefront.editor.moveDownNamed", { name: text(item.title) })} />
                      </Tooltip>
                    </>
                  )}
                  {can.update && (
                    <Tooltip title={t("buttons.edit")}>
                      <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setEditing(item)} aria-label={t("buttons.edit")} />
                    </Tooltip>
                  )}
                  {can.remove && (
                    <Popconfirm title={t("storefront.slots.deleteItemTitle", { name: text(item.title) })} okText={t("buttons.delete")} okButtonProps={{ danger: true }} cancelText={t("buttons.cancel")} onConfirm={() => removeItem(item)}>
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t("buttons.delete")} />
                    </Popconfirm>
                  )}
                </Space>
              </div>
            )}
          />
        </div>
      )}
      {editing && <SlotItemModal slotId={slotId} item={editing === "new" ? null : editing} onClose={() => setEditing(null)} onSaved={refresh} />}
    </Show>
  );
}

interface ItemValues {
  title: { "zh-CN": string; "en-US": string };
  image: string;
  link: { type: SlotItem["link"]["type"]; target: string };
  startAt: string | null;
  endAt: string | null;
}

function SlotItemModal({ slotId, item, onClose, onSaved }: { slotId: number; item: SlotItem | null; onClose: () => void; onSaved: () => void }) {
  const t = useTranslate();
  const [form] = Form.useForm<ItemValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      title: { "zh-CN": v.title?.["zh-CN"]?.trim() ?? "", "en-US": v.title?.["en-US"]?.trim() ?? "" },
      image: v.image,
      link: v.link?.type && v.link.type !== "none" ? v.link : NO_LINK(),
      startAt: v.startAt ?? null,
      endAt: v.endAt ?? null,
    };
    setError(null);
    setBusy(true);
    try {
      if (item) await http.patch(`${API_URL}/slot-items/${item.id}`, body);
      else await http.post(`${API_URL}/slot-items`, { slotId, ...body });
      onSaved();
      onClose();
    } catch (e) {
      const p = apiProblem(e);
      form.setFields(Object.entries(p.fields).map(([path, msg]) => ({ name: (path === "link.target" ? "link" : path).split(".") as never, errors: [localizeProblem(msg, t)] })));
      setError(p.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={t(item ? "storefront.slots.editItem" : "storefront.slots.newItem")}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t("buttons.save")}
      cancelText={t("buttons.cancel")}
      okButtonProps={{ loading: busy, "data-testid": "save-slot-item" } as ButtonProps}
      destroyOnHidden
    >
      <Form<ItemValues>
        form={form}
        layout="vertical"
        name="slot-item"
        initialValues={item ? { title: item.title, image: item.image, link: item.link, startAt: item.startAt, endAt: item.endAt } : { title: { "zh-CN": "", "en-US": "" }, image: "", link: NO_LINK(), startAt: null, endAt: null }}
      >
        <Form.Item name="image" label={t("storefront.slots.fields.image")} extra={t("storefront.slots.imageHint")} rules={[{ required: true, message: t("storefront.problems.imageRequired") }]}>
          <SingleImageUpload size={96} testId="slot-item-image" />
        </Form.Item>
        <Row gutter={12}>
          {(["zh-CN", "en-US"] as const).map((lang) => (
            <Col span={12} key={lang}>
              <Form.Item
                name={["title", lang]}
                label={`${t("storefront.slots.fields.title")} · ${t(`storefront.lang.${lang}`)}`}
                extra={lang === "zh-CN" ? t("storefront.slots.titleHint") : undefined}
                rules={[
                  { max: 40 },
                  ({ getFieldValue }) => ({
                    validator: async (_, v: string) => {
                      if (lang === "zh-CN" && !v?.trim() && !getFieldValue(["title", "en-US"])?.trim()) throw new Error(t("storefront.problems.textRequired"));
                    },
                  }),
                ]}
              >
                <Input />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item name="link" label={t("storefront.fields.link")}>
          <LinkEditor />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="startAt" label={t("storefront.slots.fields.startAt")} extra={t("storefront.slots.windowHint")} {...shanghaiTimeItem}>
              <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" defaultPickerValue={shanghaiNow()} style={{ width: "100%" }} allowClear />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="endAt"
              label={t("storefront.slots.fields.endAt")}
              dependencies={["startAt"]}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, end: string | null) => {
                    const start = getFieldValue("startAt") as string | null;
                    if (start && end && new Date(end) <= new Date(start)) throw new Error(t("storefront.problems.endAfterStart"));
                  },
                }),
              ]}
              {...shanghaiTimeItem}
            >
              <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" defaultPickerValue={shanghaiNow()} style={{ width: "100%" }} allowClear />
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}
