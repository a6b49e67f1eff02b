import { useEffect, useState } from "react";
import { EditButton, List, useTable } from "@refinedev/antd";
import { useCan, useCreate, useDelete, useNavigation, useTranslate, type HttpError } from "@refinedev/core";
import { Alert, App, Badge, Button, Empty, Form, Input, Modal, Popconfirm, Radio, Segmented, Space, Table, Tag, Tooltip, Typography, type ButtonProps } from "antd";
import { ClockCircleOutlined, DeleteOutlined, EyeOutlined, HomeOutlined, PlusOutlined } from "@ant-design/icons";
import { ListToolbar } from "../../components/list-toolbar";
import { useLocalText } from "../../components/catalog/product-bits";
import { PhonePreview } from "../../components/storefront/phone-preview";
import { apiProblem, localizeProblem } from "../../components/storefront/problems";
import type { PageDetail, PageSummary, ResolvedPage } from "../../components/storefront/types";
import { API_URL, http } from "../../providers/http";
import { formatTime } from "../../providers/preferences";

export function PageList() {
  const t = useTranslate();
  const text = useLocalText();
  const { message } = App.useApp();
  const { edit } = useNavigation();
  const { tableProps, filters, setFilters, tableQuery } = useTable<PageSummary>({ resource: "pages", syncWithLocation: true, sorters: { initial: [{ field: "id", order: "asc" }] } });
  const can = {
    create: useCan({ resource: "pages", action: "create" }).data?.can,
    remove: useCan({ resource: "pages", action: "delete" }).data?.can,
  };
  const [creating, setCreating] = useState(false);
  const [previewing, setPreviewing] = useState<PageSummary | null>(null);
  const { mutateAsync: remove } = useDelete();
  const rows = tableQuery.data?.data ?? [];
  const hasHome = rows.some((p) => p.path === "/");
  const filtered = filters.some((f) => "value" in f && f.value != null && f.value !== "");

  const deletePage = async (p: PageSummary) => {
    try {
      await remove({ resource: "pages", id: p.id, errorNotification: false, successNotification: false });
      void message.success(t("storefront.pages.deleted", { path: p.path }));
    } catch (e) {
      void message.error((e as HttpError).message, 6);
    }
  };

  return (
    <List
      headerButtons={
        can.create && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-page">
            {t("storefront.pages.newPage")}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t("storefront.pages.intro")}</Typography.Paragraph>
      <ListToolbar filters={filters} setFilters={setFilters} searchPlaceholder={t("storefront.pages.search")} />
      <Table
        {...tableProps}
        rowKey="id"
        data-testid="pages-table"
        locale={{
          emptyText: (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(filtered ? "storefront.pages.emptyFiltered" : "storefront.pages.empty")}>
              {!filtered && can.create && (
                <Button type="primary" icon={<HomeOutlined />} onClick={() => setCreating(true)}>
                  {t("storefront.pages.createHome")}
                </Button>
              )}
            </Empty>
          ),
        }}
      >
        <Table.Column<PageSummary>
          dataIndex="path"
          title={t("storefront.pages.fields.path")}
          sorter
          render={(path: string) => (
            <Space size={6}>
              {path === "/" && <HomeOutlined />}
              <Typography.Text code>{path}</Typography.Text>
            </Space>
          )}
        />
        <Table.Column<PageSummary>
          dataIndex="title"
          title={t("storefront.pages.fields.title")}
          render={(_, p) => (
            <Space direction="vertical" size={0}>
              <Typography.Text strong data-testid="page-title">
                {text(p.title)}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("storefront.pages.blockCount", { count: p.blockCount })}
              </Typography.Text>
            </Space>
          )}
        />
        <Table.Column<PageSummary>
          dataIndex="publishedVersion"
          title={t("storefront.pages.fields.published")}
          render={(_, p) =>
            p.publishedVersion ? (
              <Space direction="vertical" size={0}>
                <Tag color="green" bordered={false} data-testid="published-version">
                  {t("storefront.pages.liveVersion", { n: p.publishedVersion })}
                </Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatTime(p.publishedAt)}
                </Typography.Text>
              </Space>
            ) : (
              <Tag bordered={false}>{t("storefront.pages.notPublished")}</Tag>
            )
          }
        />
        <Table.Column<PageSummary>
          dataIndex="hasUnpublishedChanges"
          title={t("storefront.pages.fields.changes")}
          render={(v: boolean) =>
            v ? <Badge status="warning" text={t("storefront.pages.unpublishedChanges")} data-testid="unpublished-badge" /> : <Badge status="success" text={t("storefront.pages.upToDate")} />
          }
        />
        <Table.Column<PageSummary>
          dataIndex="scheduledAt"
          title={t("storefront.pages.fields.scheduled")}
          render={(v: string | null) =>
            v ? (
              <Tag color="blue" icon={<ClockCircleOutlined />} bordered={false}>
                {formatTime(v)}
              </Tag>
            ) : (
              <Typography.Text type="secondary">—</Typography.Text>
            )
          }
        />
        <Table.Column<PageSummary> dataIndex="updatedAt" title={t("common.updatedAt")} sorter render={(v: string) => formatTime(v)} />
        <Table.Column<PageSummary>
          title={t("table.actions")}
          fixed="right"
          render={(_, p) => (
            <Space>
              <Tooltip title={t("storefront.pages.preview")}>
                <Button size="small" icon={<EyeOutlined />} onClick={() => setPreviewing(p)} aria-label={t("storefront.pages.preview")} data-testid="preview-page" />
              </Tooltip>
              <EditButton size="small" recordItemId={p.id} data-testid="edit-page">
                {t("storefront.pages.design")}
              </EditButton>
              {can.remove && p.path !== "/" && (
                <Popconfirm
                  title={t("storefront.pages.deleteTitle", { path: p.path })}
                  description={<div style={{ maxWidth: 300 }}>{t("storefront.pages.deleteText")}</div>}
                  okText={t("buttons.delete")}
                  okButtonProps={{ danger: true }}
                  cancelText={t("buttons.cancel")}
                  onConfirm={() => deletePage(p)}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label={t("buttons.delete")} />
                </Popconfirm>
              )}
            </Space>
          )}
        />
      </Table>
      {creating && <CreatePageModal hasHome={hasHome} onClose={() => setCreating(false)} onCreated={(p) => edit("pages", p.id)} />}
      {previewing && <PagePreviewModal page={previewing} onClose={() => setPreviewing(null)} />}
    </List>
  );
}

/** A new page: the home page (once), or a topic page at /topics/<slug>; the editor opens on it. */
function CreatePageModal({ hasHome, onClose, onCreated }: { hasHome: boolean; onClose: () => void; onCreated: (p: PageDetail) => void }) {
  const t = useTranslate();
  const [form] = Form.useForm();
  const [kind, setKind] = useState<"home" | "topic">(hasHome ? "topic" : "home");
  const [error, setError] = useState<string | null>(null);
  const { mutateAsync: create, mutation } = useCreate<PageDetail>();

  const submit = async () => {
    const v = await form.validateFields();
    setError(null);
    const values = {
      path: kind === "home" ? "/" : `/topics/${String(v.slug ?? "").trim()}`,
      title: { "zh-CN": v.title?.["zh-CN"]?.trim() ?? "", "en-US": v.title?.["en-US"]?.trim() ?? "" },
    };
    try {
      const { data } = await create({ resource: "pages", values, errorNotification: false, successNotification: false });
      onClose();
      onCreated(data);
    } catch (e) {
      const p = apiProblem(e);
      if (p.fields.path) form.setFields([{ name: "slug", errors: [localizeProblem(p.fields.path, t)] }]);
      setError(p.message);
    }
  };

  return (
    <Modal
      open
      title={t("storefront.pages.newPage")}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t("storefront.pages.createAndDesign")}
      cancelText={t("buttons.cancel")}
      okButtonProps={{ loading: mutation.isPending, "data-testid": "create-page" } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" name="new-page" initialValues={{ title: { "zh-CN": "", "en-US": "" }, slug: "" }}>
        <Form.Item label={t("storefront.pages.kind")}>
          <Radio.Group
            value={kind}
            onChange={(e) => setKind(e.target.value)}
            options={[
              { value: "home", label: t("storefront.pages.kinds.home"), disabled: hasHome },
              { value: "topic", label: t("storefront.pages.kinds.topic") },
            ]}
          />
        </Form.Item>
        {kind === "topic" && (
          <Form.Item
            name="slug"
            label={t("storefront.pages.fields.slug")}
            extra={t("storefront.pages.slugHint")}
            rules={[
              { required: true, message: t("storefront.pages.slugRequired") },
              { pattern: /^[a-z0-9][a-z0-9-]{0,62}$/, message: t("storefront.pages.slugInvalid") },
            ]}
          >
            <Input addonBefore="/topics/" placeholder="double-11" autoFocus data-testid="page-slug" />
          </Form.Item>
        )}
        <Form.Item
          name={["title", "zh-CN"]}
          label={`${t("storefront.pages.fields.title")} · ${t("storefront.lang.zh-CN")}`}
          rules={[
            { max: 60 },
            ({ getFieldValue }) => ({
              validator: async (_, v: string) => {
                if (!v?.trim() && !getFieldValue(["title", "en-US"])?.trim()) throw new Error(t("storefront.problems.textRequired"));
              },
            }),
          ]}
        >
          <Input data-testid="new-page-title-zh" />
        </Form.Item>
        <Form.Item name={["title", "en-US"]} label={`${t("storefront.pages.fields.title")} · ${t("storefront.lang.en-US")}`} rules={[{ max: 60 }]}>
          <Input data-testid="new-page-title-en" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}

/** What members see now, or the saved draft: in the phone frame, for every role that may read pages. */
function PagePreviewModal({ page, onClose }: { page: PageSummary; onClose: () => void }) {
  const t = useTranslate();
  const text = useLocalText();
  const [which, setWhich] = useState<"live" | "draft">(page.publishedVersionId ? "live" : "draft");
  const [resolved, setResolved] = useState<ResolvedPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const load = async (w: "live" | "draft") => {
    setWhich(w);
    setLoading(true);
    setError(null);
    try {
      const params = w === "live" && page.publishedVersionId ? { versionId: page.publishedVersionId } : {};
      const { data } = await http.get<ResolvedPage>(`${API_URL}/pages/${page.id}/preview`, { params });
      setResolved(data);
    } catch (e) {
      setError(apiProblem(e).message);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    void load(which);
    // Once, on opening: later loads come from the switch.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <Modal open title={`${text(page.title)} · ${page.path}`} onCancel={onClose} footer={null} width={460} destroyOnHidden>
      <Space direction="vertical" align="center" style={{ width: "100%" }}>
        <Segmented
          value={which}
          onChange={(v) => void load(v as "live" | "draft")}
          options={[
            { value: "live", label: t("storefront.pages.previewLive"), disabled: !page.publishedVersionId },
            { value: "draft", label: t("storefront.pages.previewDraft") },
          ]}
        />
        {error && <Alert type="error" showIcon message={error} />}
        <PhonePreview page={resolved} loading={loading} height={600} />
      </Space>
    </Modal>
  );
}
