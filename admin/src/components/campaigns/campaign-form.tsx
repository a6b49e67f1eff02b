import { useTranslate } from "@refinedev/core";
import { Card, Col, DatePicker, Form, Input, InputNumber, Row, Select, Space, Switch, Tabs, Tag, Typography, type FormInstance } from "antd";
import dayjs from "dayjs";
import { ImageUpload } from "../catalog/image-upload";
import type { Product } from "../catalog/types";
import { formatCents, formatCount } from "./money";
import { newPrize, PrizePoolEditor, type PrizeFormValue } from "./prize-pool-editor";
import { ProductSelect } from "./product-select";
import { newQuestion, QuestionBankEditor } from "./question-bank-editor";
import { shanghaiNow, shanghaiTimeItem } from "./shanghai-time";
import { TemplateTag } from "./template-bits";
import { hasPool, type CampaignDetail, type Question, type Template } from "./types";
import { useTierOptions } from "./use-tiers";
import { useState } from "react";
import { DISPLAY_TZ } from "../../providers/preferences";

/** The form's values: the API's body (times as ISO strings, odds in ppm, money in cents). */
export interface CampaignFormValues {
  title: { "zh-CN": string; "en-US": string };
  rules: { "zh-CN": string; "en-US": string };
  image: string;
  startAt: string | null;
  endAt: string | null;
  tiers: string[];
  newMemberDays: number;
  entryCost: number;
  perDayLimit: number;
  totalLimit: number;
  config: Record<string, unknown>;
  reservedStock: number;
  prizes: PrizeFormValue[];
  questions: Question[];
}

const blank = { "zh-CN": "", "en-US": "" };

/** Sensible starting values per template: a fresh wheel already adds up to 100%. */
export function defaultsFor(template: Template): Partial<CampaignFormValues> {
  const start = dayjs.tz(dayjs().tz(DISPLAY_TZ).add(1, "day").format("YYYY-MM-DD") + "T10:00:00", DISPLAY_TZ);
  const base: Partial<CampaignFormValues> = {
    title: blank,
    rules: blank,
    image: "",
    startAt: start.toISOString(),
    endAt: start.add(7, "day").toISOString(),
    tiers: [],
    newMemberDays: 0,
    entryCost: 0,
    perDayLimit: 0,
    totalLimit: 0,
    config: {},
    reservedStock: 0,
    prizes: [],
    questions: [],
  };
  const pool = (): PrizeFormValue[] => [
    { ...newPrize(0), name: { "zh-CN": "10 积分", "en-US": "10 points" }, points: 10, oddsPpm: 300_000 },
    { ...newPrize(11), name: { "zh-CN": "谢谢参与", "en-US": "Thanks for taking part" }, kind: "nothing", points: 0, oddsPpm: 700_000, isFallback: true, color: "#d9d9d9" },
  ];
  switch (template) {
    case "wheel":
    case "scratch":
      return { ...base, entryCost: template === "wheel" ? 20 : 10, perDayLimit: 3, prizes: pool() };
    case "quiz":
      return { ...base, perDayLimit: 1, config: { questionsPerEntry: 5, timeLimitSec: 120, passMark: 4, rewardPoints: 50 }, questions: [newQuestion()] };
    case "flash_sale":
      return { ...base, endAt: start.add(1, "day").toISOString(), reservedStock: 10, config: { salePoints: 0, saleCash: 0, perMemberLimit: 1 } };
    case "sign_in":
      return { ...base, endAt: start.add(1, "month").toISOString(), config: { steps: [5, 8, 12, 15, 18, 20, 25], bonusEvery: 7, bonusPoints: 50, makeUpCost: 20, makeUpDaysBack: 7, makeUpPerMonth: 3 } };
    case "auction":
      return { ...base, endAt: start.add(2, "day").toISOString(), config: { startPrice: 1000, increment: 100, antiSnipingSec: 60, extendBySec: 60 } };
  }
}

/** A stored campaign as the form's values. */
export function valuesOf(c: CampaignDetail): CampaignFormValues {
  return {
    title: c.title,
    rules: c.rules,
    image: c.image,
    startAt: c.startAt,
    endAt: c.endAt,
    tiers: c.tiers,
    newMemberDays: c.newMemberDays,
    entryCost: c.entryCost,
    perDayLimit: c.perDayLimit,
    totalLimit: c.totalLimit,
    config: c.config,
    reservedStock: c.reservedStock,
    prizes: c.prizes.map((p) => ({ name: p.name, kind: p.kind, points: p.points, productId: p.productId, oddsPpm: p.oddsPpm, stock: p.stock, dailyRelease: p.dailyRelease, valueCents: p.valueCents, isFallback: p.isFallback, color: p.color })),
    questions: c.questions.map((q) => ({ text: q.text, kind: q.kind, options: q.options, correct: q.correct })),
  };
}

const trimText = (v: { "zh-CN"?: string; "en-US"?: string } | undefined) => ({ "zh-CN": v?.["zh-CN"]?.trim() ?? "", "en-US": v?.["en-US"]?.trim() ?? "" });
const CONFIG_KEYS: Record<Template, string[]> = {
  wheel: ["pointValueCents"],
  scratch: ["pointValueCents"],
  quiz: ["questionsPerEntry", "timeLimitSec", "passMark", "rewardPoints", "pointValueCents"],
  flash_sale: ["productId", "salePoints", "saleCash", "perMemberLimit", "pointValueCents"],
  sign_in: ["steps", "bonusEvery", "bonusPoints", "makeUpCost", "makeUpDaysBack", "makeUpPerMonth", "pointValueCents"],
  auction: ["productId", "startPrice", "increment", "antiSnipingSec", "extendBySec", "pointValueCents"],
};

/** The body for POST or PATCH: only what the template uses, prizes and questions cleaned up. */
export function campaignBody(template: Template, v: CampaignFormValues, mode: "create" | "edit"): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const k of CONFIG_KEYS[template]) if (v.config?.[k] != null) config[k] = v.config[k];
  if (Array.isArray(config.steps)) config.steps = (config.steps as (number | null)[]).map((s) => s ?? 0);
  const body: Record<string, unknown> = {
    title: trimText(v.title),
    rules: trimText(v.rules),
    image: v.image ?? "",
    startAt: v.startAt,
    endAt: v.endAt,
    tiers: v.tiers ?? [],
    newMemberDays: v.newMemberDays ?? 0,
    entryCost: template === "auction" ? 0 : (v.entryCost ?? 0),
    perDayLimit: v.perDayLimit ?? 0,
    totalLimit: v.totalLimit ?? 0,
    config,
    reservedStock: template === "flash_sale" ? (v.reservedStock ?? 0) : template === "auction" && mode === "edit" ? v.reservedStock : 0,
  };
  if (hasPool(template))
    body.prizes = (v.prizes ?? []).map((p) => ({
      name: trimText(p.name),
      kind: p.kind,
      points: p.kind === "points" ? (p.points ?? 0) : 0,
      productId: p.kind === "points" || p.kind === "nothing" ? null : (p.productId ?? null),
      oddsPpm: p.oddsPpm ?? 0,
      stock: p.isFallback ? null : (p.stock ?? null),
      dailyRelease: p.isFallback || p.stock == null ? 0 : (p.dailyRelease ?? 0),
      valueCents: p.kind === "points" || p.kind === "nothing" ? 0 : (p.valueCents ?? 0),
      isFallback: !!p.isFallback,
      color: p.color ?? "",
    }));
  if (template === "quiz")
    body.questions = (v.questions ?? []).map((q) => ({
      text: trimText(q.text),
      kind: q.kind,
      options: (q.options ?? []).map((o) => ({ id: o.id, text: trimText(o.text) })),
      correct: q.correct ?? [],
    }));
  if (mode === "create") body.template = template;
  return body;
}

const yuan = {
  getValueProps: (v: number | null | undefined) => ({ value: v == null ? v : v / 100 }),
  normalize: (v: number | null) => (v == null ? 0 : Math.round(v * 100)),
};
const oneImage = {
  getValueProps: (v: string | undefined) => ({ value: v ? [v] : [] }),
  normalize: (v: string[]) => v.at(-1) ?? "",
};
const pickerProps = { showTime: { format: "HH:mm:ss" }, format: "YYYY-MM-DD HH:mm:ss", style: { width: "100%" } } as const;

/** "New members only": a switch, and how recently they joined. */
function NewMemberDays({ value = 0, onChange, disabled }: { value?: number; onChange?: (v: number) => void; disabled?: boolean }) {
  const t = useTranslate();
  const [last, setLast] = useState(value || 30);
  return (
    <Space>
      <Switch
        checked={value > 0}
        disabled={disabled}
        onChange={(on) => onChange?.(on ? last : 0)}
        checkedChildren={t("campaigns.form.newOnly")}
        unCheckedChildren={t("campaigns.form.everyone")}
        data-testid="new-members-only"
      />
      {value > 0 && (
        <InputNumber
          min={1}
          max={3650}
          precision={0}
          value={value}
          disabled={disabled}
          addonAfter={t("campaigns.form.daysSinceJoining")}
          onChange={(v) => {
            setLast(v ?? 30);
            onChange?.(v ?? 30);
          }}
        />
      )}
    </Space>
  );
}

interface Props {
  form: FormInstance;
  template: Template;
  disabled?: boolean;
  /** The campaign being edited: its product (flash sales, auctions) for the hints. */
  campaign?: CampaignDetail;
}

/** The campaign form: the common sections, then the template's own (prize pool, question bank, sale, calendar, auction). */
export function CampaignFormFields({ form, template, disabled, campaign }: Props) {
  const t = useTranslate();
  const tierOptions = useTierOptions();
  const [picked, setPicked] = useState<Product | null>(null);
  const entryCost = (Form.useWatch("entryCost", form) as number | undefined) ?? 0;
  const steps = (Form.useWatch(["config", "steps"], form) as number[] | undefined) ?? [];
  const bonusEvery = (Form.useWatch(["config", "bonusEvery"], form) as number | undefined) ?? 0;
  const bonusPoints = (Form.useWatch(["config", "bonusPoints"], form) as number | undefined) ?? 0;
  const salePoints = (Form.useWatch(["config", "salePoints"], form) as number | undefined) ?? 0;
  const mainProduct = picked ?? (campaign?.product as unknown as Product | null) ?? null;

  const langTab = (lang: "zh-CN" | "en-US") => ({
    key: lang,
    label: t(`campaigns.form.lang.${lang}`),
    forceRender: true,
    children: (
      <>
        <Form.Item
          name={["title", lang]}
          label={t("campaigns.fields.title")}
          dependencies={[["title", lang === "zh-CN" ? "en-US" : "zh-CN"]]}
          rules={[
            { max: 60 },
            ({ getFieldValue }) => ({
              validator: async (_, v: string) => {
                if (lang === "zh-CN" && !v?.trim() && !getFieldValue(["title", "en-US"])?.trim()) throw new Error(t("campaigns.form.titleRequired"));
              },
            }),
          ]}
        >
          <Input disabled={disabled} placeholder={t(`campaigns.form.titlePlaceholder.${lang}`)} data-testid={`title-${lang}`} />
        </Form.Item>
        <Form.Item name={["rules", lang]} label={t("campaigns.fields.rules")} rules={[{ max: 4000 }]}>
          <Input.TextArea disabled={disabled} autoSize={{ minRows: 3, maxRows: 8 }} placeholder={t("campaigns.form.rulesPlaceholder")} />
        </Form.Item>
      </>
    ),
  });

  const section = (title: string, children: React.ReactNode, extra?: React.ReactNode) => (
    <Card size="small" title={title} extra={extra}>
      {children}
    </Card>
  );

  return (
    <div style={{ maxWidth: 1280, display: "grid", gap: 16 }} data-testid="campaign-form">
      <Card size="small" title={<Space><TemplateTag template={template} />{t("campaigns.form.basics")}</Space>}>
        <Row gutter={24}>
          <Col xs={24} lg={16}>
            <Tabs items={[langTab("zh-CN"), langTab("en-US")]} />
          </Col>
          <Col xs={24} lg={8}>
            <Form.Item name="image" label={t("campaigns.fields.image")} extra={t("campaigns.form.imageHint")} {...oneImage}>
              <ImageUpload disabled={disabled} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      {section(
        t("campaigns.form.windowAndEntry"),
        <Row gutter={24}>
          <Col xs={24} md={12} lg={6}>
            <Form.Item name="startAt" label={t("campaigns.fields.startAt")} rules={[{ required: true, message: t("campaigns.form.startRequired") }]} {...shanghaiTimeItem} extra={t("campaigns.form.tzHint")}>
              <DatePicker {...pickerProps} disabled={disabled} data-testid="start-at" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={6}>
            <Form.Item
              name="endAt"
              label={t("campaigns.fields.endAt")}
              dependencies={["startAt"]}
              rules={[
                { required: true, message: t("campaigns.form.endRequired") },
                ({ getFieldValue }) => ({
                  validator: async (_, end: string | null) => {
                    const start = getFieldValue("startAt") as string | null;
                    if (start && end && new Date(end) <= new Date(start)) throw new Error(t("campaigns.form.endAfterStart"));
                  },
                }),
              ]}
              {...shanghaiTimeItem}
            >
              <DatePicker {...pickerProps} disabled={disabled} defaultPickerValue={shanghaiNow()} data-testid="end-at" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={6}>
            <Form.Item name="tiers" label={t("campaigns.fields.tiers")} extra={t("campaigns.form.tiersHint")}>
              <Select mode="multiple" allowClear disabled={disabled} options={tierOptions} placeholder={t("campaigns.form.allTiers")} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={6}>
            <Form.Item name="newMemberDays" label={t("campaigns.fields.newMemberDays")}>
              <NewMemberDays disabled={disabled} />
            </Form.Item>
          </Col>
          {template !== "auction" && template !== "sign_in" && template !== "flash_sale" && (
            <Col xs={24} md={8} lg={6}>
              <Form.Item name="entryCost" label={t("campaigns.fields.entryCost")} extra={t("campaigns.form.entryCostHint")}>
                <InputNumber disabled={disabled} min={0} max={1_000_000} precision={0} addonAfter={t("campaigns.pointsUnit")} style={{ width: "100%" }} data-testid="entry-cost" />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} md={8} lg={6}>
            <Form.Item name="perDayLimit" label={t(`campaigns.fields.perDayLimit`)} extra={t("campaigns.form.noLimitHint")}>
              <InputNumber disabled={disabled} min={0} max={10_000} precision={0} style={{ width: "100%" }} data-testid="per-day-limit" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8} lg={6}>
            <Form.Item name="totalLimit" label={t("campaigns.fields.totalLimit")} extra={t("campaigns.form.noLimitHint")}>
              <InputNumber disabled={disabled} min={0} max={100_000} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>,
      )}

      {hasPool(template) &&
        section(
          t("campaigns.pool.title"),
          <>
            <Typography.Paragraph type="secondary">{t("campaigns.pool.intro")}</Typography.Paragraph>
            <PrizePoolEditor form={form} disabled={disabled} entryCost={entryCost} />
            <Row gutter={24} style={{ marginTop: 16 }}>
              <Col xs={24} md={8}>
                <Form.Item name={["config", "pointValueCents"]} label={t("campaigns.fields.pointValue")} extra={t("campaigns.form.pointValueHint")}>
                  <InputNumber disabled={disabled} min={0} max={100} step={0.1} placeholder="1" addonAfter={t("campaigns.form.centsPerPoint")} style={{ width: "100%" }} />
                </Form.Item>
              </Col>
            </Row>
          </>,
        )}

      {template === "quiz" && (
        <>
          {section(
            t("campaigns.quiz.settings"),
            <Row gutter={24}>
              <Col xs={12} md={6}>
                <Form.Item name={["config", "questionsPerEntry"]} label={t("campaigns.fields.questionsPerEntry")}>
                  <InputNumber disabled={disabled} min={1} max={50} precision={0} style={{ width: "100%" }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={["config", "passMark"]} label={t("campaigns.fields.passMark")} dependencies={[["config", "questionsPerEntry"]]} rules={[({ getFieldValue }) => ({ validator: async (_, v: number) => { if (v > (getFieldValue(["config", "questionsPerEntry"]) ?? 0)) throw new Error(t("campaigns.quiz.passMarkTooHigh")); } })]}>
                  <InputNumber disabled={disabled} min={1} max={50} precision={0} style={{ width: "100%" }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={["config", "timeLimitSec"]} label={t("campaigns.fields.timeLimitSec")}>
                  <InputNumber disabled={disabled} min={10} max={3600} precision={0} addonAfter={t("campaigns.form.seconds")} style={{ width: "100%" }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={["config", "rewardPoints"]} label={t("campaigns.fields.rewardPoints")}>
                  <InputNumber disabled={disabled} min={0} max={1_000_000} precision={0} addonAfter={t("campaigns.pointsUnit")} style={{ width: "100%" }} />
                </Form.Item>
              </Col>
            </Row>,
          )}
          {section(t("campaigns.quiz.bank"), <QuestionBankEditor form={form} disabled={disabled} />)}
        </>
      )}

      {template === "flash_sale" &&
        section(
          t("campaigns.flash.title"),
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item
                name={["config", "productId"]}
                label={t("campaigns.fields.product")}
                rules={[{ required: true, message: t("campaigns.form.chooseProduct") }]}
                extra={mainProduct ? t("campaigns.flash.productHint", { points: formatCount(mainProduct.pointsPrice), stock: formatCount(mainProduct.stock) }) : undefined}
              >
                <ProductSelect disabled={disabled} onProduct={setPicked} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item
                name={["config", "salePoints"]}
                label={t("campaigns.fields.salePoints")}
                extra={mainProduct && salePoints > 0 && mainProduct.pointsPrice ? t("campaigns.flash.discount", { pct: Math.round((salePoints / mainProduct.pointsPrice) * 100) }) : undefined}
              >
                <InputNumber disabled={disabled} min={0} max={10_000_000} precision={0} addonAfter={t("campaigns.pointsUnit")} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={["config", "saleCash"]} label={t("campaigns.fields.saleCash")} {...yuan}>
                <InputNumber disabled={disabled} min={0} max={1_000_000} precision={2} addonBefore="¥" style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="reservedStock" label={t("campaigns.fields.reservedStock")} extra={t("campaigns.flash.reservedHint")} rules={[{ required: true, type: "number", min: 1, message: t("campaigns.flash.reservedRequired") }]}>
                <InputNumber disabled={disabled} min={0} max={1_000_000} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={["config", "perMemberLimit"]} label={t("campaigns.fields.perMemberLimit")} extra={t("campaigns.form.noLimitHint")}>
                <InputNumber disabled={disabled} min={0} max={1000} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          </Row>,
        )}

      {template === "sign_in" &&
        section(
          t("campaigns.signIn.title"),
          <>
            <Typography.Paragraph type="secondary">{t("campaigns.signIn.intro")}</Typography.Paragraph>
            <Form.List name={["config", "steps"]}>
              {(fields, { add, remove }) => (
                <Space wrap align="start" style={{ marginBottom: 16 }}>
                  {fields.map((f, i) => (
                    <Space.Compact key={f.key}>
                      <Form.Item name={f.name} noStyle>
                        <InputNumber disabled={disabled} min={0} max={100_000} precision={0} addonBefore={t("campaigns.signIn.dayN", { n: i + 1 })} style={{ width: 150 }} />
                      </Form.Item>
                      {!disabled && fields.length > 1 && i === fields.length - 1 && <Typography.Link onClick={() => remove(f.name)} style={{ padding: "4px 8px" }}>×</Typography.Link>}
                    </Space.Compact>
                  ))}
                  {!disabled && fields.length < 31 && (
                    <Typography.Link onClick={() => add(steps.at(-1) ?? 5)} style={{ lineHeight: "32px" }}>
                      + {t("campaigns.signIn.addDay")}
                    </Typography.Link>
                  )}
                </Space>
              )}
            </Form.List>
            <Row gutter={24}>
              <Col xs={12} md={6}>
                <Form.Item name={["config", "bonusEvery"]} label={t("campaigns.fields.bonusEvery")} extra={t("campaigns.signIn.bonusEveryHint")}>
                  <InputNumber disabled={disabled} min={0} max={31} precision={0} addonAfter={t("campaigns.form.days")} style={{ width: "100%" }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={6}>
                <Form.Item name={["config", "bonusPoints"]} label={t("campaigns.fields.bonusPoints")}>
                  <InputNumber disabled={disabled} min={0} max={100_000} precision={0} addonAfter={t("campaigns.pointsUnit")} style={{ width: "100%" }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name={["config", "makeUpCost"]} label={t("campaigns.fields.makeUpCost")}>
                  <InputNumber disabled={disabled} min={0} max={100_000} precision={0} addonAfter={t("campaigns.pointsUnit")} style={{ width: "100%" }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name={["config", "makeUpDaysBack"]} label={t("campaigns.fields.makeUpDaysBack")}>
                  <InputNumber disabled={disabled} min={0} max={31} precision={0} addonAfter={t("campaigns.form.days")} style={{ width: "100%" }} />
                </Form.Item>
              </Col>
              <Col xs={12} md={4}>
                <Form.Item name={["config", "makeUpPerMonth"]} label={t("campaigns.fields.makeUpPerMonth")}>
                  <InputNumber disabled={disabled} min={0} max={31} precision={0} style={{ width: "100%" }} />
                </Form.Item>
              </Col>
            </Row>
            <Space wrap size={4} data-testid="streak-preview">
              <Typography.Text type="secondary">{t("campaigns.signIn.preview")}</Typography.Text>
              {Array.from({ length: Math.max(7, bonusEvery || 0, steps.length) }, (_, i) => {
                const n = i + 1;
                const pts = (steps[Math.min(n, steps.length) - 1] ?? 0) + (bonusEvery > 0 && n % bonusEvery === 0 ? bonusPoints : 0);
                return (
                  <Tag key={n} color={bonusEvery > 0 && n % bonusEvery === 0 ? "gold" : undefined}>
                    {t("campaigns.signIn.dayN", { n })}: {pts}
                  </Tag>
                );
              })}
            </Space>
          </>,
        )}

      {template === "auction" &&
        section(
          t("campaigns.auction.title"),
          <Row gutter={24}>
            <Col xs={24} md={12}>
              <Form.Item
                name={["config", "productId"]}
                label={t("campaigns.fields.product")}
                rules={[{ required: true, message: t("campaigns.form.chooseProduct") }]}
                extra={mainProduct ? t("campaigns.auction.productHint", { points: formatCount(mainProduct.pointsPrice), stock: formatCount(mainProduct.stock), cost: formatCents(mainProduct.costCents ?? 0) }) : t("campaigns.auction.oneUnit")}
              >
                <ProductSelect disabled={disabled} onProduct={setPicked} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={["config", "startPrice"]} label={t("campaigns.fields.startPrice")}>
                <InputNumber disabled={disabled} min={1} max={100_000_000} precision={0} addonAfter={t("campaigns.pointsUnit")} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={["config", "increment"]} label={t("campaigns.fields.increment")}>
                <InputNumber disabled={disabled} min={1} max={10_000_000} precision={0} addonAfter={t("campaigns.pointsUnit")} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={["config", "antiSnipingSec"]} label={t("campaigns.fields.antiSnipingSec")} extra={t("campaigns.auction.antiSnipingHint")}>
                <InputNumber disabled={disabled} min={0} max={3600} precision={0} addonAfter={t("campaigns.form.seconds")} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name={["config", "extendBySec"]} label={t("campaigns.fields.extendBySec")}>
                <InputNumber disabled={disabled} min={0} max={3600} precision={0} addonAfter={t("campaigns.form.seconds")} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          </Row>,
        )}
    </div>
  );
}
