import { useTranslate } from "@refinedev/core";
import { Button, Card, Col, Divider, Form, InputNumber, Row, Select, Space, Switch, Typography, type FormInstance } from "antd";
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { AwardPreview } from "./award-preview";
import { summarizeRule } from "./rule-summary";
import { AWARD_KINDS, DEFAULT_AWARDS, type Award, type AwardKind, type RuleConfig } from "./types";

const MAX_POINTS = 1_000_000;
const AWARD = ["config", "award"];

/** Money fields hold cents (what the API takes and reports errors on) but show and take yuan. */
const asYuan = {
  getValueProps: (v: number | null | undefined) => ({ value: v == null ? v : v / 100 }),
  normalize: (v: number | null | undefined) => (v == null ? v : Math.round(v * 100)),
};

/** The config the API takes, from whatever the form holds (fields of other award kinds are dropped). */
export function toRuleConfig(raw: Partial<RuleConfig> | undefined): RuleConfig {
  const a = (raw?.award ?? {}) as Partial<Award> & Record<string, unknown>;
  const int = (v: unknown, fallback = 0) => (typeof v === "number" && Number.isFinite(v) ? v : fallback);
  let award: Award;
  switch (a.kind) {
    case "daily":
      award = { kind: "daily", points: int(a.points) };
      break;
    case "purchaseRatio":
      award = { kind: "purchaseRatio", points: int(a.points), perCents: int(a.perCents), minCents: int(a.minCents) };
      break;
    case "purchaseTiers":
      award = { kind: "purchaseTiers", bands: ((a.bands as { minCents: number; points: number }[]) ?? []).map((b) => ({ minCents: int(b?.minCents), points: int(b?.points) })) };
      break;
    case "streak":
      award = { kind: "streak", steps: ((a.steps as number[]) ?? []).map((s) => int(s)), bonusEvery: int(a.bonusEvery), bonusPoints: int(a.bonusPoints) };
      break;
    default:
      award = { kind: "fixed", points: int(a.points) };
  }
  const cap = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  return { award, dailyCap: cap(raw?.dailyCap), totalCap: cap(raw?.totalCap), useTierMultiplier: raw?.useTierMultiplier ?? true };
}

export const NEW_RULE_CONFIG: RuleConfig = { award: DEFAULT_AWARDS.fixed, dailyCap: null, totalCap: null, useTierMultiplier: true };

/** Starts a kind afresh with its defaults (a structured clone, so list edits never touch the constants). */
export function switchAwardKind(form: FormInstance, kind: AwardKind) {
  form.setFieldValue(AWARD, structuredClone(DEFAULT_AWARDS[kind]));
}

function PointsInput(props: { "aria-label"?: string; min?: number }) {
  const t = useTranslate();
  return <InputNumber min={props.min ?? 0} max={MAX_POINTS} precision={0} style={{ width: 180 }} addonAfter={t("rules.form.pointsUnit")} {...props} />;
}

function YuanInput(props: { "aria-label"?: string; min?: number; max?: number }) {
  return <InputNumber min={props.min ?? 0} precision={2} step={10} style={{ width: 180 }} addonBefore="¥" {...props} />;
}

function TierBands() {
  const t = useTranslate();
  return (
    <Form.List
      name={[...AWARD, "bands"]}
      rules={[
        {
          validator: async (_, bands: { minCents: number }[] | undefined) => {
            if (!bands?.length) throw new Error(t("rules.form.bandsRequired"));
            if (bands.some((b, i) => i > 0 && b?.minCents != null && bands[i - 1]?.minCents != null && b.minCents <= bands[i - 1].minCents)) throw new Error(t("rules.form.bandsIncreasing"));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div data-testid="tier-bands">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t("rules.form.bandsHint")}
          </Typography.Paragraph>
          {fields.map((field, i) => (
            <Space key={field.key} align="start" style={{ display: "flex" }}>
              <Typography.Text style={{ lineHeight: "32px", width: 64, display: "inline-block" }}>{t("rules.form.band", { n: i + 1 })}</Typography.Text>
              <Form.Item name={[field.name, "minCents"]} {...asYuan} rules={[{ required: true, message: t("rules.form.required") }]}>
                <YuanInput aria-label={t("rules.form.bandMin", { n: i + 1 })} />
              </Form.Item>
              <Typography.Text style={{ lineHeight: "32px" }}>→</Typography.Text>
              <Form.Item name={[field.name, "points"]} rules={[{ required: true, message: t("rules.form.required") }]}>
                <PointsInput aria-label={t("rules.form.bandPoints", { n: i + 1 })} />
              </Form.Item>
              <Button icon={<DeleteOutlined />} aria-label={t("rules.form.removeBand")} disabled={fields.length <= 1} onClick={() => remove(field.name)} />
            </Space>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            disabled={fields.length >= 20}
            onClick={() => add({ minCents: null, points: null })}
            style={{ marginTop: 4, marginBottom: 16 }}
          >
            {t("rules.form.addBand")}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

function StreakSteps() {
  const t = useTranslate();
  return (
    <>
      <Form.List
        name={[...AWARD, "steps"]}
        rules={[
          {
            validator: async (_, steps: unknown[] | undefined) => {
              if (!steps?.length) throw new Error(t("rules.form.stepsRequired"));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <div data-testid="streak-steps">
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t("rules.form.stepsHint")}
            </Typography.Paragraph>
            <Space wrap align="start">
              {fields.map((field, i) => (
                <Form.Item key={field.key} name={field.name} rules={[{ required: true, message: t("rules.form.required") }]} style={{ marginBottom: 8 }}>
                  <InputNumber min={0} max={MAX_POINTS} precision={0} style={{ width: 120 }} addonBefore={t("rules.chart.day", { n: i + 1 })} aria-label={t("rules.chart.day", { n: i + 1 })} />
                </Form.Item>
              ))}
              <Space.Compact>
                <Button icon={<PlusOutlined />} disabled={fields.length >= 31} onClick={() => add(null)} aria-label={t("rules.form.addDay")} />
                <Button icon={<DeleteOutlined />} disabled={fields.length <= 1} onClick={() => remove(fields.length - 1)} aria-label={t("rules.form.removeDay")} />
              </Space.Compact>
            </Space>
            <Form.ErrorList errors={errors} />
          </div>
        )}
      </Form.List>
      <Row gutter={16} style={{ marginTop: 8 }}>
        <Col>
          <Form.Item name={[...AWARD, "bonusEvery"]} label={t("rules.fields.bonusEvery")} extra={t("rules.form.bonusEveryHint")}>
            <InputNumber min={0} max={365} precision={0} style={{ width: 180 }} addonAfter={t("rules.form.daysUnit")} />
          </Form.Item>
        </Col>
        <Col>
          <Form.Item name={[...AWARD, "bonusPoints"]} label={t("rules.fields.bonusPoints")}>
            <PointsInput />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

function AwardFields({ kind }: { kind: AwardKind | undefined }) {
  const t = useTranslate();
  switch (kind) {
    case "fixed":
    case "daily":
      return (
        <Form.Item name={[...AWARD, "points"]} label={t("rules.fields.points")} extra={t(`rules.kindHint.${kind}`)} rules={[{ required: true, message: t("rules.form.required") }]}>
          <PointsInput />
        </Form.Item>
      );
    case "purchaseRatio":
      return (
        <>
          <Typography.Paragraph type="secondary">{t("rules.kindHint.purchaseRatio")}</Typography.Paragraph>
          <Row gutter={16}>
            <Col>
              <Form.Item name={[...AWARD, "perCents"]} label={t("rules.fields.perCents")} {...asYuan} rules={[{ required: true, message: t("rules.form.required") }]}>
                <YuanInput min={0.01} max={1_000_000} />
              </Form.Item>
            </Col>
            <Col>
              <Form.Item name={[...AWARD, "points"]} label={t("rules.fields.ratioPoints")} rules={[{ required: true, message: t("rules.form.required") }]}>
                <PointsInput min={1} />
              </Form.Item>
            </Col>
            <Col>
              <Form.Item name={[...AWARD, "minCents"]} label={t("rules.fields.minCents")} {...asYuan} extra={t("rules.form.minCentsHint")}>
                <YuanInput />
              </Form.Item>
            </Col>
          </Row>
        </>
      );
    case "purchaseTiers":
      return <TierBands />;
    case "streak":
      return <StreakSteps />;
    default:
      return null;
  }
}

/**
 * The rule config, built per award kind: choosing a kind reveals its fields. Field names follow the
 * API's config paths (config.award.bands.1.minCents …), so its 422 field errors land on the right input.
 * Beside the fields: the one-line summary and a chart of what members will get.
 */
export function RuleConfigFields({ form }: { form: FormInstance }) {
  const t = useTranslate();
  const raw = Form.useWatch("config", form) as Partial<RuleConfig> | undefined;
  const kind = raw?.award?.kind;
  const config = raw?.award ? toRuleConfig(raw) : null;

  return (
    <Row gutter={24}>
      <Col xs={24} xl={14}>
        <Form.Item name={[...AWARD, "kind"]} label={t("rules.fields.kind")} rules={[{ required: true }]}>
          <Select
            style={{ maxWidth: 360 }}
            data-testid="award-kind"
            onChange={(k: AwardKind) => switchAwardKind(form, k)}
            options={AWARD_KINDS.map((k) => ({ value: k, label: t(`rules.kinds.${k}`) }))}
          />
        </Form.Item>
        <AwardFields kind={kind} />
        <Divider orientation="left" plain>
          {t("rules.form.capsAndTiers")}
        </Divider>
        <Row gutter={16}>
          <Col>
            <Form.Item name={["config", "dailyCap"]} label={t("rules.fields.dailyCap")}>
              <InputNumber min={1} precision={0} style={{ width: 180 }} placeholder={t("rules.form.noCap")} />
            </Form.Item>
          </Col>
          <Col>
            <Form.Item name={["config", "totalCap"]} label={t("rules.fields.totalCap")}>
              <InputNumber min={1} precision={0} style={{ width: 180 }} placeholder={t("rules.form.noCap")} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name={["config", "useTierMultiplier"]} label={t("rules.fields.useTierMultiplier")} valuePropName="checked" extra={t("rules.form.tierMultiplierHint")}>
          <Switch />
        </Form.Item>
      </Col>
      <Col xs={24} xl={10}>
        <Card size="small" title={t("rules.form.preview")} style={{ position: "sticky", top: 80 }}>
          <Typography.Paragraph strong data-testid="config-summary">
            {config ? summarizeRule(config, t) : "—"}
          </Typography.Paragraph>
          {config && kind !== "fixed" && kind !== "daily" && <AwardPreview series={[{ label: t("rules.form.thisVersion"), config }]} height={200} />}
        </Card>
      </Col>
    </Row>
  );
}
