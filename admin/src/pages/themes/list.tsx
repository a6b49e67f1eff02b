import { useState } from "react";
import { List } from "@refinedev/antd";
import { useCan, useDelete, useInvalidate, useList, useTranslate, type HttpError } from "@refinedev/core";
import { Alert, App, Badge, Button, Card, Col, ColorPicker, DatePicker, Empty, Form, Input, Modal, Popconfirm, Row, Space, Spin, Switch, Tag, Typography, type ButtonProps } from "antd";
import { CheckCircleFilled, DeleteOutlined, EditOutlined, PlusOutlined, StarFilled } from "@ant-design/icons";
import { useLocalText } from "../../components/catalog/product-bits";
import { shanghaiNow, shanghaiTimeItem } from "../../components/campaigns/shanghai-time";
import { SingleImageUpload } from "../../components/storefront/pickers";
import { apiProblem, localizeProblem } from "../../components/storefront/problems";
import type { LocalText, Theme } from "../../components/storefront/types";
import { API_URL, http } from "../../providers/http";
import { formatTime } from "../../providers/preferences";

const KIND_COLOR: Record<Theme["kind"], string> = { default: "gold", upcoming: "blue", on: "green", past: "default" };

/** A miniature of the storefront in a theme's colours: what members will see, at a glance. */
function ThemeSwatch({ primary, background, logo, name }: { primary: string; background: string; logo?: string; name: string }) {
  return (
    <div style={{ background, borderRadius: 10, padding: 10, height: 132, display: "grid", gridTemplateRows: "auto 1fr auto", gap: 8, border: "1px solid rgba(0,0,0,.06)" }} aria-hidden>
      <div style={{ display: "flex", alignItems: "center", gap: 6 }}>
        {logo ? <img src={logo} alt="" style={{ width: 22, height: 22, borderRadius: 5, objectFit: "cover" }} /> : <div style={{ width: 22, height: 22, borderRadius: 5, background: primary }} />}
        <span style={{ fontWeight: 600, fontSize: 12, color: "#1f1f1f", whiteSpace: "nowrap", overflow: "hidden", textOverflow: "ellipsis" }}>{name}</span>
      </div>
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 6 }}>
        {[0, 1].map((i) => (
          <div key={i} style={{ background: "#fff", borderRadius: 6, padding: 6, display: "grid", alignContent: "end", gap: 4 }}>
            <div style={{ height: 6, width: "70%", background: "#e8e8e8", borderRadius: 3 }} />
            <div style={{ height: 6, width: "40%", background: primary, borderRadius: 3, opacity: 0.85 }} />
          </div>
        ))}
      </div>
      <div style={{ background: primary, color: "#fff", borderRadius: 14, textAlign: "center", fontSize: 11, lineHeight: "22px", fontWeight: 600 }}>积分兑换 · Redeem</div>
    </div>
  );
}

export function ThemeList() {
  const t = useTranslate();
  const text = useLocalText();
  const { message } = App.useApp();
  const { result, query } = useList<Theme>({ resource: "themes", pagination: { mode: "off" } });
  const themes = result?.data ?? [];
  const can = {
    create: useCan({ resource: "themes", action: "create" }).data?.can,
    update: useCan({ resource: "themes", action: "edit" }).data?.can,
    remove: useCan({ resource: "themes", action: "delete" }).data?.can,
  };
  const [editing, setEditing] = useState<Theme | "new" | null>(null);
  const { mutateAsync: remove } = useDelete();
  const active = themes.find((th) => th.active);

  const deleteTheme = async (th: Theme) => {
    try {
      await remove({ resource: "themes", id: th.id, errorNotification: false, successNotification: false });
      void message.success(t("storefront.themes.deleted", { name: text(th.name) }));
    } catch (e) {
      void message.error((e as HttpError).message, 6);
    }
  };

  return (
    <List
      headerButtons={
        can.create && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="new-theme">
            {t("storefront.themes.newTheme")}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t("storefront.themes.intro")}</Typography.Paragraph>
      {active && (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleFilled />}
          style={{ marginBottom: 16, maxWidth: 960 }}
          message={t(active.isDefault ? "storefront.themes.activeDefault" : "storefront.themes.activeFestival", { name: text(active.name), end: formatTime(active.endAt) })}
          data-testid="active-theme"
        />
      )}
      <Spin spinning={query.isLoading}>
        {themes.length === 0 && !query.isLoading ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("storefront.themes.empty")}>
            {can.create && (
              <Button type="primary" onClick={() => setEditing("new")}>
                {t("storefront.themes.createFirst")}
              </Button>
            )}
          </Empty>
        ) : (
          <Row gutter={[16, 16]} style={{ maxWidth: 1200 }}>
            {themes.map((th) => (
              <Col key={th.id} xs={24} sm={12} lg={8} xxl={6}>
                <Card
                  size="small"
                  data-testid={`theme-${th.id}`}
                  data-active={th.active}
                  style={{ borderColor: th.active ? th.primaryColor : undefined, boxShadow: th.active ? `0 0 0 1px ${th.primaryColor}` : undefined }}
                  title={
                    <Space size={6}>
                      {th.isDefault && <StarFilled style={{ color: "#faad14" }} />}
                      <span>{text(th.name)}</span>
                    </Space>
                  }
                  extra={th.active && <Badge status="processing" color={th.primaryColor} text={t("storefront.themes.activeNow")} />}
                  actions={[
                    can.update && (
                      <Button key="edit" type="text" size="small" icon={<EditOutlined />} onClick={() => setEditing(th)} aria-label={t("buttons.edit")}>
                        {t("buttons.edit")}
                      </Button>
                    ),
                    can.remove && !th.isDefault && (
                      <Popconfirm key="delete" title={t("storefront.themes.deleteTitle", { name: text(th.name) })} okText={t("buttons.delete")} okButtonProps={{ danger: true }} cancelText={t("buttons.cancel")} onConfirm={() => deleteTheme(th)}>
                        <Button type="text" size="small" danger icon={<DeleteOutlined />}>
                          {t("buttons.delete")}
                        </Button>
                      </Popconfirm>
                    ),
                  ].filter(Boolean)}
                >
                  <ThemeSwatch primary={th.primaryColor} background={th.background} logo={th.logoUrl} name={text(th.name)} />
                  <Space direction="vertical" size={2} style={{ marginTop: 10 }}>
                    <Space size={4} wrap>
                      <Tag color={KIND_COLOR[th.kind]} bordered={false}>
                        {t(`storefront.themes.kinds.${th.kind}`)}
                      </Tag>
                      <Tag bordered={false} style={{ fontFamily: "ui-monospace, monospace" }}>
                        <span style={{ display: "inline-block", width: 10, height: 10, borderRadius: 2, background: th.primaryColor, marginInlineEnd: 4, verticalAlign: -1 }} />
                        {th.primaryColor}
                      </Tag>
                      <Tag bordered={false} style={{ fontFamily: "ui-monospace, monospace" }}>
                        <span style={{ display: "inline-block", width: 10, height: 10, borderRadius: 2, background: th.background, border: "1px solid rgba(0,0,0,.15)", marginInlineEnd: 4, verticalAlign: -1 }} />
                        {th.background}
                      </Tag>
                    </Space>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {th.isDefault ? t("storefront.themes.defaultHint") : `${formatTime(th.startAt)} → ${formatTime(th.endAt)}`}
                    </Typography.Text>
                  </Space>
                </Card>
              </Col>
            ))}
          </Row>
        )}
      </Spin>
      {editing && <ThemeModal theme={editing === "new" ? null : editing} hasDefault={themes.some((th) => th.isDefault)} onClose={() => setEditing(null)} />}
    </List>
  );
}

interface ThemeValues {
  name: LocalText;
  primaryColor: string;
  background: string;
  logoUrl: string;
  isDefault: boolean;
  startAt: string | null;
  endAt: string | null;
}

/** antd's ColorPicker hands over a Color object: the form keeps #rrggbb, as the API takes it. */
const hexItem = {
  getValueFromEvent: (color: { toHexString(): string }) => color.toHexString().slice(0, 7).toLowerCase(),
};

function ThemeModal({ theme, hasDefault, onClose }: { theme: Theme | null; hasDefault: boolean; onClose: () => void }) {
  const t = useTranslate();
  const invalidate = useInvalidate();
  const [form] = Form.useForm<ThemeValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const isDefault = Form.useWatch("isDefault", form);
  const primary = Form.useWatch("primaryColor", form) ?? "#e4393c";
  const background = Form.useWatch("background", form) ?? "#f5f5f5";
  const logo = Form.useWatch("logoUrl", form);
  const nameZh = Form.useWatch(["name", "zh-CN"], form);
  const nameEn = Form.useWatch(["name", "en-US"], form);
  const name = nameZh || nameEn || "";

  const submit = async () => {
    const v = await form.validateFields();
    const body = {
      name: { "zh-CN": v.name?.["zh-CN"]?.trim() ?? "", "en-US": v.name?.["en-US"]?.trim() ?? "" },
      primaryColor: v.primaryColor,
      background: v.background,
      logoUrl: v.logoUrl ?? "",
      isDefault: !!v.isDefault,
      startAt: v.isDefault ? null : (v.startAt ?? null),
      endAt: v.isDefault ? null : (v.endAt ?? null),
    };
    setError(null);
    setBusy(true);
    try {
      if (theme) await http.patch(`${API_URL}/themes/${theme.id}`, body);
      else await http.post(`${API_URL}/themes`, body);
      void invalidate({ resource: "themes", invalidates: ["list"] });
      onClose();
    } catch (e) {
      const p = apiProblem(e);
      form.setFields(Object.entries(p.fields).map(([path, msg]) => ({ name: path.split(".") as never, errors: [localizeProblem(msg, t)] })));
      setError(p.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={t(theme ? "storefront.themes.editTitle" : "storefront.themes.newTheme")}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t("buttons.save")}
      cancelText={t("buttons.cancel")}
      okButtonProps={{ loading: busy, "data-testid": "save-theme" } as ButtonProps}
      destroyOnHidden
    >
      <Form<ThemeValues>
        form={form}
        layout="vertical"
        name="theme"
        initialValues={
          theme
            ? { name: theme.name, primaryColor: theme.primaryColor, background: theme.background, logoUrl: theme.logoUrl, isDefault: theme.isDefault, startAt: theme.startAt, endAt: theme.endAt }
            : { name: { "zh-CN": "", "en-US": "" }, primaryColor: "#e4393c", background: "#f5f5f5", logoUrl: "", isDefault: !hasDefault, startAt: null, endAt: null }
        }
      >
        <Row gutter={24}>
          <Col xs={24} md={15}>
            <Row gutter={12}>
              {(["zh-CN", "en-US"] as const).map((lang) => (
                <Col span={12} key={lang}>
                  <Form.Item
                    name={["name", lang]}
                    label={`${t("storefront.themes.fields.name")} · ${t(`storefront.lang.${lang}`)}`}
                    rules={[
                      { max: 40 },
                      ({ getFieldValue }) => ({
                        validator: async (_, v: string) => {
                          if (lang === "zh-CN" && !v?.trim() && !getFieldValue(["name", "en-US"])?.trim()) throw new Error(t("storefront.problems.textRequired"));
                        },
                      }),
                    ]}
                  >
                    <Input data-testid={`theme-name-${lang}`} />
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <Row gutter={12}>
              <Col span={12}>
                <Form.Item name="primaryColor" label={t("storefront.themes.fields.primaryColor")} {...hexItem}>
                  <ColorPicker showText disabledAlpha presets={[{ label: t("storefront.themes.presets"), colors: ["#e4393c", "#fa541c", "#faad14", "#52c41a", "#13c2c2", "#1677ff", "#722ed1", "#eb2f96"] }]} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="background" label={t("storefront.themes.fields.background")} {...hexItem}>
                  <ColorPicker showText disabledAlpha presets={[{ label: t("storefront.themes.presets"), colors: ["#f5f5f5", "#ffffff", "#fff7e6", "#fff1f0", "#f6ffed", "#e6f4ff", "#f9f0ff"] }]} />
                </Form.Item>
              </Col>
            </Row>
            <Form.Item name="logoUrl" label={t("storefront.themes.fields.logo")} extra={t("storefront.themes.logoHint")}>
              <SingleImageUpload size={56} />
            </Form.Item>
            <Form.Item name="isDefault" label={t("storefront.themes.fields.isDefault")} valuePropName="checked" extra={t(theme?.isDefault ? "storefront.themes.isDefaultLocked" : "storefront.themes.isDefaultHint")}>
              <Switch disabled={theme?.isDefault} data-testid="theme-default" />
            </Form.Item>
            {!isDefault && (
              <Row gutter={12}>
                <Col span={12}>
                  <Form.Item name="startAt" label={t("storefront.themes.fields.startAt")} rules={[{ required: true, message: t("storefront.problems.festivalStart") }]} {...shanghaiTimeItem}>
                    <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" defaultPickerValue={shanghaiNow()} style={{ width: "100%" }} data-testid="theme-start" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name="endAt"
                    label={t("storefront.themes.fields.endAt")}
                    dependencies={["startAt"]}
                    rules={[
                      { required: true, message: t("storefront.problems.festivalEnd") },
                      ({ getFieldValue }) => ({
                        validator: async (_, end: string | null) => {
                          const start = getFieldValue("startAt") as string | null;
                          if (start && end && new Date(end) <= new Date(start)) throw new Error(t("storefront.problems.endAfterStart"));
                        },
                      }),
                    ]}
                    {...shanghaiTimeItem}
                  >
                    <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" defaultPickerValue={shanghaiNow()} style={{ width: "100%" }} data-testid="theme-end" />
                  </Form.Item>
                </Col>
              </Row>
            )}
            {!isDefault && <Typography.Paragraph type="secondary">{t("storefront.themes.windowHint")}</Typography.Paragraph>}
          </Col>
          <Col xs={24} md={9}>
            <Typography.Text type="secondary" style={{ display: "block", marginBottom: 8 }}>
              {t("storefront.themes.looksLike")}
            </Typography.Text>
            <ThemeSwatch primary={primary} background={background} logo={logo} name={name || t("storefront.themes.newTheme")} />
          </Col>
        </Row>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}
