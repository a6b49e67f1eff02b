import { useMemo, useState } from "react";
import { List } from "@refinedev/antd";
import { useApiUrl, useCan, useCreate, useCustomMutation, useDelete, useInvalidate, useTranslate, useUpdate, type HttpError } from "@refinedev/core";
import { Alert, App, Button, type ButtonProps, Card, Empty, Form, Input, Modal, Popconfirm, Radio, Space, Spin, Tag, Tooltip, Tree, TreeSelect, Typography, type TreeProps } from "antd";
import { DeleteOutlined, EditOutlined, EyeInvisibleOutlined, EyeOutlined, HolderOutlined, PlusOutlined } from "@ant-design/icons";
import { Link } from "react-router";
import { useLocalText } from "../../components/catalog/product-bits";
import type { Category, LocalText } from "../../components/catalog/types";
import { useCategories, type CategoryNode } from "../../components/catalog/use-categories";

const MAX_DEPTH = 3;

interface EditorState {
  category?: Category;
  parentId: number | null;
}

function depthOf(byId: Map<number, Category>, id: number | null): number {
  let depth = 0;
  for (let at = id == null ? undefined : byId.get(id); at; at = at.parentId == null ? undefined : byId.get(at.parentId)) depth++;
  return depth;
}
function heightOf(node: CategoryNode): number {
  return 1 + Math.max(0, ...node.children.map(heightOf));
}

/** The order a drop asks for: the parent the dragged category lands under and that parent's children in their new order. */
function dropTarget(tree: CategoryNode[], byId: Map<number, Category>, info: Parameters<NonNullable<TreeProps["onDrop"]>>[0]): { parentId: number | null; ids: number[] } {
  const dragId = Number(info.dragNode.key);
  const dropId = Number(info.node.key);
  const pos = info.node.pos.split("-");
  const relative = info.dropPosition - Number(pos[pos.length - 1]);
  const childrenOf = (parentId: number | null) => (parentId == null ? tree : (findNode(tree, parentId)?.children ?? [])).map((n) => n.key).filter((k) => k !== dragId);
  const dropNode = findNode(tree, dropId)!;
  // Onto a node, or just below an expanded node with children: the first child of that node.
  if (!info.dropToGap || (relative === 1 && info.node.expanded && dropNode.children.length > 0)) return { parentId: dropId, ids: [dragId, ...childrenOf(dropId)] };
  const parentId = byId.get(dropId)?.parentId ?? null;
  const siblings = childrenOf(parentId);
  const at = siblings.indexOf(dropId) + (relative === -1 ? 0 : 1);
  siblings.splice(at, 0, dragId);
  return { parentId, ids: siblings };
}

function findNode(nodes: CategoryNode[], id: number): CategoryNode | undefined {
  for (const n of nodes) {
    if (n.key === id) return n;
    const inner = findNode(n.children, id);
    if (inner) return inner;
  }
  return undefined;
}

export function CategoryList() {
  const t = useTranslate();
  const text = useLocalText();
  const apiUrl = useApiUrl();
  const invalidate = useInvalidate();
  const { message } = App.useApp();
  const { tree, byId, rows, isLoading, query } = useCategories();
  const can = {
    create: useCan({ resource: "categories", action: "create" }).data?.can,
    update: useCan({ resource: "categories", action: "edit" }).data?.can,
    delete: useCan({ resource: "categories", action: "delete" }).data?.can,
    reorder: useCan({ resource: "categories", action: "reorder" }).data?.can,
  };
  const [editor, setEditor] = useState<EditorState | null>(null);
  const [expanded, setExpanded] = useState<number[] | null>(null);
  const { mutateAsync: reorder, mutation: reordering } = useCustomMutation<Category[]>();
  const { mutate: update } = useUpdate<Category>();
  const { mutateAsync: remove } = useDelete<Category>();
  const allKeys = useMemo(() => rows.map((c) => c.id), [rows]);

  const onDrop: TreeProps["onDrop"] = (info) => {
    const target = dropTarget(tree, byId, info);
    reorder({ url: `${apiUrl}/categories/reorder`, method: "post", values: target, errorNotification: false })
      .then(() => {
        void message.success(t("categories.reordered"));
        if (target.parentId != null) setExpanded((e) => [...new Set([...(e ?? allKeys), target.parentId!])]);
      })
      .catch((e: HttpError) => void message.error(e.message))
      .finally(() => void invalidate({ resource: "categories", invalidates: ["list"] }));
  };

  const allowDrop: TreeProps["allowDrop"] = ({ dragNode, dropNode, dropPosition }) => {
    const drag = findNode(tree, Number(dragNode.key));
    if (!drag) return false;
    const parentDepth = dropPosition === 0 ? depthOf(byId, Number(dropNode.key)) : depthOf(byId, byId.get(Number(dropNode.key))?.parentId ?? null);
    return parentDepth + heightOf(drag) <= MAX_DEPTH;
  };

  const deleteCategory = async (c: Category) => {
    try {
      await remove({ resource: "categories", id: c.id, errorNotification: false, successNotification: false });
      void message.success(t("categories.deleted", { name: text(c.name) }));
    } catch (e) {
      const err = e as HttpError & { response?: unknown };
      void message.error(err.code === "CATEGORY_NOT_EMPTY" ? t("categories.notEmpty", { name: text(c.name) }) : err.message, 5);
    }
  };

  const titleOf = (node: CategoryNode) => {
    const c = node.category;
    const depth = depthOf(byId, c.id);
    const other = text({ "zh-CN": c.name["en-US"], "en-US": c.name["zh-CN"] } as LocalText);
    return (
      <div className="pm-category-row" style={{ display: "flex", alignItems: "center", gap: 8, minHeight: 32 }} data-testid={`category-${c.id}`}>
        {can.reorder && <HolderOutlined style={{ color: "#999", cursor: "grab" }} />}
        <Typography.Text strong={c.parentId == null} type={c.status === "hidden" ? "secondary" : undefined}>
          {text(c.name)}
        </Typography.Text>
        {other && other !== text(c.name) && <Typography.Text type="secondary">{other}</Typography.Text>}
        {c.status === "hidden" && (
          <Tag icon={<EyeInvisibleOutlined />} bordered={false}>
            {t("categories.hidden")}
          </Tag>
        )}
        <Link to={`/products?categoryId=${c.id}`} onClick={(e) => e.stopPropagation()}>
          <Tag bordered={false} color={c.productCount ? "blue" : undefined}>
            {t("categories.productCount", { count: c.productCount })}
          </Tag>
        </Link>
        <span style={{ flex: 1 }} />
        <Space size={2} className="pm-category-actions" onClick={(e) => e.stopPropagation()}>
          {can.create && depth < MAX_DEPTH && (
            <Tooltip title={t("categories.addChild")}>
              <Button type="text" size="small" icon={<PlusOutlined />} onClick={() => setEditor({ parentId: c.id })} aria-label={t("categories.addChild")} />
            </Tooltip>
          )}
          {can.update && (
            <Tooltip title={t("categories.edit")}>
              <Button type="text" size="small" icon={<EditOutlined />} onClick={() => setEditor({ category: c, parentId: c.parentId })} aria-label={t("categories.edit")} />
            </Tooltip>
          )}
          {can.update && (
            <Tooltip title={t(c.status === "hidden" ? "categories.show" : "categories.hide")}>
              <Button
                type="text"
                size="small"
                icon={c.status === "hidden" ? <EyeOutlined /> : <EyeInvisibleOutlined />}
                aria-label={t(c.status === "hidden" ? "categories.show" : "categories.hide")}
                onClick={() =>
                  update({ resource: "categories", id: c.id, values: { status: c.status === "hidden" ? "active" : "hidden" }, successNotification: () => ({ type: "success", message: t(c.status === "hidden" ? "categories.shown" : "categories.hiddenDone", { name: text(c.name) }) }) })
                }
              />
            </Tooltip>
          )}
          {can.delete && (
            <Popconfirm
              title={t("categories.deleteTitle", { name: text(c.name) })}
              description={c.productCount || node.children.length ? t("categories.deleteNotEmpty") : t("categories.deleteText")}
              okText={t("buttons.delete")}
              okButtonProps={{ danger: true }}
              cancelText={t("buttons.cancel")}
              onConfirm={() => deleteCategory(c)}
            >
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t("buttons.delete")} data-testid={`delete-category-${c.id}`} />
            </Popconfirm>
          )}
        </Space>
      </div>
    );
  };

  return (
    <List
      headerButtons={
        can.create && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditor({ parentId: null })} data-testid="add-root-category">
            {t("categories.addRoot")}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t(can.reorder ? "categories.intro" : "categories.introReadOnly")}</Typography.Paragraph>
      <Card size="small" style={{ maxWidth: 900 }}>
        <Spin spinning={isLoading || reordering.isPending || query.isFetching}>
          {tree.length === 0 && !isLoading ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("categories.empty")} />
          ) : (
            <Tree<CategoryNode>
              blockNode
              showLine={{ showLeafIcon: false }}
              draggable={can.reorder ? { icon: false } : false}
              allowDrop={allowDrop}
              onDrop={onDrop}
              treeData={tree}
              expandedKeys={expanded ?? allKeys}
              onExpand={(keys) => setExpanded(keys.map(Number))}
              selectable={false}
              titleRender={titleOf}
              data-testid="category-tree"
            />
          )}
        </Spin>
      </Card>
      {editor && <CategoryEditor state={editor} tree={tree} onClose={() => setEditor(null)} />}
    </List>
  );
}

/** The tree with a category and everything under it disabled: it cannot be its own parent. */
function withoutSubtree(nodes: CategoryNode[], id: number | undefined): (CategoryNode & { disabled?: boolean })[] {
  return nodes.map((n) => (n.key === id ? { ...n, disabled: true, children: n.children.map((c) => ({ ...c, disabled: true })) } : { ...n, children: withoutSubtree(n.children, id) }));
}

function CategoryEditor({ state, tree, onClose }: { state: EditorState; tree: CategoryNode[]; onClose: () => void }) {
  const t = useTranslate();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const { mutateAsync: create, mutation: creating } = useCreate<Category>();
  const { mutateAsync: update, mutation: updating } = useUpdate<Category>();
  const editing = state.category;

  const submit = async () => {
    const v = await form.validateFields();
    const values = { name: { "zh-CN": v.name["zh-CN"]?.trim() ?? "", "en-US": v.name["en-US"]?.trim() ?? "" }, icon: v.icon?.trim() ?? "", status: v.status, parentId: v.parentId ?? null };
    setError(null);
    try {
      if (editing) await update({ resource: "categories", id: editing.id, values, errorNotification: false });
      else await create({ resource: "categories", values, errorNotification: false });
      onClose();
    } catch (e) {
      setError((e as HttpError).message);
    }
  };

  return (
    <Modal
      open
      title={t(editing ? "categories.editTitle" : "categories.createTitle")}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t("buttons.save")}
      cancelText={t("buttons.cancel")}
      okButtonProps={{ loading: creating.isPending || updating.isPending, "data-testid": "save-category" } as ButtonProps}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ name: editing?.name ?? { "zh-CN": "", "en-US": "" }, icon: editing?.icon ?? "", status: editing?.status ?? "active", parentId: state.parentId ?? undefined }}
      >
        <Form.Item
          name={["name", "zh-CN"]}
          label={t("categories.fields.nameZh")}
          rules={[
            { max: 40 },
            ({ getFieldValue }) => ({
              validator: async (_, v: string) => {
                if (!v?.trim() && !getFieldValue(["name", "en-US"])?.trim()) throw new Error(t("categories.nameRequired"));
              },
            }),
          ]}
        >
          <Input autoFocus data-testid="category-name-zh" />
        </Form.Item>
        <Form.Item name={["name", "en-US"]} label={t("categories.fields.nameEn")} rules={[{ max: 40 }]}>
          <Input data-testid="category-name-en" />
        </Form.Item>
        <Form.Item name="parentId" label={t("categories.fields.parent")} extra={t("categories.parentHint")}>
          <TreeSelect treeData={withoutSubtree(tree, editing?.id)} allowClear treeDefaultExpandAll placeholder={t("categories.topLevel")} />
        </Form.Item>
        <Form.Item name="icon" label={t("categories.fields.icon")} extra={t("categories.iconHint")} rules={[{ max: 64 }]}>
          <Input style={{ maxWidth: 200 }} />
        </Form.Item>
        <Form.Item name="status" label={t("categories.fields.status")} extra={t("categories.statusHint")}>
          <Radio.Group optionType="button" options={(["active", "hidden"] as const).map((s) => ({ value: s, label: t(`categories.status.${s}`) }))} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}
