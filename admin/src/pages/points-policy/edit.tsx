import { useEffect, useState } from "react";
import { List } from "@refinedev/antd";
import { useApiUrl, useCan, useCustom, useCustomMutation, useInvalidate, useTranslate, useWarnAboutChange, type HttpError } from "@refinedev/core";
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Skeleton, Space, Table, Typography } from "antd";
import { DeleteOutlined, PlusOutlined, SaveOutlined } from "@ant-design/icons";
import { formatPoints } from "../../components/points/points-amount";
import type { ExpiryPolicy, PointsPolicy } from "../../components/points/types";
import { explainExpiry } from "./expiry-explainer";

/** The form's shape: the multiplier as people read it (×1.5), the API stores thousandths (1500). */
interface TierRow {
  code: string;
  name: { "zh-CN": string; "en-US": string };
  threshold: number;
  multiplier: number;
  /** Existing tiers keep their code: members hold it. */
  saved?: boolean;
}
interface Values {
  tiers: TierRow[];
  expiry: { mode: ExpiryPolicy["mode"]; unit?: "month" | "year"; periods?: number; days?: number };
  riskThreshold: number;
  serviceAdjustLimit: number;
  reminderDays: number;
}

const toForm = (p: PointsPolicy): Values => ({
  tiers: [...p.tiers].sort((a, b) => a.threshold - b.threshold).map((x) => ({ code: x.code, name: { ...x.name }, threshold: x.threshold, multiplier: x.multiplierPermille / 1000, saved: true })),
  expiry: { unit: "year", periods: 1, days: 365, ...p.expiry },
  riskThreshold: p.riskThreshold,
  serviceAdjustLimit: p.serviceAdjustLimit,
  reminderDays: p.reminderDays,
});

const byThreshold = (a: TierRow, b: TierRow) => a.threshold - b.threshold;

/** Tiers in the order they are shown (by threshold), so the API's "tiers.2" is the form's third row. */
const toApi = (v: Values): PointsPolicy => ({
  tiers: v.tiers.map((x) => ({ code: x.code.trim(), name: { "zh-CN": x.name["zh-CN"].trim(), "en-US": x.name["en-US"].trim() }, threshold: x.threshold, multiplierPermille: Math.round(x.multiplier * 1000) })),
  expiry:
    v.expiry.mode === "fixed"
      ? { mode: "fixed", unit: v.expiry.unit ?? "year", periods: v.expiry.periods ?? 0 }
      : v.expiry.mode === "rolling"
        ? { mode: "rolling", days: v.expiry.days ?? 365 }
        : { mode: "never" },
  riskThreshold: v.riskThreshold,
  serviceAdjustLimit: v.serviceAdjustLimit,
  reminderDays: v.reminderDays,
});

/**
 * An API field path ("tiers.2.multiplierPermille") as the form's name path (["tiers", i, "multiplier"]).
 * The API sorts nothing: tier indexes are those of the body we sent, which is sorted by threshold like the form.
 */
function formPath(apiPath: string): (string | number)[] {
  const parts: (string | number)[] = apiPath.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  if (parts[0] === "tiers" && parts[2] === "multiplierPermille") parts[2] = "multiplier";
  // "name.zh-CN" arrives as two segments, which is the form's path too.
  return parts;
}

export function PointsPolicyPage() {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const { modal, message } = App.useApp();
  const invalidate = useInvalidate();
  const { setWarnWhen } = useWarnAboutChange();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const [tiersError, setTiersError] = useState<string | null>(null);
  const { data: canUpdate } = useCan({ resource: "points-policy", action: "update" });
  const readOnly = !canUpdate?.can;

  const { result, query } = useCustom<PointsPolicy>({ url: `${apiUrl}/points-policy`, method: "get" });
  const loaded = query.data ? (result.data as PointsPolicy) : undefined;
  const { mutateAsync, mutation } = useCustomMutation<PointsPolicy>();

  // A background refetch must not overwrite what the operator is typing.
  useEffect(() => {
    if (loaded && !form.isFieldsTouched()) form.setFieldsValue(toForm(loaded));
  }, [loaded, form]);

  const expiry = Form.useWatch("expiry", form);
  const reminderDays = Form.useWatch("reminderDays", form);

  const save = async (values: Values) => {
    setFormError(null);
    setTiersError(null);
    try {
      const res = await mutateAsync({ url: `${apiUrl}/points-policy`, method: "put", values: toApi(values), errorNotification: false });
      setWarnWhen(false);
      form.setFieldsValue(toForm(res.data));
      void message.success(t("points-policy.saved"));
      // Tier names and limits on member screens come from /members/policy (a custom query of the data provider).
      void invalidate({ resource: "members", invalidates: ["all"] });
    } catch (e) {
      const err = e as HttpError;
      const fields = Object.entries(err.errors ?? {}).map(([path, msgs]) => [path, Array.isArray(msgs) ? msgs.join(", ") : String(msgs)] as const);
      const onFields = fields.filter(([path]) => path !== "tiers" && path !== "(root)");
      form.setFields(onFields.map(([path, msg]) => ({ name: formPath(path) as never, errors: [msg] })));
      const tiers = fields.find(([path]) => path === "tiers");
      if (tiers) setTiersError(tiers[1]);
      setFormError(err.message);
    }
  };

  const confirmSave = async () => {
    await form.validateFields();
    // All values, including the rows' "saved" marks; rows sorted as they will be stored.
    const all = form.getFieldsValue(true) as Values;
    const values = { ...all, tiers: [...all.tiers].sort(byThreshold) };
    form.setFieldValue("tiers", values.tiers);
    modal.confirm({
      title: t("points-policy.confirmTitle"),
      content: t("points-policy.confirmText"),
      okText: t("buttons.save"),
      cancelText: t("buttons.cancel"),
      onOk: () => save(values),
    });
  };

  return (
    <List title={t("points-policy.titles.list")} breadcrumb={false}>
      {query.isLoading || !loaded ? (
        query.isError ? (
          <Alert type="error" showIcon message={(query.error as HttpError | null)?.message ?? t("points-policy.loadFailed")} />
        ) : (
          <Skeleton active paragraph={{ rows: 10 }} />
        )
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          disabled={readOnly}
          onValuesChange={() => {
            setWarnWhen(true);
            setFormError(null);
          }}
          style={{ maxWidth: 1000 }}
        >
          {readOnly && <Alert type="info" showIcon message={t("points-policy.readOnly")} style={{ marginBottom: 16 }} />}
          <Card size="small" title={t("points-policy.sections.tiers")} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">{t("points-policy.tiersIntro")}</Typography.Paragraph>
            <TierEditor readOnly={readOnly} />
            {tiersError && <Alert type="error" showIcon message={tiersError} style={{ marginTop: 8 }} data-testid="tiers-error" />}
          </Card>

          <Card size="small" title={t("points-policy.sections.expiry")} style={{ marginBottom: 16 }}>
            <Form.Item name={["expiry", "mode"]} label={t("points-policy.expiry.mode")}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={(["fixed", "rolling", "never"] as const).map((m) => ({ value: m, label: t(`points-policy.expiry.modes.${m}`) }))}
              />
            </Form.Item>
            {expiry?.mode === "fixed" && (
              <Space wrap>
                <Form.Item name={["expiry", "unit"]} label={t("points-policy.expiry.unit")} rules={[{ required: true }]}>
                  <Select style={{ width: 140 }} options={(["year", "month"] as const).map((u) => ({ value: u, label: t(`points-policy.expiry.units.${u}`) }))} />
                </Form.Item>
                <Form.Item name={["expiry", "periods"]} label={t("points-policy.expiry.periods")} rules={[{ required: true, message: t("points-policy.required") }]}>
                  <InputNumber<number> min={0} max={10} precision={0} style={{ width: 140 }} />
                </Form.Item>
              </Space>
            )}
            {expiry?.mode === "rolling" && (
              <Form.Item name={["expiry", "days"]} label={t("points-policy.expiry.days")} rules={[{ required: true, message: t("points-policy.required") }]}>
                <InputNumber<number> min={1} max={3650} precision={0} style={{ width: 180 }} suffix={t("points-policy.units.days")} />
              </Form.Item>
            )}
            <Alert
              type="info"
              data-testid="expiry-explainer"
              message={
                <Space direction="vertical" size={2}>
                  {explainExpiry(t, expiry ?? {}).map((line) => (
                    <span key={line}>{line}</span>
                  ))}
                  {expiry?.mode !== "never" && reminderDays ? <span>{t("points-policy.expiry.explain.reminder", { days: reminderDays })}</span> : null}
                </Space>
              }
            />
          </Card>

          <Card size="small" title={t("points-policy.sections.limits")} style={{ marginBottom: 16 }}>
            <Row gutter={24}>
              <Col xs={24} md={8}>
                <Form.Item name="riskThreshold" label={t("points-policy.fields.riskThreshold")} extra={t("points-policy.hints.riskThreshold")} rules={[{ required: true, message: t("points-policy.required") }]}>
                  <InputNumber<number> min={1} max={100_000_000} precision={0} style={{ width: "100%" }} suffix={t("points-policy.units.points")} formatter={(v) => (v == null || String(v) === "" ? "" : formatPoints(Number(v)))} parser={(v) => Number((v ?? "").replace(/[^\d]/g, ""))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item
                  name="serviceAdjustLimit"
                  label={t("points-policy.fields.serviceAdjustLimit")}
                  extra={t("points-policy.hints.serviceAdjustLimit")}
                  rules={[{ required: true, message: t("points-policy.required") }]}
                >
                  <InputNumber<number> min={0} max={1_000_000} precision={0} style={{ width: "100%" }} suffix={t("points-policy.units.points")} formatter={(v) => (v == null || String(v) === "" ? "" : formatPoints(Number(v)))} parser={(v) => Number((v ?? "").replace(/[^\d]/g, ""))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="reminderDays" label={t("points-policy.fields.reminderDays")} extra={t("points-policy.hints.reminderDays")} rules={[{ required: true, message: t("points-policy.required") }]}>
                  <InputNumber<number> min={1} max={90} precision={0} style={{ width: "100%" }} suffix={t("points-policy.units.days")} />
                </Form.Item>
              </Col>
            </Row>
          </Card>

          {formError && <Alert type="error" showIcon message={t("points-policy.saveFailed")} description={formError} style={{ marginBottom: 16 }} data-testid="policy-error" />}
          {!readOnly && (
            <Space>
              <Button type="primary" icon={<SaveOutlined />} loading={mutation.isPending} onClick={() => void confirmSave().catch(() => undefined)} data-testid="policy-save">
                {t("buttons.save")}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  form.setFieldsValue(toForm(loaded));
                  setWarnWhen(false);
                  setFormError(null);
                  setTiersError(null);
                }}
              >
                {t("points-policy.discard")}
              </Button>
            </Space>
          )}
        </Form>
      )}
    </List>
  );
}

function TierEditor({ readOnly }: { readOnly: boolean }) {
  const t = useTranslate();
  const form = Form.useFormInstance<Values>();
  const uniqueCode = (index: number) => ({
    validator: (_: unknown, v: string) => {
      const codes = (form.getFieldValue("tiers") as TierRow[]).map((x) => x?.code?.trim());
      return v && codes.filter((c, i) => c === v.trim() && i !== index).length ? Promise.reject(new Error(t("points-policy.tiers.duplicateCode"))) : Promise.resolve();
    },
  });
  const distinctThreshold = (index: number) => ({
    validator: (_: unknown, v: number | null) => {
      const all = (form.getFieldValue("tiers") as TierRow[]).map((x) => x?.threshold);
      return v != null && all.filter((x, i) => x === v && i !== index).length ? Promise.reject(new Error(t("points-policy.tiers.duplicateThreshold"))) : Promise.resolve();
    },
  });

  return (
    <Form.List
      name="tiers"
      rules={[
        {
          validator: async (_, rows: TierRow[]) => {
            if (!rows?.length) throw new Error(t("points-policy.tiers.atLeastOne"));
            if (!rows.some((r) => r?.threshold === 0)) throw new Error(t("points-policy.tiers.oneAtZero"));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          <Table
            dataSource={fields}
            rowKey="key"
            pagination={false}
            size="small"
            data-testid="tier-editor"
            columns={[
              {
                title: t("points-policy.tiers.code"),
                width: 150,
                render: (_, f) => (
                  <Form.Item
                    name={[f.name, "code"]}
                    style={{ margin: 0 }}
                    dependencies={[["tiers"]]}
                    rules={[{ required: true, message: t("points-policy.required") }, { pattern: /^[a-z][a-z0-9_-]{0,31}$/, message: t("points-policy.tiers.codeRule") }, uniqueCode(f.name)]}
                  >
                    <Input disabled={readOnly || form.getFieldValue(["tiers", f.name, "saved"])} placeholder="gold" />
                  </Form.Item>
                ),
              },
              {
                title: t("points-policy.tiers.nameZh"),
                render: (_, f) => (
                  <Form.Item name={[f.name, "name", "zh-CN"]} style={{ margin: 0 }} rules={[{ required: true, whitespace: true, message: t("points-policy.required") }, { max: 32 }]}>
                    <Input placeholder="黄金会员" />
                  </Form.Item>
                ),
              },
              {
                title: t("points-policy.tiers.nameEn"),
                render: (_, f) => (
                  <Form.Item name={[f.name, "name", "en-US"]} style={{ margin: 0 }} rules={[{ required: true, whitespace: true, message: t("points-policy.required") }, { max: 32 }]}>
                    <Input placeholder="Gold" />
                  </Form.Item>
                ),
              },
              {
                title: t("points-policy.tiers.threshold"),
                width: 170,
                render: (_, f) => (
                  <Form.Item name={[f.name, "threshold"]} style={{ margin: 0 }} rules={[{ required: true, message: t("points-policy.required") }, distinctThreshold(f.name)]}>
                    <InputNumber<number> min={0} max={100_000_000} precision={0} style={{ width: "100%" }} formatter={(v) => (v == null || String(v) === "" ? "" : formatPoints(Number(v)))} parser={(v) => Number((v ?? "").replace(/[^\d]/g, ""))} />
                  </Form.Item>
                ),
              },
              {
                title: t("points-policy.tiers.multiplier"),
                width: 130,
                render: (_, f) => (
                  <Form.Item name={[f.name, "multiplier"]} style={{ margin: 0 }} rules={[{ required: true, message: t("points-policy.required") }]}>
                    <InputNumber<number> min={0} max={10} step={0.1} precision={3} prefix="×" style={{ width: "100%" }} formatter={(v) => (v == null || String(v) === "" ? "" : String(Number(v)))} />
                  </Form.Item>
                ),
              },
              {
                width: 48,
                render: (_, f) =>
                  readOnly ? null : (
                    <Button type="text" danger icon={<DeleteOutlined />} aria-label={t("points-policy.tiers.remove")} disabled={fields.length <= 1} onClick={() => remove(f.name)} />
                  ),
              },
            ]}
          />
          <Form.ErrorList errors={errors} />
          {!readOnly && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              style={{ marginTop: 8 }}
              disabled={fields.length >= 10}
              onClick={() => {
                const rows = (form.getFieldValue("tiers") as TierRow[]) ?? [];
                const top = rows.reduce((m, r) => Math.max(m, r?.threshold ?? 0), 0);
                add({ code: "", name: { "zh-CN": "", "en-US": "" }, threshold: top ? top * 2 : 1000, multiplier: 1, saved: false });
              }}
            >
              {t("points-policy.tiers.add")}
            </Button>
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t("points-policy.tiers.hint")}
          </Typography.Paragraph>
        </>
      )}
    </Form.List>
  );
}
