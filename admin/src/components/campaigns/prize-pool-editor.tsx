import { lazy, Suspense, useEffect } from "react";
import { useTranslate } from "@refinedev/core";
import { Alert, Button, Card, Col, ColorPicker, Form, Input, InputNumber, Radio, Row, Select, Skeleton, Space, Tag, Tooltip, Typography, theme, type FormInstance } from "antd";
import { CheckCircleFilled, DeleteOutlined, ExclamationCircleFilled, PlusOutlined, ThunderboltOutlined } from "@ant-design/icons";
import { formatYuan } from "../catalog/product-bits";
import { ProductSelect } from "./product-select";
import { formatPercent, oddsItemProps, PPM, sumPpm } from "./odds";
import { PRIZE_KINDS, type PrizeKind } from "./types";
import type { ProductType } from "../catalog/types";

const OddsDonut = lazy(() => import("./odds-donut"));

export const PRIZE_COLORS = ["#f5222d", "#fa8c16", "#fadb14", "#52c41a", "#13c2c2", "#1677ff", "#722ed1", "#eb2f96", "#a0d911", "#2f54eb", "#fa541c"];
export const FALLBACK_COLOR = "#d9d9d9";
export const MAX_PRIZES = 12;

/** The product type a prize of each kind gives away. */
export const PRODUCT_TYPE_OF: Partial<Record<PrizeKind, ProductType>> = { product: "physical", coupon: "coupon", virtual: "virtual" };

export interface PrizeFormValue {
  name: { "zh-CN": string; "en-US": string };
  kind: PrizeKind;
  points: number;
  productId: number | null;
  oddsPpm: number;
  stock: number | null;
  dailyRelease: number;
  valueCents: number;
  isFallback: boolean;
  color: string;
}

export const newPrize = (i: number): PrizeFormValue => ({
  name: { "zh-CN": "", "en-US": "" },
  kind: "points",
  points: 10,
  productId: null,
  oddsPpm: 0,
  stock: null,
  dailyRelease: 0,
  valueCents: 0,
  isFallback: false,
  color: PRIZE_COLORS[i % PRIZE_COLORS.length],
});

const yuan = {
  getValueProps: (v: number | null | undefined) => ({ value: v == null ? v : v / 100 }),
  normalize: (v: number | null) => (v == null ? 0 : Math.round(v * 100)),
};
/** 0 means "no daily cap": shown as an empty box with the placeholder. */
const zeroAsEmpty = {
  getValueProps: (v: number | null | undefined) => ({ value: v ? v : null }),
  normalize: (v: number | null) => v ?? 0,
};
const hex = { getValueFromEvent: (c: { toHexString(): string }) => c.toHexString() };

/** What one prize costs the mall: goods at their value, points at the point's value. */
export const prizeValueCents = (p: Partial<PrizeFormValue> | undefined, pointValueCents: number) =>
  !p ? 0 : p.kind === "points" ? (p.points ?? 0) * pointValueCents : p.kind === "nothing" ? 0 : (p.valueCents ?? 0);

/**
 * The prize pool of a wheel or scratch card: kind, names, points or product, odds (as percentages,
 * stored in ppm), stock, daily release, value, the fallback, colour. The running sum of the odds and
 * a donut sit beside it; the form refuses to save until the odds add up to exactly 100%.
 */
export function PrizePoolEditor({ form, disabled, entryCost }: { form: FormInstance; disabled?: boolean; entryCost: number }) {
  const t = useTranslate();
  const { token } = theme.useToken();
  const prizes = (Form.useWatch("prizes", form) as PrizeFormValue[] | undefined) ?? [];
  const pointValue = (Form.useWatch(["config", "pointValueCents"], form) as number | undefined) ?? 1;
  const sum = sumPpm(prizes);
  const exact = sum === PPM;
  const fallbackIndex = prizes.findIndex((p) => p?.isFallback);
  const costPerEntry = prizes.reduce((s, p) => s + ((p?.oddsPpm ?? 0) / PPM) * prizeValueCents(p, pointValue), 0);

  // A pool error shown on save goes away (or changes) as soon as the odds are edited.
  useEffect(() => {
    if (form.getFieldError("prizes").length) void form.validateFields(["prizes"]).catch(() => undefined);
  }, [form, sum, fallbackIndex, prizes.length]);

  const setFallback = (index: number) => {
    const list = (form.getFieldValue("prizes") as PrizeFormValue[]).map((p, i) => ({ ...p, isFallback: i === index, ...(i === index ? { stock: null, dailyRelease: 0, kind: p.kind === "points" ? p.kind : ("nothing" as const), productId: p.kind === "points" ? p.productId : null } : {}) }));
    form.setFieldValue("prizes", list);
  };
  const giveRestToFallback = () => {
    if (fallbackIndex < 0) return;
    form.setFieldValue(["prizes", fallbackIndex, "oddsPpm"], Math.max(0, (prizes[fallbackIndex]?.oddsPpm ?? 0) + PPM - sum));
    void form.validateFields(["prizes"]).catch(() => undefined);
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        <Form.List
          name="prizes"
          rules={[
            {
              validator: async (_, list: PrizeFormValue[] | undefined) => {
                const items = list ?? [];
                if (items.length < 2) throw new Error(t("campaigns.pool.atLeastTwo"));
                if (items.filter((p) => p?.isFallback).length !== 1) throw new Error(t("campaigns.pool.oneFallback"));
                const total = sumPpm(items);
                if (total !== PPM) throw new Error(t("campaigns.pool.sumNot100", { sum: formatPercent(total) }));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Space direction="vertical" style={{ width: "100%" }} size={12}>
              {fields.map((field, index) => {
                const p = prizes[index] ?? ({} as PrizeFormValue);
                const productType = PRODUCT_TYPE_OF[p.kind];
                const isFallback = !!p.isFallback;
                return (
                  <Card
                    key={field.key}
                    size="small"
                    data-testid={`prize-row-${index}`}
                    styles={{ body: { paddingBottom: 0 } }}
                    style={{ borderInlineStart: `4px solid ${p.color || FALLBACK_COLOR}` }}
                    title={
                      <Space size={8}>
                        <Form.Item name={[field.name, "color"]} noStyle {...hex}>
                          <ColorPicker size="small" disabled={disabled} presets={[{ label: t("campaigns.pool.palette"), colors: [...PRIZE_COLORS, FALLBACK_COLOR] }]} />
                        </Form.Item>
                        <Typography.Text strong>{t("campaigns.pool.prizeN", { n: index + 1 })}</Typography.Text>
                        {isFallback && <Tag color="default">{t("campaigns.pool.fallbackTag")}</Tag>}
                        <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: "normal" }}>
                          {formatPercent(p.oddsPpm ?? 0)}
                        </Typography.Text>
                      </Space>
                    }
                    extra={
                      <Space size={12}>
                        <Tooltip title={t("campaigns.pool.fallbackHint")}>
                          <Radio checked={isFallback} disabled={disabled} onChange={() => setFallback(index)} data-testid={`prize-fallback-${index}`}>
                            {t("campaigns.fields.isFallback")}
                          </Radio>
                        </Tooltip>
                        {!disabled && (
                          <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t("campaigns.pool.remove")} data-testid={`prize-remove-${index}`} />
                        )}
                      </Space>
                    }
                  >
                    <Form.Item name={[field.name, "isFallback"]} hidden>
                      <Input />
                    </Form.Item>
                    <Row gutter={12}>
                      <Col xs={24} sm={8} md={5}>
                        <Form.Item name={[field.name, "kind"]} label={t("campaigns.fields.kind")}>
                          <Select
                            disabled={disabled}
                            data-testid={`prize-kind-${index}`}
                            options={PRIZE_KINDS.filter((k) => !isFallback || k === "points" || k === "nothing").map((k) => ({ value: k, label: t(`campaigns.prizeKinds.${k}`) }))}
                            onChange={(k: PrizeKind) => {
                              form.setFieldValue(["prizes", field.name, "productId"], null);
                              if (k === "nothing") form.setFieldValue(["prizes", field.name, "valueCents"], 0);
                            }}
                          />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={16} md={10}>
                        <Form.Item
                          name={[field.name, "name", "zh-CN"]}
                          label={t("campaigns.fields.prizeNameZh")}
                          rules={[{ max: 40 }, { validator: async (_, v: string) => { if (!v?.trim() && !form.getFieldValue(["prizes", field.name, "name", "en-US"])?.trim()) throw new Error(t("campaigns.form.nameRequired")); } }]}
                        >
                          <Input disabled={disabled} placeholder={t("campaigns.pool.namePlaceholderZh")} />
                        </Form.Item>
                      </Col>
                      <Col xs={24} md={9}>
                        <Form.Item name={[field.name, "name", "en-US"]} label={t("campaigns.fields.prizeNameEn")} rules={[{ max: 40 }]}>
                          <Input disabled={disabled} placeholder={t("campaigns.pool.namePlaceholderEn")} />
                        </Form.Item>
                      </Col>
                      {p.kind === "points" && (
                        <Col xs={12} md={5}>
                          <Form.Item name={[field.name, "points"]} label={t("campaigns.fields.points")} rules={[{ required: true, type: "number", min: 1, message: t("campaigns.pool.pointsRequired") }]}>
                            <InputNumber disabled={disabled} min={1} max={1_000_000} precision={0} style={{ width: "100%" }} />
                          </Form.Item>
                        </Col>
                      )}
                      {productType && (
                        <Col xs={24} md={10}>
                          <Form.Item name={[field.name, "productId"]} label={t(`campaigns.pool.productOf.${p.kind}`)} rules={[{ required: true, message: t("campaigns.form.chooseProduct") }]}>
                            <ProductSelect
                              type={productType}
                              disabled={disabled}
                              onProduct={(product) => {
                                const path = ["prizes", field.name];
                                const current = form.getFieldValue(path) as PrizeFormValue;
                                form.setFieldValue([...path, "valueCents"], product.costCents);
                                if (!current.name?.["zh-CN"] && !current.name?.["en-US"]) form.setFieldValue([...path, "name"], product.name);
                              }}
                            />
                          </Form.Item>
                        </Col>
                      )}
                      <Col xs={12} md={5}>
                        <Form.Item name={[field.name, "oddsPpm"]} label={t("campaigns.fields.odds")} {...oddsItemProps} rules={[{ required: true, message: t("campaigns.pool.oddsRequired") }]}>
                          <InputNumber disabled={disabled} min={0} max={100} step={1} addonAfter="%" style={{ width: "100%" }} data-testid={`prize-odds-${index}`} />
                        </Form.Item>
                      </Col>
                      {p.kind !== "nothing" && p.kind !== "points" && (
                        <Col xs={12} md={4}>
                          <Form.Item name={[field.name, "valueCents"]} label={t("campaigns.fields.value")} {...yuan} tooltip={t("campaigns.pool.valueHint")}>
                            <InputNumber disabled={disabled} min={0} max={1_000_000} precision={2} addonBefore="¥" style={{ width: "100%" }} />
                          </Form.Item>
                        </Col>
                      )}
                      {!isFallback && (
                        <Col xs={12} md={4}>
                          <Form.Item name={[field.name, "stock"]} label={t("campaigns.fields.stock")} tooltip={t("campaigns.pool.stockHint")}>
                            <InputNumber disabled={disabled} min={0} max={10_000_000} precision={0} placeholder={t("campaigns.pool.unlimited")} style={{ width: "100%" }} />
                          </Form.Item>
                        </Col>
                      )}
                      {!isFallback && p.stock != null && (
                        <Col xs={12} md={4}>
                          <Form.Item name={[field.name, "dailyRelease"]} label={t("campaigns.fields.dailyRelease")} tooltip={t("campaigns.pool.dailyReleaseHint")} {...zeroAsEmpty}>
                            <InputNumber disabled={disabled} min={0} max={1_000_000} precision={0} placeholder={t("campaigns.pool.noDailyRelease")} style={{ width: "100%" }} />
                          </Form.Item>
                        </Col>
                      )}
                    </Row>
                  </Card>
                );
              })}
              <div style={{ color: token.colorError }} data-testid="pool-errors">
                <Form.ErrorList errors={errors} />
              </div>
              {!disabled && fields.length < MAX_PRIZES && (
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add(newPrize(fields.length))} data-testid="add-prize">
                  {t("campaigns.pool.add", { n: fields.length, max: MAX_PRIZES })}
                </Button>
              )}
            </Space>
          )}
        </Form.List>
      </Col>
      <Col xs={24} xl={8}>
        <div style={{ position: "sticky", top: 80, display: "grid", gap: 12 }}>
          <Card size="small" data-testid="odds-sum" data-sum={sum}>
            <Space align="start">
              {exact ? <CheckCircleFilled style={{ color: token.colorSuccess, fontSize: 22 }} /> : <ExclamationCircleFilled style={{ color: token.colorError, fontSize: 22 }} />}
              <div>
                <Typography.Text type="secondary">{t("campaigns.pool.sum")}</Typography.Text>
                <div style={{ fontSize: 24, fontWeight: 600, color: exact ? token.colorSuccess : token.colorError, fontVariantNumeric: "tabular-nums" }} data-testid="odds-sum-value">
                  {formatPercent(sum)}
                </div>
                <Typography.Text type={exact ? "success" : "danger"}>
                  {exact ? t("campaigns.pool.sumOk") : sum < PPM ? t("campaigns.pool.sumUnder", { left: formatPercent(PPM - sum) }) : t("campaigns.pool.sumOver", { over: formatPercent(sum - PPM) })}
                </Typography.Text>
              </div>
            </Space>
            {!exact && !disabled && fallbackIndex >= 0 && sum < PPM + (prizes[fallbackIndex]?.oddsPpm ?? 0) && (
              <div style={{ marginTop: 8 }}>
                <Button size="small" icon={<ThunderboltOutlined />} onClick={giveRestToFallback} data-testid="rest-to-fallback">
                  {t("campaigns.pool.restToFallback", { odds: formatPercent(Math.max(0, (prizes[fallbackIndex]?.oddsPpm ?? 0) + PPM - sum)) })}
                </Button>
              </div>
            )}
          </Card>
          <Card size="small" title={t("campaigns.pool.chartTitle")}>
            <Suspense fallback={<Skeleton.Node active style={{ width: "100%", height: 220 }} />}>
              <OddsDonut prizes={prizes.filter(Boolean)} />
            </Suspense>
          </Card>
          <Alert
            type="info"
            showIcon
            message={t("campaigns.pool.costPreview", { cost: formatYuan(costPerEntry), points: entryCost, value: formatYuan(entryCost * pointValue) })}
            description={t("campaigns.pool.costPreviewHint")}
          />
        </div>
      </Col>
    </Row>
  );
}
