import { useSelect } from "@refinedev/antd";
import { useApiUrl, useCan, useCustom, useGetIdentity, useTranslate } from "@refinedev/core";
import { Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Tabs, TreeSelect, Typography, type FormInstance } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { Identity } from "../../providers/auth-provider";
import { usePreferences } from "../../providers/preferences";
import { HtmlEditor } from "./html-editor";
import { ImageUpload } from "./image-upload";
import { ProductTypeTag } from "./product-bits";
import { PRODUCT_TYPES, type LocalText, type Product, type ProductType } from "./types";
import { useCategories } from "./use-categories";

/** The form's values: the API's fields (cents and ISO times are converted by the form items). */
export interface ProductFormValues {
  supplierId?: number;
  type: ProductType;
  categoryId?: number | null;
  name: LocalText;
  description: LocalText;
  images: string[];
  tags: string[];
  pointsPrice: number;
  cashPrice: number;
  costCents: number;
  stock: number;
  lowStockThreshold: number;
  perMemberLimit: number;
  minTier?: string;
  saleStart?: string | null;
  saleEnd?: string | null;
  fulfilment?: { endpoint: string; productCode: string } | null;
  sortOrder?: number;
}

export const newProductDefaults: Partial<ProductFormValues> = {
  type: "physical",
  name: { "zh-CN": "", "en-US": "" },
  description: { "zh-CN": "", "en-US": "" },
  images: [],
  tags: [],
  cashPrice: 0,
  costCents: 0,
  stock: 0,
  lowStockThreshold: 10,
  perMemberLimit: 0,
  minTier: "",
};

/** The body for POST (creating) or PATCH (the type and the supplier are fixed once created). */
export function productBody(v: ProductFormValues, mode: "create" | "edit", isSupplier: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    categoryId: v.categoryId ?? null,
    name: { "zh-CN": v.name?.["zh-CN"]?.trim() ?? "", "en-US": v.name?.["en-US"]?.trim() ?? "" },
    description: { "zh-CN": v.description?.["zh-CN"] ?? "", "en-US": v.description?.["en-US"] ?? "" },
    images: v.images ?? [],
    tags: v.tags ?? [],
    pointsPrice: v.pointsPrice ?? 0,
    cashPrice: v.cashPrice ?? 0,
    costCents: v.costCents ?? 0,
    lowStockThreshold: v.lowStockThreshold ?? 0,
    perMemberLimit: v.perMemberLimit ?? 0,
    minTier: v.minTier ?? "",
    saleStart: v.saleStart ?? null,
    saleEnd: v.saleEnd ?? null,
  };
  // A coupon product's stock is its code pool.
  if (v.type !== "coupon") body.stock = v.stock ?? 0;
  if (v.type === "virtual") body.fulfilment = v.fulfilment ? { endpoint: v.fulfilment.endpoint?.trim(), productCode: v.fulfilment.productCode?.trim() } : null;
  if (!isSupplier && v.sortOrder != null) body.sortOrder = v.sortOrder;
  if (mode === "create") {
    body.type = v.type;
    if (!isSupplier) body.supplierId = v.supplierId;
  }
  return body;
}

const DEFAULT_TIERS = ["normal", "silver", "gold", "diamond"];

/** Tier choices: the mall's tiers when the role may read them, the default ones otherwise. */
function useTierOptions() {
  const t = useTranslate();
  const apiUrl = useApiUrl();
  const { locale } = usePreferences();
  const { data: can } = useCan({ resource: "members", action: "list" });
  const { result, query } = useCustom<{ tiers: { code: string; name: LocalText }[] }>({
    url: `${apiUrl}/members/policy`,
    method: "get",
    queryOptions: { enabled: !!can?.can, staleTime: 60_000 },
    errorNotification: false,
  });
  const tiers = query.data ? result.data.tiers : DEFAULT_TIERS.map((code) => ({ code, name: { "zh-CN": t(`products.tiers.${code}`), "en-US": t(`products.tiers.${code}`) } }));
  return [{ value: "", label: t("products.form.everyone") }, ...tiers.map((tier) => ({ value: tier.code, label: tier.name[locale] || tier.code }))];
}

const yuan = {
  getValueProps: (v: number | null | undefined) => ({ value: v == null ? v : v / 100 }),
  normalize: (v: number | null) => (v == null ? 0 : Math.round(v * 100)),
};
const isoTime = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (v: Dayjs | null) => (v ? v.toISOString() : null),
};

interface Props {
  form: FormInstance;
  mode: "create" | "edit";
  product?: Product;
}

export function ProductFormFields({ form, mode, product }: Props) {
  const t = useTranslate();
  const { data: me } = useGetIdentity<Identity>();
  const isSupplier = me?.role === "supplier";
  const type = (Form.useWatch("type", form) as ProductType | undefined) ?? product?.type ?? "physical";
  const { tree } = useCategories();
  const tierOptions = useTierOptions();
  const { selectProps: supplierSelect } = useSelect({
    resource: "suppliers",
    optionLabel: "name",
    optionValue: "id",
    pagination: { mode: "off" },
    queryOptions: { enabled: mode === "create" && !!me && !isSupplier },
  });

  const langTab = (lang: "zh-CN" | "en-US") => ({
    key: lang,
    label: t(`products.form.lang.${lang}`),
    forceRender: true,
    children: (
      <>
        <Form.Item
          name={["name", lang]}
          label={t("products.fields.name")}
          dependencies={[["name", lang === "zh-CN" ? "en-US" : "zh-CN"]]}
          rules={[
            { max: 100 },
            ({ getFieldValue }) => ({
              validator: async (_, v: string) => {
                if (lang === "zh-CN" && !v?.trim() && !getFieldValue(["name", "en-US"])?.trim()) throw new Error(t("products.form.nameRequired"));
              },
            }),
          ]}
        >
          <Input placeholder={t(`products.form.namePlaceholder.${lang}`)} data-testid={`name-${lang}`} />
        </Form.Item>
        <Form.Item name={["description", lang]} label={t("products.fields.description")}>
          <HtmlEditor testId={`description-${lang}`} />
        </Form.Item>
      </>
    ),
  });

  return (
    <div style={{ maxWidth: 1080, display: "grid", gap: 16 }}>
      <Card size="small" title={t("products.form.basics")}>
        <Row gutter={24}>
          {mode === "create" && !isSupplier && (
            <Col xs={24} md={12}>
              <Form.Item name="supplierId" label={t("products.fields.supplier")} rules={[{ required: true, message: t("products.form.supplierRequired") }]}>
                <Select {...supplierSelect} showSearch placeholder={t("products.form.chooseSupplier")} data-testid="supplier-select" />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="type" label={t("products.fields.type")} extra={mode === "edit" ? t("products.form.typeFixed") : t(`products.typeHints.${type}`)}>
              <Radio.Group disabled={mode === "edit"} optionType="button" buttonStyle="solid" options={PRODUCT_TYPES.map((p) => ({ value: p, label: t(`products.types.${p}`) }))} data-testid="type-radio" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="categoryId" label={t("products.fields.category")}>
              <TreeSelect treeData={tree} allowClear treeDefaultExpandAll placeholder={t("products.form.chooseCategory")} data-testid="category-select" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="tags" label={t("products.fields.tags")} extra={t("products.form.tagsHint")}>
              <Select mode="tags" maxCount={10} tokenSeparators={[",", "，"]} open={false} suffixIcon={null} placeholder={t("products.form.tagsPlaceholder")} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t("products.form.nameAndDescription")}>
        <Tabs items={[langTab("zh-CN"), langTab("en-US")]} />
      </Card>

      <Card size="small" title={t("products.fields.images")}>
        <Form.Item name="images" extra={t("products.images.hint")} style={{ marginBottom: 0 }}>
          <ImageUpload />
        </Form.Item>
      </Card>

      <Card size="small" title={t("products.form.priceAndStock")}>
        <Row gutter={24}>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="pointsPrice" label={t("products.fields.pointsPrice")} rules={[{ required: true, message: t("products.form.pointsRequired") }]}>
              <InputNumber min={0} max={10_000_000} precision={0} step={100} style={{ width: "100%" }} addonAfter={t("products.pointsUnit")} data-testid="points-price" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="cashPrice" label={t("products.fields.cashPrice")} extra={t("products.form.cashHint")} {...yuan}>
              <InputNumber min={0} max={1_000_000} precision={2} step={1} style={{ width: "100%" }} addonBefore="¥" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="costCents" label={t("products.fields.costCents")} extra={t("products.form.costHint")} {...yuan}>
              <InputNumber min={0} max={1_000_000} precision={2} step={1} style={{ width: "100%" }} addonBefore="¥" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="stock" label={t("products.fields.stock")} extra={type === "coupon" ? t("products.form.couponStock") : undefined}>
              <InputNumber min={0} max={10_000_000} precision={0} style={{ width: "100%" }} disabled={type === "coupon"} data-testid="stock" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="lowStockThreshold" label={t("products.fields.lowStockThreshold")} extra={t("products.form.lowStockHint")}>
              <InputNumber min={0} max={10_000_000} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="perMemberLimit" label={t("products.fields.perMemberLimit")} extra={t("products.form.limitHint")}>
              <InputNumber min={0} max={10_000} precision={0} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card size="small" title={t("products.form.saleRules")}>
        <Row gutter={24}>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="saleStart" label={t("products.fields.saleStart")} extra={t("products.form.saleStartHint")} {...isoTime}>
              <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item
              name="saleEnd"
              label={t("products.fields.saleEnd")}
              extra={t("products.form.saleEndHint")}
              dependencies={["saleStart"]}
              rules={[
                ({ getFieldValue }) => ({
                  validator: async (_, end: string | null) => {
                    const start = getFieldValue("saleStart") as string | null;
                    if (start && end && new Date(end) <= new Date(start)) throw new Error(t("products.form.endAfterStart"));
                  },
                }),
              ]}
              {...isoTime}
            >
              <DatePicker showTime={{ format: "HH:mm" }} format="YYYY-MM-DD HH:mm" style={{ width: "100%" }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={8}>
            <Form.Item name="minTier" label={t("products.fields.minTier")}>
              <Select options={tierOptions} />
            </Form.Item>
          </Col>
          {!isSupplier && (
            <Col xs={24} sm={12} md={8}>
              <Form.Item name="sortOrder" label={t("products.fields.sortOrder")} extra={t("products.form.sortHint")}>
                <InputNumber min={0} max={1_000_000} precision={0} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Card>

      {type === "virtual" && (
        <Card size="small" title={<ProductTypeTag type="virtual" />} extra={<Typography.Text type="secondary">{t("products.form.fulfilmentTitle")}</Typography.Text>}>
          <Row gutter={24}>
            <Col xs={24} md={14}>
              <Form.Item
                name={["fulfilment", "endpoint"]}
                label={t("products.fields.endpoint")}
                extra={t("products.form.endpointHint")}
                rules={[
                  { required: true, message: t("products.form.endpointRequired") },
                  { pattern: /^(https?:\/\/\S+|\/sandbox\/[A-Za-z0-9/_-]+)$/, message: t("products.form.endpointPattern") },
                ]}
              >
                <Input placeholder="https://api.supplier.example/pointmall/fulfil" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item
                name={["fulfilment", "productCode"]}
                label={t("products.fields.productCode")}
                rules={[
                  { required: true, message: t("products.form.productCodeRequired") },
                  { pattern: /^[A-Za-z0-9._-]{1,64}$/, message: t("products.form.productCodePattern") },
                ]}
              >
                <Input placeholder="TOPUP-CM-50" />
              </Form.Item>
            </Col>
          </Row>
        </Card>
      )}
      {type === "coupon" && mode === "create" && (
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t("products.form.couponAfterCreate")}
        </Typography.Paragraph>
      )}
    </div>
  );
}
